// `infra-audit init`: the values of the data tier (databases, caches, buckets) as the live account has them.
import type { GraphNode } from '../graph/types.js';
import { agreed, az, bool, compact, int, list, oneOf, props, record, sortedUnique, str, type Props, type Scoped } from './spec-init-read.js';

const INSTANCE_CLASS = /^db\.[a-z0-9-]+\.[a-z0-9]+$/;
const NODE_TYPE = /^cache\.[a-z0-9-]+\.[a-z0-9]+$/;
const STORAGE_TYPES = ['gp2', 'gp3', 'io1', 'io2', 'standard', 'aurora', 'aurora-iopt1'] as const;

const matching = (v: unknown, pattern: RegExp) => (typeof v === 'string' && pattern.test(v) ? v : undefined);

/**
 * Read replicas: their count, and their zones when there is one replica per zone (the spec states the
 * zones as "one replica in each"; replicas sharing a zone leave the zones unstated).
 */
function replicas(zones: (string | undefined)[]): Props {
  const distinct = sortedUnique(zones);
  const known = zones.every((z) => z !== undefined);
  return compact({ count: zones.length, availabilityZones: known && distinct.length === zones.length ? distinct : undefined })!;
}

export function rdsInstanceValues(s: Scoped, db: GraphNode): Props {
  const p = props(db);
  const multiAz = bool(p.multiAz);
  const readers = s.related(db, 'replica-of', 'rds.db-instance', true);
  return {
    kind: 'rds-instance',
    engine: str(p.engine),
    instanceClass: matching(p.instanceClass, INSTANCE_CLASS),
    storageType: oneOf(p.storageType, STORAGE_TYPES),
    allocatedStorageGb: int(p.allocatedStorageGb, 1),
    multiAz,
    primaryAvailabilityZone: az(p.availabilityZone),
    standbyAvailabilityZone: multiAz ? az(p.secondaryAvailabilityZone) : undefined,
    readReplicas: replicas(readers.map((r) => az(props(r).availabilityZone))),
    backupRetentionDays: int(p.backupRetentionPeriod, 0, 35),
    storageEncrypted: bool(p.storageEncrypted),
    customParameterGroup: typeof p.usesDefaultParameterGroup === 'boolean' ? !p.usesDefaultParameterGroup : undefined,
    publiclyAccessible: bool(p.publiclyAccessible),
  };
}

/** An Aurora cluster: the cluster's own values, its writer instance's class and zone, its readers as replicas. */
export function auroraClusterValues(s: Scoped, cluster: GraphNode): Props {
  const p = props(cluster);
  const members = s.related(cluster, 'member-of', 'rds.db-instance', true);
  const writerIds = list(p.members).map(record).filter((m) => m.isWriter === true).map((m) => m.dbInstanceIdentifier);
  const writer = writerIds.length === 1 ? members.find((m) => m.name === writerIds[0]) : undefined;
  const readers = members.filter((m) => m !== writer);
  const memberFlag = (flag: (q: Props) => boolean | undefined) => (members.length ? agreed(members.map((m) => flag(props(m)))) : undefined);
  const defaultGroups = memberFlag((q) => bool(q.usesDefaultParameterGroup));
  return {
    kind: 'aurora-cluster',
    engine: str(p.engine),
    instanceClass: writer && matching(props(writer).instanceClass, INSTANCE_CLASS),
    multiAz: bool(p.multiAz),
    primaryAvailabilityZone: writer && az(props(writer).availabilityZone),
    readReplicas: writer ? replicas(readers.map((r) => az(props(r).availabilityZone))) : undefined,
    backupRetentionDays: int(p.backupRetentionPeriod, 0, 35),
    storageEncrypted: bool(p.storageEncrypted),
    customParameterGroup: defaultGroups === undefined ? undefined : !defaultGroups,
    publiclyAccessible: memberFlag((q) => bool(q.publiclyAccessible)),
  };
}

export function cacheValues(group: GraphNode): Props {
  const p = props(group);
  return {
    engine: oneOf(p.engine, ['redis', 'valkey', 'memcached'] as const),
    clusterMode: bool(p.clusterEnabled),
    shards: int(p.numNodeGroups, 1),
    replicasPerShard: int(p.minReplicasPerNodeGroup, 0, 5),
    nodeType: matching(p.cacheNodeType, NODE_TYPE),
    automaticFailover: bool(p.automaticFailover),
    multiAz: bool(p.multiAz),
  };
}

export function bucketValues(bucket: GraphNode): Props {
  const replication = record(props(bucket).replication);
  const enabled = bool(replication.enabled);
  return { crossRegionReplication: enabled === undefined ? undefined : enabled && list(replication.destinationBuckets).length > 0 };
}
