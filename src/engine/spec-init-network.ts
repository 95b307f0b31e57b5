// `infra-audit init`: the values of a network (VPC), a distribution, a load balancer and a hosted zone,
// as the live account has them (spec-init-read.ts says what counts as unknown).
import type { GraphNode } from '../graph/types.js';
import { agreed, az, bool, compact, list, oneOf, props, record, sortedUnique, str, type Props, type Scoped } from './spec-init-read.js';

/** Subnets by the tier their occupants put them in: what the network rules mean by public, private and data. */
function tiers(s: Scoped, subnets: GraphNode[]) {
  const publicTier = subnets.filter((n) => s.hasIncoming(n, 'in-subnet', 'elbv2.load-balancer') || s.hasIncoming(n, 'in-subnet', 'ec2.nat-gateway'));
  const privateTier = subnets.filter((n) => s.hasIncoming(n, 'in-subnet', 'ecs.service'));
  const usedGroup = (group: GraphNode, member: string) => s.hasIncoming(group, 'in-subnet-group', member);
  const dataTier = subnets.filter((n) =>
    s.graph.neighbours(n.id, 'in-subnet', true).some(
      (g) => (g.type === 'rds.db-subnet-group' && usedGroup(g, 'rds.db-instance')) || (g.type === 'elasticache.cache-subnet-group' && usedGroup(g, 'elasticache.replication-group')),
    ),
  );
  return { publicTier, privateTier, dataTier };
}

const tier = (subnets: GraphNode[]) =>
  subnets.length ? compact({ routeToInternetGateway: agreed(subnets.map((n) => bool(props(n).routesToInternetGateway))) }) : undefined;

/** Routes to the NAT gateway of its own zone, or through a regional one (which serves every zone). */
function ownZoneNat(s: Scoped, subnet: GraphNode): boolean {
  const p = props(subnet);
  const route = record(p.defaultRoute);
  if (route.targetType === 'nat-gateway' && az(route.natGatewayAvailabilityZone) !== undefined && route.natGatewayAvailabilityZone === p.availabilityZone) return true;
  return s.related(subnet, 'routes-via', 'ec2.nat-gateway').some((nat) => props(nat).availabilityMode === 'regional');
}

export function networkValues(s: Scoped, vpc: GraphNode): Props {
  const members = (type: string) => s.related(vpc, 'in-vpc', type, true).filter((n) => s.inScope.has(n.id));
  const subnets = members('ec2.subnet');
  const { publicTier, privateTier, dataTier } = tiers(s, subnets);
  // The zones the public tier spans are what the zone rules compare with; a network without one: all its subnets'.
  const zones = sortedUnique((publicTier.length ? publicTier : subnets).map((n) => az(props(n).availabilityZone)));
  const available = members('ec2.nat-gateway').filter((n) => props(n).connectivityType === 'public' && props(n).state === 'available');
  const natZones = new Set(available.map((n) => az(props(n).availabilityZone)).filter((z) => z !== undefined && zones.includes(z)));
  const onePerZone = available.length > 0 && natZones.size === available.length && privateTier.every((n) => ownZoneNat(s, n));
  return {
    availabilityZones: zones.length ? zones : undefined,
    subnetTiers: compact({ public: tier(publicTier), private: tier(privateTier), data: tier(dataTier) }),
    natGateways: compact({ count: available.length, state: available.length ? 'available' : undefined, onePerAvailabilityZone: onePerZone }),
  };
}

export function loadBalancerValues(s: Scoped, lb: GraphNode): Props {
  const p = props(lb);
  const zones = sortedUnique(s.related(lb, 'in-subnet', 'ec2.subnet').map((n) => az(props(n).availabilityZone)));
  return {
    type: oneOf(p.type, ['application', 'network', 'gateway'] as const),
    scheme: oneOf(p.scheme, ['internet-facing', 'internal'] as const),
    minAvailabilityZones: zones.length ? zones.length : undefined,
  };
}

const PROTOCOL_VERSION = /^(SSLv3|TLSv1(\.[0-9])?(_[0-9]{4})?)$/;

export function distributionValues(s: Scoped, dist: GraphNode): Props {
  const p = props(dist);
  const origins = list(p.origins).map(record);
  const s3Origins = origins.filter((o) => o.kind === 's3');
  const acl = str(p.webAclId) ? s.related(dist, 'protected-by', 'wafv2.web-acl') : [];
  const viewer = record(p.viewerCertificate);
  const policies = sortedUnique(list(p.cacheBehaviors).map((b) => oneOf(record(b).viewerProtocolPolicy, ['allow-all', 'https-only', 'redirect-to-https'] as const)));
  const minimum = str(viewer.minimumProtocolVersion);
  return {
    enabled: bool(p.enabled),
    staticOrigin: compact({
      kind: s3Origins.length ? 's3' : origins.length ? 'custom' : undefined,
      originAccessControl: s3Origins.length ? s3Origins.every((o) => str(o.originAccessControlId) !== undefined) : undefined,
    }),
    dynamicOriginIsLoadBalancer: s.related(dist, 'origin', 'elbv2.load-balancer').length > 0,
    waf: acl.length ? compact({ required: true, scope: agreed(acl.map((a) => oneOf(props(a).scope, ['CLOUDFRONT', 'REGIONAL'] as const))) }) : { required: false },
    viewerCertificateSource: oneOf(viewer.source, ['acm', 'iam', 'cloudfront'] as const),
    viewerProtocolPolicies: policies.length ? policies : undefined,
    minimumProtocolVersions: minimum && PROTOCOL_VERSION.test(minimum) ? [minimum] : undefined,
  };
}

export function zoneValues(s: Scoped, zone: GraphNode): Props {
  return { aliasToDistribution: s.related(zone, 'alias-to', 'cloudfront.distribution').length > 0 };
}
