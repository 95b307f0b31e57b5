// ElastiCache: replication groups (Redis OSS / Valkey) and cache subnet groups.
// Calls: DescribeReplicationGroups and DescribeCacheSubnetGroups (each paged, once per region);
// DescribeCacheClusters once for the whole region (paged, ShowCacheNodeInfo false), because a
// replication group does not name its subnet group but its member clusters do; and
// ListTagsForResource once per replication group and per subnet group. That last one is N+1 by
// necessity: ElastiCache has no batch tag read, and tags decide which application a group belongs
// to (names alone would misplace a group whose name does not follow the convention).
// A resource whose tags could not be read is left out, with a gap.
import type { CacheCluster, CacheSubnetGroup, NodeGroup, NodeGroupMember, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { ReplicationGroupProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-elasticache');

type Tags = Record<string, string>;
type ReplicationGroupNodeGroup = ReplicationGroupProps['nodeGroups'][number];

export const elasticacheCollector = defineCollector({
  service: 'elasticache',
  iamPrefix: 'elasticache',
  sdkClient: 'ElastiCache',
  sdkPackage: '@aws-sdk/client-elasticache',
  reads: [
    { operation: 'DescribeReplicationGroups', pageSize: 100, per: 'region', paged: true, answer: 'ReplicationGroups', feeds: { 'elasticache.replication-group': '*' } },
    // A group's subnet group (and member AZs) come from its member clusters: no groups without them.
    { operation: 'DescribeCacheClusters', pageSize: 100, per: 'region', paged: true, answer: 'CacheClusters', feeds: { 'elasticache.replication-group': '*' } },
    { operation: 'DescribeCacheSubnetGroups', pageSize: 100, per: 'region', paged: true, answer: 'CacheSubnetGroups', feeds: { 'elasticache.cache-subnet-group': '*' } },
    {
      operation: 'ListTagsForResource', per: 'item', paged: false, answer: 'TagList',
      budget: { items: ['elasticache.replication-group', 'elasticache.cache-subnet-group'] },
      feeds: { 'elasticache.replication-group': '*', 'elasticache.cache-subnet-group': '*' },
      gone: ['ReplicationGroupNotFoundFault', 'CacheSubnetGroupNotFoundFault'],
    },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { ElastiCacheClient, ListTagsForResourceCommand, paginateDescribeCacheClusters, paginateDescribeCacheSubnetGroups, paginateDescribeReplicationGroups } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(ElastiCacheClient);
  const read = reader(ctx, elasticacheCollector, result.gaps);

  const [groups, subnetGroups] = await Promise.all([
    read.list('DescribeReplicationGroups', paginateDescribeReplicationGroups({ client, pageSize: read.pageSize('DescribeReplicationGroups') }, {}), (p) => p.ReplicationGroups),
    read.list('DescribeCacheSubnetGroups', paginateDescribeCacheSubnetGroups({ client, pageSize: read.pageSize('DescribeCacheSubnetGroups') }, {}), (p) => p.CacheSubnetGroups),
  ]);
  // Only needed for the groups' subnet groups (and member AZs): skipped where there are no groups.
  const clusters = groups?.length
    ? await read.list('DescribeCacheClusters', paginateDescribeCacheClusters({ client, pageSize: read.pageSize('DescribeCacheClusters') }, { ShowCacheNodeInfo: false }), (p) => p.CacheClusters)
    : [];

  const tagsOf = async (resourceArn: string): Promise<Tags | undefined> => {
    const out = await read.call('ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ ResourceName: resourceArn })));
    return out && tagMap(out.TagList);
  };

  // Without the cache clusters a group's subnet group is unknown: no groups rather than guessed ones.
  const clusterById = new Map((clusters ?? []).map((c) => [c.CacheClusterId ?? '', c]));
  const entries = await Promise.all([
    ...(clusters ? (groups ?? []) : []).map(async (rg) => {
      const id = rg.ARN ?? `arn:${ctx.partition}:elasticache:${ctx.region}:${ctx.account}:replicationgroup:${rg.ReplicationGroupId ?? ''}`;
      const tags = await tagsOf(id);
      return tags && replicationGroupNode(ctx, id, rg, clusterById, tags);
    }),
    ...(subnetGroups ?? []).map(async (group) => {
      const id = group.ARN ?? arn.cacheSubnetGroup(ctx, group.CacheSubnetGroupName ?? '');
      const tags = await tagsOf(id);
      return tags && subnetGroupNode(ctx, id, group, tags);
    }),
  ]);
  for (const entry of entries) {
    if (!entry) continue;
    result.nodes.push(entry[0]);
    result.edges.push(...entry[1]);
  }
  ctx.progress?.({ kind: 'resources', service: 'elasticache', region: ctx.region, count: result.nodes.length });
  return result;
}

function replicationGroupNode(
  ctx: CollectContext, id: string, rg: ReplicationGroup, clusterById: Map<string, CacheCluster>, tags: Tags,
): [GraphNode<'elasticache.replication-group'>, GraphEdge[]] {
  const replicationGroupId = rg.ReplicationGroupId ?? '';
  // Every member cluster of a group shares its subnet group, engine and node type.
  const member = (rg.MemberClusters ?? []).map((m) => clusterById.get(m)).find((c) => c !== undefined);
  const nodeGroups = (rg.NodeGroups ?? []).map((g) => nodeGroupProps(g, clusterById));
  const cacheSubnetGroupName = member?.CacheSubnetGroupName ?? null;
  const props: ReplicationGroupProps = {
    replicationGroupId,
    engine: rg.Engine ?? member?.Engine ?? '',
    status: rg.Status ?? '',
    clusterEnabled: rg.ClusterEnabled ?? false,
    cacheNodeType: rg.CacheNodeType ?? member?.CacheNodeType ?? '',
    numNodeGroups: nodeGroups.length,
    minReplicasPerNodeGroup: nodeGroups.length ? Math.min(...nodeGroups.map((g) => g.replicaCount)) : 0,
    nodeGroups,
    automaticFailover: rg.AutomaticFailover === 'enabled',
    multiAz: rg.MultiAZ === 'enabled',
    atRestEncryptionEnabled: rg.AtRestEncryptionEnabled ?? false,
    kmsKeyId: rg.KmsKeyId ?? null,
    transitEncryptionEnabled: rg.TransitEncryptionEnabled ?? false,
    snapshotRetentionLimit: rg.SnapshotRetentionLimit ?? 0,
    cacheSubnetGroupName,
  };
  const edges: GraphEdge[] = cacheSubnetGroupName ? [{ type: 'in-subnet-group', from: id, to: arn.cacheSubnetGroup(ctx, cacheSubnetGroupName) }] : [];
  return [{ id, type: 'elasticache.replication-group', region: ctx.region, account: ctx.account, name: replicationGroupId, tags, props }, edges];
}

/**
 * Cluster mode disabled lists each member's CurrentRole; cluster mode enabled does not, so there the
 * primary (and its AZ) is unknown and every member but one is counted as a replica.
 */
function nodeGroupProps(g: NodeGroup, clusterById: Map<string, CacheCluster>): ReplicationGroupNodeGroup {
  const members = g.NodeGroupMembers ?? [];
  const azOf = (m: NodeGroupMember) => m.PreferredAvailabilityZone ?? clusterById.get(m.CacheClusterId ?? '')?.PreferredAvailabilityZone;
  const primary = members.find((m) => m.CurrentRole === 'primary');
  const rolesKnown = members.some((m) => m.CurrentRole);
  const primaryFirst = primary ? [primary, ...members.filter((m) => m !== primary)] : members;
  return {
    nodeGroupId: g.NodeGroupId ?? '',
    primaryAvailabilityZone: (primary && azOf(primary)) ?? null,
    replicaCount: rolesKnown ? members.filter((m) => m.CurrentRole === 'replica').length : Math.max(0, members.length - 1),
    memberAvailabilityZones: primaryFirst.flatMap((m) => azOf(m) ?? []),
  };
}

function subnetGroupNode(ctx: CollectContext, id: string, group: CacheSubnetGroup, tags: Tags): [GraphNode<'elasticache.cache-subnet-group'>, GraphEdge[]] {
  const name = group.CacheSubnetGroupName ?? '';
  const vpcId = group.VpcId ?? '';
  const subnetIds = (group.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : []));
  return [
    { id, type: 'elasticache.cache-subnet-group', region: ctx.region, account: ctx.account, name, tags, props: { name, vpcId, subnetIds } },
    [
      { type: 'in-vpc', from: id, to: arn.vpc(ctx, vpcId) },
      ...subnetIds.map((s): GraphEdge => ({ type: 'in-subnet', from: id, to: arn.subnet(ctx, s) })),
    ],
  ];
}
