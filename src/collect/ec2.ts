// EC2 networking: VPCs, subnets, route tables, internet gateways and NAT gateways.
// Calls: DescribeVpcs, DescribeSubnets, DescribeRouteTables, DescribeInternetGateways and
// DescribeNatGateways, each paged and each made once for the whole region; tags come inline, so
// there are no per-resource calls.
// Subnets are derived from three reads (their own, route tables for the effective route, NAT
// gateways for the NAT's AZ) and NAT gateways from two (their own, subnets for the AZ). A type is
// emitted only when every read it is derived from succeeded: a failed read leaves a gap, never
// plausible but wrong props.
import type { InternetGateway, NatGateway, Route, RouteTable, Subnet, Tag, Vpc } from '@aws-sdk/client-ec2';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { NatGatewayProps, SubnetProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-ec2');

const ANY_IPV4 = '0.0.0.0/0';
const ANY_IPV6 = '::/0';

export const ec2Collector = defineCollector({
  service: 'ec2',
  iamPrefix: 'ec2',
  sdkClient: 'EC2',
  sdkPackage: '@aws-sdk/client-ec2',
  // Each type is emitted only when every read it is derived from succeeded.
  reads: [
    { operation: 'DescribeVpcs', pageSize: 1000, per: 'region', paged: true, answer: 'Vpcs', feeds: { 'ec2.vpc': '*' } },
    { operation: 'DescribeSubnets', pageSize: 1000, per: 'region', paged: true, answer: 'Subnets', feeds: { 'ec2.subnet': '*', 'ec2.nat-gateway': '*' } },
    { operation: 'DescribeRouteTables', pageSize: 100, per: 'region', paged: true, answer: 'RouteTables', feeds: { 'ec2.route-table': '*', 'ec2.subnet': '*' } },
    { operation: 'DescribeInternetGateways', pageSize: 1000, per: 'region', paged: true, answer: 'InternetGateways', feeds: { 'ec2.internet-gateway': '*' } },
    { operation: 'DescribeNatGateways', pageSize: 1000, per: 'region', paged: true, answer: 'NatGateways', feeds: { 'ec2.nat-gateway': '*', 'ec2.subnet': '*' } },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { EC2Client, paginateDescribeInternetGateways, paginateDescribeNatGateways, paginateDescribeRouteTables, paginateDescribeSubnets, paginateDescribeVpcs } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(EC2Client);
  const read = reader(ctx, ec2Collector, result.gaps);

  const [vpcs, subnets, routeTables, internetGateways, natGateways] = await Promise.all([
    read.list('DescribeVpcs', paginateDescribeVpcs({ client, pageSize: read.pageSize('DescribeVpcs') }, {}), (p) => p.Vpcs),
    read.list('DescribeSubnets', paginateDescribeSubnets({ client, pageSize: read.pageSize('DescribeSubnets') }, {}), (p) => p.Subnets),
    read.list('DescribeRouteTables', paginateDescribeRouteTables({ client, pageSize: read.pageSize('DescribeRouteTables') }, {}), (p) => p.RouteTables),
    read.list('DescribeInternetGateways', paginateDescribeInternetGateways({ client, pageSize: read.pageSize('DescribeInternetGateways') }, {}), (p) => p.InternetGateways),
    read.list('DescribeNatGateways', paginateDescribeNatGateways({ client, pageSize: read.pageSize('DescribeNatGateways') }, {}), (p) => p.NatGateways),
  ]);

  const emit = ([node, edges]: [GraphNode, GraphEdge[]]) => {
    result.nodes.push(node);
    result.edges.push(...edges);
  };
  // Each type only from reads that all succeeded (see the reads' feeds).
  for (const vpc of vpcs ?? []) emit([vpcNode(ctx, vpc), []]);
  for (const table of routeTables ?? []) emit(routeTableNode(ctx, table));
  for (const igw of internetGateways ?? []) emit(internetGatewayNode(ctx, igw));
  if (subnets && natGateways) {
    const subnetById = new Map(subnets.map((s) => [s.SubnetId ?? '', s]));
    const natProps = new Map(natGateways.map((g) => [g.NatGatewayId ?? '', natGatewayProps(g, subnetById)]));
    for (const g of natGateways) emit(natGatewayNode(ctx, g, natProps.get(g.NatGatewayId ?? '')!));
    if (routeTables) {
      const effective = effectiveRouteTables(routeTables);
      for (const subnet of subnets) {
        const table = effective(subnet);
        // Every VPC has a main route table: none listed for this subnet means the listing is
        // incomplete (a half-compatible endpoint, an empty answer), not "no route".
        if (table) emit(subnetNode(ctx, subnet, table, natProps));
        else read.fail('DescribeRouteTables', { name: 'RouteTableNotListed', message: `no route table listed for ${subnet.SubnetId ?? '?'} or the main table of ${subnet.VpcId ?? '?'}` });
      }
    }
  }
  ctx.progress?.({ kind: 'resources', service: 'ec2', region: ctx.region, count: result.nodes.length });
  return result;
}

function base(ctx: CollectContext, id: string, awsId: string, tags: Tag[] | undefined) {
  const map = tagMap(tags);
  return { id, region: ctx.region, account: ctx.account, name: map.Name ?? awsId, tags: map };
}

function vpcNode(ctx: CollectContext, vpc: Vpc): GraphNode<'ec2.vpc'> {
  const vpcId = vpc.VpcId ?? '';
  return {
    ...base(ctx, arn.vpc(ctx, vpcId), vpcId, vpc.Tags),
    type: 'ec2.vpc',
    props: { vpcId, cidrBlock: vpc.CidrBlock ?? '', isDefault: vpc.IsDefault ?? false, state: vpc.State ?? '' },
  };
}

function routeTableNode(ctx: CollectContext, table: RouteTable): [GraphNode<'ec2.route-table'>, GraphEdge[]] {
  const routeTableId = table.RouteTableId ?? '';
  const vpcId = table.VpcId ?? '';
  const id = arn.routeTable(ctx, routeTableId);
  const node: GraphNode<'ec2.route-table'> = {
    ...base(ctx, id, routeTableId, table.Tags),
    type: 'ec2.route-table',
    props: {
      routeTableId,
      vpcId,
      main: isMain(table),
      subnetIds: activeAssociations(table).flatMap((a) => (a.SubnetId ? [a.SubnetId] : [])),
      routes: (table.Routes ?? []).map((r) => ({
        destination: r.DestinationCidrBlock ?? r.DestinationIpv6CidrBlock ?? r.DestinationPrefixListId ?? '',
        ...routeTarget(r),
        state: r.State ?? '',
      })),
    },
  };
  return [node, [{ type: 'in-vpc', from: id, to: arn.vpc(ctx, vpcId) }]];
}

function internetGatewayNode(ctx: CollectContext, igw: InternetGateway): [GraphNode<'ec2.internet-gateway'>, GraphEdge[]] {
  const internetGatewayId = igw.InternetGatewayId ?? '';
  const id = arn.internetGateway(ctx, internetGatewayId);
  // EC2 reports a live IGW attachment as "available" (not in the SDK's enum) or "attached".
  const attachedVpcIds = (igw.Attachments ?? []).flatMap((a) => (a.VpcId && (a.State as string | undefined) !== 'detached' ? [a.VpcId] : []));
  return [
    { ...base(ctx, id, internetGatewayId, igw.Tags), type: 'ec2.internet-gateway', props: { internetGatewayId, attachedVpcIds } },
    attachedVpcIds.map((vpcId) => ({ type: 'attached-to', from: id, to: arn.vpc(ctx, vpcId) })),
  ];
}

/**
 * Zonal: one subnet, its AZ. Regional (AvailabilityMode "regional", EC2 API since late 2025): no
 * subnet; the AZs it serves are those of its addresses (each EIP is in use in one AZ).
 */
function natGatewayProps(g: NatGateway, subnetById: Map<string, Subnet>): NatGatewayProps {
  // Read as a plain string: an SDK older than the field would leave it undefined, i.e. zonal.
  const regional = (g.AvailabilityMode as string | undefined) === 'regional';
  const subnet = g.SubnetId ? subnetById.get(g.SubnetId) : undefined;
  const availabilityZone = regional ? null : (subnet?.AvailabilityZone ?? null);
  return {
    natGatewayId: g.NatGatewayId ?? '',
    state: g.State ?? '',
    connectivityType: g.ConnectivityType === 'private' ? 'private' : 'public',
    availabilityMode: regional ? 'regional' : 'zonal',
    vpcId: g.VpcId ?? '',
    subnetId: g.SubnetId ?? null,
    availabilityZone,
    availabilityZones: regional ? regionalNatAzs(g, [...subnetById.values()]) : availabilityZone ? [availabilityZone] : [],
  };
}

function regionalNatAzs(g: NatGateway, subnets: Subnet[]): string[] {
  // Props hold AZ names; an address that only names an AZ id is translated through the subnets.
  const nameById = new Map(subnets.flatMap((s) => (s.AvailabilityZoneId && s.AvailabilityZone ? [[s.AvailabilityZoneId, s.AvailabilityZone] as const] : [])));
  const azs = (g.NatGatewayAddresses ?? []).flatMap((a) => {
    const az = a.AvailabilityZone ?? (a.AvailabilityZoneId ? nameById.get(a.AvailabilityZoneId) : undefined);
    return az ? [az] : [];
  });
  return [...new Set(azs)].sort();
}

function natGatewayNode(ctx: CollectContext, g: NatGateway, props: NatGatewayProps): [GraphNode<'ec2.nat-gateway'>, GraphEdge[]] {
  const id = arn.natGateway(ctx, props.natGatewayId);
  const edges: GraphEdge[] = [{ type: 'in-vpc', from: id, to: arn.vpc(ctx, props.vpcId) }];
  if (props.subnetId) edges.push({ type: 'in-subnet', from: id, to: arn.subnet(ctx, props.subnetId) });
  return [{ ...base(ctx, id, props.natGatewayId, g.Tags), type: 'ec2.nat-gateway', props }, edges];
}

function subnetNode(ctx: CollectContext, subnet: Subnet, table: RouteTable, natProps: Map<string, NatGatewayProps>): [GraphNode<'ec2.subnet'>, GraphEdge[]] {
  const subnetId = subnet.SubnetId ?? '';
  const vpcId = subnet.VpcId ?? '';
  const id = arn.subnet(ctx, subnetId);
  // Only active routes carry traffic: a blackhole default route (e.g. to a deleted NAT) is no route.
  const active = (table.Routes ?? []).filter((r) => r.State !== 'blackhole');
  const ipv4Default = active.find((r) => r.DestinationCidrBlock === ANY_IPV4);
  const ipv6Default = active.find((r) => r.DestinationIpv6CidrBlock === ANY_IPV6);
  const defaultRoute = ipv4Default ? toDefaultRoute(ipv4Default, natProps) : null;
  const props: SubnetProps = {
    subnetId,
    vpcId,
    availabilityZone: subnet.AvailabilityZone ?? '',
    cidrBlock: subnet.CidrBlock ?? '',
    mapPublicIpOnLaunch: subnet.MapPublicIpOnLaunch ?? false,
    routeTableId: table.RouteTableId ?? null,
    defaultRoute,
    routesToInternetGateway: [ipv4Default, ipv6Default].some((r) => r?.GatewayId?.startsWith('igw-')),
  };
  const edges: GraphEdge[] = [{ type: 'in-vpc', from: id, to: arn.vpc(ctx, vpcId) }];
  if (defaultRoute?.targetType === 'internet-gateway') edges.push({ type: 'routes-via', from: id, to: arn.internetGateway(ctx, defaultRoute.targetId) });
  if (defaultRoute?.targetType === 'nat-gateway') edges.push({ type: 'routes-via', from: id, to: arn.natGateway(ctx, defaultRoute.targetId) });
  return [{ ...base(ctx, id, subnetId, subnet.Tags), type: 'ec2.subnet', props }, edges];
}

function toDefaultRoute(route: Route, natProps: Map<string, NatGatewayProps>): NonNullable<SubnetProps['defaultRoute']> {
  const { targetType, targetId } = routeTarget(route);
  const known = ['internet-gateway', 'nat-gateway', 'transit-gateway', 'instance'] as const;
  return {
    targetType: (known as readonly string[]).includes(targetType) ? (targetType as (typeof known)[number]) : 'other',
    targetId,
    // Null for a regional NAT gateway (it has no single AZ) or one that was not listed.
    natGatewayAvailabilityZone: route.NatGatewayId ? (natProps.get(route.NatGatewayId)?.availabilityZone ?? null) : null,
  };
}

/** A route's target as a kind and the target's id (instance before ENI: an instance route names both). */
function routeTarget(r: Route): { targetType: string; targetId: string } {
  const gateway = r.GatewayId;
  if (gateway === 'local') return { targetType: 'local', targetId: 'local' };
  if (gateway?.startsWith('igw-')) return { targetType: 'internet-gateway', targetId: gateway };
  if (r.NatGatewayId) return { targetType: 'nat-gateway', targetId: r.NatGatewayId };
  if (r.TransitGatewayId) return { targetType: 'transit-gateway', targetId: r.TransitGatewayId };
  if (r.InstanceId) return { targetType: 'instance', targetId: r.InstanceId };
  if (gateway?.startsWith('vgw-')) return { targetType: 'virtual-private-gateway', targetId: gateway };
  if (gateway?.startsWith('vpce-')) return { targetType: 'vpc-endpoint', targetId: gateway };
  if (r.EgressOnlyInternetGatewayId) return { targetType: 'egress-only-internet-gateway', targetId: r.EgressOnlyInternetGatewayId };
  if (r.VpcPeeringConnectionId) return { targetType: 'vpc-peering-connection', targetId: r.VpcPeeringConnectionId };
  if (r.NetworkInterfaceId) return { targetType: 'network-interface', targetId: r.NetworkInterfaceId };
  if (r.LocalGatewayId) return { targetType: 'local-gateway', targetId: r.LocalGatewayId };
  if (r.CarrierGatewayId) return { targetType: 'carrier-gateway', targetId: r.CarrierGatewayId };
  if (r.CoreNetworkArn) return { targetType: 'core-network', targetId: r.CoreNetworkArn };
  return { targetType: 'other', targetId: gateway ?? r.OdbNetworkArn ?? 'unknown' };
}

/** subnet -> the table that applies to it: its explicit association, else its VPC's main table. */
function effectiveRouteTables(tables: RouteTable[]): (subnet: Subnet) => RouteTable | undefined {
  const explicit = new Map<string, RouteTable>();
  const mainByVpc = new Map<string, RouteTable>();
  for (const table of tables) {
    for (const a of activeAssociations(table)) if (a.SubnetId) explicit.set(a.SubnetId, table);
    if (isMain(table) && table.VpcId) mainByVpc.set(table.VpcId, table);
  }
  return (subnet) => explicit.get(subnet.SubnetId ?? '') ?? mainByVpc.get(subnet.VpcId ?? '');
}

const activeAssociations = (table: RouteTable) =>
  (table.Associations ?? []).filter((a) => !a.AssociationState?.State || a.AssociationState.State === 'associated');
const isMain = (table: RouteTable) => activeAssociations(table).some((a) => a.Main === true);
