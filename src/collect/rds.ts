// RDS: DB instances, DB clusters (Aurora and Multi-AZ DB clusters) and DB subnet groups.
// Calls: DescribeDBInstances, DescribeDBClusters and DescribeDBSubnetGroups, each paged and made once
// per region (instances and clusters carry their tags inline). Subnet groups do not: their tags take
// one ListTagsForResource per group (RDS has no batch tag read; regions hold few subnet groups).
// A cluster member's availability, backups and encryption are the cluster's, so a member is only
// emitted when its cluster was read. With no instance in a cluster, a failed cluster read leaves the
// instances whole: its gap then names only the clusters.
import type { DBCluster, DBInstance, DBSubnetGroup } from '@aws-sdk/client-rds';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { DbInstanceProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-rds');

type Tags = Record<string, string>;

export const rdsCollector = defineCollector({
  service: 'rds',
  iamPrefix: 'rds',
  sdkClient: 'RDS',
  sdkPackage: '@aws-sdk/client-rds',
  reads: [
    { operation: 'DescribeDBInstances', pageSize: 100, per: 'region', paged: true, answer: 'DBInstances', feeds: { 'rds.db-instance': '*' } },
    // A cluster member is emitted only with its cluster (its availability, backups, encryption are the cluster's).
    { operation: 'DescribeDBClusters', pageSize: 100, per: 'region', paged: true, answer: 'DBClusters', feeds: { 'rds.db-cluster': '*', 'rds.db-instance': '*' } },
    { operation: 'DescribeDBSubnetGroups', pageSize: 100, per: 'region', paged: true, answer: 'DBSubnetGroups', feeds: { 'rds.db-subnet-group': '*' } },
    { operation: 'ListTagsForResource', per: 'item', paged: false, answer: 'TagList', feeds: { 'rds.db-subnet-group': '*' }, gone: ['DBSubnetGroupNotFoundFault'] },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { RDSClient, ListTagsForResourceCommand, paginateDescribeDBClusters, paginateDescribeDBInstances, paginateDescribeDBSubnetGroups } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(RDSClient);
  const read = reader(ctx, rdsCollector, result.gaps);

  const [instances, clusters, subnetGroups] = await Promise.all([
    read.list('DescribeDBInstances', paginateDescribeDBInstances({ client, pageSize: read.pageSize('DescribeDBInstances') }, {}), (p) => p.DBInstances),
    read.list('DescribeDBClusters', paginateDescribeDBClusters({ client, pageSize: read.pageSize('DescribeDBClusters') }, {}), (p) => p.DBClusters),
    read.list('DescribeDBSubnetGroups', paginateDescribeDBSubnetGroups({ client, pageSize: read.pageSize('DescribeDBSubnetGroups') }, {}), (p) => p.DBSubnetGroups),
  ]);
  // Every instance read and none in a cluster: the instances are complete without the clusters.
  if (!clusters && instances && !instances.some((db) => db.DBClusterIdentifier)) read.narrow('DescribeDBClusters', ['rds.db-cluster']);

  const emit = ([node, edges]: [GraphNode, GraphEdge[]]) => {
    result.nodes.push(node);
    result.edges.push(...edges);
  };
  for (const cluster of clusters ?? []) emit([clusterNode(ctx, cluster), []]);

  const clusterById = new Map((clusters ?? []).map((c) => [c.DBClusterIdentifier ?? '', c]));
  for (const db of instances ?? []) {
    if (!db.DBClusterIdentifier) {
      emit(instanceNode(ctx, db, undefined));
      continue;
    }
    if (!clusters) continue; // DescribeDBClusters failed: its gap covers db-instance.
    const cluster = clusterById.get(db.DBClusterIdentifier);
    if (cluster) emit(instanceNode(ctx, db, cluster));
    else read.fail('DescribeDBClusters', { name: 'DBClusterNotListed', message: `cluster ${db.DBClusterIdentifier} of ${db.DBInstanceIdentifier} was not returned` });
  }

  const tagged = await Promise.all((subnetGroups ?? []).map(async (group) => {
    const id = group.DBSubnetGroupArn ?? arn.dbSubnetGroup(ctx, group.DBSubnetGroupName ?? '');
    const out = await read.call('ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ ResourceName: id })));
    return out && subnetGroupNode(ctx, id, group, tagMap(out.TagList));
  }));
  for (const entry of tagged) if (entry) emit(entry);

  ctx.progress?.({ kind: 'resources', service: 'rds', region: ctx.region, count: result.nodes.length });
  return result;
}

const clusterArn = (ctx: CollectContext, c: DBCluster) => c.DBClusterArn ?? arn.dbCluster(ctx, c.DBClusterIdentifier ?? '');

function clusterNode(ctx: CollectContext, c: DBCluster): GraphNode<'rds.db-cluster'> {
  const dbClusterIdentifier = c.DBClusterIdentifier ?? '';
  return {
    id: clusterArn(ctx, c), type: 'rds.db-cluster', region: ctx.region, account: ctx.account, name: dbClusterIdentifier, tags: tagMap(c.TagList),
    props: {
      dbClusterIdentifier,
      engine: c.Engine ?? '',
      engineVersion: c.EngineVersion ?? '',
      status: c.Status ?? '',
      multiAz: c.MultiAZ ?? false,
      availabilityZones: c.AvailabilityZones ?? [],
      backupRetentionPeriod: c.BackupRetentionPeriod ?? 0,
      storageEncrypted: c.StorageEncrypted ?? false,
      kmsKeyId: c.KmsKeyId ?? null,
      members: (c.DBClusterMembers ?? []).map((m) => ({ dbInstanceIdentifier: m.DBInstanceIdentifier ?? '', isWriter: m.IsClusterWriter ?? false })),
      replicationSourceIdentifier: c.ReplicationSourceIdentifier ?? null,
      latestRestorableTime: isoOrNull(c.LatestRestorableTime),
    },
  };
}

function instanceNode(ctx: CollectContext, db: DBInstance, cluster: DBCluster | undefined): [GraphNode<'rds.db-instance'>, GraphEdge[]] {
  const dbInstanceIdentifier = db.DBInstanceIdentifier ?? '';
  const id = db.DBInstanceArn ?? arn.dbInstance(ctx, dbInstanceIdentifier);
  const props = instanceProps(ctx, db, cluster);
  const edges: GraphEdge[] = [];
  // An Aurora reader is a replica of the cluster's writer (AWS calls them Aurora Replicas): the same
  // edge as an instance's read replica, so a rule about a database's replicas reads both shapes.
  const clusterWriter = cluster && props.role === 'replica' ? (cluster.DBClusterMembers ?? []).find((m) => m.IsClusterWriter)?.DBInstanceIdentifier : undefined;
  const source = clusterWriter ? arn.dbInstance(ctx, clusterWriter) : props.readReplicaSourceIdentifier && sameRegionInstanceArn(ctx, props.readReplicaSourceIdentifier);
  if (source) edges.push({ type: 'replica-of', from: id, to: source });
  if (cluster) edges.push({ type: 'member-of', from: id, to: clusterArn(ctx, cluster) });
  if (props.dbSubnetGroupName) edges.push({ type: 'in-subnet-group', from: id, to: arn.dbSubnetGroup(ctx, props.dbSubnetGroupName) });
  return [{ id, type: 'rds.db-instance', region: ctx.region, account: ctx.account, name: dbInstanceIdentifier, tags: tagMap(db.TagList), props }, edges];
}

function instanceProps(ctx: CollectContext, db: DBInstance, cluster: DBCluster | undefined): DbInstanceProps {
  const parameterGroups = (db.DBParameterGroups ?? []).flatMap((g) => (g.DBParameterGroupName ? [g.DBParameterGroupName] : []));
  // In a cluster, only the member AWS marks as writer writes; every other member is a reader.
  const clusterReader = cluster !== undefined && !(cluster.DBClusterMembers ?? []).some((m) => m.DBInstanceIdentifier === db.DBInstanceIdentifier && m.IsClusterWriter);
  // A cluster member's own MultiAZ/backup/encryption fields describe nothing: the cluster's apply.
  const latestRestorableTime = isoOrNull(cluster ? cluster.LatestRestorableTime : db.LatestRestorableTime);
  return {
    dbInstanceIdentifier: db.DBInstanceIdentifier ?? '',
    engine: db.Engine ?? '',
    engineVersion: db.EngineVersion ?? '',
    instanceClass: db.DBInstanceClass ?? '',
    status: db.DBInstanceStatus ?? '',
    role: db.ReadReplicaSourceDBInstanceIdentifier || clusterReader ? 'replica' : 'writer',
    storageType: db.StorageType ?? cluster?.StorageType ?? '',
    allocatedStorageGb: db.AllocatedStorage ?? 0,
    multiAz: (cluster ? cluster.MultiAZ : db.MultiAZ) ?? false,
    availabilityZone: db.AvailabilityZone ?? null,
    secondaryAvailabilityZone: db.SecondaryAvailabilityZone ?? null,
    backupRetentionPeriod: (cluster ? cluster.BackupRetentionPeriod : db.BackupRetentionPeriod) ?? 0,
    storageEncrypted: (cluster ? cluster.StorageEncrypted : db.StorageEncrypted) ?? false,
    kmsKeyId: (cluster ? cluster.KmsKeyId : db.KmsKeyId) ?? null,
    parameterGroups,
    usesDefaultParameterGroup: parameterGroups.every((name) => name.startsWith('default.')),
    publiclyAccessible: db.PubliclyAccessible ?? false,
    readReplicaIdentifiers: db.ReadReplicaDBInstanceIdentifiers ?? [],
    readReplicaSourceIdentifier: db.ReadReplicaSourceDBInstanceIdentifier ?? null,
    dbSubnetGroupName: db.DBSubnetGroup?.DBSubnetGroupName ?? null,
    dbClusterIdentifier: db.DBClusterIdentifier ?? null,
    latestRestorableTime,
    restoreLagSeconds: latestRestorableTime === null ? null : lagSeconds(ctx.startedAt, latestRestorableTime),
  };
}

/** The replica source's ARN when it is in this region; null for a cross-region source (given as an ARN). */
function sameRegionInstanceArn(ctx: CollectContext, source: string): string | null {
  if (!source.startsWith('arn:')) return arn.dbInstance(ctx, source);
  return source.split(':')[3] === ctx.region ? source : null;
}

function subnetGroupNode(ctx: CollectContext, id: string, group: DBSubnetGroup, tags: Tags): [GraphNode<'rds.db-subnet-group'>, GraphEdge[]] {
  const name = group.DBSubnetGroupName ?? '';
  const vpcId = group.VpcId ?? '';
  const subnetIds = (group.Subnets ?? []).flatMap((s) => (s.SubnetIdentifier ? [s.SubnetIdentifier] : []));
  return [
    { id, type: 'rds.db-subnet-group', region: ctx.region, account: ctx.account, name, tags, props: { name, vpcId, subnetIds } },
    [
      { type: 'in-vpc', from: id, to: arn.vpc(ctx, vpcId) },
      ...subnetIds.map((s): GraphEdge => ({ type: 'in-subnet', from: id, to: arn.subnet(ctx, s) })),
    ],
  ];
}

/** Whole seconds from the last restorable moment to the collection's start; never negative (reads follow the start). */
function lagSeconds(startedAt: Date, latestRestorableTime: string): number {
  return Math.max(0, Math.floor((startedAt.getTime() - Date.parse(latestRestorableTime)) / 1000));
}

function isoOrNull(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
