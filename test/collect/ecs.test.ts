import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeClustersCommand,
  DescribeServicesCommand,
  DescribeTaskDefinitionCommand,
  ECSClient,
  ListClustersCommand,
  ListServicesCommand,
  type Service,
} from '@aws-sdk/client-ecs';
import { ecsCollector, splitImage } from '../../src/collect/ecs.js';
import type { GraphNode } from '../../src/graph/types.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const ecs = mockClient(ECSClient);
const PREFIX = 'arn:aws:ecs:us-east-1:123456789012';
const MAIN = `${PREFIX}:cluster/shopflow`;
const OTHER = `${PREFIX}:cluster/batch`;
const API_TD = `${PREFIX}:task-definition/shopflow-api:7`;
const WORKER_TD = `${PREFIX}:task-definition/shopflow-worker:3`;
const TG = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/api/abc';
const serviceArn = (cluster: string, name: string) => `${PREFIX}:service/${cluster}/${name}`;

// shopflow cluster: the API service plus 11 workers (12 services, so two DescribeServices batches).
const MAIN_SERVICES = ['shopflow-api', ...Array.from({ length: 11 }, (_, i) => `shopflow-worker-${i}`)];

function service(clusterArn: string, name: string): Service {
  const base: Service = {
    serviceArn: serviceArn(clusterArn.split('/')[1]!, name),
    serviceName: name,
    clusterArn,
    status: 'ACTIVE',
    desiredCount: 2,
    runningCount: 2,
    tags: [{ key: 'app', value: 'shopflow' }],
  };
  if (name === 'shopflow-api') {
    return {
      ...base,
      desiredCount: 4,
      runningCount: 3,
      launchType: 'FARGATE',
      taskDefinition: API_TD,
      deploymentController: { type: 'CODE_DEPLOY' },
      networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-a', 'subnet-b'], securityGroups: ['sg-1'], assignPublicIp: 'DISABLED' } },
      loadBalancers: [{ targetGroupArn: TG, containerName: 'api', containerPort: 3000 }],
    };
  }
  if (name === 'legacy-ec2') return { ...base, launchType: 'EC2', taskDefinition: WORKER_TD, tags: [] };
  return {
    ...base,
    taskDefinition: WORKER_TD,
    capacityProviderStrategy: [{ capacityProvider: 'FARGATE_SPOT', weight: 3 }, { capacityProvider: 'FARGATE', weight: 1 }],
    networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-c'], assignPublicIp: 'ENABLED' } },
  };
}

function mockHappyAccount(): void {
  ecs.on(ListClustersCommand).resolvesOnce({ clusterArns: [MAIN], nextToken: 'page-2' }).resolvesOnce({ clusterArns: [OTHER] });
  ecs.on(DescribeClustersCommand).callsFake((input: { clusters: string[] }) => ({
    clusters: input.clusters.map((clusterArn) => ({
      clusterArn,
      clusterName: clusterArn.split('/')[1],
      status: 'ACTIVE',
      capacityProviders: ['FARGATE', 'FARGATE_SPOT'],
      tags: [{ key: 'app', value: 'shopflow' }],
    })),
  }));
  ecs
    .on(ListServicesCommand, { cluster: MAIN })
    .resolvesOnce({ serviceArns: MAIN_SERVICES.slice(0, 7).map((n) => serviceArn('shopflow', n)), nextToken: 's2' })
    .resolvesOnce({ serviceArns: MAIN_SERVICES.slice(7).map((n) => serviceArn('shopflow', n)) });
  ecs.on(ListServicesCommand, { cluster: OTHER }).resolves({ serviceArns: [serviceArn('batch', 'legacy-ec2')] });
  ecs.on(DescribeServicesCommand).callsFake((input: { cluster: string; services: string[] }) => ({
    services: input.services.map((a) => service(input.cluster, a.split('/').pop()!)),
  }));
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: API_TD }).resolves({
    taskDefinition: {
      taskDefinitionArn: API_TD,
      family: 'shopflow-api',
      revision: 7,
      networkMode: 'awsvpc',
      requiresCompatibilities: ['FARGATE'],
      cpu: '512',
      memory: '1024',
      containerDefinitions: [
        {
          name: 'api',
          image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shopflow/api:1.4.2',
          essential: true,
          portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
          environment: [
            { name: 'NODE_ENV', value: 'production' },
            { name: 'DATABASE_URL', value: 'postgres://u:S3cret@db/x' },
            { name: 'LOG_LEVEL', value: 'info' },
          ],
          secrets: [{ name: 'REDIS_AUTH', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-AbCdEf' }],
          logConfiguration: {
            logDriver: 'awslogs',
            options: { 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
          },
        },
        { name: 'xray', image: 'public.ecr.aws/xray/aws-xray-daemon@sha256:0123abcd', essential: false },
      ],
    },
    tags: [{ key: 'app', value: 'shopflow' }],
  });
  ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: WORKER_TD }).resolves({
    taskDefinition: { taskDefinitionArn: WORKER_TD, family: 'shopflow-worker', revision: 3, networkMode: 'awsvpc', containerDefinitions: [{ name: 'worker', image: 'shopflow/worker' }] },
  });
}

const byId = (nodes: GraphNode[], id: string) => nodes.find((n) => n.id === id);
const ofType = (nodes: GraphNode[], type: string) => nodes.filter((n) => n.type === type);

describe('ecsCollector', () => {
  beforeEach(() => ecs.reset());

  it('follows every page and batches describes: 100 clusters and 10 services per call, one read per task definition', async () => {
    mockHappyAccount();
    const result = await ecsCollector.collect(fakeContext());

    expect(ecs.commandCalls(ListClustersCommand)).toHaveLength(2);
    expect(ecs.commandCalls(DescribeClustersCommand)).toHaveLength(1);
    expect(ecs.commandCalls(DescribeClustersCommand)[0]!.args[0].input.clusters).toEqual([MAIN, OTHER]);
    expect(ecs.commandCalls(ListServicesCommand)).toHaveLength(3);
    // 12 services in shopflow -> 10 + 2; 1 in batch -> 1.
    const describeSizes = ecs.commandCalls(DescribeServicesCommand).map((c) => c.args[0].input.services?.length).sort();
    expect(describeSizes).toEqual([1, 10, 2].sort());
    expect(ecs.commandCalls(DescribeServicesCommand).every((c) => c.args[0].input.include?.includes('TAGS'))).toBe(true);
    // 13 services share two task definitions.
    expect(ecs.commandCalls(DescribeTaskDefinitionCommand)).toHaveLength(2);

    expect(ofType(result.nodes, 'ecs.cluster').map((n) => n.name)).toEqual(['shopflow', 'batch']);
    expect(ofType(result.nodes, 'ecs.service')).toHaveLength(13);
    expect(ofType(result.nodes, 'ecs.task-definition')).toHaveLength(2);
    expect(ofType(result.nodes, 'ecs.container').map((n) => n.name).sort()).toEqual(['api', 'worker', 'xray']);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes clusters, services and task definitions', async () => {
    mockHappyAccount();
    const { nodes } = await ecsCollector.collect(fakeContext());

    expect(byId(nodes, MAIN)).toMatchObject({
      type: 'ecs.cluster', region: 'us-east-1', account: '123456789012', name: 'shopflow', tags: { app: 'shopflow' },
      props: { clusterName: 'shopflow', status: 'ACTIVE', capacityProviders: ['FARGATE', 'FARGATE_SPOT'] },
    });
    expect(byId(nodes, serviceArn('shopflow', 'shopflow-api'))).toEqual({
      id: serviceArn('shopflow', 'shopflow-api'),
      type: 'ecs.service',
      region: 'us-east-1',
      account: '123456789012',
      name: 'shopflow-api',
      tags: { app: 'shopflow' },
      props: {
        serviceName: 'shopflow-api',
        clusterArn: MAIN,
        status: 'ACTIVE',
        launchType: 'FARGATE',
        capacityProviders: [],
        usesFargate: true,
        desiredCount: 4,
        runningCount: 3,
        taskDefinitionArn: API_TD,
        deploymentController: 'CODE_DEPLOY',
        subnetIds: ['subnet-a', 'subnet-b'],
        securityGroupIds: ['sg-1'],
        assignPublicIp: false,
        loadBalancers: [{ targetGroupArn: TG, containerName: 'api', containerPort: 3000 }],
      },
    });
    const worker = byId(nodes, serviceArn('shopflow', 'shopflow-worker-0'));
    expect(worker?.props).toMatchObject({
      launchType: null, capacityProviders: ['FARGATE_SPOT', 'FARGATE'], usesFargate: true, deploymentController: 'ECS', assignPublicIp: true,
    });
    const legacy = byId(nodes, serviceArn('batch', 'legacy-ec2'));
    expect(legacy?.tags).toEqual({});
    expect(legacy?.props).toMatchObject({ launchType: 'EC2', usesFargate: false, subnetIds: [], loadBalancers: [] });

    expect(byId(nodes, API_TD)).toEqual({
      id: API_TD,
      type: 'ecs.task-definition',
      region: 'us-east-1',
      account: '123456789012',
      name: 'shopflow-api:7',
      tags: { app: 'shopflow' },
      props: { family: 'shopflow-api', revision: 7, networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], cpu: 512, memory: 1024, containerNames: ['api', 'xray'] },
    });
    expect(byId(nodes, WORKER_TD)?.props).toMatchObject({ cpu: null, memory: null, requiresCompatibilities: [] });
  });

  it('normalizes containers: image parts, ports, secrets by reference, log configuration', async () => {
    mockHappyAccount();
    const { nodes } = await ecsCollector.collect(fakeContext());

    expect(byId(nodes, `${API_TD}/container/api`)?.props).toEqual({
      name: 'api',
      image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/shopflow/api:1.4.2',
      imageRepository: 'shopflow/api',
      imageTag: '1.4.2',
      essential: true,
      portMappings: [{ containerPort: 3000, protocol: 'tcp' }],
      environmentNames: ['NODE_ENV', 'DATABASE_URL', 'LOG_LEVEL'],
      credentialLikeEnvironmentNames: ['DATABASE_URL'],
      environmentValues: { NODE_ENV: 'production' },
      secretNames: ['REDIS_AUTH'],
      secrets: [{ name: 'REDIS_AUTH', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:redis-AbCdEf' }],
      logDriver: 'awslogs',
      logOptions: { 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' },
    });
    expect(byId(nodes, `${API_TD}/container/xray`)?.props).toMatchObject({
      imageRepository: 'xray/aws-xray-daemon', imageTag: null, essential: false, logDriver: null, logOptions: {}, environmentNames: [],
    });
    // No essential flag in the API answer means essential.
    expect(byId(nodes, `${WORKER_TD}/container/worker`)?.props).toMatchObject({ imageRepository: 'shopflow/worker', imageTag: 'latest', essential: true });
  });

  it('never stores a planted credential, and keeps the declared non-secret value', async () => {
    mockHappyAccount();
    const result = await ecsCollector.collect(fakeContext());
    const json = JSON.stringify(result);

    expect(json).not.toContain('S3cret');
    expect(json).not.toContain('postgres://');
    const api = byId(result.nodes, `${API_TD}/container/api`) as GraphNode<'ecs.container'>;
    expect(api.props.credentialLikeEnvironmentNames).toContain('DATABASE_URL');
    expect(api.props.environmentValues).toEqual({ NODE_ENV: 'production' });
    // LOG_LEVEL is not credential-like but not declared non-secret either: name only.
    expect(api.props.environmentNames).toContain('LOG_LEVEL');
    expect(json).not.toContain('"info"');
  });

  it('does not keep a declared name whose value looks like a credential', async () => {
    mockHappyAccount();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: WORKER_TD }).resolves({
      taskDefinition: {
        taskDefinitionArn: WORKER_TD, family: 'shopflow-worker', revision: 3,
        containerDefinitions: [{ name: 'worker', image: 'w', environment: [{ name: 'NODE_ENV', value: 'AKIAABCDEFGHIJKLMNOP' }] }],
      },
    });
    const result = await ecsCollector.collect(fakeContext());
    expect(JSON.stringify(result)).not.toContain('AKIAABCDEFGHIJKLMNOP');
    expect(byId(result.nodes, `${WORKER_TD}/container/worker`)?.props).toMatchObject({
      credentialLikeEnvironmentNames: ['NODE_ENV'], environmentValues: {},
    });
  });

  it('redacts a token passed as a plain log option', async () => {
    mockHappyAccount();
    const token = '123e4567-e89b-12d3-a456-426614174000';
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: WORKER_TD }).resolves({
      taskDefinition: {
        taskDefinitionArn: WORKER_TD, family: 'shopflow-worker', revision: 3,
        containerDefinitions: [
          { name: 'worker', image: 'w', logConfiguration: { logDriver: 'splunk', options: { 'splunk-url': 'https://splunk.example:8088', 'splunk-token': token } } },
        ],
      },
    });
    const result = await ecsCollector.collect(fakeContext());
    expect(JSON.stringify(result)).not.toContain(token);
    expect(byId(result.nodes, `${WORKER_TD}/container/worker`)?.props).toMatchObject({
      logDriver: 'splunk', logOptions: { 'splunk-url': 'https://splunk.example:8088', 'splunk-token': '<redacted>' },
    });
  });

  it('links services to cluster, task definition, subnets and target groups, and containers to their task definition', async () => {
    mockHappyAccount();
    const { edges } = await ecsCollector.collect(fakeContext());
    const api = serviceArn('shopflow', 'shopflow-api');

    expect(edges.filter((e) => e.from === api)).toEqual(
      expect.arrayContaining([
        { type: 'in-cluster', from: api, to: MAIN },
        { type: 'runs', from: api, to: API_TD },
        { type: 'in-subnet', from: api, to: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-a' },
        { type: 'in-subnet', from: api, to: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-b' },
        { type: 'registered-with', from: api, to: TG },
      ]),
    );
    expect(edges.filter((e) => e.from === api)).toHaveLength(5);
    expect(edges).toContainEqual({ type: 'in-task-definition', from: `${API_TD}/container/xray`, to: API_TD });
    expect(edges.filter((e) => e.type === 'runs')).toHaveLength(13);
  });

  it('turns a denied ListClusters into a gap for every ECS type and emits nothing', async () => {
    ecs.on(ListClustersCommand).rejects(accessDenied());
    const result = await ecsCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({
        service: 'ecs', operation: 'ListClusters', region: 'us-east-1', code: 'AccessDeniedException',
        resourceTypes: ['ecs.cluster', 'ecs.service', 'ecs.task-definition', 'ecs.container'],
      }),
    ]);
  });

  it('emits no partial list when a later page of ListClusters is throttled', async () => {
    ecs.on(ListClustersCommand).resolvesOnce({ clusterArns: [MAIN], nextToken: 'page-2' }).rejectsOnce(throttled());
    const result = await ecsCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
    expect(ecs.commandCalls(DescribeClustersCommand)).toHaveLength(0);
  });

  it('turns throttled ListServices into a gap for services, task definitions and containers, keeping clusters', async () => {
    mockHappyAccount();
    ecs.on(ListServicesCommand).rejects(throttled());
    const result = await ecsCollector.collect(fakeContext());

    expect(ofType(result.nodes, 'ecs.cluster')).toHaveLength(2);
    expect(ofType(result.nodes, 'ecs.service')).toEqual([]);
    expect(ofType(result.nodes, 'ecs.task-definition')).toEqual([]);
    // Both clusters' ListServices failed alike: one gap (operation, code, region), not one per cluster.
    expect(result.gaps).toHaveLength(1);
    expect(result.gaps[0]).toMatchObject({ operation: 'ListServices', code: 'ThrottlingException', resourceTypes: ['ecs.service', 'ecs.task-definition', 'ecs.container'] });
  });

  it('turns a denied DescribeTaskDefinition into a gap without its nodes, and a non-MISSING describe failure into a gap', async () => {
    mockHappyAccount();
    ecs.on(DescribeTaskDefinitionCommand, { taskDefinition: API_TD }).rejects(accessDenied());
    ecs.on(DescribeClustersCommand).resolves({ clusters: [], failures: [{ arn: MAIN, reason: 'MISSING' }, { arn: OTHER, reason: 'AccessDenied', detail: 'no' }] });
    const result = await ecsCollector.collect(fakeContext());

    expect(byId(result.nodes, API_TD)).toBeUndefined();
    expect(byId(result.nodes, `${API_TD}/container/api`)).toBeUndefined();
    expect(byId(result.nodes, WORKER_TD)).toBeDefined();
    expect(result.gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'DescribeTaskDefinition', code: 'AccessDeniedException', resourceTypes: ['ecs.task-definition', 'ecs.container'] }),
        // Without its cluster a service's capacity providers are unknown; its task definition is not.
        expect.objectContaining({ operation: 'DescribeClusters', code: 'AccessDenied', resourceTypes: ['ecs.cluster', 'ecs.service'] }),
      ]),
    );
    expect(result.gaps).toHaveLength(2);
  });
});

describe('splitImage', () => {
  it.each([
    ['123456789012.dkr.ecr.us-east-1.amazonaws.com/shopflow/api:1.2', 'shopflow/api', '1.2'],
    ['docker.io/library/nginx:1.25', 'library/nginx', '1.25'],
    ['nginx', 'nginx', 'latest'],
    ['localhost:5000/team/app', 'team/app', 'latest'],
    ['registry.example.com:5000/app:v2', 'app', 'v2'],
    ['amazon/aws-xray-daemon@sha256:abcdef', 'amazon/aws-xray-daemon', null],
    ['app:latest@sha256:abcdef', 'app', null],
  ])('%s -> %s, %s', (image, imageRepository, imageTag) => {
    expect(splitImage(image)).toEqual({ imageRepository, imageTag });
  });
});
