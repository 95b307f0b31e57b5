// ElastiCache: ShopFlow's Redis (cluster mode, 2 shards x 3 members), its member clusters (which name
// the subnet group) and its cache subnet group. No batch tag read: one ListTagsForResource each.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as EC from '@aws-sdk/client-elasticache';
import { defineService, CREATED } from '../recording.js';

export interface ElastiCacheAnswers {
  replicationGroups: EC.ReplicationGroup[];
  cacheSubnetGroups: EC.CacheSubnetGroup[];
  /** The replication groups' member clusters. */
  cacheClusters: EC.CacheCluster[];
  /** By ARN (replication groups and cache subnet groups). */
  tags: Record<string, EC.Tag[]>;
}

/** One node of the cluster-mode replication group (every node is alike but for its id and zone). */
function cacheCluster(id: string, az: string): EC.CacheCluster {
  return {
    CacheClusterId: id,
    ClientDownloadLandingPage: 'https://console.aws.amazon.com/elasticache/home#client-download:',
    CacheNodeType: 'cache.r6g.large',
    Engine: 'redis',
    EngineVersion: '7.1.0',
    CacheClusterStatus: 'available',
    NumCacheNodes: 1,
    PreferredAvailabilityZone: az,
    CacheClusterCreateTime: CREATED,
    PreferredMaintenanceWindow: 'sun:06:00-sun:07:00',
    PendingModifiedValues: {},
    CacheSecurityGroups: [],
    CacheParameterGroup: { CacheParameterGroupName: 'default.redis7.cluster.on', ParameterApplyStatus: 'in-sync', CacheNodeIdsToReboot: [] },
    CacheSubnetGroupName: 'shopflow-cache',
    AutoMinorVersionUpgrade: true,
    SecurityGroups: [{ SecurityGroupId: 'sg-0d4e5f6a7b8c9d0e1', Status: 'active' }],
    ReplicationGroupId: 'shopflow-redis',
    SnapshotRetentionLimit: 1,
    SnapshotWindow: '04:00-05:00',
    AuthTokenEnabled: false,
    TransitEncryptionEnabled: true,
    AtRestEncryptionEnabled: true,
    ARN: `arn:aws:elasticache:us-east-1:123456789012:cluster:${id}`,
    ReplicationGroupLogDeliveryEnabled: false,
    LogDeliveryConfigurations: [],
    NetworkType: 'ipv4',
    IpDiscovery: 'ipv4',
  };
}

const answers: ElastiCacheAnswers = {
  replicationGroups: [
    {
      ReplicationGroupId: 'shopflow-redis',
      Description: 'ShopFlow sessions and catalogue cache',
      GlobalReplicationGroupInfo: {},
      Status: 'available',
      PendingModifiedValues: {},
      MemberClusters: [
        'shopflow-redis-0001-001',
        'shopflow-redis-0001-002',
        'shopflow-redis-0001-003',
        'shopflow-redis-0002-001',
        'shopflow-redis-0002-002',
        'shopflow-redis-0002-003',
      ],
      NodeGroups: [
        {
          NodeGroupId: '0001',
          Status: 'available',
          Slots: '0-8191',
          NodeGroupMembers: [
            { CacheClusterId: 'shopflow-redis-0001-001', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1a' },
            { CacheClusterId: 'shopflow-redis-0001-002', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1b' },
            { CacheClusterId: 'shopflow-redis-0001-003', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1a' },
          ],
        },
        {
          NodeGroupId: '0002',
          Status: 'available',
          Slots: '8192-16383',
          NodeGroupMembers: [
            { CacheClusterId: 'shopflow-redis-0002-001', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1b' },
            { CacheClusterId: 'shopflow-redis-0002-002', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1a' },
            { CacheClusterId: 'shopflow-redis-0002-003', CacheNodeId: '0001', PreferredAvailabilityZone: 'us-east-1b' },
          ],
        },
      ],
      AutomaticFailover: 'enabled',
      MultiAZ: 'enabled',
      ConfigurationEndpoint: { Address: 'clustercfg.shopflow-redis.x4kq2b.use1.cache.amazonaws.com', Port: 6379 },
      SnapshotRetentionLimit: 1,
      SnapshotWindow: '04:00-05:00',
      ClusterEnabled: true,
      CacheNodeType: 'cache.r6g.large',
      AuthTokenEnabled: false,
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      // The application's data key (test/scenario/shopflow/kms.ts), as ElastiCache names it: its ARN.
      KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d',
      ARN: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shopflow-redis',
      LogDeliveryConfigurations: [],
      ReplicationGroupCreateTime: CREATED,
      DataTiering: 'disabled',
      AutoMinorVersionUpgrade: true,
      NetworkType: 'ipv4',
      IpDiscovery: 'ipv4',
      TransitEncryptionMode: 'required',
      ClusterMode: 'enabled',
      Engine: 'redis',
    },
  ],
  cacheSubnetGroups: [
    {
      CacheSubnetGroupName: 'shopflow-cache',
      CacheSubnetGroupDescription: 'shopflow-cache (data subnets)',
      VpcId: 'vpc-0c4f1e2a3b5d6e7f8',
      Subnets: [
        { SubnetIdentifier: 'subnet-0e7a9c2d4f6b8d1e3', SubnetAvailabilityZone: { Name: 'us-east-1a' }, SupportedNetworkTypes: ['ipv4'] },
        { SubnetIdentifier: 'subnet-0f8b1d3e5a7c9e2f4', SubnetAvailabilityZone: { Name: 'us-east-1b' }, SupportedNetworkTypes: ['ipv4'] },
      ],
      ARN: 'arn:aws:elasticache:us-east-1:123456789012:subnetgroup:shopflow-cache',
      SupportedNetworkTypes: ['ipv4'],
    },
  ],
  cacheClusters: [
    cacheCluster('shopflow-redis-0001-001', 'us-east-1a'),
    cacheCluster('shopflow-redis-0001-002', 'us-east-1b'),
    cacheCluster('shopflow-redis-0001-003', 'us-east-1a'),
    cacheCluster('shopflow-redis-0002-001', 'us-east-1b'),
    cacheCluster('shopflow-redis-0002-002', 'us-east-1a'),
    cacheCluster('shopflow-redis-0002-003', 'us-east-1b'),
  ],
  tags: {
    'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:shopflow-redis': [{ Key: 'app', Value: 'shopflow' }],
    'arn:aws:elasticache:us-east-1:123456789012:subnetgroup:shopflow-cache': [{ Key: 'app', Value: 'shopflow' }],
  },
};

export const elasticache = defineService({
  name: 'elasticache', global: false,
  empty: { replicationGroups: [], cacheSubnetGroups: [], cacheClusters: [], tags: {} },
  record(a, r) {
    r.paged('ElastiCache:DescribeReplicationGroups', { MaxRecords: 100 }, a.replicationGroups, 'Marker', (ReplicationGroups, Marker) => ({ ReplicationGroups, Marker }));
    r.paged('ElastiCache:DescribeCacheSubnetGroups', { MaxRecords: 100 }, a.cacheSubnetGroups, 'Marker', (CacheSubnetGroups, Marker) => ({ CacheSubnetGroups, Marker }));
    // Read only where there are replication groups.
    if (a.replicationGroups.length) {
      r.paged('ElastiCache:DescribeCacheClusters', { MaxRecords: 100, ShowCacheNodeInfo: false }, a.cacheClusters, 'Marker', (CacheClusters, Marker) => ({ CacheClusters, Marker }));
    }
    for (const arn of [...a.replicationGroups.map((g) => g.ARN!), ...a.cacheSubnetGroups.map((g) => g.ARN!)]) {
      r.record('ElastiCache:ListTagsForResource', { input: { ResourceName: arn }, output: { TagList: a.tags[arn] ?? [] } });
    }
  },
  answers,
});
