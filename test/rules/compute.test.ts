// Rules of the compute tier: the ECS service, its task definition and containers, auto scaling and
// the async worker (claims C19-C34).
import { expect } from 'vitest';
import type { AlarmProps, ScalingPolicyProps } from '../../src/graph/resource-types.js';
import { testRule, like, type Case, type Fixture, onlyFail, expectFail, expectMissing, type Edge, type Net, withProps, without, withoutNodes, plus, c } from './rule-tester.js';


const A = 'us-east-1a';
const B = 'us-east-1b';
const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:shopflow/database-url-AbCdEf';

const API_CONTAINER = {
  name: 'api',
  imageRepository: 'shopflow/api',
  portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
  environmentNames: ['NODE_ENV', 'LOG_LEVEL'],
  credentialLikeEnvironmentNames: [],
  environmentValues: { NODE_ENV: 'production' },
  secretNames: ['DATABASE_URL'],
  secrets: [{ name: 'DATABASE_URL', valueFrom: SECRET_ARN }],
  logDriver: 'awslogs',
  logOptions: { 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
};
const clean = { environmentNames: [], credentialLikeEnvironmentNames: [], environmentValues: {}, secretNames: [], secrets: [] };

const subnet = (name: string, az: string, igw: boolean) => like('ec2.subnet', name, { availabilityZone: az, routesToInternetGateway: igw }, { tags: {} });
const alarm = (name: string, props: Partial<AlarmProps>) =>
  like('cloudwatch.alarm', name, { alarmName: name, namespace: 'AWS/ECS', statistic: 'Average', periodSeconds: 60, comparisonOperator: 'GreaterThanThreshold', ...props }, { tags: {} });
const stepPolicy = (name: string, direction: 'out' | 'in', scalingAdjustment: number, props: Partial<ScalingPolicyProps> = {}) =>
  like('application-autoscaling.scaling-policy', name, {
    policyName: name, policyType: 'StepScaling', direction, adjustmentType: 'ChangeInCapacity', scalingAdjustment, cooldown: 300, targetValue: null, predefinedMetricType: null, ...props,
  }, { tags: {} });
const trackingPolicy = (name: string, predefinedMetricType: string, targetValue: number, props: Partial<ScalingPolicyProps> = {}) =>
  like('application-autoscaling.scaling-policy', name, {
    policyName: name, policyType: 'TargetTrackingScaling', direction: 'both', predefinedMetricType, targetValue, scaleOutCooldown: 300, scaleInCooldown: 300, ...props,
  }, { tags: {} });

/** ShopFlow's compute tier: the compliant example's nodes (rule-tester like/fromExample), changed where the document needs it. */
function shopflow(): Net {
  const nodes: Fixture[] = [
    like('ec2.vpc', 'shopflow-vpc', { isDefault: false }),
    subnet('private-a', A, false),
    subnet('private-b', B, false),
    subnet('public-b', B, true),
    subnet('private-c', 'us-east-1c', false),
    like('ecs.service', 'shopflow-api', { status: 'ACTIVE', usesFargate: true, desiredCount: 4, runningCount: 4, deploymentController: 'CODE_DEPLOY', assignPublicIp: false }),
    like('ecs.task-definition', 'shopflow-api:7', { family: 'shopflow-api', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: 512, memory: 1024 }, { tags: {} }),
    like('ecs.container', 'api', API_CONTAINER, { tags: {} }),
    like('ecs.container', 'xray-daemon', { name: 'xray-daemon', ...clean }, { tags: {} }),
    like('ecs.service', 'shopflow-worker', { status: 'ACTIVE', desiredCount: 2, runningCount: 2 }),
    like('ecs.task-definition', 'shopflow-worker:3', { family: 'shopflow-worker', cpu: 256, memory: 512 }, { tags: {} }),
    like('ecs.container', 'worker', { name: 'worker', ...clean, environmentNames: ['QUEUE_URL'] }, { tags: {} }),
    like('sqs.queue', 'shopflow-orders'),
    like('application-autoscaling.scalable-target', 'service/shopflow/shopflow-api', { scalableDimension: 'ecs:service:DesiredCount', minCapacity: 2, maxCapacity: 20 }, { tags: {} }),
    stepPolicy('shopflow-api-cpu-out', 'out', 2),
    stepPolicy('shopflow-api-memory-out', 'out', 2),
    stepPolicy('shopflow-api-requests-out', 'out', 2),
    stepPolicy('shopflow-api-scale-in', 'in', -1),
    alarm('shopflow-api-cpu-high', { metricName: 'CPUUtilization', threshold: 70 }),
    alarm('shopflow-api-memory-high', { metricName: 'MemoryUtilization', threshold: 80 }),
    alarm('shopflow-api-requests-high', { namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', statistic: 'Sum', threshold: 1000 }),
    alarm('shopflow-api-cpu-low', { metricName: 'CPUUtilization', threshold: 30, comparisonOperator: 'LessThanThreshold' }),
  ];
  const edges: Edge[] = [
    ['private-a', 'in-vpc', 'shopflow-vpc'],
    ['private-b', 'in-vpc', 'shopflow-vpc'],
    ['public-b', 'in-vpc', 'shopflow-vpc'],
    ['private-c', 'in-vpc', 'shopflow-vpc'],
    ['shopflow-api', 'in-subnet', 'private-a'],
    ['shopflow-api', 'in-subnet', 'private-b'],
    ['shopflow-api', 'runs', 'shopflow-api:7'],
    ['api', 'in-task-definition', 'shopflow-api:7'],
    ['xray-daemon', 'in-task-definition', 'shopflow-api:7'],
    ['shopflow-worker', 'runs', 'shopflow-worker:3'],
    ['worker', 'in-task-definition', 'shopflow-worker:3'],
    ['service/shopflow/shopflow-api', 'scales', 'shopflow-api'],
    ['shopflow-api-cpu-out', 'applies-to', 'service/shopflow/shopflow-api'],
    ['shopflow-api-memory-out', 'applies-to', 'service/shopflow/shopflow-api'],
    ['shopflow-api-requests-out', 'applies-to', 'service/shopflow/shopflow-api'],
    ['shopflow-api-scale-in', 'applies-to', 'service/shopflow/shopflow-api'],
    ['shopflow-api-cpu-out', 'triggered-by', 'shopflow-api-cpu-high'],
    ['shopflow-api-memory-out', 'triggered-by', 'shopflow-api-memory-high'],
    ['shopflow-api-requests-out', 'triggered-by', 'shopflow-api-requests-high'],
    ['shopflow-api-scale-in', 'triggered-by', 'shopflow-api-cpu-low'],
  ];
  return { nodes, edges };
}

/** Another app in the same account, breaking every rule: none of it may be judged or counted. */
function billing(): Net {
  const tags = { app: 'billing' };
  return {
    nodes: [
      like('ecs.service', 'billing-api', { status: 'ACTIVE', usesFargate: false, desiredCount: 0, runningCount: 0, deploymentController: 'ECS', assignPublicIp: true }, { tags }),
      like('ecs.task-definition', 'billing-api:1', { family: 'billing-api', networkMode: 'bridge', requiresCompatibilities: ['EC2'], cpu: 4096, memory: 8192 }, { tags }),
      like('ecs.container', 'billing-api-container', { ...API_CONTAINER, environmentNames: ['DATABASE_URL', 'STRIPE_SECRET_KEY'], credentialLikeEnvironmentNames: ['DATABASE_URL', 'STRIPE_SECRET_KEY'], secrets: [] }, { tags: {} }),
      like('ecs.service', 'shopflow-worker-billing', { status: 'DRAINING', desiredCount: 0, runningCount: 0 }, { tags }),
      like('sqs.queue', 'shopflow-billing-events', {}, { tags }),
      like('application-autoscaling.scalable-target', 'service/billing/billing-api', { scalableDimension: 'ecs:service:DesiredCount', minCapacity: 1, maxCapacity: 3 }, { tags: {} }),
      stepPolicy('billing-out', 'out', 5, { cooldown: 30 }),
      trackingPolicy('billing-tracking', 'ECSServiceAverageCPUUtilization', 50, { scaleOutCooldown: 0, scaleInCooldown: 0 }),
    ],
    edges: [
      ['billing-api', 'runs', 'billing-api:1'],
      ['billing-api-container', 'in-task-definition', 'billing-api:1'],
      ['service/billing/billing-api', 'scales', 'billing-api'],
      ['billing-out', 'applies-to', 'service/billing/billing-api'],
      ['billing-tracking', 'applies-to', 'service/billing/billing-api'],
    ],
  };
}

// ---- helpers ----

const all = (): Net => plus(shopflow(), billing().nodes, billing().edges);

const ecsGap: Case['gaps'] = [{ service: 'ecs', operation: 'DescribeServices', resourceTypes: ['ecs.service', 'ecs.task-definition', 'ecs.container'] }];
const tdGap: Case['gaps'] = [{ service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition', 'ecs.container'] }];
const scalingGap: Case['gaps'] = [{ service: 'application-autoscaling', operation: 'DescribeScalingPolicies', resourceTypes: ['application-autoscaling.scaling-policy'] }];
const alarmGap: Case['gaps'] = [{ service: 'cloudwatch', operation: 'DescribeAlarms', resourceTypes: ['cloudwatch.alarm'] }];

/** The API service renamed: nothing selects it any more. */
const apiRenamed = () => {
  const net = all();
  return {
    nodes: net.nodes.map((n) => (n.name === 'shopflow-api' ? { ...n, name: 'shopflow-api-v2' } : n)),
    edges: net.edges.map((e): Edge => e.map((x) => (x === 'shopflow-api' ? 'shopflow-api-v2' : x)) as Edge),
  };
};
/** Another app's service that happens to be called shopflow-api (its tag says it is not ours). */
const impostor: Fixture = like('ecs.service', 'shopflow-api', { usesFargate: false, desiredCount: 0, deploymentController: 'ECS', assignPublicIp: true }, { id: 'arn:aws:ecs:us-east-1:123456789012:service/billing/shopflow-api', tags: { app: 'billing' } });

// ---- C19, C26, C29, C32: the API service ----

testRule('ecs-service-fargate', {
  valid: [c('on Fargate; billing\'s EC2 service and an impostor named shopflow-api are not judged', plus(all(), [impostor]))],
  invalid: [
    c('EC2 launch type', withProps(all(), 'shopflow-api', { usesFargate: false }), {
      check: (rs) => {
        expectFail('usesFargate', true, false, 'shopflow-api')(rs);
        expect(rs[0]!.message).toBe('shopflow-api: runs on Fargate is false, the architecture requires true (launch type FARGATE or only Fargate capacity providers)');
      },
    }),
    c('no service named shopflow-api (missing resource)', plus(apiRenamed(), [impostor]), { check: expectMissing }),
  ],
  skip: [c('the spec does not require Fargate', withProps(all(), 'shopflow-api', { usesFargate: false }), { spec: { '/services/api/fargate': false } })],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});

testRule('ecs-service-no-public-ip', {
  valid: [c('no public IP; billing\'s public-IP service is not judged', all())],
  invalid: [
    c('public IPs assigned', withProps(all(), 'shopflow-api', { assignPublicIp: true }), { check: expectFail('assignPublicIp', false, true, 'shopflow-api') }),
    c('no API service (missing resource)', apiRenamed(), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});

/** The API's subnets: the two legs of the compliant graph replaced by these. */
const apiIn = (...subnets: string[]): Net => plus(without(all(), (e) => e[0] === 'shopflow-api' && e[1] === 'in-subnet'), [], subnets.map((s): Edge => ['shopflow-api', 'in-subnet', s]));
const ABC = { '/services/api/availabilityZones': [A, B, 'us-east-1c'], '/networks/main/availabilityZones': [A, B, 'us-east-1c'] };

testRule('ecs-service-private-subnets', {
  valid: [
    c('private subnets in AZ-a and AZ-b', all(), {
      check: (rs) => expect(rs.find((r) => r.status === 'pass')!.message).toBe('The tasks of service api run in private subnets of the architecture\'s zones, across its number of zones'),
    }),
    c('a third leg in us-east-1c, a zone the spec lists', apiIn('private-a', 'private-b', 'private-c'), { spec: ABC }),
    c('two of the three zones the spec lists: enough for its minimum of 2', apiIn('private-a', 'private-c'), { spec: ABC }),
  ],
  invalid: [
    // The check v1 had and the v2 conversion lost: a subnet in a zone the architecture does not use.
    c('a third leg in us-east-1c, a zone the spec does not list (two zones are still spanned)', apiIn('private-a', 'private-b', 'private-c'), {
      check: (rs) => {
        expectFail('->in-subnet(ec2.subnet)[private-c].availabilityZone', [A, B], 'us-east-1c', 'shopflow-api')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/availabilityZones');
        expect(onlyFail(rs).message).toContain('the architecture requires one of us-east-1a or us-east-1b');
      },
    }),
    c('two zones spanned, but one of them is not the architecture\'s', apiIn('private-a', 'private-c'), {
      check: expectFail('->in-subnet(ec2.subnet)[private-c].availabilityZone', [A, B], 'us-east-1c'),
    }),
    c('the spec narrows the service to us-east-1a: its AZ-b leg is outside', all(), {
      spec: { '/services/api/availabilityZones': [A], '/services/api/minAvailabilityZones': 1 },
      check: expectFail('->in-subnet(ec2.subnet)[private-b].availabilityZone', [A], B),
    }),
    c('only AZ-a', without(all(), (e) => e[0] === 'shopflow-api' && e[2] === 'private-b'), {
      check: (rs) => {
        expectFail('->in-subnet(ec2.subnet).availabilityZone (distinct)', 2, 1, 'shopflow-api')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/minAvailabilityZones');
      },
    }),
    c('the AZ-b leg is a public subnet', plus(without(all(), (e) => e[2] === 'private-b'), [], [['shopflow-api', 'in-subnet', 'public-b']]), {
      check: expectFail('->in-subnet(ec2.subnet)[public-b].routesToInternetGateway', false, true),
    }),
    c('its subnets were not found', without(all(), (e) => e[0] === 'shopflow-api' && e[1] === 'in-subnet'), { check: expectFail('->in-subnet(ec2.subnet).availabilityZone (distinct)', 2, 0) }),
    c('no API service (missing resource)', apiRenamed(), { check: expectMissing }),
  ],
  skip: [
    c('the spec lists no zones for the service, even though its subnets are outside the network\'s', apiIn('private-c'), {
      spec: { '/services/api/availabilityZones': undefined },
      check: (rs) => {
        expect(rs.map((r) => r.status)).toEqual(['skip', 'skip']);
        expect(rs[0]!.reason).toBe('not required by the spec: services api sets no /availabilityZones');
      },
    }),
  ],
  error: [
    c('the subnets could not be read', all(), { gaps: [{ service: 'ec2', resourceTypes: ['ec2.subnet'] }] }),
    c('the subnets could not be read, and the zones the spec lists would fail', apiIn('private-a', 'private-c'), { gaps: [{ service: 'ec2', resourceTypes: ['ec2.subnet'] }] }),
    c('ECS could not be read', all(), { gaps: ecsGap }),
  ],
});

testRule('ecs-service-deployment-controller', {
  valid: [c('CODE_DEPLOY; billing\'s rolling service is not judged', all())],
  invalid: [
    c('rolling deployments', withProps(all(), 'shopflow-api', { deploymentController: 'ECS' }), { check: expectFail('deploymentController', 'CODE_DEPLOY', 'ECS', 'shopflow-api') }),
    c('no API service (missing resource)', apiRenamed(), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});

testRule('ecs-service-desired-within-limits', {
  valid: [c('4 tasks', all()), c('scaled out to 20', withProps(all(), 'shopflow-api', { desiredCount: 20 }))],
  invalid: [
    c('1 task: below the minimum', withProps(all(), 'shopflow-api', { desiredCount: 1 }), {
      check: (rs) => {
        expectFail('desiredCount', 2, 1)(rs);
        expect(rs[0]!.message).toBe('shopflow-api: desired count is 1, the architecture requires at least 2 (between 2 and 20)');
      },
    }),
    c('25 tasks: above the maximum', withProps(all(), 'shopflow-api', { desiredCount: 25 }), { check: expectFail('desiredCount', 20, 25) }),
    c('no API service (missing resource)', apiRenamed(), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});

testRule('ecs-service-desired-baseline', {
  valid: [c('the baseline of 4', all())],
  invalid: [
    c('scaled to 6 (information only)', withProps(all(), 'shopflow-api', { desiredCount: 6 }), {
      check: (rs) => {
        expectFail('desiredCount', 4, 6)(rs);
        expect(rs[0]!.severity).toBe('info');
      },
    }),
    c('no API service (missing resource)', apiRenamed(), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});

// ---- C20, C21: the task definition ----

testRule('ecs-task-definition-compatibility', {
  valid: [c('shopflow-api, awsvpc, FARGATE; billing\'s bridge/EC2 definition is not judged', all())],
  invalid: [
    c('bridge networking', withProps(all(), 'shopflow-api:7', { networkMode: 'bridge' }), { check: expectFail('networkMode', 'awsvpc', 'bridge', 'shopflow-api:7') }),
    c('the service runs another family', withProps(all(), 'shopflow-api:7', { family: 'shopflow-api-next' }), {
      check: (rs) => {
        expectFail('family', 'shopflow-api', 'shopflow-api-next')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/taskDefinition/family');
      },
    }),
    c('EC2 and Fargate compatible', withProps(all(), 'shopflow-api:7', { requiresCompatibilities: ['EC2', 'FARGATE'] }), {
      check: expectFail('requiresCompatibilities', ['FARGATE'], ['EC2', 'FARGATE']),
    }),
    c('the API service runs no task definition that was read (missing resource)', without(all(), (e) => e[0] === 'shopflow-api' && e[1] === 'runs'), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-task-size', {
  valid: [c('512 CPU, 1024 MiB', all())],
  invalid: [
    c('1 vCPU', withProps(all(), 'shopflow-api:7', { cpu: 1024 }), {
      check: (rs) => {
        expectFail('cpu', 512, 1024, 'shopflow-api:7')(rs);
        expect(rs[0]!.message).toBe('shopflow-api:7: CPU units is 1024, the architecture requires 512');
      },
    }),
    c('2 GB', withProps(all(), 'shopflow-api:7', { memory: 2048 }), { check: expectFail('memory', 1024, 2048) }),
    c('no task definition of family shopflow-api (missing resource)', withProps(all(), 'shopflow-api:7', { family: 'api' }), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

// ---- C22-C25: the api container ----

const noApiContainer = () => withProps(all(), 'api', { name: 'web' });

testRule('ecs-container-image-port', {
  valid: [c('shopflow/api on 3000/tcp; billing\'s api container is not judged', withProps(all(), 'billing-api-container', { imageRepository: 'billing/api', portMappings: [] }))],
  invalid: [
    c('another image', withProps(all(), 'api', { imageRepository: 'shopflow/api-legacy' }), { check: expectFail('imageRepository', 'shopflow/api', 'shopflow/api-legacy', 'api') }),
    c('port 8080', withProps(all(), 'api', { portMappings: [{ containerPort: 8080, protocol: 'tcp' }] }), {
      check: expectFail('portMappings[*].containerPort', 3000, [8080]),
    }),
    c('no port mapping', withProps(all(), 'api', { portMappings: [] }), { check: expectFail('portMappings', 1, 0) }),
    c('no container named api (missing resource)', noApiContainer(), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-container-environment', {
  valid: [c('NODE_ENV=production', all())],
  invalid: [
    c('NODE_ENV=development', withProps(all(), 'api', { environmentValues: { NODE_ENV: 'development' } }), {
      check: (rs) => {
        expectFail('environmentValues', { NODE_ENV: 'production' }, { NODE_ENV: 'development' }, 'api')(rs);
        expect(onlyFail(rs).message).toBe('api: the plain environment values service api declares are NODE_ENV=development, the architecture requires NODE_ENV=production');
      },
    }),
    c('NODE_ENV not set', withProps(all(), 'api', { environmentNames: ['LOG_LEVEL'], environmentValues: {} }), { check: expectFail('environmentValues', { NODE_ENV: 'production' }, { NODE_ENV: null }) }),
    c('no container named api (missing resource)', noApiContainer(), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-container-secrets-manager', {
  valid: [c('DATABASE_URL from Secrets Manager', all())],
  invalid: [
    c('DATABASE_URL from SSM Parameter Store', withProps(all(), 'api', { secrets: [{ name: 'DATABASE_URL', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/shopflow/db' }] }), {
      check: (rs) => {
        expectFail('secrets[*].valueFrom', '^arn:aws[a-z-]*:secretsmanager:', ['arn:aws:ssm:us-east-1:123456789012:parameter/shopflow/db'], 'api')(rs);
        expect(rs[0]!.message).toContain('api: DATABASE_URL must come from Secrets Manager (source of each secret is arn:aws:ssm:us-east-1:123456789012:parameter/shopflow/db, expected a value matching ^arn:aws[a-z-]*:secretsmanager:)');
      },
    }),
    c('only another secret', withProps(all(), 'api', { secretNames: ['REDIS_URL'], secrets: [{ name: 'REDIS_URL', valueFrom: SECRET_ARN }] }), {
      check: expectFail('secrets[*].name', ['DATABASE_URL'], ['REDIS_URL']),
    }),
    c('no secrets at all', withProps(all(), 'api', { secretNames: [], secrets: [] }), { check: expectFail('secrets', 1, 0) }),
    c('no container named api (missing resource)', noApiContainer(), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-container-secret-not-plain-env', {
  valid: [c('DATABASE_URL is not in the plain environment; billing\'s container, where it is, is not judged', all())],
  invalid: [
    c('DATABASE_URL set as plain environment', withProps(all(), 'api', { environmentNames: ['NODE_ENV', 'LOG_LEVEL', 'DATABASE_URL'] }), {
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f.path).toBe('environmentNames[2]');
        expect(f.op).toBe('not in');
        expect(f.actual).toBe('DATABASE_URL');
        expect(f.severity).toBe('critical');
        expect(f.message).toBe('api: DATABASE_URL is a plain environment variable; the architecture requires it as a secret from Secrets Manager (values are never shown)');
      },
    }),
    c('no container named api (missing resource)', noApiContainer(), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-container-no-plaintext-credentials', {
  valid: [c('no credential-like values in any ShopFlow container; billing\'s are not judged', all())],
  invalid: [
    c('the worker holds a Stripe key in plain environment', withProps(all(), 'worker', { environmentNames: ['QUEUE_URL', 'STRIPE_KEY'], credentialLikeEnvironmentNames: ['STRIPE_KEY'] }), {
      check: (rs) => {
        expectFail('credentialLikeEnvironmentNames', [], ['STRIPE_KEY'], 'worker')(rs);
        expect(rs.filter((r) => r.status === 'pass').map((r) => r.resource.name).sort()).toEqual(['api', 'xray-daemon']);
      },
    }),
    c('the api container has a password in plain environment', withProps(all(), 'api', { credentialLikeEnvironmentNames: ['DB_PASSWORD'] }), {
      check: expectFail('credentialLikeEnvironmentNames', [], ['DB_PASSWORD'], 'api'),
    }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

testRule('ecs-container-logging', {
  valid: [c('awslogs to /ecs/shopflow-api, us-east-1, prefix api', all())],
  invalid: [
    c('another log group', withProps(all(), 'api', { logOptions: { ...API_CONTAINER.logOptions, 'awslogs-group': '/ecs/shopflow' } }), {
      check: expectFail('logOptions.awslogs-group', '/ecs/shopflow-api', '/ecs/shopflow', 'api'),
    }),
    c('another stream prefix', withProps(all(), 'api', { logOptions: { ...API_CONTAINER.logOptions, 'awslogs-stream-prefix': 'web' } }), {
      check: expectFail('logOptions.awslogs-stream-prefix', 'api', 'web'),
    }),
    c('no logging configured', withProps(all(), 'api', { logDriver: null, logOptions: {} }), { check: expectFail('logDriver', 'awslogs', null) }),
    c('no container named api (missing resource)', noApiContainer(), { check: expectMissing }),
  ],
  error: [c('the task definitions could not be read', all(), { gaps: tdGap })],
});

// ---- C28, C30, C31: auto scaling ----

const noScalableTarget = () => withoutNodes(all(), 'service/shopflow/shopflow-api');

testRule('autoscaling-capacity-limits', {
  valid: [c('2..20; billing\'s 1..3 target is not judged', all())],
  invalid: [
    c('minimum 1', withProps(all(), 'service/shopflow/shopflow-api', { minCapacity: 1 }), {
      check: (rs) => {
        expectFail('minCapacity', 2, 1, 'service/shopflow/shopflow-api')(rs);
        expect(rs[0]!.message).toBe('service/shopflow/shopflow-api: min capacity is 1, the architecture requires 2');
      },
    }),
    c('maximum 10', withProps(all(), 'service/shopflow/shopflow-api', { maxCapacity: 10 }), { check: expectFail('maxCapacity', 20, 10) }),
    c('the service does not scale (missing resource)', noScalableTarget(), { check: expectMissing }),
  ],
  error: [c('Application Auto Scaling could not be read', all(), { gaps: [{ service: 'application-autoscaling', resourceTypes: ['application-autoscaling.scalable-target'] }] })],
});

const policies = '<-applies-to(application-autoscaling.scaling-policy)';
/** Replace the step policies by one target-tracking policy. */
const onlyTracking = (metric: string, value: number) =>
  plus(
    withoutNodes(all(), 'shopflow-api-cpu-out', 'shopflow-api-memory-out', 'shopflow-api-requests-out', 'shopflow-api-scale-in'),
    [trackingPolicy('shopflow-api-tracking', metric, value)],
    [['shopflow-api-tracking', 'applies-to', 'service/shopflow/shopflow-api']],
  );

testRule('autoscaling-cpu-trigger', {
  valid: [
    c('a step policy on a CPU > 70 alarm', all()),
    c('target tracking on ECSServiceAverageCPUUtilization at 70', onlyTracking('ECSServiceAverageCPUUtilization', 70)),
  ],
  invalid: [
    c('the CPU alarm fires at 85 %', withProps(all(), 'shopflow-api-cpu-high', { threshold: 85 }), {
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f.path).toBe(`${policies}[*].->triggered-by(cloudwatch.alarm)[*].threshold`);
        expect(f.expected).toBe(70);
        expect((f.actual as unknown[])[0]).toEqual([85]);
        expect(f.message).toMatch(/^service\/shopflow\/shopflow-api: no scaling policy scales out when CPU exceeds 70% \(/);
      },
    }),
    c('the CPU alarm only triggers a scale-in policy', without(all(), (e) => e[0] === 'shopflow-api-cpu-out'), {
      check: (rs) => expect(onlyFail(rs).path).toMatch(/^<-applies-to\(application-autoscaling.scaling-policy\)\[\*\]/),
    }),
    c('target tracking on the wrong target', onlyTracking('ECSServiceAverageCPUUtilization', 50), { check: expectFail(`${policies}[*].policyType`, 'StepScaling', ['TargetTrackingScaling']) }),
    c('no scaling policy at all', withoutNodes(all(), 'shopflow-api-cpu-out', 'shopflow-api-memory-out', 'shopflow-api-requests-out', 'shopflow-api-scale-in'), {
      check: expectFail(policies, 1, 0),
    }),
    c('the service does not scale (missing resource)', noScalableTarget(), { check: expectMissing }),
  ],
  error: [c('the scaling policies could not be read', all(), { gaps: scalingGap }), c('the alarms could not be read', all(), { gaps: alarmGap })],
});

testRule('autoscaling-memory-trigger', {
  valid: [
    c('a step policy on a memory > 80 alarm', all()),
    c('target tracking on ECSServiceAverageMemoryUtilization at 80', onlyTracking('ECSServiceAverageMemoryUtilization', 80)),
  ],
  invalid: [
    c('the memory alarm fires at 90 %', withProps(all(), 'shopflow-api-memory-high', { threshold: 90 }), {
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f.expected).toBe('MemoryUtilization'); // the first policy (CPU) fails on the metric name
        // Only policies that failed on the same leaf (the alarm's metric name) share the list; a policy that
        // failed on another prop is its own further failure, never merged into the metric names.
        expect(f.actual).toEqual([['CPUUtilization']]);
        const other = (policy: string) => f.otherFailures?.find((o) => o.path.startsWith(`${policies}[${policy}].`));
        expect(other('shopflow-api-memory-out')).toMatchObject({ path: expect.stringMatching(/\.threshold$/), actual: [90] });
        expect(other('shopflow-api-requests-out')).toMatchObject({ path: expect.stringMatching(/\.namespace$/), actual: ['AWS/ApplicationELB'] });
        expect(other('shopflow-api-scale-in')).toMatchObject({ path: expect.stringMatching(/\.direction$/), actual: 'in' });
        expect(f.message).toContain('service/shopflow/shopflow-api: no scaling policy scales out when memory exceeds 80% (neither a step policy on such a CloudWatch alarm nor target tracking on memory)');
      },
    }),
    c('the memory alarm is a less-than alarm', withProps(all(), 'shopflow-api-memory-high', { comparisonOperator: 'LessThanThreshold' }), {
      check: (rs) => expect(onlyFail(rs).status).toBe('fail'),
    }),
    c('the service does not scale (missing resource)', noScalableTarget(), { check: expectMissing }),
  ],
  error: [c('the alarms could not be read', all(), { gaps: alarmGap })],
});

testRule('autoscaling-request-trigger', {
  valid: [
    c('a step policy on RequestCountPerTarget (Sum, 60 s) > 1000', all()),
    c('target tracking on ALBRequestCountPerTarget at 1000', onlyTracking('ALBRequestCountPerTarget', 1000)),
  ],
  invalid: [
    c('the request alarm sums over 5 minutes', withProps(all(), 'shopflow-api-requests-high', { periodSeconds: 300 }), {
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f.path).toBe(`${policies}[*].->triggered-by(cloudwatch.alarm)[*].namespace`);
        expect(f.otherFailures?.find((o) => o.path.startsWith(`${policies}[shopflow-api-requests-out].`) && o.path.endsWith('.periodSeconds'))?.actual).toEqual([300]);
      },
    }),
    c('the request alarm fires at 2000', withProps(all(), 'shopflow-api-requests-high', { threshold: 2000 }), {
      check: (rs) => expect(onlyFail(rs).otherFailures?.find((o) => o.path.startsWith(`${policies}[shopflow-api-requests-out].`) && o.path.endsWith('.threshold'))?.actual).toEqual([2000]),
    }),
    c('the service does not scale (missing resource)', noScalableTarget(), { check: expectMissing }),
  ],
  error: [c('the alarms could not be read', all(), { gaps: alarmGap })],
});

testRule('autoscaling-scale-out-step', {
  valid: [c('every scale-out step adds 2 with a 300 s cooldown; billing\'s +5/30 s policy is not judged', all())],
  invalid: [
    c('the memory policy adds 1', withProps(all(), 'shopflow-api-memory-out', { scalingAdjustment: 1 }), {
      check: (rs) => {
        expectFail('scalingAdjustment', 2, 1, 'shopflow-api-memory-out')(rs);
        expect(rs.filter((r) => r.status === 'pass')).toHaveLength(2);
      },
    }),
    c('a 60 s cooldown', withProps(all(), 'shopflow-api-cpu-out', { cooldown: 60 }), { check: expectFail('cooldown', 300, 60, 'shopflow-api-cpu-out') }),
    c('a percentage step', withProps(all(), 'shopflow-api-cpu-out', { adjustmentType: 'PercentChangeInCapacity' }), { check: expectFail('adjustmentType', 'ChangeInCapacity', 'PercentChangeInCapacity') }),
    c('only target tracking: no scale-out step (missing resource)', onlyTracking('ECSServiceAverageCPUUtilization', 70), { check: expectMissing }),
  ],
  error: [c('the scaling policies could not be read', all(), { gaps: scalingGap })],
});

testRule('autoscaling-scale-in-step', {
  valid: [c('scale in by 1 with a 300 s cooldown', all())],
  invalid: [
    c('scale in by 2', withProps(all(), 'shopflow-api-scale-in', { scalingAdjustment: -2 }), {
      check: (rs) => {
        expectFail('scalingAdjustment', -1, -2, 'shopflow-api-scale-in')(rs);
        expect(rs[0]!.specPointer).toBe('/services/api/scaling/scaleInBy');
      },
    }),
    c('no scale-in policy (missing resource)', withoutNodes(all(), 'shopflow-api-scale-in'), { check: expectMissing }),
  ],
  error: [c('the scaling policies could not be read', all(), { gaps: scalingGap })],
});

testRule('autoscaling-target-tracking-cooldown', {
  valid: [c('300 s both ways; billing\'s 0 s policy is not judged', onlyTracking('ECSServiceAverageCPUUtilization', 70))],
  invalid: [
    c('scale-in cooldown of 60 s', withProps(onlyTracking('ECSServiceAverageCPUUtilization', 70), 'shopflow-api-tracking', { scaleInCooldown: 60 }), {
      check: expectFail('scaleInCooldown', 300, 60, 'shopflow-api-tracking'),
    }),
  ],
  error: [c('the scaling policies could not be read', onlyTracking('ECSServiceAverageCPUUtilization', 70), { gaps: scalingGap })],
});

// ---- C34: async ----

testRule('sqs-queue', {
  valid: [c('shopflow-orders exists', all())],
  invalid: [
    c('only another app\'s queue matches the pattern', withoutNodes(all(), 'shopflow-orders'), {
      check: (rs) => {
        expectFail('(count)', 1, 0)(rs);
        expect(onlyFail(rs).message).toBe('Found 0 queues of the application in us-east-1 recognised as queue work, expected at least 1');
      },
    }),
  ],
  error: [c('SQS could not be read', all(), { gaps: [{ service: 'sqs', resourceTypes: ['sqs.queue'] }] })],
});

testRule('ecs-worker-service', {
  valid: [c('shopflow-worker runs; billing\'s drained shopflow-worker-billing is not judged', all())],
  invalid: [
    c('no worker task running', withProps(all(), 'shopflow-worker', { runningCount: 0 }), {
      check: (rs) => {
        expectFail('runningCount', 1, 0, 'shopflow-worker')(rs);
        expect(onlyFail(rs).message).toBe('shopflow-worker: running count is 0, expected at least 1');
        // The API asks nothing of this rule: it skips, saying so.
        expect(rs.find((r) => r.item?.name === 'api')).toMatchObject({ status: 'skip', reason: 'not required by the spec: services api sets no /running' });
      },
    }),
    c('scaled to zero', withProps(all(), 'shopflow-worker', { desiredCount: 0, runningCount: 0 }), { check: expectFail('desiredCount', 1, 0) }),
    c('no worker service (missing resource)', withoutNodes(all(), 'shopflow-worker'), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: ecsGap })],
});
