import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeDBClustersCommand,
  DescribeDBInstancesCommand,
  DescribeDBSubnetGroupsCommand,
  ListTagsForResourceCommand,
  RDSClient,
  type DBCluster,
  type DBInstance,
  type DBSubnetGroup,
  type Tag,
} from '@aws-sdk/client-rds';
import { rdsCollector } from '../../src/collect/rds.js';
import { STARTED_AT, awsError, expectCallsLimitedAndDeclared, expectValidSnapshot, fakeContext, nodeById, nodesOf, paged, propsOf } from './ctx-ec2-rds.js';

const rds = mockClient(RDSClient);
const RDS = 'arn:aws:rds:us-east-1:123456789012';
const EC2 = 'arn:aws:ec2:us-east-1:123456789012';
const db = (id: string) => `${RDS}:db:${id}`;
const KMS = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const secondsBefore = (s: number) => new Date(STARTED_AT.getTime() - s * 1000);

const writer: DBInstance = {
  DBInstanceIdentifier: 'shopflow-db', DBInstanceArn: db('shopflow-db'), Engine: 'postgres', EngineVersion: '16.3', DBInstanceClass: 'db.r6g.large',
  DBInstanceStatus: 'available', StorageType: 'gp3', AllocatedStorage: 200, MultiAZ: true, AvailabilityZone: 'us-east-1a', SecondaryAvailabilityZone: 'us-east-1b',
  BackupRetentionPeriod: 7, StorageEncrypted: true, KmsKeyId: KMS, PubliclyAccessible: false,
  DBParameterGroups: [{ DBParameterGroupName: 'shopflow-pg16', ParameterApplyStatus: 'in-sync' }],
  ReadReplicaDBInstanceIdentifiers: ['shopflow-db-replica', 'arn:aws:rds:us-west-2:123456789012:db:shopflow-db-dr'],
  DBSubnetGroup: { DBSubnetGroupName: 'shopflow-db-subnets' }, LatestRestorableTime: secondsBefore(300.6),
  TagList: [{ Key: 'app', Value: 'shopflow' }, { Key: 'tier', Value: 'data' }],
};
const replica: DBInstance = {
  DBInstanceIdentifier: 'shopflow-db-replica', DBInstanceArn: db('shopflow-db-replica'), Engine: 'postgres', EngineVersion: '16.3', DBInstanceClass: 'db.r6g.large',
  DBInstanceStatus: 'available', StorageType: 'gp3', AllocatedStorage: 200, MultiAZ: false, AvailabilityZone: 'us-east-1c', BackupRetentionPeriod: 0, StorageEncrypted: true, KmsKeyId: KMS,
  DBParameterGroups: [{ DBParameterGroupName: 'default.postgres16' }], ReadReplicaSourceDBInstanceIdentifier: 'shopflow-db', DBSubnetGroup: { DBSubnetGroupName: 'shopflow-db-subnets' },
};
// A replica of a source in another region: AWS names the source by ARN; no edge (a later region's collector owns it).
const crossRegionReplica: DBInstance = {
  DBInstanceIdentifier: 'shopflow-db-from-eu', DBInstanceArn: db('shopflow-db-from-eu'), Engine: 'postgres', DBInstanceStatus: 'available', AllocatedStorage: 100,
  ReadReplicaSourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:db:shopflow-eu',
};
// Aurora members: their own MultiAZ/backup/encryption fields are not what applies; the cluster's are.
const auroraMember = (id: string): DBInstance => ({
  DBInstanceIdentifier: id, DBInstanceArn: db(id), Engine: 'aurora-postgresql', EngineVersion: '16.2', DBInstanceClass: 'db.r6g.xlarge', DBInstanceStatus: 'available',
  StorageType: 'aurora', AllocatedStorage: 1, MultiAZ: false, BackupRetentionPeriod: 1, StorageEncrypted: false, AvailabilityZone: id.endsWith('1') ? 'us-east-1a' : 'us-east-1b',
  DBParameterGroups: [{ DBParameterGroupName: 'default.aurora-postgresql16' }], DBClusterIdentifier: 'shopflow-aurora', DBSubnetGroup: { DBSubnetGroupName: 'shopflow-db-subnets' },
  TagList: [{ Key: 'app', Value: 'shopflow' }],
});
const otherApp: DBInstance = {
  DBInstanceIdentifier: 'billing-db', DBInstanceArn: db('billing-db'), Engine: 'mysql', EngineVersion: '8.0.36', DBInstanceStatus: 'available', AllocatedStorage: 50,
  MultiAZ: false, AvailabilityZone: 'us-east-1a', BackupRetentionPeriod: 1, DBSubnetGroup: { DBSubnetGroupName: 'billing-db-subnets' }, TagList: [{ Key: 'app', Value: 'billing' }],
};
const aurora: DBCluster = {
  DBClusterIdentifier: 'shopflow-aurora', DBClusterArn: `${RDS}:cluster:shopflow-aurora`, Engine: 'aurora-postgresql', EngineVersion: '16.2', Status: 'available',
  MultiAZ: true, AvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], BackupRetentionPeriod: 14, StorageEncrypted: true, KmsKeyId: KMS,
  DBClusterMembers: [{ DBInstanceIdentifier: 'shopflow-aurora-1', IsClusterWriter: true }, { DBInstanceIdentifier: 'shopflow-aurora-2', IsClusterWriter: false }],
  LatestRestorableTime: secondsBefore(42), TagList: [{ Key: 'app', Value: 'shopflow' }],
};
const subnetGroups: DBSubnetGroup[] = [
  { DBSubnetGroupName: 'shopflow-db-subnets', DBSubnetGroupArn: `${RDS}:subgrp:shopflow-db-subnets`, VpcId: 'vpc-0a00000000000a001', Subnets: [{ SubnetIdentifier: 'subnet-0a0000000000000a2' }, { SubnetIdentifier: 'subnet-0a0000000000000b2' }] },
  { DBSubnetGroupName: 'billing-db-subnets', DBSubnetGroupArn: `${RDS}:subgrp:billing-db-subnets`, VpcId: 'vpc-0b00000000000b001', Subnets: [{ SubnetIdentifier: 'subnet-0b0000000000000b1' }] },
];
const subnetGroupTags: Record<string, Tag[]> = { [`${RDS}:subgrp:shopflow-db-subnets`]: [{ Key: 'app', Value: 'shopflow' }] };

function mockAccount(onCall?: () => void) {
  rds.on(DescribeDBInstancesCommand).callsFake(paged([{ DBInstances: [writer, replica, crossRegionReplica] }, { DBInstances: [auroraMember('shopflow-aurora-1'), auroraMember('shopflow-aurora-2'), otherApp] }], 'Marker', 'Marker', onCall));
  rds.on(DescribeDBClustersCommand).callsFake(paged([{ DBClusters: [aurora] }], 'Marker', 'Marker', onCall));
  rds.on(DescribeDBSubnetGroupsCommand).callsFake(paged([{ DBSubnetGroups: [subnetGroups[0]!] }, { DBSubnetGroups: [subnetGroups[1]!] }], 'Marker', 'Marker', onCall));
  rds.on(ListTagsForResourceCommand).callsFake((input: { ResourceName?: string }) => {
    onCall?.();
    return { TagList: subnetGroupTags[input.ResourceName ?? ''] ?? [] };
  });
}

describe('rdsCollector', () => {
  beforeEach(() => rds.reset());

  it('follows every page under ctx.limit and calls exactly its declared actions', async () => {
    const ctx = fakeContext();
    const insideAtCall: number[] = [];
    mockAccount(() => insideAtCall.push(ctx.insideLimit()));
    const result = await rdsCollector.collect(ctx);

    expect(rds.commandCalls(DescribeDBInstancesCommand)).toHaveLength(2);
    expect(rds.commandCalls(DescribeDBSubnetGroupsCommand)).toHaveLength(2);
    expect(nodesOf(result, 'rds.db-instance').map((n) => n.name)).toEqual(['shopflow-db', 'shopflow-db-replica', 'shopflow-db-from-eu', 'shopflow-aurora-1', 'shopflow-aurora-2', 'billing-db']);
    expect(nodesOf(result, 'rds.db-cluster').map((n) => n.name)).toEqual(['shopflow-aurora']);
    expect(nodesOf(result, 'rds.db-subnet-group').map((n) => n.name)).toEqual(['shopflow-db-subnets', 'billing-db-subnets']);
    expect(rds.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceName)).toEqual([`${RDS}:subgrp:shopflow-db-subnets`, `${RDS}:subgrp:billing-db-subnets`]);
    expect(result.gaps).toEqual([]);
    expectCallsLimitedAndDeclared(rds, insideAtCall, 'rds', rdsCollector.actions);
    expectValidSnapshot(result);
  });

  it('normalizes a standalone Multi-AZ writer, with its restore lag measured from the collection start', async () => {
    mockAccount();
    const result = await rdsCollector.collect(fakeContext());

    expect(nodeById(result, 'rds.db-instance', db('shopflow-db'))).toEqual({
      id: db('shopflow-db'), type: 'rds.db-instance', region: 'us-east-1', account: '123456789012', name: 'shopflow-db', tags: { app: 'shopflow', tier: 'data' },
      props: {
        dbInstanceIdentifier: 'shopflow-db', engine: 'postgres', engineVersion: '16.3', instanceClass: 'db.r6g.large', status: 'available', role: 'writer',
        storageType: 'gp3', allocatedStorageGb: 200, multiAz: true, availabilityZone: 'us-east-1a', secondaryAvailabilityZone: 'us-east-1b',
        backupRetentionPeriod: 7, storageEncrypted: true, kmsKeyId: KMS, parameterGroups: ['shopflow-pg16'], usesDefaultParameterGroup: false, publiclyAccessible: false,
        readReplicaIdentifiers: ['shopflow-db-replica', 'arn:aws:rds:us-west-2:123456789012:db:shopflow-db-dr'], readReplicaSourceIdentifier: null,
        dbSubnetGroupName: 'shopflow-db-subnets', dbClusterIdentifier: null,
        latestRestorableTime: secondsBefore(300.6).toISOString(), restoreLagSeconds: 300,
      },
    });
  });

  it('marks read replicas, links same-region ones to their source and keeps a cross-region source as given', async () => {
    mockAccount();
    const result = await rdsCollector.collect(fakeContext());

    expect(propsOf(result, 'rds.db-instance', db('shopflow-db-replica'))).toMatchObject({
      role: 'replica', readReplicaSourceIdentifier: 'shopflow-db', parameterGroups: ['default.postgres16'], usesDefaultParameterGroup: true,
      multiAz: false, secondaryAvailabilityZone: null, latestRestorableTime: null, restoreLagSeconds: null,
    });
    expect(result.edges).toContainEqual({ type: 'replica-of', from: db('shopflow-db-replica'), to: db('shopflow-db') });
    expect(propsOf(result, 'rds.db-instance', db('shopflow-db-from-eu'))).toMatchObject({ role: 'replica', readReplicaSourceIdentifier: 'arn:aws:rds:eu-west-1:123456789012:db:shopflow-eu', dbSubnetGroupName: null });
    expect(result.edges.filter((e) => e.from === db('shopflow-db-from-eu'))).toEqual([]);
    expect(result.edges).toContainEqual({ type: 'in-subnet-group', from: db('shopflow-db'), to: `${RDS}:subgrp:shopflow-db-subnets` });
  });

  it('takes Aurora members\' availability, backups and encryption from their cluster, and their role from it', async () => {
    mockAccount();
    const result = await rdsCollector.collect(fakeContext());
    const clusterFields = { multiAz: true, backupRetentionPeriod: 14, storageEncrypted: true, kmsKeyId: KMS, latestRestorableTime: secondsBefore(42).toISOString(), restoreLagSeconds: 42, dbClusterIdentifier: 'shopflow-aurora' };

    expect(propsOf(result, 'rds.db-instance', db('shopflow-aurora-1'))).toMatchObject({ ...clusterFields, role: 'writer', availabilityZone: 'us-east-1a', storageType: 'aurora', allocatedStorageGb: 1 });
    expect(propsOf(result, 'rds.db-instance', db('shopflow-aurora-2'))).toMatchObject({ ...clusterFields, role: 'replica', availabilityZone: 'us-east-1b' });
    expect(result.edges).toContainEqual({ type: 'member-of', from: db('shopflow-aurora-1'), to: `${RDS}:cluster:shopflow-aurora` });
    expect(result.edges).toContainEqual({ type: 'member-of', from: db('shopflow-aurora-2'), to: `${RDS}:cluster:shopflow-aurora` });
    // The reader is a replica of the writer (an Aurora Replica), as an instance's read replica is of its source; the writer is nobody's.
    expect(result.edges.filter((e) => e.type === 'replica-of' && [db('shopflow-aurora-1'), db('shopflow-aurora-2')].includes(e.from))).toEqual([
      { type: 'replica-of', from: db('shopflow-aurora-2'), to: db('shopflow-aurora-1') },
    ]);
    expect(nodeById(result, 'rds.db-cluster', `${RDS}:cluster:shopflow-aurora`)).toEqual({
      id: `${RDS}:cluster:shopflow-aurora`, type: 'rds.db-cluster', region: 'us-east-1', account: '123456789012', name: 'shopflow-aurora', tags: { app: 'shopflow' },
      props: {
        dbClusterIdentifier: 'shopflow-aurora', engine: 'aurora-postgresql', engineVersion: '16.2', status: 'available', multiAz: true,
        availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'], backupRetentionPeriod: 14, storageEncrypted: true, kmsKeyId: KMS,
        members: [{ dbInstanceIdentifier: 'shopflow-aurora-1', isWriter: true }, { dbInstanceIdentifier: 'shopflow-aurora-2', isWriter: false }],
        replicationSourceIdentifier: null, latestRestorableTime: secondsBefore(42).toISOString(),
      },
    });
  });

  it('normalizes subnet groups with their own tags and links them to VPC and subnets', async () => {
    mockAccount();
    const result = await rdsCollector.collect(fakeContext());
    const id = `${RDS}:subgrp:shopflow-db-subnets`;

    expect(nodeById(result, 'rds.db-subnet-group', id)).toMatchObject({
      name: 'shopflow-db-subnets', tags: { app: 'shopflow' }, props: { name: 'shopflow-db-subnets', vpcId: 'vpc-0a00000000000a001', subnetIds: ['subnet-0a0000000000000a2', 'subnet-0a0000000000000b2'] },
    });
    expect(result.edges.filter((e) => e.from === id).map((e) => `${e.type} ${e.to}`)).toEqual([
      `in-vpc ${EC2}:vpc/vpc-0a00000000000a001`, `in-subnet ${EC2}:subnet/subnet-0a0000000000000a2`, `in-subnet ${EC2}:subnet/subnet-0a0000000000000b2`,
    ]);
  });

  it('keeps another application\'s database with its own tags', async () => {
    mockAccount();
    const result = await rdsCollector.collect(fakeContext());

    expect(nodeById(result, 'rds.db-instance', db('billing-db'))).toMatchObject({ name: 'billing-db', tags: { app: 'billing' }, props: { engine: 'mysql', role: 'writer', multiAz: false } });
    expect(nodeById(result, 'rds.db-subnet-group', `${RDS}:subgrp:billing-db-subnets`).tags).toEqual({});
  });

  it('turns a denied DescribeDBInstances into a gap and no instances, keeping clusters', async () => {
    mockAccount();
    rds.on(DescribeDBInstancesCommand).rejects(awsError('AccessDenied', 'not authorized to perform: rds:DescribeDBInstances'));
    const result = await rdsCollector.collect(fakeContext());

    expect(result.gaps).toEqual([{
      service: 'rds', operation: 'DescribeDBInstances', region: 'us-east-1', code: 'AccessDenied',
      message: 'not authorized to perform: rds:DescribeDBInstances', resourceTypes: ['rds.db-instance'],
    }]);
    expect(nodesOf(result, 'rds.db-instance')).toEqual([]);
    expect(nodesOf(result, 'rds.db-cluster')).toHaveLength(1);
  });

  it('turns a failed second page of instances into a gap and no instances at all', async () => {
    mockAccount();
    rds.on(DescribeDBInstancesCommand).callsFake(paged([{ DBInstances: [writer] }, awsError('Throttling', 'Rate exceeded')], 'Marker'));
    const result = await rdsCollector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeDBInstances', code: 'Throttling' })]);
    expect(nodesOf(result, 'rds.db-instance')).toEqual([]);
  });

  it('without the clusters, emits no cluster members (their props are the cluster\'s) but keeps standalone instances', async () => {
    mockAccount();
    rds.on(DescribeDBClustersCommand).rejects(awsError('AccessDenied'));
    const result = await rdsCollector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeDBClusters', code: 'AccessDenied', resourceTypes: ['rds.db-cluster', 'rds.db-instance'] })]);
    expect(nodesOf(result, 'rds.db-cluster')).toEqual([]);
    expect(nodesOf(result, 'rds.db-instance').map((n) => n.name)).toEqual(['shopflow-db', 'shopflow-db-replica', 'shopflow-db-from-eu', 'billing-db']);
  });

  it('leaves out subnet groups whose tags could not be read (one gap), and quietly skips a deleted one', async () => {
    mockAccount();
    rds.on(ListTagsForResourceCommand).rejects(awsError('AccessDenied'));
    const denied = await rdsCollector.collect(fakeContext());
    expect(denied.gaps).toEqual([expect.objectContaining({ operation: 'ListTagsForResource', code: 'AccessDenied', resourceTypes: ['rds.db-subnet-group'] })]);
    expect(nodesOf(denied, 'rds.db-subnet-group')).toEqual([]);

    rds.on(ListTagsForResourceCommand).rejects(awsError('DBSubnetGroupNotFoundFault'));
    const deleted = await rdsCollector.collect(fakeContext());
    expect(deleted.gaps).toEqual([]);
    expect(nodesOf(deleted, 'rds.db-subnet-group')).toEqual([]);
  });
});
