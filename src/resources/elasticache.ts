// ElastiCache: replication groups (Redis/Valkey, with their node groups) and cache subnet groups.
import { Bool, Count, List, Name, NullableAz, NullableStr, Obj, Str, SubnetIdList, VpcId, AzList } from './shapes.js';
import { defineService } from './define.js';

export const elasticache = defineService({
  service: 'elasticache',
  iamPrefix: 'elasticache',
  global: false,
  types: {
    'elasticache.replication-group': {
      doc: 'ElastiCache replication group',
      props: Obj({
        replicationGroupId: Name(),
        engine: Str(),
        status: Str(),
        clusterEnabled: Bool('Cluster mode enabled (data sharded across node groups).'),
        cacheNodeType: Str(),
        numNodeGroups: Count('Node groups, i.e. shards.'),
        minReplicasPerNodeGroup: Count('Derived: the smallest number of replicas in any node group (shard).'),
        nodeGroups: List(
          Obj({
            nodeGroupId: Name(),
            primaryAvailabilityZone: NullableAz(),
            replicaCount: Count(),
            memberAvailabilityZones: AzList('The AZ of every node of the group, primary first.'),
          }),
        ),
        automaticFailover: Bool(),
        multiAz: Bool(),
        atRestEncryptionEnabled: Bool(),
        kmsKeyId: NullableStr('The customer managed KMS key encrypting data at rest (its ARN); null when ElastiCache uses its own key or at-rest encryption is off.'),
        transitEncryptionEnabled: Bool(),
        snapshotRetentionLimit: Count('Days of automatic snapshots; 0 means none.'),
        cacheSubnetGroupName: NullableStr(),
      }),
    },
    'elasticache.cache-subnet-group': {
      doc: 'ElastiCache cache subnet group',
      props: Obj({ name: Name(), vpcId: VpcId(), subnetIds: SubnetIdList() }),
    },
  },
  edges: {},
});
