// Rules of the network: VPC, subnet tiers, NAT gateways and the ALB (claims C10-C17).
import { expect } from 'vitest';
import type { Gap } from '../../src/graph/types.js';
import type { NatGatewayProps } from '../../src/graph/resource-types.js';
import { testRule, like, type Case, type Fixture, expectFail, expectMissing, type Edge, type Net, withProps, without, withoutNodes, plus, c } from './rule-tester.js';

// ---- fixture: ShopFlow's VPC with public, private and data subnets in two AZs, plus another app's
// VPC and AWS's default VPC in the same account ----


const A = 'us-east-1a';
const B = 'us-east-1b';

type Attributes = Parameters<typeof like>[3];

const subnet = (name: string, az: string, route: 'igw' | 'nat' | 'none', natAz: string | null = az, extra: Attributes = {}): Fixture<'ec2.subnet'> =>
  like('ec2.subnet', name, {
    availabilityZone: az,
    routesToInternetGateway: route === 'igw',
    defaultRoute:
      route === 'igw'
        ? { targetType: 'internet-gateway', targetId: 'igw-1', natGatewayAvailabilityZone: null }
        : route === 'nat'
          ? { targetType: 'nat-gateway', targetId: `nat-${natAz}`, natGatewayAvailabilityZone: natAz }
          : null,
  }, { tags: {}, ...extra });
const nat = (name: string, az: string | null, props: Partial<NatGatewayProps> = {}, extra: Attributes = {}): Fixture<'ec2.nat-gateway'> =>
  like('ec2.nat-gateway', name, { state: 'available', connectivityType: 'public', availabilityMode: 'zonal', availabilityZone: az, availabilityZones: az ? [az] : [A, B], ...props }, { tags: {}, ...extra });

function shopflow(): Net {
  const nodes: Fixture[] = [
    like('ec2.vpc', 'shopflow-vpc', { isDefault: false }),
    subnet('public-a', A, 'igw'),
    subnet('public-b', B, 'igw'),
    subnet('private-a', A, 'nat'),
    subnet('private-b', B, 'nat'),
    subnet('data-a', A, 'none'),
    subnet('data-b', B, 'none'),
    nat('nat-a', A),
    nat('nat-b', B),
    like('elbv2.load-balancer', 'shopflow-alb', { type: 'application', scheme: 'internet-facing' }),
    like('elbv2.target-group', 'shopflow-api-tg', { targetType: 'ip', port: 3000 }, { tags: {} }),
    like('ecs.service', 'shopflow-api'),
    like('rds.db-subnet-group', 'shopflow-db-subnets', {}, { tags: {} }),
    like('rds.db-instance', 'shopflow-db'),
    like('elasticache.cache-subnet-group', 'shopflow-cache-subnets', {}, { tags: {} }),
    like('elasticache.replication-group', 'shopflow-redis'),
  ];
  const edges: Edge[] = [
    ...['public-a', 'public-b', 'private-a', 'private-b', 'data-a', 'data-b', 'nat-a', 'nat-b', 'shopflow-alb', 'shopflow-db-subnets', 'shopflow-cache-subnets'].map(
      (n): Edge => [n, 'in-vpc', 'shopflow-vpc'],
    ),
    ['nat-a', 'in-subnet', 'public-a'],
    ['nat-b', 'in-subnet', 'public-b'],
    ['shopflow-alb', 'in-subnet', 'public-a'],
    ['shopflow-alb', 'in-subnet', 'public-b'],
    ['shopflow-api', 'in-subnet', 'private-a'],
    ['shopflow-api', 'in-subnet', 'private-b'],
    ['private-a', 'routes-via', 'nat-a'],
    ['private-b', 'routes-via', 'nat-b'],
    ['shopflow-db-subnets', 'in-subnet', 'data-a'],
    ['shopflow-db-subnets', 'in-subnet', 'data-b'],
    ['shopflow-db', 'in-subnet-group', 'shopflow-db-subnets'],
    ['shopflow-cache-subnets', 'in-subnet', 'data-a'],
    ['shopflow-cache-subnets', 'in-subnet', 'data-b'],
    ['shopflow-redis', 'in-subnet-group', 'shopflow-cache-subnets'],
    ['shopflow-api-tg', 'serves', 'shopflow-alb'],
    ['shopflow-api', 'registered-with', 'shopflow-api-tg'],
  ];
  return { nodes, edges };
}

/** Another app's VPC and AWS's default VPC: everything here breaks ShopFlow's rules and must be ignored. */
function neighbours(): Net {
  return {
    nodes: [
      like('ec2.vpc', 'billing-vpc', { isDefault: false }, { tags: { app: 'billing' } }),
      subnet('billing-public-b', B, 'none'),
      subnet('billing-private-a', A, 'igw'),
      nat('billing-nat', B),
      like('elbv2.load-balancer', 'billing-alb', { type: 'application', scheme: 'internal' }, { tags: { app: 'billing' } }),
      like('ecs.service', 'billing-api', {}, { tags: { app: 'billing' } }),
      like('ec2.vpc', 'vpc-0default', { isDefault: true }, { tags: {} }),
      subnet('default-a', A, 'igw'),
      nat('default-nat', A),
    ],
    edges: [
      ['billing-public-b', 'in-vpc', 'billing-vpc'],
      ['billing-private-a', 'in-vpc', 'billing-vpc'],
      ['billing-nat', 'in-vpc', 'billing-vpc'],
      ['billing-nat', 'in-subnet', 'billing-public-b'],
      ['billing-alb', 'in-vpc', 'billing-vpc'],
      ['billing-alb', 'in-subnet', 'billing-public-b'],
      ['billing-api', 'in-subnet', 'billing-private-a'],
      ['default-a', 'in-vpc', 'vpc-0default'],
      ['default-nat', 'in-vpc', 'vpc-0default'],
      ['default-nat', 'in-subnet', 'default-a'],
    ],
  };
}

// ---- helpers to derive a broken variant of the fixture ----

const all = (): Net => plus(shopflow(), neighbours().nodes, neighbours().edges);

const ec2Gap = (types: Gap['resourceTypes']): Case['gaps'] => [{ service: 'ec2', operation: 'DescribeSubnets', resourceTypes: types }];

// ---- C10 ----

testRule('vpc-count', {
  valid: [
    c('one ShopFlow VPC; another app\'s VPC and the default VPC do not count', all()),
    c('a default VPC someone tagged app=shopflow does not count', plus(shopflow(), [like('ec2.vpc', 'vpc-0default', { isDefault: true })])),
  ],
  invalid: [
    c('a second ShopFlow VPC', plus(all(), [like('ec2.vpc', 'shopflow-vpc-old', { isDefault: false })]), {
      check: (rs) => {
        expectFail('(count)', 1, 2)(rs);
        expect(rs[0]!.message).toBe('Found 2 non-default VPCs of the application in us-east-1 recognised as network main, the architecture requires 1');
      },
    }),
    c('the ShopFlow VPC is in another region', { nodes: [like('ec2.vpc', 'shopflow-vpc', { isDefault: false }, { region: 'eu-west-1' })], edges: [] }, {
      regions: ['us-east-1', 'eu-west-1'],
      check: expectFail('(count)', 1, 0),
    }),
  ],
  error: [c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.vpc', 'ec2.subnet']) }), c('the region was not collected', all(), { regions: ['eu-west-1'] })],
});

// ---- C11 ----

testRule('subnet-public-internet-route', {
  valid: [c('the ALB\'s and NAT gateways\' subnets route to the IGW; billing\'s do not and are not judged', all())],
  invalid: [
    c('public-b lost its IGW route', withProps(all(), 'public-b', { routesToInternetGateway: false }), {
      check: (rs) => {
        expectFail('routesToInternetGateway', true, false, 'public-b')(rs);
        expect(rs.filter((r) => r.status === 'pass').map((r) => r.resource.name)).toEqual(['public-a']);
      },
    }),
    c('no load balancer and no NAT gateway (missing resource)', withoutNodes(all(), 'shopflow-alb', 'nat-a', 'nat-b'), { check: expectMissing }),
  ],
  error: [
    c('the load balancers could not be read', all(), { gaps: [{ service: 'elbv2', resourceTypes: ['elbv2.load-balancer'] }] }),
    c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.nat-gateway']) }),
  ],
});

testRule('subnet-public-availability-zones', {
  valid: [c('public subnets in AZ-a and AZ-b', all())],
  invalid: [
    c(
      'the ALB and both NAT gateways only use AZ-a (another app\'s public subnet in AZ-b does not help)',
      without(plus(all(), [], [['nat-b', 'in-subnet', 'public-a']]), (e) => e[2] === 'public-b' && e[1] === 'in-subnet'),
      {
        check: (rs) => {
          expectFail('availabilityZone (distinct)', ['us-east-1a', 'us-east-1b'], ['us-east-1a'])(rs);
          expect(rs[0]!.specPointer).toBe('/networks/main/availabilityZones');
          expect(rs[0]!.message).toBe(
            'Public subnets (the ALB\'s and NAT gateways\') are in zones us-east-1a, the architecture requires a public subnet in each of us-east-1a and us-east-1b',
          );
        },
      },
    ),
    c(
      'the second public subnet is in a zone the architecture does not use',
      withProps(all(), 'public-b', { availabilityZone: 'us-east-1c' }),
      { check: expectFail('availabilityZone (distinct)', ['us-east-1a', 'us-east-1b'], ['us-east-1a']) },
    ),
  ],
  error: [c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.subnet']) })],
});

// ---- C12 ----

testRule('subnet-private-no-internet-route', {
  valid: [c('the ECS subnets route through NAT; billing\'s ECS subnet with an IGW route is not judged', all())],
  invalid: [
    c('private-a routes to the IGW', withProps(all(), 'private-a', { routesToInternetGateway: true }), {
      check: (rs) => {
        expectFail('routesToInternetGateway', false, true, 'private-a')(rs);
        expect(rs.find((r) => r.status === 'fail')!.message).toBe(
          'private-a: routes to an internet gateway is true, the architecture requires false, for a subnet the ECS tasks run in',
        );
      },
    }),
    c('no ECS service uses a ShopFlow subnet (missing resource)', without(all(), (e) => e[0] === 'shopflow-api' && e[1] === 'in-subnet'), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: [{ service: 'ecs', resourceTypes: ['ecs.service'] }] })],
});

// ---- C13 ----

testRule('subnet-data-no-internet-route', {
  valid: [
    c('the database\'s and cache\'s subnets have no IGW route', all()),
    c(
      'a subnet group no database uses does not make public subnets "data"',
      plus(all(), [like('rds.db-subnet-group', 'shopflow-spare-subnets', {}, { tags: {} })], [
        ['shopflow-spare-subnets', 'in-vpc', 'shopflow-vpc'],
        ['shopflow-spare-subnets', 'in-subnet', 'public-a'],
      ]),
    ),
  ],
  invalid: [
    c('data-b routes to the IGW', withProps(all(), 'data-b', { routesToInternetGateway: true }), { check: expectFail('routesToInternetGateway', false, true, 'data-b') }),
    c(
      'the cache subnet group includes a public subnet',
      plus(all(), [], [['shopflow-cache-subnets', 'in-subnet', 'public-b']]),
      { check: expectFail('routesToInternetGateway', false, true, 'public-b') },
    ),
    c('no database and no cache (missing resource)', withoutNodes(all(), 'shopflow-db', 'shopflow-redis'), { check: expectMissing }),
  ],
  error: [
    c('ElastiCache could not be read', all(), { gaps: [{ service: 'elasticache', resourceTypes: ['elasticache.replication-group', 'elasticache.cache-subnet-group'] }] }),
    c('RDS could not be read', all(), { gaps: [{ service: 'rds', resourceTypes: ['rds.db-instance'] }] }),
  ],
});

// ---- C14 ----

const regionalOnly = () =>
  plus(withoutNodes(all(), 'nat-a', 'nat-b'), [nat('nat-regional', null, { availabilityMode: 'regional', subnetId: null })], [['nat-regional', 'in-vpc', 'shopflow-vpc']]);

testRule('nat-gateway-count', {
  valid: [
    c('two available NAT gateways; billing\'s, the default VPC\'s and a deleted one do not count', plus(all(), [nat('nat-old', A, { state: 'deleted' })], [['nat-old', 'in-vpc', 'shopflow-vpc']])),
    c('a private NAT gateway does not count', plus(all(), [nat('nat-private', A, { connectivityType: 'private' })], [['nat-private', 'in-vpc', 'shopflow-vpc']])),
    c('one regional NAT gateway, when the spec says one', regionalOnly(), { spec: { '/networks/main/natGateways/count': 1, '/networks/main/natGateways/onePerAvailabilityZone': false } }),
  ],
  invalid: [
    c('nat-b failed', withProps(all(), 'nat-b', { state: 'failed' }), {
      check: (rs) => {
        expectFail('(count)', 2, 1)(rs);
        expect(rs[0]!.message).toBe('Public NAT gateways in state available in us-east-1: 1, the architecture requires 2');
      },
    }),
    c('one regional NAT gateway is one gateway, not two', regionalOnly(), { check: expectFail('(count)', 2, 1) }),
    c('three NAT gateways', plus(all(), [nat('nat-c', 'us-east-1c')], [['nat-c', 'in-vpc', 'shopflow-vpc']]), { check: expectFail('(count)', 2, 3) }),
  ],
  error: [c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.nat-gateway']) })],
});

testRule('nat-gateway-per-az', {
  valid: [c('one NAT gateway in each AZ', all())],
  invalid: [
    c('both NAT gateways in AZ-a (billing\'s NAT gateway in AZ-b does not count)', withProps(all(), 'nat-b', { availabilityZone: A, availabilityZones: [A] }), {
      check: (rs) => {
        expectFail('availabilityZone (distinct)', 2, 1)(rs);
        expect(rs[0]!.message).toContain('Available public NAT gateways in us-east-1 cover 1 of the zones us-east-1a and us-east-1b, the architecture requires 2 (one per zone)');
      },
    }),
    c('a regional NAT gateway has no zone of its own', regionalOnly(), { check: expectFail('availabilityZone (distinct)', 2, 0) }),
    c('the NAT gateway of AZ-b is not available', withProps(all(), 'nat-b', { state: 'pending' }), { check: expectFail('availabilityZone (distinct)', 2, 1) }),
  ],
  skip: [c('the spec does not ask for one per AZ', regionalOnly(), { spec: { '/networks/main/natGateways/onePerAvailabilityZone': false } })],
  error: [c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.nat-gateway']) })],
});

testRule('nat-gateway-public-subnet', {
  valid: [
    c('both NAT gateways sit in public subnets; billing\'s in a private subnet is not judged', all()),
    c('a regional NAT gateway has no subnet and is not judged', plus(all(), [nat('nat-regional', null, { availabilityMode: 'regional' })], [['nat-regional', 'in-vpc', 'shopflow-vpc']])),
  ],
  invalid: [
    c('nat-b sits in a private subnet', without(plus(all(), [], [['nat-b', 'in-subnet', 'private-b']]), (e) => e[0] === 'nat-b' && e[2] === 'public-b'), {
      check: (rs) => {
        expectFail('->in-subnet(ec2.subnet)[private-b].routesToInternetGateway', true, false, 'nat-b')(rs);
        expect(rs.filter((r) => r.status === 'pass')).toHaveLength(1);
      },
    }),
    c('the subnet of a NAT gateway was not found', without(all(), (e) => e[0] === 'nat-a' && e[1] === 'in-subnet'), {
      check: expectFail('->in-subnet(ec2.subnet)', 1, 0, 'nat-a'),
    }),
  ],
  error: [c('EC2 could not be read', all(), { gaps: ec2Gap(['ec2.subnet']) })],
});

// ---- C15 ----

testRule('subnet-private-nat-same-az', {
  valid: [
    c('each private subnet uses its own AZ\'s NAT gateway', all()),
    c(
      'private subnets route to a regional NAT gateway',
      plus(
        without(
          withProps(withProps(regionalOnly(), 'private-a', { defaultRoute: { targetType: 'nat-gateway', targetId: 'nat-r', natGatewayAvailabilityZone: null } }), 'private-b', {
            defaultRoute: { targetType: 'nat-gateway', targetId: 'nat-r', natGatewayAvailabilityZone: null },
          }),
          (e) => e[1] === 'routes-via',
        ),
        [],
        [
          ['private-a', 'routes-via', 'nat-regional'],
          ['private-b', 'routes-via', 'nat-regional'],
        ],
      ),
    ),
  ],
  invalid: [
    c('private-b routes through AZ-a\'s NAT gateway', withProps(all(), 'private-b', { defaultRoute: { targetType: 'nat-gateway', targetId: 'nat-a', natGatewayAvailabilityZone: A } }), {
      check: (rs) => {
        expectFail('defaultRoute.natGatewayAvailabilityZone', B, A, 'private-b')(rs);
        expect(rs.find((r) => r.status === 'fail')!.message).toBe(
          'private-b: availability zone of the default route\'s NAT gateway is us-east-1a, expected us-east-1b (the NAT gateway of the subnet\'s own zone)',
        );
      },
    }),
    c(
      'private-a routes to the internet gateway',
      withProps(all(), 'private-a', { defaultRoute: { targetType: 'internet-gateway', targetId: 'igw-1', natGatewayAvailabilityZone: null } }),
      { check: expectFail('defaultRoute.targetType', 'nat-gateway', 'internet-gateway', 'private-a') },
    ),
    c('private-a has no default route', withProps(all(), 'private-a', { defaultRoute: null }), { check: expectFail('defaultRoute.targetType', 'nat-gateway', undefined, 'private-a') }),
    c('no ECS service subnets (missing resource)', withoutNodes(all(), 'shopflow-api'), { check: expectMissing }),
  ],
  skip: [c('the spec does not ask for NAT per AZ', all(), { spec: { '/networks/main/natGateways/onePerAvailabilityZone': false } })],
  // A failed route-table read names the subnets too (their default route comes from it): the collector's gap.
  error: [c('EC2 could not be read', all(), { gaps: [{ service: 'ec2', operation: 'DescribeRouteTables', resourceTypes: ['ec2.route-table', 'ec2.subnet'] }] })],
});

// ---- C16, C17: the ALB ----

testRule('alb-internet-facing', {
  valid: [c('internet-facing; billing\'s internal ALB is not judged', all())],
  invalid: [
    c('internal', withProps(all(), 'shopflow-alb', { scheme: 'internal' }), { check: expectFail('scheme', 'internet-facing', 'internal', 'shopflow-alb') }),
    c('only a network load balancer (missing resource)', withProps(all(), 'shopflow-alb', { type: 'network' }), { check: expectMissing }),
  ],
  error: [c('ELB could not be read', all(), { gaps: [{ service: 'elbv2', resourceTypes: ['elbv2.load-balancer'] }] })],
});

testRule('alb-multi-az-public-subnets', {
  valid: [c('public subnets in two AZs', all())],
  invalid: [
    c('only AZ-a', without(all(), (e) => e[0] === 'shopflow-alb' && e[2] === 'public-b'), {
      check: (rs) => {
        expectFail('->in-subnet(ec2.subnet).availabilityZone (distinct)', 2, 1, 'shopflow-alb')(rs);
        expect(rs[0]!.specPointer).toBe('/loadBalancers/public/minAvailabilityZones');
      },
    }),
    c(
      'the AZ-b leg is a private subnet',
      without(plus(all(), [], [['shopflow-alb', 'in-subnet', 'private-b']]), (e) => e[0] === 'shopflow-alb' && e[2] === 'public-b'),
      { check: expectFail('->in-subnet(ec2.subnet)[private-b].routesToInternetGateway', true, false, 'shopflow-alb') },
    ),
    c('no application load balancer (missing resource)', withoutNodes(all(), 'shopflow-alb'), { check: expectMissing }),
  ],
  error: [c('the subnets could not be read', all(), { gaps: ec2Gap(['ec2.subnet']) })],
});

testRule('alb-target-group-ecs', {
  valid: [
    c('an ip target group on 3000 behind the ALB', all()),
    c(
      'another app\'s target group the service also names is not judged',
      plus(all(), [like('elbv2.target-group', 'billing-tg', { targetType: 'instance', port: 80 }, { tags: { app: 'billing' } })], [
        ['shopflow-api', 'registered-with', 'billing-tg'],
      ]),
    ),
  ],
  invalid: [
    c('instance target type', withProps(all(), 'shopflow-api-tg', { targetType: 'instance' }), {
      check: expectFail('targetType', 'ip', 'instance', 'shopflow-api-tg'),
    }),
    c('port 8080', withProps(all(), 'shopflow-api-tg', { port: 8080 }), {
      check: (rs) => {
        expectFail('port', 3000, 8080)(rs);
        expect(rs[0]!.message).toBe('shopflow-api-tg: port is 8080, the architecture requires 3000');
      },
    }),
    c(
      'the target group is tagged but no load balancer sends it traffic',
      { ...without(all(), (e) => e[1] === 'serves'), nodes: all().nodes.map((n) => (n.name === 'shopflow-api-tg' ? { ...n, tags: { app: 'shopflow' } } : n)) },
      { check: expectFail('->serves(elbv2.load-balancer) (count)', 1, 0) },
    ),
    c('the API service is registered with no target group (missing resource)', without(all(), (e) => e[1] === 'registered-with'), { check: expectMissing }),
  ],
  error: [c('ECS could not be read', all(), { gaps: [{ service: 'ecs', resourceTypes: ['ecs.service'] }] })],
});
