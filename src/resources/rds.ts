// RDS: DB instances, DB clusters (Aurora and Multi-AZ DB clusters) and DB subnet groups.
import { Bool, Count, Enum, List, Name, NullableAz, NullableDateTime, NullableNum, NullableStr, Obj, Str, StringList, SubnetIdList, VpcId, AzList } from './shapes.js';
import { defineService } from './define.js';

export const rds = defineService({
  service: 'rds',
  iamPrefix: 'rds',
  global: false,
  types: {
    'rds.db-instance': {
      doc: 'RDS DB instance',
      props: Obj({
        dbInstanceIdentifier: Name(),
        engine: Name(),
        engineVersion: Str(),
        instanceClass: Str(),
        status: Str(),
        role: Enum(['writer', 'replica'], 'Derived: writer (a standalone or cluster writer instance) or replica.'),
        storageType: Str(),
        allocatedStorageGb: Count(),
        multiAz: Bool(),
        availabilityZone: NullableAz(),
        secondaryAvailabilityZone: NullableAz("The Multi-AZ standby's AZ; null when single-AZ."),
        backupRetentionPeriod: Count('Days of automated backups; 0 means automated backups (and PITR) are off.'),
        storageEncrypted: Bool(),
        kmsKeyId: NullableStr('The KMS key ARN when encrypted.'),
        parameterGroups: StringList('DB parameter group names.'),
        usesDefaultParameterGroup: Bool('Derived: every parameter group is a default.* one.'),
        publiclyAccessible: Bool(),
        readReplicaIdentifiers: StringList('The replicas of this instance, as AWS lists them (identifiers, ARNs for cross-region ones).'),
        readReplicaSourceIdentifier: NullableStr('For a replica, its source (identifier, or ARN across regions).'),
        dbSubnetGroupName: NullableStr(),
        dbClusterIdentifier: NullableStr(),
        latestRestorableTime: NullableDateTime(),
        restoreLagSeconds: NullableNum("Derived at collection: seconds between latestRestorableTime and the snapshot's start (the RPO)."),
      }),
    },
    'rds.db-cluster': {
      doc: 'RDS DB cluster',
      props: Obj({
        dbClusterIdentifier: Name(),
        engine: Name(),
        engineVersion: Str(),
        status: Str(),
        multiAz: Bool(),
        availabilityZones: AzList(),
        backupRetentionPeriod: Count(),
        storageEncrypted: Bool(),
        kmsKeyId: NullableStr(),
        members: List(Obj({ dbInstanceIdentifier: Name(), isWriter: Bool() })),
        replicationSourceIdentifier: NullableStr(),
        latestRestorableTime: NullableDateTime(),
      }),
    },
    'rds.db-subnet-group': {
      doc: 'RDS DB subnet group',
      props: Obj({ name: Name(), vpcId: VpcId(), subnetIds: SubnetIdList() }),
    },
  },
  edges: {
    'replica-of': { scope: 'to-from', from: ['rds.db-instance'], to: ['rds.db-instance'], doc: "read replica -> its source DB instance; an Aurora reader -> its cluster's writer" },
    'member-of': { scope: 'to-from', from: ['rds.db-instance'], to: ['rds.db-cluster'], doc: 'DB instance -> its Aurora cluster' },
    'in-subnet-group': {
      scope: 'none',
      from: ['rds.db-instance', 'elasticache.replication-group'],
      to: ['rds.db-subnet-group', 'elasticache.cache-subnet-group'],
      doc: 'DB instance or replication group -> its subnet group',
    },
  },
});

