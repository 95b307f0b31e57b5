import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInternetGatewaysCommand,
  DescribeNatGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
  type InternetGateway,
  type NatGateway,
  type RouteTable,
  type Subnet,
  type Vpc,
} from '@aws-sdk/client-ec2';
import { ec2Collector } from '../../src/collect/ec2.js';
import { awsError, expectCallsLimitedAndDeclared, expectValidSnapshot, fakeContext, nodesOf, paged, propsOf, nodeById } from './ctx-ec2-rds.js';

const ec2 = mockClient(EC2Client);
const ARN = 'arn:aws:ec2:us-east-1:123456789012';

const VPC = 'vpc-0a00000000000a001';
const OTHER_VPC = 'vpc-0b00000000000b001';
const PUBLIC_A = 'subnet-0a0000000000000a1';
const PRIVATE_A = 'subnet-0a0000000000000a2';
const PRIVATE_B = 'subnet-0a0000000000000b2';
const OTHER_SUBNET = 'subnet-0b0000000000000b1';
const RT_MAIN = 'rtb-0a000000000000001';
const RT_PUBLIC = 'rtb-0a000000000000002';
const RT_PRIVATE_A = 'rtb-0a000000000000003';
const RT_OTHER_MAIN = 'rtb-0b000000000000001';
const IGW = 'igw-0a000000000000001';
const NAT_A = 'nat-0a000000000000001';
const NAT_DELETED = 'nat-0a000000000000002';
const NAT_REGIONAL = 'nat-0a000000000000003';

const vpcs: Vpc[] = [
  { VpcId: VPC, CidrBlock: '10.0.0.0/16', IsDefault: false, State: 'available', Tags: [{ Key: 'Name', Value: 'shopflow-vpc' }, { Key: 'app', Value: 'shopflow' }] },
  { VpcId: OTHER_VPC, CidrBlock: '10.9.0.0/16', IsDefault: false, State: 'available', Tags: [{ Key: 'Name', Value: 'billing-vpc' }, { Key: 'app', Value: 'billing' }] },
];
const subnets: Subnet[] = [
  { SubnetId: PUBLIC_A, VpcId: VPC, AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az1', CidrBlock: '10.0.0.0/24', MapPublicIpOnLaunch: true, Tags: [{ Key: 'Name', Value: 'shopflow-public-a' }] },
  { SubnetId: PRIVATE_A, VpcId: VPC, AvailabilityZone: 'us-east-1a', AvailabilityZoneId: 'use1-az1', CidrBlock: '10.0.10.0/24', MapPublicIpOnLaunch: false },
  { SubnetId: PRIVATE_B, VpcId: VPC, AvailabilityZone: 'us-east-1b', AvailabilityZoneId: 'use1-az2', CidrBlock: '10.0.11.0/24', MapPublicIpOnLaunch: false },
  { SubnetId: OTHER_SUBNET, VpcId: OTHER_VPC, AvailabilityZone: 'us-east-1c', AvailabilityZoneId: 'use1-az3', CidrBlock: '10.9.0.0/24', Tags: [{ Key: 'app', Value: 'billing' }] },
];
const local = { DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', State: 'active' as const };
const routeTables: RouteTable[] = [
  // The main table: PRIVATE_B has no association of its own, so this one applies (to a NAT in another AZ).
  { RouteTableId: RT_MAIN, VpcId: VPC, Associations: [{ Main: true, RouteTableId: RT_MAIN, AssociationState: { State: 'associated' } }], Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NAT_A, State: 'active' }] },
  {
    RouteTableId: RT_PUBLIC, VpcId: VPC, Tags: [{ Key: 'Name', Value: 'shopflow-public' }],
    Associations: [{ Main: false, SubnetId: PUBLIC_A, AssociationState: { State: 'associated' } }],
    Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', GatewayId: IGW, State: 'active' }, { DestinationIpv6CidrBlock: '::/0', GatewayId: IGW, State: 'active' }],
  },
  {
    RouteTableId: RT_PRIVATE_A, VpcId: VPC,
    Associations: [{ Main: false, SubnetId: PRIVATE_A, AssociationState: { State: 'associated' } }, { Main: false, SubnetId: PRIVATE_B, AssociationState: { State: 'disassociated' } }],
    Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NAT_A, State: 'active' }, { DestinationPrefixListId: 'pl-63a5400a', GatewayId: 'vpce-0a000000000000001', State: 'active' }],
  },
  { RouteTableId: RT_OTHER_MAIN, VpcId: OTHER_VPC, Associations: [{ Main: true, AssociationState: { State: 'associated' } }], Routes: [{ DestinationCidrBlock: '10.9.0.0/16', GatewayId: 'local', State: 'active' }] },
];
const internetGateways: InternetGateway[] = [{ InternetGatewayId: IGW, Attachments: [{ VpcId: VPC, State: 'available' as never }], Tags: [{ Key: 'Name', Value: 'shopflow-igw' }] }];
const natA: NatGateway = { NatGatewayId: NAT_A, VpcId: VPC, SubnetId: PUBLIC_A, State: 'available', ConnectivityType: 'public', AvailabilityMode: 'zonal', Tags: [{ Key: 'Name', Value: 'shopflow-nat-a' }] };
const natDeleted: NatGateway = { NatGatewayId: NAT_DELETED, VpcId: VPC, SubnetId: PRIVATE_B, State: 'deleted', ConnectivityType: 'public' };
// A regional NAT gateway (EC2 API, late 2025): no subnet; its addresses say which AZs it serves,
// one by AZ name and one only by AZ id.
const natRegional: NatGateway = {
  NatGatewayId: NAT_REGIONAL, VpcId: VPC, State: 'available', ConnectivityType: 'public', AvailabilityMode: 'regional', AutoProvisionZones: 'enabled',
  NatGatewayAddresses: [{ AllocationId: 'eipalloc-1', AvailabilityZone: 'us-east-1a' }, { AllocationId: 'eipalloc-2', AvailabilityZoneId: 'use1-az2' }, { AllocationId: 'eipalloc-3', AvailabilityZone: 'us-east-1a' }],
};

/** The account above, two pages per list where it has enough items; `onCall` sees every call. */
function mockNetwork(overrides: { natGateways?: NatGateway[]; routeTables?: RouteTable[] } = {}, onCall?: (token: unknown) => void) {
  const nats = overrides.natGateways ?? [natA, natDeleted];
  const tables = overrides.routeTables ?? routeTables;
  ec2.on(DescribeVpcsCommand).callsFake(paged([{ Vpcs: [vpcs[0]!] }, { Vpcs: [vpcs[1]!] }], 'NextToken', 'NextToken', onCall));
  ec2.on(DescribeSubnetsCommand).callsFake(paged([{ Subnets: subnets.slice(0, 2) }, { Subnets: subnets.slice(2) }], 'NextToken', 'NextToken', onCall));
  ec2.on(DescribeRouteTablesCommand).callsFake(paged([{ RouteTables: tables.slice(0, 2) }, { RouteTables: tables.slice(2) }], 'NextToken', 'NextToken', onCall));
  ec2.on(DescribeInternetGatewaysCommand).callsFake(paged([{ InternetGateways: internetGateways }], 'NextToken', 'NextToken', onCall));
  ec2.on(DescribeNatGatewaysCommand).callsFake(paged(nats.map((n) => ({ NatGateways: [n] })), 'NextToken', 'NextToken', onCall));
}

describe('ec2Collector', () => {
  beforeEach(() => ec2.reset());

  it('follows every page of every list, under ctx.limit, calling exactly its declared actions', async () => {
    const ctx = fakeContext();
    const insideAtCall: number[] = [];
    const tokens: unknown[] = [];
    mockNetwork({}, (token) => {
      insideAtCall.push(ctx.insideLimit());
      tokens.push(token);
    });
    const result = await ec2Collector.collect(ctx);

    // 5 first pages, then the second pages of VPCs, subnets, route tables and NAT gateways.
    expect(tokens.filter((t) => t === undefined)).toHaveLength(5);
    expect(tokens.filter((t) => t === 'page-1')).toHaveLength(4);
    expect(ec2.commandCalls(DescribeVpcsCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeSubnetsCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeRouteTablesCommand)).toHaveLength(2);
    expect(ec2.commandCalls(DescribeNatGatewaysCommand)).toHaveLength(2);
    expect(nodesOf(result, 'ec2.vpc').map((n) => n.props.vpcId)).toEqual([VPC, OTHER_VPC]);
    expect(nodesOf(result, 'ec2.subnet')).toHaveLength(4);
    expect(nodesOf(result, 'ec2.route-table')).toHaveLength(4);
    expect(nodesOf(result, 'ec2.nat-gateway').map((n) => n.props.natGatewayId)).toEqual([NAT_A, NAT_DELETED]);
    expect(result.gaps).toEqual([]);
    expectCallsLimitedAndDeclared(ec2, insideAtCall, 'ec2', ec2Collector.actions);
    expectValidSnapshot(result);
  });

  it('normalizes VPCs, route tables, gateways and NAT gateways', async () => {
    mockNetwork();
    const result = await ec2Collector.collect(fakeContext());

    expect(nodeById(result, 'ec2.vpc', `${ARN}:vpc/${VPC}`)).toEqual({
      id: `${ARN}:vpc/${VPC}`, type: 'ec2.vpc', region: 'us-east-1', account: '123456789012', name: 'shopflow-vpc',
      tags: { Name: 'shopflow-vpc', app: 'shopflow' },
      props: { vpcId: VPC, cidrBlock: '10.0.0.0/16', isDefault: false, state: 'available' },
    });
    expect(propsOf(result, 'ec2.route-table', `${ARN}:route-table/${RT_PRIVATE_A}`)).toEqual({
      routeTableId: RT_PRIVATE_A, vpcId: VPC, main: false,
      subnetIds: [PRIVATE_A], // the disassociated PRIVATE_B association no longer applies
      routes: [
        { destination: '10.0.0.0/16', targetType: 'local', targetId: 'local', state: 'active' },
        { destination: '0.0.0.0/0', targetType: 'nat-gateway', targetId: NAT_A, state: 'active' },
        { destination: 'pl-63a5400a', targetType: 'vpc-endpoint', targetId: 'vpce-0a000000000000001', state: 'active' },
      ],
    });
    expect(propsOf(result, 'ec2.route-table', `${ARN}:route-table/${RT_MAIN}`).main).toBe(true);
    expect(propsOf(result, 'ec2.internet-gateway', `${ARN}:internet-gateway/${IGW}`)).toEqual({ internetGatewayId: IGW, attachedVpcIds: [VPC] });
    expect(nodeById(result, 'ec2.nat-gateway', `${ARN}:natgateway/${NAT_A}`)).toMatchObject({
      name: 'shopflow-nat-a',
      props: { natGatewayId: NAT_A, state: 'available', connectivityType: 'public', availabilityMode: 'zonal', vpcId: VPC, subnetId: PUBLIC_A, availabilityZone: 'us-east-1a', availabilityZones: ['us-east-1a'] },
    });
    // Deleted NAT gateways stay nodes (rules filter by state); no AvailabilityMode means zonal.
    expect(nodeById(result, 'ec2.nat-gateway', `${ARN}:natgateway/${NAT_DELETED}`)).toMatchObject({
      name: NAT_DELETED, tags: {}, props: { state: 'deleted', availabilityMode: 'zonal', availabilityZone: 'us-east-1b', availabilityZones: ['us-east-1b'] },
    });
  });

  it('derives each subnet\'s effective route: its own table, else the main one', async () => {
    mockNetwork();
    const result = await ec2Collector.collect(fakeContext());

    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${PUBLIC_A}`)).toEqual({
      subnetId: PUBLIC_A, vpcId: VPC, availabilityZone: 'us-east-1a', cidrBlock: '10.0.0.0/24', mapPublicIpOnLaunch: true,
      routeTableId: RT_PUBLIC,
      defaultRoute: { targetType: 'internet-gateway', targetId: IGW, natGatewayAvailabilityZone: null },
      routesToInternetGateway: true,
    });
    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${PRIVATE_A}`)).toMatchObject({
      routeTableId: RT_PRIVATE_A,
      defaultRoute: { targetType: 'nat-gateway', targetId: NAT_A, natGatewayAvailabilityZone: 'us-east-1a' },
      routesToInternetGateway: false,
    });
    // No explicit association (its old one is disassociated): the main table, whose NAT is in 1a.
    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${PRIVATE_B}`)).toMatchObject({
      availabilityZone: 'us-east-1b', routeTableId: RT_MAIN,
      defaultRoute: { targetType: 'nat-gateway', targetId: NAT_A, natGatewayAvailabilityZone: 'us-east-1a' },
    });
    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${OTHER_SUBNET}`)).toMatchObject({ routeTableId: RT_OTHER_MAIN, defaultRoute: null, routesToInternetGateway: false });
  });

  it('links subnets, tables and gateways to their VPC, and subnets to the gateway they route via', async () => {
    mockNetwork();
    const { edges } = await ec2Collector.collect(fakeContext());
    const from = (id: string) => edges.filter((e) => e.from === id).map((e) => `${e.type} ${e.to}`).sort();

    expect(from(`${ARN}:subnet/${PUBLIC_A}`)).toEqual([`in-vpc ${ARN}:vpc/${VPC}`, `routes-via ${ARN}:internet-gateway/${IGW}`]);
    expect(from(`${ARN}:subnet/${PRIVATE_B}`)).toEqual([`in-vpc ${ARN}:vpc/${VPC}`, `routes-via ${ARN}:natgateway/${NAT_A}`]);
    expect(from(`${ARN}:subnet/${OTHER_SUBNET}`)).toEqual([`in-vpc ${ARN}:vpc/${OTHER_VPC}`]);
    expect(from(`${ARN}:route-table/${RT_PUBLIC}`)).toEqual([`in-vpc ${ARN}:vpc/${VPC}`]);
    expect(from(`${ARN}:internet-gateway/${IGW}`)).toEqual([`attached-to ${ARN}:vpc/${VPC}`]);
    expect(from(`${ARN}:natgateway/${NAT_A}`)).toEqual([`in-subnet ${ARN}:subnet/${PUBLIC_A}`, `in-vpc ${ARN}:vpc/${VPC}`]);
  });

  it('understands a regional NAT gateway: no subnet, the AZs of its addresses', async () => {
    const privateToRegional: RouteTable = { ...routeTables[2]!, Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: NAT_REGIONAL, State: 'active' }] };
    mockNetwork({ natGateways: [natRegional], routeTables: [routeTables[0]!, routeTables[1]!, privateToRegional, routeTables[3]!] });
    const result = await ec2Collector.collect(fakeContext());

    expect(propsOf(result, 'ec2.nat-gateway', `${ARN}:natgateway/${NAT_REGIONAL}`)).toEqual({
      natGatewayId: NAT_REGIONAL, state: 'available', connectivityType: 'public', availabilityMode: 'regional',
      vpcId: VPC, subnetId: null, availabilityZone: null, availabilityZones: ['us-east-1a', 'us-east-1b'],
    });
    expect(result.edges.filter((e) => e.from === `${ARN}:natgateway/${NAT_REGIONAL}`)).toEqual([{ type: 'in-vpc', from: `${ARN}:natgateway/${NAT_REGIONAL}`, to: `${ARN}:vpc/${VPC}` }]);
    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${PRIVATE_A}`).defaultRoute).toEqual({ targetType: 'nat-gateway', targetId: NAT_REGIONAL, natGatewayAvailabilityZone: null });
    expect(result.edges).toContainEqual({ type: 'routes-via', from: `${ARN}:subnet/${PRIVATE_A}`, to: `${ARN}:natgateway/${NAT_REGIONAL}` });
    expectValidSnapshot(result);
  });

  it('treats a blackhole default route as no default route, and keeps it in the table', async () => {
    const blackholed: RouteTable = { ...routeTables[2]!, Routes: [local, { DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: 'nat-0dead00000000dead', State: 'blackhole' }] };
    mockNetwork({ routeTables: [routeTables[0]!, routeTables[1]!, blackholed, routeTables[3]!] });
    const result = await ec2Collector.collect(fakeContext());

    expect(propsOf(result, 'ec2.subnet', `${ARN}:subnet/${PRIVATE_A}`)).toMatchObject({ routeTableId: RT_PRIVATE_A, defaultRoute: null, routesToInternetGateway: false });
    expect(result.edges.filter((e) => e.from === `${ARN}:subnet/${PRIVATE_A}` && e.type === 'routes-via')).toEqual([]);
    expect(propsOf(result, 'ec2.route-table', `${ARN}:route-table/${RT_PRIVATE_A}`).routes[1]).toEqual({ destination: '0.0.0.0/0', targetType: 'nat-gateway', targetId: 'nat-0dead00000000dead', state: 'blackhole' });
  });

  it('keeps another application\'s network as nodes with their own tags (scope is decided later)', async () => {
    mockNetwork();
    const result = await ec2Collector.collect(fakeContext());

    expect(nodeById(result, 'ec2.vpc', `${ARN}:vpc/${OTHER_VPC}`)).toMatchObject({ name: 'billing-vpc', tags: { Name: 'billing-vpc', app: 'billing' } });
    expect(nodeById(result, 'ec2.subnet', `${ARN}:subnet/${OTHER_SUBNET}`)).toMatchObject({ name: OTHER_SUBNET, tags: { app: 'billing' } });
  });

  it('turns a denied DescribeRouteTables into a gap, with no route tables and no subnets (their routes are unknown)', async () => {
    mockNetwork();
    ec2.on(DescribeRouteTablesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const result = await ec2Collector.collect(fakeContext());

    expect(result.gaps).toEqual([{
      service: 'ec2', operation: 'DescribeRouteTables', region: 'us-east-1', code: 'UnauthorizedOperation',
      message: 'You are not authorized to perform this operation.', resourceTypes: ['ec2.route-table', 'ec2.subnet'],
    }]);
    expect(nodesOf(result, 'ec2.route-table')).toEqual([]);
    expect(nodesOf(result, 'ec2.subnet')).toEqual([]);
    expect(nodesOf(result, 'ec2.vpc')).toHaveLength(2);
    expect(nodesOf(result, 'ec2.nat-gateway')).toHaveLength(2);
  });

  it('emits no NAT gateways (not the first page of them) and no subnets when a later NAT page is throttled', async () => {
    mockNetwork();
    ec2.on(DescribeNatGatewaysCommand).callsFake(paged([{ NatGateways: [natA] }, awsError('RequestLimitExceeded', 'Request limit exceeded.')], 'NextToken'));
    const result = await ec2Collector.collect(fakeContext());

    expect(ec2.commandCalls(DescribeNatGatewaysCommand)).toHaveLength(2);
    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeNatGateways', code: 'RequestLimitExceeded', resourceTypes: ['ec2.nat-gateway', 'ec2.subnet'] })]);
    expect(nodesOf(result, 'ec2.nat-gateway')).toEqual([]);
    expect(nodesOf(result, 'ec2.subnet')).toEqual([]);
    expect(nodesOf(result, 'ec2.route-table')).toHaveLength(4);
  });

  it('turns a denied DescribeSubnets into a gap for subnets and NAT gateways (their AZ comes from the subnet)', async () => {
    mockNetwork();
    ec2.on(DescribeSubnetsCommand).rejects(awsError('UnauthorizedOperation'));
    const result = await ec2Collector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ service: 'ec2', operation: 'DescribeSubnets', region: 'us-east-1', code: 'UnauthorizedOperation', resourceTypes: ['ec2.subnet', 'ec2.nat-gateway'] })]);
    expect(nodesOf(result, 'ec2.subnet')).toEqual([]);
    expect(nodesOf(result, 'ec2.nat-gateway')).toEqual([]);
    expect(nodesOf(result, 'ec2.internet-gateway')).toHaveLength(1);
  });
});
