// "Recorded" AWS API exchanges for the ShopFlow account of examples/shopflow-drifted.snapshot.json:
// for every request the collectors make, the response the real API gives, in the SDK's output shapes
// (EC2/RDS/ELB PascalCase with [{Key, Value}] tags, ECS camelCase with [{key, value}], Route 53 zone ids
// with their "/hostedzone/" prefix and names with their trailing dot, S3 "not configured" errors, ...).
//
// The responses are derived FROM the example snapshot's nodes, the reverse of what the collectors do,
// so a scan of this "account" must see what the example shows. What a snapshot does not keep is written
// out here: environment values (the snapshot keeps names only), ElastiCache member clusters, Route 53
// record sets, WAF rules, and the many fields a collector ignores but a real response carries.
//
// Lists are split into several pages wherever the item count allows (SERVER_PAGE_SIZE: the server may
// return fewer items than the MaxResults asked for), so every paginator and hand-written page loop runs.
import { readFileSync } from 'node:fs';
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import type * as CF from '@aws-sdk/client-cloudfront';
import type * as CW from '@aws-sdk/client-cloudwatch';
import type * as EC2 from '@aws-sdk/client-ec2';
import type * as ECS from '@aws-sdk/client-ecs';
import type * as ELB from '@aws-sdk/client-elastic-load-balancing-v2';
import type * as EC from '@aws-sdk/client-elasticache';
import type * as RDS from '@aws-sdk/client-rds';
import type * as R53 from '@aws-sdk/client-route-53';
import type * as S3 from '@aws-sdk/client-s3';
import type * as WAF from '@aws-sdk/client-wafv2';
import type { GraphNode, Snapshot } from '../../src/graph/types.js';
import type { ResourceType } from '../../src/graph/resource-types.js';

export const EXAMPLE_FILE = 'examples/shopflow-drifted.snapshot.json';
export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/infra-audit/nightly`;
/** When the responses were "recorded": the example's collection start (restore lag is measured from it). */
export const RECORDED_AT = '2026-11-20T02:00:00Z';

/** The drift: a database URL with its password, as a plain environment variable of the api container. */
export const PLANTED_DATABASE_URL = 'postgres://u:S3cret@db/x';

/** Plain environment values of the task definitions (a snapshot keeps only the names, and NODE_ENV's value). */
const ENVIRONMENT_VALUES: Record<string, string> = {
  NODE_ENV: 'production',
  DATABASE_URL: PLANTED_DATABASE_URL,
  QUEUE_URL: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/shopflow-orders`,
  INVOICE_BUCKET: `billing-invoices-${ACCOUNT}`,
};

/**
 * Items per page the "server" returns for each list operation (at most what the request asked for).
 * Operations not named here return everything in one page.
 */
export const SERVER_PAGE_SIZE: Record<string, number> = {
  'EC2:DescribeVpcs': 2,
  'EC2:DescribeSubnets': 6,
  'EC2:DescribeRouteTables': 5,
  'EC2:DescribeInternetGateways': 2,
  'EC2:DescribeNatGateways': 1,
  'ElasticLoadBalancingV2:DescribeListeners': 1,
  'RDS:DescribeDBInstances': 2,
  'RDS:DescribeDBSubnetGroups': 1,
  'ElastiCache:DescribeCacheClusters': 3,
  'ECS:ListClusters': 1,
  'ECS:ListServices': 1,
  'ApplicationAutoScaling:DescribeScalingPolicies': 1,
  'CloudWatch:DescribeAlarms': 2,
  'S3:ListBuckets': 2,
  'SQS:ListQueues': 1,
  'Route53:ListResourceRecordSets': 4,
};

// ---------------------------------------------------------------------------------------------
// The recording format

export type Json = Record<string, unknown>;
/** An error response, as the SDK raises it: `code` becomes the exception's name (and Code). */
export interface RecordedError { code: string; message: string; httpStatusCode: number }
export type Exchange = { input: Json; output: Json } | { input: Json; error: RecordedError };
/** Exchanges by operation ("EC2:DescribeSubnets": service as in the client's class name, then the operation). */
export type Recording = Record<string, Exchange[]>;

function record(rec: Recording, operation: string, ...exchanges: Exchange[]): void {
  (rec[operation] ??= []).push(...exchanges);
}

/** An opaque continuation token, as the services hand them out. */
function token(operation: string, page: number): string {
  return Buffer.from(JSON.stringify({ op: operation, page, v: 2 })).toString('base64');
}

/**
 * A list read as the server pages it: page 1 answers the request without a token, page N the request
 * carrying page N-1's token. `wrap` builds the output of one page (with the token for the next, if any).
 */
function paged<T>(
  rec: Recording,
  operation: string,
  input: Json,
  items: T[],
  tokenIn: string,
  wrap: (items: T[], next: string | undefined) => Json,
): void {
  const size = SERVER_PAGE_SIZE[operation] ?? Math.max(1, items.length);
  const pages: T[][] = [];
  for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
  if (pages.length === 0) pages.push([]);
  pages.forEach((page, i) => {
    const next = i + 1 < pages.length ? token(operation, i + 2) : undefined;
    // The first page is the request without a token; a later page's token must match exactly.
    record(rec, operation, { input: { ...input, [tokenIn]: i === 0 ? undefined : token(operation, i + 1) }, output: wrap(page, next) });
  });
}

// ---------------------------------------------------------------------------------------------
// The example, and small helpers to dress its nodes as API responses

export function loadExample(): Snapshot {
  return JSON.parse(readFileSync(new URL(`../../${EXAMPLE_FILE}`, import.meta.url), 'utf8')) as Snapshot;
}

/** A stable pseudo-random hex string (resource ids, request ids) from a seed. */
export function hex(seed: string, length = 17): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** A stable UUID-shaped string from a seed (request ids, lock tokens, event ids). */
export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const AZ_ID: Record<string, string> = { 'us-east-1a': 'use1-az1', 'us-east-1b': 'use1-az2', 'us-east-1c': 'use1-az4' };
const CREATED = new Date('2025-03-14T09:26:53.000Z');
const pascalTags = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const camelTags = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`aws-fixtures: ${what}`);
  return value;
}

// ---------------------------------------------------------------------------------------------
// The account

export interface AccountRecording {
  /** The recording per region; a region the scan reads but that is absent here has no recording. */
  regions: Record<string, Recording>;
  /** The raw ECS task definitions, for tests that check what the collector dropped. */
  taskDefinitions: ECS.TaskDefinition[];
}

/** The ShopFlow account of the drifted example (us-east-1), plus `emptyRegions` that hold nothing. */
export function shopflowAccount(opts: { emptyRegions?: string[] } = {}): AccountRecording {
  const example = loadExample();
  const rec: Recording = {};
  const of = <T extends ResourceType>(type: T) => example.nodes.filter((n): n is GraphNode<T> => n.type === type);
  const subnetAz = new Map(of('ec2.subnet').map((s) => [s.props.subnetId, s.props.availabilityZone]));
  const azOf = (subnetId: string) => must(subnetAz.get(subnetId), `no subnet ${subnetId}`);

  sts(rec);
  ec2(rec);
  elbv2(rec);
  rds(rec);
  elasticache(rec);
  const tds = ecs(rec);
  autoscaling(rec);
  cloudwatch(rec);
  cloudfront(rec);
  wafv2(rec);
  s3(rec, REGION);
  sqs(rec);
  route53(rec);

  const regions: Record<string, Recording> = { [REGION]: rec };
  for (const region of opts.emptyRegions ?? []) regions[region] = emptyRegion(region);
  return { regions, taskDefinitions: tds };

  // --- EC2 -----------------------------------------------------------------------------------
  function ec2(r: Recording): void {
    const vpcs: EC2.Vpc[] = of('ec2.vpc').map((n) => ({
      OwnerId: ACCOUNT,
      InstanceTenancy: 'default',
      CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-0${hex(n.id)}`, CidrBlock: n.props.cidrBlock, CidrBlockState: { State: 'associated' } }],
      IsDefault: n.props.isDefault,
      BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
      VpcId: n.props.vpcId,
      State: n.props.state as EC2.VpcState,
      CidrBlock: n.props.cidrBlock,
      DhcpOptionsId: 'dopt-0f3e8a1b2c4d5e6f7',
      ...(Object.keys(n.tags).length > 0 && { Tags: pascalTags(n.tags) }),
    }));
    const defaultVpcs = new Set(vpcs.filter((v) => v.IsDefault).map((v) => v.VpcId));
    const subnets: EC2.Subnet[] = of('ec2.subnet').map((n) => {
      const prefix = Number(n.props.cidrBlock.split('/')[1]);
      return {
        AvailabilityZoneId: AZ_ID[n.props.availabilityZone],
        MapCustomerOwnedIpOnLaunch: false,
        OwnerId: ACCOUNT,
        AssignIpv6AddressOnCreation: false,
        Ipv6CidrBlockAssociationSet: [],
        SubnetArn: n.id,
        EnableDns64: false,
        Ipv6Native: false,
        PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
        BlockPublicAccessStates: { InternetGatewayBlockMode: 'off' },
        SubnetId: n.props.subnetId,
        State: 'available',
        VpcId: n.props.vpcId,
        CidrBlock: n.props.cidrBlock,
        AvailableIpAddressCount: 2 ** (32 - prefix) - 5,
        AvailabilityZone: n.props.availabilityZone,
        DefaultForAz: defaultVpcs.has(n.props.vpcId),
        MapPublicIpOnLaunch: n.props.mapPublicIpOnLaunch,
        ...(Object.keys(n.tags).length > 0 && { Tags: pascalTags(n.tags) }),
      };
    });
    const routeTables: EC2.RouteTable[] = of('ec2.route-table').map((n) => ({
      Associations: [
        ...(n.props.main
          ? [{ Main: true, RouteTableAssociationId: `rtbassoc-0${hex(`${n.id}main`)}`, RouteTableId: n.props.routeTableId, AssociationState: { State: 'associated' as const } }]
          : []),
        ...n.props.subnetIds.map((SubnetId) => ({
          Main: false,
          RouteTableAssociationId: `rtbassoc-0${hex(`${n.id}${SubnetId}`)}`,
          RouteTableId: n.props.routeTableId,
          SubnetId,
          AssociationState: { State: 'associated' as const },
        })),
      ],
      PropagatingVgws: [],
      RouteTableId: n.props.routeTableId,
      Routes: n.props.routes.map((route): EC2.Route => {
        const base = { DestinationCidrBlock: route.destination, State: route.state as EC2.RouteState };
        switch (route.targetType) {
          case 'local': return { ...base, GatewayId: 'local', Origin: 'CreateRouteTable' };
          case 'internet-gateway': return { ...base, GatewayId: route.targetId, Origin: 'CreateRoute' };
          case 'nat-gateway': return { ...base, NatGatewayId: route.targetId, Origin: 'CreateRoute' };
          default: throw new Error(`aws-fixtures: route target ${route.targetType} not written`);
        }
      }),
      Tags: pascalTags(n.tags),
      VpcId: n.props.vpcId,
      OwnerId: ACCOUNT,
    }));
    const internetGateways: EC2.InternetGateway[] = of('ec2.internet-gateway').map((n) => ({
      // A live attachment is reported as "available" (outside the SDK's enum).
      Attachments: n.props.attachedVpcIds.map((VpcId) => ({ State: 'available' as EC2.AttachmentStatus, VpcId })),
      InternetGatewayId: n.props.internetGatewayId,
      OwnerId: ACCOUNT,
      Tags: pascalTags(n.tags),
    }));
    const natGateways: EC2.NatGateway[] = of('ec2.nat-gateway').map((n) => {
      if (n.props.availabilityMode !== 'zonal' || !n.props.subnetId) throw new Error('aws-fixtures: only zonal NAT gateways are written');
      return {
        CreateTime: CREATED,
        NatGatewayAddresses: [{
          AllocationId: `eipalloc-0${hex(`${n.id}alloc`)}`,
          NetworkInterfaceId: `eni-0${hex(`${n.id}eni`)}`,
          PrivateIp: n.props.vpcId === 'vpc-0b1a2c3d4e5f60789' ? '10.40.0.77' : '10.20.0.' + (n.props.availabilityZone === 'us-east-1a' ? '45' : '173'),
          PublicIp: `44.${parseInt(hex(n.id, 2), 16) % 200}.${parseInt(hex(`${n.id}b`, 2), 16)}.${parseInt(hex(`${n.id}c`, 2), 16)}`,
          AssociationId: `eipassoc-0${hex(`${n.id}assoc`)}`,
          IsPrimary: true,
          Status: 'succeeded',
        }],
        NatGatewayId: n.props.natGatewayId,
        State: n.props.state as EC2.NatGatewayState,
        SubnetId: n.props.subnetId,
        VpcId: n.props.vpcId,
        Tags: pascalTags(n.tags),
        ConnectivityType: n.props.connectivityType,
        AvailabilityMode: 'zonal',
      };
    });
    // Tags come inline: one listing per type, MaxResults as the collector asks.
    paged(r, 'EC2:DescribeVpcs', { MaxResults: 1000 }, vpcs, 'NextToken', (Vpcs, NextToken) => ({ Vpcs, NextToken }));
    paged(r, 'EC2:DescribeSubnets', { MaxResults: 1000 }, subnets, 'NextToken', (Subnets, NextToken) => ({ Subnets, NextToken }));
    paged(r, 'EC2:DescribeRouteTables', { MaxResults: 100 }, routeTables, 'NextToken', (RouteTables, NextToken) => ({ RouteTables, NextToken }));
    paged(r, 'EC2:DescribeInternetGateways', { MaxResults: 1000 }, internetGateways, 'NextToken', (InternetGateways, NextToken) => ({ InternetGateways, NextToken }));
    paged(r, 'EC2:DescribeNatGateways', { MaxResults: 1000 }, natGateways, 'NextToken', (NatGateways, NextToken) => ({ NatGateways, NextToken }));
  }

  // --- ELBv2 ---------------------------------------------------------------------------------
  function elbv2(r: Recording): void {
    const loadBalancers: ELB.LoadBalancer[] = of('elbv2.load-balancer').map((n) => ({
      LoadBalancerArn: n.id,
      DNSName: n.props.dnsName,
      CanonicalHostedZoneId: 'Z35SXDOTRQ7X7K',
      CreatedTime: CREATED,
      LoadBalancerName: n.props.loadBalancerName,
      Scheme: n.props.scheme as ELB.LoadBalancerSchemeEnum,
      VpcId: n.props.vpcId,
      State: { Code: n.props.state as ELB.LoadBalancerStateEnum },
      Type: n.props.type as ELB.LoadBalancerTypeEnum,
      AvailabilityZones: n.props.subnetIds.map((SubnetId) => ({ ZoneName: azOf(SubnetId), SubnetId, LoadBalancerAddresses: [] })),
      SecurityGroups: ['sg-0c3d4e5f6a7b8c9d0'],
      IpAddressType: 'ipv4',
      EnablePrefixForIpv6SourceNat: 'off',
    }));
    const targetGroups: ELB.TargetGroup[] = of('elbv2.target-group').map((n) => ({
      TargetGroupArn: n.id,
      TargetGroupName: n.props.targetGroupName,
      ...(n.props.protocol && { Protocol: n.props.protocol as ELB.ProtocolEnum }),
      ...(n.props.port !== null && { Port: n.props.port }),
      ...(n.props.vpcId && { VpcId: n.props.vpcId }),
      HealthCheckProtocol: 'HTTP',
      HealthCheckPort: 'traffic-port',
      HealthCheckEnabled: true,
      HealthCheckIntervalSeconds: 30,
      HealthCheckTimeoutSeconds: 5,
      HealthyThresholdCount: 5,
      UnhealthyThresholdCount: 2,
      HealthCheckPath: '/healthz',
      Matcher: { HttpCode: '200' },
      LoadBalancerArns: n.props.loadBalancerArns,
      TargetType: n.props.targetType as ELB.TargetTypeEnum,
      ProtocolVersion: 'HTTP1',
      IpAddressType: 'ipv4',
    }));
    const listeners = of('elbv2.listener');
    const listener = (n: GraphNode<'elbv2.listener'>): ELB.Listener => ({
      ListenerArn: n.id,
      LoadBalancerArn: n.props.loadBalancerArn,
      Port: n.props.port,
      Protocol: n.props.protocol as ELB.ProtocolEnum,
      ...(n.props.protocol === 'HTTPS' && {
        Certificates: [{ CertificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/5e2c7a1d-8b3f-4c6e-9a0d-2f4b6c8e1a3d` }],
        SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06',
      }),
      DefaultActions: n.props.forwardTargetGroupArns.length
        ? [{
          Type: 'forward',
          TargetGroupArn: n.props.forwardTargetGroupArns[0],
          Order: 1,
          ForwardConfig: { TargetGroups: n.props.forwardTargetGroupArns.map((TargetGroupArn) => ({ TargetGroupArn, Weight: 1 })), TargetGroupStickinessConfig: { Enabled: false } },
        }]
        : [{ Type: 'redirect', Order: 1, RedirectConfig: { Protocol: 'HTTPS', Port: '443', Host: '#{host}', Path: '/#{path}', Query: '#{query}', StatusCode: 'HTTP_301' } }],
    });
    // The collector passes pageSize 400, but the SDK's ELBv2 paginators have no page-size parameter:
    // requests go out without PageSize (the service's default applies), and that is what was recorded.
    paged(r, 'ElasticLoadBalancingV2:DescribeLoadBalancers', {}, loadBalancers, 'Marker', (LoadBalancers, NextMarker) => ({ LoadBalancers, NextMarker }));
    paged(r, 'ElasticLoadBalancingV2:DescribeTargetGroups', {}, targetGroups, 'Marker', (TargetGroups, NextMarker) => ({ TargetGroups, NextMarker }));
    const listenerOrder: GraphNode<'elbv2.listener'>[] = [];
    for (const lb of loadBalancers) {
      // The API lists a load balancer's listeners by port, highest first here (HTTPS before the HTTP redirect).
      const own = listeners.filter((l) => l.props.loadBalancerArn === lb.LoadBalancerArn).sort((a, b) => b.props.port - a.props.port);
      listenerOrder.push(...own);
      paged(r, 'ElasticLoadBalancingV2:DescribeListeners', { LoadBalancerArn: lb.LoadBalancerArn }, own.map(listener), 'Marker',
        (Listeners, NextMarker) => ({ Listeners, NextMarker }));
    }
    // DescribeTags: one stream of up to 20 ARNs per call, any mix of types (load balancers, target
    // groups, listeners, in the collector's order); untagged resources come back with Tags [].
    const lbNodes = loadBalancers.map((lb) => must(of('elbv2.load-balancer').find((n) => n.id === lb.LoadBalancerArn), 'lb'));
    const all = [...lbNodes, ...of('elbv2.target-group'), ...listenerOrder];
    for (let i = 0; i < all.length; i += 20) {
      const batch = all.slice(i, i + 20);
      record(r, 'ElasticLoadBalancingV2:DescribeTags', {
        input: { ResourceArns: batch.map((n) => n.id) },
        output: { TagDescriptions: batch.map((n) => ({ ResourceArn: n.id, Tags: pascalTags(n.tags) })) },
      });
    }
  }

  // --- RDS -----------------------------------------------------------------------------------
  function rds(r: Recording): void {
    const subnetGroups = of('rds.db-subnet-group');
    const subnetGroup = (name: string) => must(subnetGroups.find((g) => g.props.name === name), `no DB subnet group ${name}`);
    const dbSubnetGroupShape = (g: GraphNode<'rds.db-subnet-group'>): RDS.DBSubnetGroup => ({
      DBSubnetGroupName: g.props.name,
      DBSubnetGroupDescription: `${g.props.name} (data subnets)`,
      VpcId: g.props.vpcId,
      SubnetGroupStatus: 'Complete',
      Subnets: g.props.subnetIds.map((SubnetIdentifier) => ({ SubnetIdentifier, SubnetAvailabilityZone: { Name: azOf(SubnetIdentifier) }, SubnetOutpost: {}, SubnetStatus: 'Active' })),
      SupportedNetworkTypes: ['IPV4'],
    });
    const instances: RDS.DBInstance[] = of('rds.db-instance').map((n) => {
      const p = n.props;
      if (p.dbClusterIdentifier) throw new Error('aws-fixtures: cluster members are not written');
      const group = p.dbSubnetGroupName ? subnetGroup(p.dbSubnetGroupName) : undefined;
      return {
        DBInstanceIdentifier: p.dbInstanceIdentifier,
        DBInstanceClass: p.instanceClass,
        Engine: p.engine,
        DBInstanceStatus: p.status,
        MasterUsername: 'postgres',
        Endpoint: { Address: `${p.dbInstanceIdentifier}.c7mkz1xq2wfa.${REGION}.rds.amazonaws.com`, Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' },
        AllocatedStorage: p.allocatedStorageGb,
        InstanceCreateTime: CREATED,
        PreferredBackupWindow: '03:00-03:30',
        BackupRetentionPeriod: p.backupRetentionPeriod,
        DBSecurityGroups: [],
        VpcSecurityGroups: [{ VpcSecurityGroupId: `sg-0${hex(`${n.id}sg`)}`, Status: 'active' }],
        DBParameterGroups: p.parameterGroups.map((DBParameterGroupName) => ({ DBParameterGroupName, ParameterApplyStatus: 'in-sync' })),
        ...(p.availabilityZone && { AvailabilityZone: p.availabilityZone }),
        ...(group && { DBSubnetGroup: dbSubnetGroupShape(group) }),
        PreferredMaintenanceWindow: 'sun:05:00-sun:05:30',
        PendingModifiedValues: {},
        ...(p.latestRestorableTime && { LatestRestorableTime: new Date(p.latestRestorableTime) }),
        MultiAZ: p.multiAz,
        EngineVersion: p.engineVersion,
        AutoMinorVersionUpgrade: true,
        ReadReplicaDBInstanceIdentifiers: p.readReplicaIdentifiers,
        ...(p.readReplicaSourceIdentifier && { ReadReplicaSourceDBInstanceIdentifier: p.readReplicaSourceIdentifier }),
        ReadReplicaDBClusterIdentifiers: [],
        LicenseModel: 'postgresql-license',
        ...(p.storageType === 'gp3' && { Iops: 12000, StorageThroughput: 500 }),
        OptionGroupMemberships: [{ OptionGroupName: `default:postgres-${p.engineVersion.split('.')[0]}`, Status: 'in-sync' }],
        ...(p.secondaryAvailabilityZone && { SecondaryAvailabilityZone: p.secondaryAvailabilityZone }),
        PubliclyAccessible: p.publiclyAccessible,
        StorageType: p.storageType,
        DbInstancePort: 0,
        StorageEncrypted: p.storageEncrypted,
        ...(p.kmsKeyId && { KmsKeyId: p.kmsKeyId }),
        DbiResourceId: `db-${hex(n.id, 26).toUpperCase()}`,
        CACertificateIdentifier: 'rds-ca-rsa2048-g1',
        DomainMemberships: [],
        CopyTagsToSnapshot: true,
        MonitoringInterval: 0,
        DBInstanceArn: n.id,
        IAMDatabaseAuthenticationEnabled: false,
        PerformanceInsightsEnabled: false,
        DeletionProtection: true,
        AssociatedRoles: [],
        TagList: pascalTags(n.tags),
        CustomerOwnedIpEnabled: false,
        BackupTarget: 'region',
        NetworkType: 'IPV4',
        DedicatedLogVolume: false,
        IsStorageConfigUpgradeAvailable: false,
        EngineLifecycleSupport: 'open-source-rds-extended-support',
      };
    });
    paged(r, 'RDS:DescribeDBInstances', { MaxRecords: 100 }, instances, 'Marker', (DBInstances, Marker) => ({ DBInstances, Marker }));
    paged(r, 'RDS:DescribeDBClusters', { MaxRecords: 100 }, [] as RDS.DBCluster[], 'Marker', (DBClusters, Marker) => ({ DBClusters, Marker }));
    paged(r, 'RDS:DescribeDBSubnetGroups', { MaxRecords: 100 }, subnetGroups.map((g) => ({ ...dbSubnetGroupShape(g), DBSubnetGroupArn: g.id })), 'Marker',
      (DBSubnetGroups, Marker) => ({ DBSubnetGroups, Marker }));
    // Subnet groups carry no tags: one ListTagsForResource each.
    for (const g of subnetGroups) record(r, 'RDS:ListTagsForResource', { input: { ResourceName: g.id }, output: { TagList: pascalTags(g.tags) } });
  }

  // --- ElastiCache ---------------------------------------------------------------------------
  function elasticache(r: Recording): void {
    const clusters: EC.CacheCluster[] = [];
    const groups: EC.ReplicationGroup[] = of('elasticache.replication-group').map((n) => {
      const p = n.props;
      const nodeGroups: EC.NodeGroup[] = p.nodeGroups.map((g) => ({
        NodeGroupId: g.nodeGroupId,
        Status: 'available',
        Slots: g.nodeGroupId === '0001' ? '0-8191' : '8192-16383',
        // Cluster mode enabled: members carry their AZ but no CurrentRole and no ReadEndpoint.
        NodeGroupMembers: g.memberAvailabilityZones.map((az, i) => {
          const CacheClusterId = `${p.replicationGroupId}-${g.nodeGroupId}-${String(i + 1).padStart(3, '0')}`;
          clusters.push({
            CacheClusterId,
            ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
            CacheNodeType: p.cacheNodeType,
            Engine: p.engine,
            EngineVersion: '7.1.0',
            CacheClusterStatus: 'available',
            NumCacheNodes: 1,
            PreferredAvailabilityZone: az,
            CacheClusterCreateTime: CREATED,
            PreferredMaintenanceWindow: 'sun:06:00-sun:07:00',
            PendingModifiedValues: {},
            CacheSecurityGroups: [],
            CacheParameterGroup: { CacheParameterGroupName: 'default.redis7.cluster.on', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
            ...(p.cacheSubnetGroupName && { CacheSubnetGroupName: p.cacheSubnetGroupName }),
            AutoMinorVersionUpgrade: true,
            SecurityGroups: [{ SecurityGroupId: 'sg-0d4e5f6a7b8c9d0e1', Status: 'active' }],
            ReplicationGroupId: p.replicationGroupId,
            SnapshotRetentionLimit: p.snapshotRetentionLimit,
            SnapshotWindow: '04:00-05:00',
            AuthTokenEnabled: false,
            TransitEncryptionEnabled: p.transitEncryptionEnabled,
            AtRestEncryptionEnabled: p.atRestEncryptionEnabled,
            ARN: `arn:aws:elasticache:${REGION}:${ACCOUNT}:cluster:${CacheClusterId}`,
            ReplicationGroupLogDeliveryEnabled: false,
            LogDeliveryConfigurations: [],
            NetworkType: 'ipv4',
            IpDiscovery: 'ipv4',
          });
          return { CacheClusterId, CacheNodeId: '0001', PreferredAvailabilityZone: az };
        }),
      }));
      return {
        ReplicationGroupId: p.replicationGroupId,
        Description: 'ShopFlow sessions and catalogue cache',
        GlobalReplicationGroupInfo: {},
        Status: p.status,
        PendingModifiedValues: {},
        MemberClusters: nodeGroups.flatMap((g) => (g.NodeGroupMembers ?? []).map((m) => m.CacheClusterId!)),
        NodeGroups: nodeGroups,
        AutomaticFailover: p.automaticFailover ? 'enabled' : 'disabled',
        MultiAZ: p.multiAz ? 'enabled' : 'disabled',
        ConfigurationEndpoint: { Address: `clustercfg.${p.replicationGroupId}.x4kq2b.use1.cache.amazonaws.com`, Port: 6379 },
        SnapshotRetentionLimit: p.snapshotRetentionLimit,
        SnapshotWindow: '04:00-05:00',
        ClusterEnabled: p.clusterEnabled,
        CacheNodeType: p.cacheNodeType,
        AuthTokenEnabled: false,
        TransitEncryptionEnabled: p.transitEncryptionEnabled,
        AtRestEncryptionEnabled: p.atRestEncryptionEnabled,
        ARN: n.id,
        LogDeliveryConfigurations: [],
        ReplicationGroupCreateTime: CREATED,
        DataTiering: 'disabled',
        AutoMinorVersionUpgrade: true,
        NetworkType: 'ipv4',
        IpDiscovery: 'ipv4',
        TransitEncryptionMode: 'required',
        ClusterMode: p.clusterEnabled ? 'enabled' : 'disabled',
        Engine: p.engine,
      };
    });
    const subnetGroups: EC.CacheSubnetGroup[] = of('elasticache.cache-subnet-group').map((n) => ({
      CacheSubnetGroupName: n.props.name,
      CacheSubnetGroupDescription: `${n.props.name} (data subnets)`,
      VpcId: n.props.vpcId,
      Subnets: n.props.subnetIds.map((SubnetIdentifier) => ({ SubnetIdentifier, SubnetAvailabilityZone: { Name: azOf(SubnetIdentifier) }, SupportedNetworkTypes: ['ipv4'] })),
      ARN: n.id,
      SupportedNetworkTypes: ['ipv4'],
    }));
    paged(r, 'ElastiCache:DescribeReplicationGroups', { MaxRecords: 100 }, groups, 'Marker', (ReplicationGroups, Marker) => ({ ReplicationGroups, Marker }));
    paged(r, 'ElastiCache:DescribeCacheSubnetGroups', { MaxRecords: 100 }, subnetGroups, 'Marker', (CacheSubnetGroups, Marker) => ({ CacheSubnetGroups, Marker }));
    paged(r, 'ElastiCache:DescribeCacheClusters', { MaxRecords: 100, ShowCacheNodeInfo: false }, clusters, 'Marker', (CacheClusters, Marker) => ({ CacheClusters, Marker }));
    for (const n of [...of('elasticache.replication-group'), ...of('elasticache.cache-subnet-group')]) {
      record(r, 'ElastiCache:ListTagsForResource', { input: { ResourceName: n.id }, output: { TagList: pascalTags(n.tags) } });
    }
  }

  // --- ECS -----------------------------------------------------------------------------------
  function ecs(r: Recording): ECS.TaskDefinition[] {
    const clusters = of('ecs.cluster');
    const services = of('ecs.service');
    const containers = of('ecs.container');
    const clusterShape = (n: GraphNode<'ecs.cluster'>): ECS.Cluster => {
      const own = services.filter((s) => s.props.clusterArn === n.id);
      return {
        clusterArn: n.id,
        clusterName: n.props.clusterName,
        status: n.props.status,
        registeredContainerInstancesCount: 0,
        runningTasksCount: own.reduce((sum, s) => sum + s.props.runningCount, 0),
        pendingTasksCount: 0,
        activeServicesCount: own.length,
        statistics: [],
        tags: camelTags(n.tags),
        settings: [{ name: 'containerInsights', value: 'enabled' }],
        capacityProviders: n.props.capacityProviders,
        defaultCapacityProviderStrategy: [{ capacityProvider: 'FARGATE', weight: 1, base: 0 }],
      };
    };
    const serviceShape = (n: GraphNode<'ecs.service'>): ECS.Service => {
      const p = n.props;
      return {
        serviceArn: n.id,
        serviceName: p.serviceName,
        clusterArn: p.clusterArn,
        loadBalancers: p.loadBalancers.map((lb) => ({ ...(lb.targetGroupArn && { targetGroupArn: lb.targetGroupArn }), containerName: lb.containerName, containerPort: lb.containerPort })),
        serviceRegistries: [],
        status: p.status,
        desiredCount: p.desiredCount,
        runningCount: p.runningCount,
        pendingCount: 0,
        ...(p.launchType && { launchType: p.launchType as ECS.LaunchType }),
        ...(p.capacityProviders.length > 0 && { capacityProviderStrategy: p.capacityProviders.map((capacityProvider) => ({ capacityProvider, weight: 1, base: 0 })) }),
        platformVersion: 'LATEST',
        platformFamily: 'Linux',
        taskDefinition: p.taskDefinitionArn,
        deploymentConfiguration: p.deploymentController === 'ECS'
          ? { deploymentCircuitBreaker: { enable: true, rollback: true }, maximumPercent: 200, minimumHealthyPercent: 100 }
          : { maximumPercent: 200, minimumHealthyPercent: 100 },
        deployments: [{
          id: `ecs-svc/${BigInt(`0x${hex(n.id, 15)}`).toString().padStart(19, '1').slice(0, 19)}`,
          status: 'PRIMARY',
          taskDefinition: p.taskDefinitionArn,
          desiredCount: p.desiredCount,
          pendingCount: 0,
          runningCount: p.runningCount,
          failedTasks: 0,
          createdAt: CREATED,
          updatedAt: CREATED,
          ...(p.launchType && { launchType: p.launchType as ECS.LaunchType }),
          platformVersion: '1.4.0',
          platformFamily: 'Linux',
          networkConfiguration: { awsvpcConfiguration: { subnets: p.subnetIds, securityGroups: p.securityGroupIds, assignPublicIp: p.assignPublicIp ? 'ENABLED' : 'DISABLED' } },
          rolloutState: 'COMPLETED',
          rolloutStateReason: 'ECS deployment ecs-svc completed.',
        }],
        roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS`,
        events: [{ id: uuid(`${n.id}event`), createdAt: CREATED, message: `(service ${p.serviceName}) has reached a steady state.` }],
        createdAt: CREATED,
        placementConstraints: [],
        placementStrategy: [],
        networkConfiguration: { awsvpcConfiguration: { subnets: p.subnetIds, securityGroups: p.securityGroupIds, assignPublicIp: p.assignPublicIp ? 'ENABLED' : 'DISABLED' } },
        ...(p.loadBalancers.length > 0 && { healthCheckGracePeriodSeconds: 60 }),
        schedulingStrategy: 'REPLICA',
        deploymentController: { type: p.deploymentController as ECS.DeploymentControllerType },
        tags: camelTags(n.tags),
        createdBy: `arn:aws:iam::${ACCOUNT}:role/deploy`,
        enableECSManagedTags: true,
        propagateTags: 'SERVICE',
        enableExecuteCommand: false,
        availabilityZoneRebalancing: 'ENABLED',
      };
    };
    const taskDefinitions: { node: GraphNode<'ecs.task-definition'>; shape: ECS.TaskDefinition }[] = of('ecs.task-definition').map((n) => {
      const p = n.props;
      const containerDefinitions = p.containerNames.map((name): ECS.ContainerDefinition => {
        const c = must(containers.find((x) => x.id === `${n.id}/container/${name}`), `no container ${name} of ${n.id}`).props;
        const environment = c.environmentNames.map((envName) => {
          const value = must(ENVIRONMENT_VALUES[envName], `no value written for environment variable ${envName}`);
          if (c.environmentValues[envName] !== undefined && c.environmentValues[envName] !== value) throw new Error(`aws-fixtures: ${envName} disagrees with the example`);
          return { name: envName, value };
        });
        return {
          name: c.name,
          image: c.image,
          cpu: 0,
          portMappings: c.portMappings.map((m) => ({ containerPort: m.containerPort, hostPort: m.containerPort, protocol: m.protocol as ECS.TransportProtocol })),
          essential: c.essential,
          environment,
          mountPoints: [],
          volumesFrom: [],
          secrets: c.secrets,
          ...(c.logDriver && { logConfiguration: { logDriver: c.logDriver as ECS.LogDriver, options: c.logOptions, secretOptions: [] } }),
          systemControls: [],
        };
      });
      return {
        node: n,
        shape: {
          taskDefinitionArn: n.id,
          containerDefinitions,
          family: p.family,
          taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/${p.family}-task`,
          executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/${p.family}-execution`,
          networkMode: p.networkMode as ECS.NetworkMode,
          revision: p.revision,
          volumes: [],
          status: 'ACTIVE',
          requiresAttributes: [
            { name: 'com.amazonaws.ecs.capability.logging-driver.awslogs' },
            { name: 'ecs.capability.execution-role-awslogs' },
            { name: 'com.amazonaws.ecs.capability.docker-remote-api.1.19' },
            { name: 'ecs.capability.task-eni' },
          ],
          placementConstraints: [],
          compatibilities: ['EC2', 'FARGATE'],
          requiresCompatibilities: p.requiresCompatibilities as ECS.Compatibility[],
          ...(p.cpu !== null && { cpu: String(p.cpu) }),
          ...(p.memory !== null && { memory: String(p.memory) }),
          registeredAt: CREATED,
          registeredBy: `arn:aws:sts::${ACCOUNT}:assumed-role/deploy/ci`,
        },
      };
    });

    paged(r, 'ECS:ListClusters', { maxResults: 100 }, clusters.map((c) => c.id), 'nextToken', (clusterArns, nextToken) => ({ clusterArns, nextToken }));
    record(r, 'ECS:DescribeClusters', { input: { clusters: clusters.map((c) => c.id), include: ['TAGS'] }, output: { clusters: clusters.map(clusterShape), failures: [] } });
    for (const cluster of clusters) {
      const own = services.filter((s) => s.props.clusterArn === cluster.id);
      paged(r, 'ECS:ListServices', { cluster: cluster.id, maxResults: 100 }, own.map((s) => s.id), 'nextToken', (serviceArns, nextToken) => ({ serviceArns, nextToken }));
      for (let i = 0; i < own.length; i += 10) {
        const batch = own.slice(i, i + 10);
        record(r, 'ECS:DescribeServices', {
          input: { cluster: cluster.id, services: batch.map((s) => s.id), include: ['TAGS'] },
          output: { services: batch.map(serviceShape), failures: [] },
        });
      }
    }
    for (const { node, shape } of taskDefinitions) {
      record(r, 'ECS:DescribeTaskDefinition', { input: { taskDefinition: node.id, include: ['TAGS'] }, output: { taskDefinition: shape, tags: camelTags(node.tags) } });
    }
    return taskDefinitions.map((t) => t.shape);
  }

  // --- Application Auto Scaling -----------------------------------------------------------------
  function autoscaling(r: Recording): void {
    const targets: AAS.ScalableTarget[] = of('application-autoscaling.scalable-target').map((n) => ({
      ServiceNamespace: n.props.serviceNamespace as AAS.ServiceNamespace,
      ResourceId: n.props.resourceId,
      ScalableDimension: n.props.scalableDimension as AAS.ScalableDimension,
      MinCapacity: n.props.minCapacity,
      MaxCapacity: n.props.maxCapacity,
      RoleARN: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService`,
      CreationTime: CREATED,
      SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      ScalableTargetARN: n.id,
    }));
    const policies: AAS.ScalingPolicy[] = of('application-autoscaling.scaling-policy').map((n) => {
      const p = n.props;
      if (p.policyType !== 'StepScaling' || p.scalingAdjustment === null) throw new Error('aws-fixtures: only step scaling policies are written');
      const step = p.scalingAdjustment > 0 ? { MetricIntervalLowerBound: 0, ScalingAdjustment: p.scalingAdjustment } : { MetricIntervalUpperBound: 0, ScalingAdjustment: p.scalingAdjustment };
      const target = must(targets.find((t) => t.ResourceId === p.resourceId), `no scalable target ${p.resourceId}`);
      return {
        PolicyARN: n.id,
        PolicyName: p.policyName,
        ServiceNamespace: target.ServiceNamespace,
        ResourceId: p.resourceId,
        ScalableDimension: target.ScalableDimension,
        PolicyType: 'StepScaling',
        StepScalingPolicyConfiguration: {
          ...(p.adjustmentType && { AdjustmentType: p.adjustmentType as AAS.AdjustmentType }),
          StepAdjustments: [step],
          ...(p.cooldown !== null && { Cooldown: p.cooldown }),
          MetricAggregationType: 'Average',
        },
        Alarms: p.alarmNames.map((AlarmName) => ({ AlarmName, AlarmARN: `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${AlarmName}` })),
        CreationTime: CREATED,
      };
    });
    // The collector asks for no page size: the service's default (50) applies.
    paged(r, 'ApplicationAutoScaling:DescribeScalableTargets', { ServiceNamespace: 'ecs' }, targets, 'NextToken', (ScalableTargets, NextToken) => ({ ScalableTargets, NextToken }));
    paged(r, 'ApplicationAutoScaling:DescribeScalingPolicies', { ServiceNamespace: 'ecs' }, policies, 'NextToken', (ScalingPolicies, NextToken) => ({ ScalingPolicies, NextToken }));
  }

  // --- CloudWatch ------------------------------------------------------------------------------
  function cloudwatch(r: Recording): void {
    const alarms: CW.MetricAlarm[] = of('cloudwatch.alarm').map((n) => {
      const p = n.props;
      return {
        AlarmName: p.alarmName,
        AlarmArn: n.id,
        AlarmDescription: `Step scaling for ${p.dimensions.ServiceName ?? 'shopflow-api'}`,
        AlarmConfigurationUpdatedTimestamp: CREATED,
        ActionsEnabled: true,
        OKActions: [],
        AlarmActions: p.actionArns,
        InsufficientDataActions: [],
        StateValue: 'OK',
        StateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
        StateUpdatedTimestamp: CREATED,
        ...(p.metricName && { MetricName: p.metricName }),
        ...(p.namespace && { Namespace: p.namespace }),
        ...(p.statistic && { Statistic: p.statistic as CW.Statistic }),
        Dimensions: Object.entries(p.dimensions).map(([Name, Value]) => ({ Name, Value })),
        ...(p.periodSeconds !== null && { Period: p.periodSeconds }),
        EvaluationPeriods: p.evaluationPeriods,
        ...(p.threshold !== null && { Threshold: p.threshold }),
        ComparisonOperator: p.comparisonOperator as CW.ComparisonOperator,
        TreatMissingData: 'missing',
        StateTransitionedTimestamp: CREATED,
      };
    });
    paged(r, 'CloudWatch:DescribeAlarms', { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 }, alarms, 'NextToken',
      (MetricAlarms, NextToken) => ({ MetricAlarms, CompositeAlarms: [], NextToken }));
  }

  // --- CloudFront (global) --------------------------------------------------------------------
  function cloudfront(r: Recording): void {
    const distributions = of('cloudfront.distribution');
    const methods = { Quantity: 7, Items: ['HEAD', 'DELETE', 'POST', 'GET', 'OPTIONS', 'PUT', 'PATCH'] as CF.Method[], CachedMethods: { Quantity: 2, Items: ['HEAD', 'GET'] as CF.Method[] } };
    const behavior = (b: { targetOriginId: string; viewerProtocolPolicy: string }) => ({
      TargetOriginId: b.targetOriginId,
      TrustedSigners: { Enabled: false, Quantity: 0 },
      TrustedKeyGroups: { Enabled: false, Quantity: 0 },
      ViewerProtocolPolicy: b.viewerProtocolPolicy as CF.ViewerProtocolPolicy,
      AllowedMethods: methods,
      SmoothStreaming: false,
      Compress: true,
      LambdaFunctionAssociations: { Quantity: 0 },
      FunctionAssociations: { Quantity: 0 },
      FieldLevelEncryptionId: '',
      CachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
      GrpcConfig: { Enabled: false },
    });
    const summaries: CF.DistributionSummary[] = distributions.map((n) => {
      const p = n.props;
      const [defaultBehavior, ...others] = p.cacheBehaviors;
      return {
        Id: p.distributionId,
        ARN: n.id,
        ETag: `E${hex(n.id, 13).toUpperCase()}`,
        Status: p.status,
        LastModifiedTime: CREATED,
        DomainName: p.domainName,
        Aliases: { Quantity: p.aliases.length, Items: p.aliases },
        Origins: {
          Quantity: p.origins.length,
          Items: p.origins.map((o): CF.Origin => ({
            Id: o.id,
            DomainName: o.domainName,
            OriginPath: '',
            CustomHeaders: { Quantity: 0 },
            ...(o.kind === 's3'
              ? { S3OriginConfig: { OriginAccessIdentity: o.originAccessIdentity ?? '', OriginReadTimeout: 30 } }
              : { CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only', OriginSslProtocols: { Quantity: 1, Items: ['TLSv1.2'] }, OriginReadTimeout: 30, OriginKeepaliveTimeout: 5, IpAddressType: 'ipv4' } }),
            ConnectionAttempts: 3,
            ConnectionTimeout: 10,
            OriginShield: { Enabled: false },
            OriginAccessControlId: o.originAccessControlId ?? '',
          })),
        },
        OriginGroups: { Quantity: 0 },
        DefaultCacheBehavior: behavior(must(defaultBehavior, 'no default cache behavior')),
        CacheBehaviors: { Quantity: others.length, Items: others.map((b) => ({ PathPattern: b.pathPattern, ...behavior(b) })) },
        CustomErrorResponses: { Quantity: 0 },
        Comment: 'ShopFlow storefront',
        PriceClass: 'PriceClass_100',
        Enabled: p.enabled,
        ViewerCertificate: {
          CloudFrontDefaultCertificate: p.viewerCertificate.source === 'cloudfront',
          ...(p.viewerCertificate.certificateArn && { ACMCertificateArn: p.viewerCertificate.certificateArn, Certificate: p.viewerCertificate.certificateArn, CertificateSource: 'acm' as const }),
          ...(p.viewerCertificate.sslSupportMethod && { SSLSupportMethod: p.viewerCertificate.sslSupportMethod as CF.SSLSupportMethod }),
          MinimumProtocolVersion: p.viewerCertificate.minimumProtocolVersion as CF.MinimumProtocolVersion,
        },
        Restrictions: { GeoRestriction: { RestrictionType: 'none', Quantity: 0 } },
        // No web ACL: the API answers with an empty string.
        WebACLId: p.webAclId ?? '',
        HttpVersion: 'http2and3',
        IsIPV6Enabled: true,
        Staging: false,
      };
    });
    paged(r, 'CloudFront:ListDistributions', { MaxItems: 100 }, summaries, 'Marker', (Items, NextMarker) => ({
      DistributionList: { Marker: '', ...(NextMarker && { NextMarker }), MaxItems: 100, IsTruncated: NextMarker !== undefined, Quantity: Items.length, Items },
    }));
    for (const n of distributions) {
      record(r, 'CloudFront:ListTagsForResource', { input: { Resource: n.id }, output: { Tags: { Items: pascalTags(n.tags) } } });
    }
  }

  // --- WAFv2 (CLOUDFRONT scope, global) ---------------------------------------------------------
  function wafv2(r: Recording): void {
    const acls = of('wafv2.web-acl');
    const managed = ['AWSManagedRulesCommonRuleSet', 'AWSManagedRulesKnownBadInputsRuleSet', 'AWSManagedRulesAmazonIpReputationList', 'AWSManagedRulesSQLiRuleSet'];
    const summaries: WAF.WebACLSummary[] = acls.map((n) => ({
      Name: n.name, Id: n.props.webAclId, Description: 'ShopFlow edge protection', LockToken: uuid(`${n.id}lock`), ARN: n.id,
    }));
    // Fewer ACLs than the Limit: no NextMarker.
    record(r, 'WAFV2:ListWebACLs', { input: { Scope: 'CLOUDFRONT', Limit: 100, NextMarker: undefined }, output: { WebACLs: summaries } });
    acls.forEach((n, i) => {
      const rules: WAF.Rule[] = Array.from({ length: n.props.ruleCount }, (_, k) => {
        const name = managed[k % managed.length]!;
        return {
          Name: `AWS-${name}`,
          Priority: k,
          Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
          OverrideAction: { None: {} },
          VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: `AWS-${name}` },
        };
      });
      const summary = summaries[i]!;
      record(r, 'WAFV2:GetWebACL', {
        input: { Name: summary.Name, Id: summary.Id, Scope: 'CLOUDFRONT' },
        output: {
          WebACL: {
            Name: summary.Name,
            Id: summary.Id,
            ARN: summary.ARN,
            DefaultAction: n.props.defaultAction === 'block' ? { Block: {} } : { Allow: {} },
            Description: summary.Description,
            Rules: rules,
            VisibilityConfig: { SampledRequestsEnabled: true, CloudWatchMetricsEnabled: true, MetricName: summary.Name },
            Capacity: 1400,
            ManagedByFirewallManager: false,
            LabelNamespace: `awswaf:${ACCOUNT}:webacl:${summary.Name}:`,
            RetrofittedByFirewallManager: false,
          },
          LockToken: summary.LockToken,
        },
      });
    });
  }

  // --- S3 (the buckets of one region) ------------------------------------------------------------
  function s3(r: Recording, region: string): void {
    const buckets = of('s3.bucket').filter((b) => b.region === region);
    const notFound = (code: string, message: string): RecordedError => ({ code, message, httpStatusCode: 404 });
    paged(r, 'S3:ListBuckets', { BucketRegion: region, MaxBuckets: 1000 }, buckets.map((b): S3.Bucket => ({ Name: b.props.bucketName, CreationDate: CREATED, BucketRegion: region, BucketArn: b.id })),
      'ContinuationToken', (Buckets, ContinuationToken) => ({ Buckets, Owner: { ID: hex('owner', 64) }, ContinuationToken }));
    for (const b of buckets) {
      const Bucket = b.props.bucketName;
      const p = b.props;
      record(r, 'S3:GetBucketTagging', Object.keys(b.tags).length
        ? { input: { Bucket }, output: { TagSet: pascalTags(b.tags) } }
        : { input: { Bucket }, error: notFound('NoSuchTagSet', 'The TagSet does not exist') });
      record(r, 'S3:GetBucketEncryption', p.encryption
        ? { input: { Bucket }, output: { ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: p.encryption as S3.ServerSideEncryption }, BucketKeyEnabled: false }] } } }
        : { input: { Bucket }, error: notFound('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found') });
      record(r, 'S3:GetBucketVersioning', { input: { Bucket }, output: p.versioning === 'Disabled' ? {} : { Status: p.versioning } });
      record(r, 'S3:GetBucketReplication', p.replication.enabled
        ? {
          input: { Bucket },
          output: {
            ReplicationConfiguration: {
              Role: `arn:aws:iam::${ACCOUNT}:role/s3-replication-${Bucket.replace(`-${ACCOUNT}`, '')}`,
              Rules: p.replication.destinationBuckets.map((dest, i) => ({
                ID: `dr-${i + 1}`,
                Priority: i + 1,
                Filter: { Prefix: '' },
                Status: 'Enabled',
                Destination: { Bucket: dest, StorageClass: 'STANDARD' },
                DeleteMarkerReplication: { Status: 'Disabled' },
              })),
            },
          },
        }
        : { input: { Bucket }, error: notFound('ReplicationConfigurationNotFoundError', 'The replication configuration was not found') });
      record(r, 'S3:GetPublicAccessBlock', p.publicAccessBlocked
        ? { input: { Bucket }, output: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true } } }
        : { input: { Bucket }, error: notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found') });
    }
  }

  // --- SQS -----------------------------------------------------------------------------------
  function sqs(r: Recording): void {
    const queues = of('sqs.queue');
    paged(r, 'SQS:ListQueues', { MaxResults: 1000 }, queues.map((q) => q.props.queueUrl), 'NextToken', (QueueUrls, NextToken) => ({ QueueUrls, NextToken }));
    for (const q of queues) {
      const p = q.props;
      const epoch = String(Math.floor(CREATED.getTime() / 1000));
      const Attributes: Record<string, string> = {
        QueueArn: q.id,
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: epoch,
        LastModifiedTimestamp: epoch,
        VisibilityTimeout: String(p.visibilityTimeoutSeconds),
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: String(p.messageRetentionSeconds),
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '20',
        ...(p.deadLetterTargetArn && { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: p.deadLetterTargetArn, maxReceiveCount: 5 }) }),
        ...(p.encrypted && { SqsManagedSseEnabled: 'true' }),
        ...(p.fifo && { FifoQueue: 'true', ContentBasedDeduplication: 'false' }),
      };
      record(r, 'SQS:GetQueueAttributes', { input: { QueueUrl: p.queueUrl, AttributeNames: ['All'] }, output: { Attributes } });
      record(r, 'SQS:ListQueueTags', { input: { QueueUrl: p.queueUrl }, output: { Tags: q.tags } });
    }
  }

  // --- Route 53 (global) ----------------------------------------------------------------------
  function route53(r: Recording): void {
    const zones = of('route53.hosted-zone');
    paged(r, 'Route53:ListHostedZones', { MaxItems: 100 }, zones.map((z): R53.HostedZone => ({
      Id: `/hostedzone/${z.props.hostedZoneId}`,
      Name: `${z.props.zoneName}.`,
      CallerReference: `terraform-${hex(z.id, 26)}`,
      Config: { Comment: 'ShopFlow public zone', PrivateZone: z.props.privateZone },
      ResourceRecordSetCount: z.props.recordCount,
    })), 'Marker', (HostedZones, NextMarker) => ({ HostedZones, ...(NextMarker && { NextMarker }), IsTruncated: NextMarker !== undefined, MaxItems: 100 }));
    record(r, 'Route53:ListTagsForResources', {
      input: { ResourceType: 'hostedzone', ResourceIds: zones.map((z) => z.props.hostedZoneId) },
      output: { ResourceTagSets: zones.map((z) => ({ ResourceType: 'hostedzone', ResourceId: z.props.hostedZoneId, Tags: pascalTags(z.tags) })) },
    });
    for (const z of zones) {
      const apex = `${z.props.zoneName}.`;
      const aliases: R53.ResourceRecordSet[] = z.props.cloudFrontAliases.map((a) => ({
        Name: `${a.name}.`,
        Type: a.type as R53.RRType,
        AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: `${a.dnsName}.`, EvaluateTargetHealth: false },
      }));
      const others: R53.ResourceRecordSet[] = [
        { Name: apex, Type: 'NS', TTL: 172800, ResourceRecords: ['ns-1162.awsdns-17.org.', 'ns-331.awsdns-41.com.', 'ns-1827.awsdns-36.co.uk.', 'ns-778.awsdns-33.net.'].map((Value) => ({ Value })) },
        { Name: apex, Type: 'SOA', TTL: 900, ResourceRecords: [{ Value: 'ns-1162.awsdns-17.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }] },
        { Name: apex, Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"v=spf1 include:amazonses.com ~all"' }] },
        { Name: `_3f9c2a7e1b4d6f8a0c2e4b6d8f0a1c3e.${apex}`, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: '_7d1b3f5a9c2e4f6a8b0d2c4e6f8a0b2c.mhbtsbpdnt.acm-validations.aws.' }] },
      ];
      // The API's order: by name (labels right to left), then by type.
      const labels = (name: string) => name.split('.').reverse().join('.');
      const records = [...aliases, ...others].sort((a, b) => labels(a.Name!).localeCompare(labels(b.Name!)) || a.Type!.localeCompare(b.Type!));
      if (records.length !== z.props.recordCount) throw new Error(`aws-fixtures: ${records.length} records written for ${z.props.zoneName}, the example says ${z.props.recordCount}`);
      const size = SERVER_PAGE_SIZE['Route53:ListResourceRecordSets'] ?? records.length;
      for (let i = 0; i < records.length; i += size) {
        const page = records.slice(i, i + size);
        const next = records[i + size];
        const start = i === 0 ? {} : { StartRecordName: records[i]!.Name, StartRecordType: records[i]!.Type, StartRecordIdentifier: undefined };
        record(r, 'Route53:ListResourceRecordSets', {
          input: { HostedZoneId: z.props.hostedZoneId, MaxItems: 300, ...start },
          output: { ResourceRecordSets: page, IsTruncated: next !== undefined, ...(next && { NextRecordName: next.Name, NextRecordType: next.Type }), MaxItems: 300 },
        });
      }
    }
  }
}

function sts(r: Recording): void {
  record(r, 'STS:GetCallerIdentity', { input: {}, output: { UserId: 'AROAZ4KQ7XWMPLE2NIGHT:nightly', Account: ACCOUNT, Arn: CALLER_ARN } });
}

/** A region where the account has nothing: every listing answers with an empty first page. */
export function emptyRegion(region: string): Recording {
  const r: Recording = {};
  // Same requests as in the populated region (page-token key included), empty answers.
  const empty = (operation: string, input: Json, tokenIn: string, output: Json) => paged(r, operation, input, [], tokenIn, () => output);
  sts(r);
  empty('EC2:DescribeVpcs', { MaxResults: 1000 }, 'NextToken', { Vpcs: [] });
  empty('EC2:DescribeSubnets', { MaxResults: 1000 }, 'NextToken', { Subnets: [] });
  empty('EC2:DescribeRouteTables', { MaxResults: 100 }, 'NextToken', { RouteTables: [] });
  empty('EC2:DescribeInternetGateways', { MaxResults: 1000 }, 'NextToken', { InternetGateways: [] });
  empty('EC2:DescribeNatGateways', { MaxResults: 1000 }, 'NextToken', { NatGateways: [] });
  empty('ElasticLoadBalancingV2:DescribeLoadBalancers', {}, 'Marker', { LoadBalancers: [] });
  empty('ElasticLoadBalancingV2:DescribeTargetGroups', {}, 'Marker', { TargetGroups: [] });
  empty('RDS:DescribeDBInstances', { MaxRecords: 100 }, 'Marker', { DBInstances: [] });
  empty('RDS:DescribeDBClusters', { MaxRecords: 100 }, 'Marker', { DBClusters: [] });
  empty('RDS:DescribeDBSubnetGroups', { MaxRecords: 100 }, 'Marker', { DBSubnetGroups: [] });
  empty('ElastiCache:DescribeReplicationGroups', { MaxRecords: 100 }, 'Marker', { ReplicationGroups: [] });
  empty('ElastiCache:DescribeCacheSubnetGroups', { MaxRecords: 100 }, 'Marker', { CacheSubnetGroups: [] });
  empty('ECS:ListClusters', { maxResults: 100 }, 'nextToken', { clusterArns: [] });
  empty('ApplicationAutoScaling:DescribeScalableTargets', { ServiceNamespace: 'ecs' }, 'NextToken', { ScalableTargets: [] });
  empty('ApplicationAutoScaling:DescribeScalingPolicies', { ServiceNamespace: 'ecs' }, 'NextToken', { ScalingPolicies: [] });
  empty('CloudWatch:DescribeAlarms', { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 }, 'NextToken', { MetricAlarms: [], CompositeAlarms: [] });
  empty('S3:ListBuckets', { BucketRegion: region, MaxBuckets: 1000 }, 'ContinuationToken', { Buckets: [], Owner: { ID: hex('owner', 64) } });
  // SQS answers an empty listing without a QueueUrls member at all.
  empty('SQS:ListQueues', { MaxResults: 1000 }, 'NextToken', {});
  return r;
}

/** Every string the recording would send a collector (to prove a planted value really was served). */
export function recordedText(account: AccountRecording): string {
  return JSON.stringify(account.regions);
}
