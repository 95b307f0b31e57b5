// RDS: Ledgerly's Aurora PostgreSQL cluster: a writer in us-east-1a and a reader in us-east-1b (the
// cluster is Multi-AZ through its reader), encrypted with the data key, 14 days of backups, its own
// cluster and instance parameter groups, on the three data subnets.
import type * as RDS from '@aws-sdk/client-rds';
import type { RdsAnswers } from '../shopflow/rds.js';
import { CREATED } from '../recording.js';
import { tagList } from '../build.js';
import { ACCOUNT, DATA_KEY_ARN, REGION, TAGS } from './names.js';
import { VPC_ID, ZONES, subnetId } from './ec2.js';

export const CLUSTER_ID = 'ledgerly-db';
const SUBNET_GROUP = 'ledgerly-data';
const subnetGroup: RDS.DBSubnetGroup = {
  DBSubnetGroupName: SUBNET_GROUP, DBSubnetGroupDescription: 'ledgerly-data (data subnets)', VpcId: VPC_ID, SubnetGroupStatus: 'Complete',
  Subnets: ZONES.map((z) => ({ SubnetIdentifier: subnetId('data', z.az), SubnetAvailabilityZone: { Name: z.az }, SubnetOutpost: {}, SubnetStatus: 'Active' })),
  SupportedNetworkTypes: ['IPV4'],
};
const subnetGroupArn = `arn:aws:rds:${REGION}:${ACCOUNT}:subgrp:${SUBNET_GROUP}`;
const ENDPOINT = 'c9rkx2ye4lpb.us-east-1.rds.amazonaws.com';

/** A member instance: an Aurora instance's own storage, Multi-AZ and backup fields describe nothing (the cluster's apply). */
function member(id: string, az: string, resourceId: string): RDS.DBInstance {
  return {
    DBInstanceIdentifier: id, DBInstanceClass: 'db.r6g.large', Engine: 'aurora-postgresql', DBInstanceStatus: 'available', MasterUsername: 'ledgerly',
    Endpoint: { Address: `${id}.${ENDPOINT}`, Port: 5432, HostedZoneId: 'Z2R2ITUGPM61AM' }, AllocatedStorage: 1, InstanceCreateTime: CREATED,
    PreferredBackupWindow: '04:00-04:30', BackupRetentionPeriod: 14, DBSecurityGroups: [], VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a9b8c7d6e5f4a3b2', Status: 'active' }],
    DBParameterGroups: [{ DBParameterGroupName: 'ledgerly-aurora-pg16', ParameterApplyStatus: 'in-sync' }], AvailabilityZone: az,
    DBSubnetGroup: subnetGroup, PreferredMaintenanceWindow: 'sun:06:00-sun:06:30', PendingModifiedValues: {}, MultiAZ: false, EngineVersion: '16.4',
    AutoMinorVersionUpgrade: true, ReadReplicaDBInstanceIdentifiers: [], ReadReplicaDBClusterIdentifiers: [], LicenseModel: 'postgresql-license',
    OptionGroupMemberships: [{ OptionGroupName: 'default:aurora-postgresql-16', Status: 'in-sync' }], PubliclyAccessible: false, StorageType: 'aurora',
    DbInstancePort: 0, DBClusterIdentifier: CLUSTER_ID, StorageEncrypted: true, KmsKeyId: DATA_KEY_ARN, DbiResourceId: resourceId,
    CACertificateIdentifier: 'rds-ca-rsa2048-g1', DomainMemberships: [], CopyTagsToSnapshot: false, MonitoringInterval: 0,
    DBInstanceArn: `arn:aws:rds:${REGION}:${ACCOUNT}:db:${id}`, IAMDatabaseAuthenticationEnabled: false, PerformanceInsightsEnabled: true,
    DeletionProtection: false, AssociatedRoles: [], TagList: tagList(TAGS), CustomerOwnedIpEnabled: false, BackupTarget: 'region', NetworkType: 'IPV4',
    DedicatedLogVolume: false, IsStorageConfigUpgradeAvailable: false, EngineLifecycleSupport: 'open-source-rds-extended-support',
  };
}

export const rdsAnswers: RdsAnswers = {
  dbInstances: [member('ledgerly-db-1', 'us-east-1a', 'db-3F8A1C5E7B9D2F4A6C8E0B1D3F'), member('ledgerly-db-2', 'us-east-1b', 'db-9C2E4A6B8D0F1A3C5E7B9D1F2A')],
  dbClusters: [
    {
      AllocatedStorage: 1, AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], BackupRetentionPeriod: 14, DatabaseName: 'ledgerly',
      DBClusterIdentifier: CLUSTER_ID, DBClusterParameterGroup: 'ledgerly-aurora-pg16-cluster', DBSubnetGroup: SUBNET_GROUP, Status: 'available',
      EarliestRestorableTime: new Date('2026-11-06T04:05:00.000Z'), Endpoint: `${CLUSTER_ID}.cluster-${ENDPOINT}`, ReaderEndpoint: `${CLUSTER_ID}.cluster-ro-${ENDPOINT}`,
      MultiAZ: true, Engine: 'aurora-postgresql', EngineVersion: '16.4', LatestRestorableTime: new Date('2026-11-20T01:57:30.000Z'), Port: 5432,
      MasterUsername: 'ledgerly', PreferredBackupWindow: '04:00-04:30', PreferredMaintenanceWindow: 'sun:06:00-sun:06:30', ReadReplicaIdentifiers: [],
      DBClusterMembers: [
        { DBInstanceIdentifier: 'ledgerly-db-1', IsClusterWriter: true, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
        { DBInstanceIdentifier: 'ledgerly-db-2', IsClusterWriter: false, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 },
      ],
      VpcSecurityGroups: [{ VpcSecurityGroupId: 'sg-0a9b8c7d6e5f4a3b2', Status: 'active' }], HostedZoneId: 'Z2R2ITUGPM61AM', StorageEncrypted: true, KmsKeyId: DATA_KEY_ARN,
      DbClusterResourceId: 'cluster-5TQ7WJ2M4XK6PL8RZ3N9CV1HDA', DBClusterArn: `arn:aws:rds:${REGION}:${ACCOUNT}:cluster:${CLUSTER_ID}`, AssociatedRoles: [],
      IAMDatabaseAuthenticationEnabled: false, ClusterCreateTime: CREATED, EngineMode: 'provisioned', DeletionProtection: true, HttpEndpointEnabled: false,
      CopyTagsToSnapshot: true, CrossAccountClone: false, DomainMemberships: [], TagList: tagList(TAGS), StorageType: 'aurora', NetworkType: 'IPV4',
      AutoMinorVersionUpgrade: true, EngineLifecycleSupport: 'open-source-rds-extended-support',
    },
  ],
  dbSubnetGroups: [{ ...subnetGroup, DBSubnetGroupArn: subnetGroupArn }],
  tags: { [subnetGroupArn]: tagList(TAGS) },
};
