import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeCacheClustersCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
  ListTagsForResourceCommand,
  type CacheCluster,
  type CacheSubnetGroup,
  type ReplicationGroup,
  type Tag,
} from '@aws-sdk/client-elasticache';
import { elasticacheCollector } from '../../src/collect/elasticache.js';
import { awsError, expectCallsLimitedAndDeclared, expectValidSnapshot, fakeContext, nodeById, nodesOf, paged, propsOf } from './ctx-ec2-rds.js';

const cache = mockClient(ElastiCacheClient);
const EC = 'arn:aws:elasticache:us-east-1:123456789012';
const EC2 = 'arn:aws:ec2:us-east-1:123456789012';
const rgArn = (id: string) => `${EC}:replicationgroup:${id}`;
const subnetGroupArn = (name: string) => `${EC}:subnetgroup:${name}`;

// Cluster mode disabled: members carry their role; the primary is listed last here on purpose.
const redis: ReplicationGroup = {
  ReplicationGroupId: 'shopflow-redis', ARN: rgArn('shopflow-redis'), Engine: 'redis', Status: 'available', ClusterEnabled: false, CacheNodeType: 'cache.r6g.large',
  MemberClusters: ['shopflow-redis-001', 'shopflow-redis-002', 'shopflow-redis-003'],
  NodeGroups: [{
    NodeGroupId: '0001', Status: 'available',
    NodeGroupMembers: [
      { CacheClusterId: 'shopflow-redis-002', CurrentRole: 'replica', PreferredAvailabilityZone: 'us-east-1b' },
      { CacheClusterId: 'shopflow-redis-003', CurrentRole: 'replica' }, // no AZ here: taken from its cache cluster
      { CacheClusterId: 'shopflow-redis-001', CurrentRole: 'primary', PreferredAvailabilityZone: 'us-east-1a' },
    ],
  }],
  AutomaticFailover: 'enabled', MultiAZ: 'enabled', AtRestEncryptionEnabled: true, TransitEncryptionEnabled: true, SnapshotRetentionLimit: 7,
  KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d',
};
// Cluster mode enabled: no roles; the second shard has no replica.
const sessions: ReplicationGroup = {
  ReplicationGroupId: 'shopflow-sessions', ARN: rgArn('shopflow-sessions'), Engine: 'redis', Status: 'available', ClusterEnabled: true, CacheNodeType: 'cache.r6g.large',
  MemberClusters: ['shopflow-sessions-0001-001', 'shopflow-sessions-0001-002', 'shopflow-sessions-0002-001'],
  NodeGroups: [
    { NodeGroupId: '0001', NodeGroupMembers: [{ CacheClusterId: 'shopflow-sessions-0001-001', PreferredAvailabilityZone: 'us-east-1a' }, { CacheClusterId: 'shopflow-sessions-0001-002', PreferredAvailabilityZone: 'us-east-1b' }] },
    { NodeGroupId: '0002', NodeGroupMembers: [{ CacheClusterId: 'shopflow-sessions-0002-001', PreferredAvailabilityZone: 'us-east-1c' }] },
  ],
  AutomaticFailover: 'enabled', MultiAZ: 'disabled', AtRestEncryptionEnabled: true, TransitEncryptionEnabled: false, SnapshotRetentionLimit: 0,
};
// Another application's group; its engine only appears on its cache clusters.
const billing: ReplicationGroup = {
  ReplicationGroupId: 'billing-cache', ARN: rgArn('billing-cache'), Status: 'available', MemberClusters: ['billing-cache-001'],
  NodeGroups: [{ NodeGroupId: '0001', NodeGroupMembers: [{ CacheClusterId: 'billing-cache-001', CurrentRole: 'primary', PreferredAvailabilityZone: 'us-east-1a' }] }],
  AutomaticFailover: 'disabled', MultiAZ: 'disabled',
};
const member = (id: string, subnetGroup: string, az: string, engine = 'redis'): CacheCluster => ({
  CacheClusterId: id, ReplicationGroupId: id.replace(/-\d{3,4}(-\d{3})?$/, ''), CacheSubnetGroupName: subnetGroup, PreferredAvailabilityZone: az, Engine: engine, CacheNodeType: 'cache.t4g.small',
});
const cacheClusters: CacheCluster[] = [
  member('shopflow-redis-001', 'shopflow-cache-subnets', 'us-east-1a'),
  member('shopflow-redis-002', 'shopflow-cache-subnets', 'us-east-1b'),
  member('shopflow-redis-003', 'shopflow-cache-subnets', 'us-east-1c'),
  member('shopflow-sessions-0001-001', 'shopflow-cache-subnets', 'us-east-1a'),
  member('billing-cache-001', 'billing-cache-subnets', 'us-east-1a', 'valkey'),
  // A memcached cluster: in the listing, in no replication group.
  { CacheClusterId: 'legacy-memcached', CacheSubnetGroupName: 'billing-cache-subnets', Engine: 'memcached' },
];
const subnetGroups: CacheSubnetGroup[] = [
  { CacheSubnetGroupName: 'shopflow-cache-subnets', ARN: subnetGroupArn('shopflow-cache-subnets'), VpcId: 'vpc-0a00000000000a001', Subnets: [{ SubnetIdentifier: 'subnet-0a0000000000000a2' }, { SubnetIdentifier: 'subnet-0a0000000000000b2' }] },
  { CacheSubnetGroupName: 'billing-cache-subnets', ARN: subnetGroupArn('billing-cache-subnets'), VpcId: 'vpc-0b00000000000b001', Subnets: [{ SubnetIdentifier: 'subnet-0b0000000000000b1' }] },
];
const tags: Record<string, Tag[]> = {
  [rgArn('shopflow-redis')]: [{ Key: 'app', Value: 'shopflow' }, { Key: 'role', Value: 'cache' }],
  [rgArn('shopflow-sessions')]: [{ Key: 'app', Value: 'shopflow' }],
  [rgArn('billing-cache')]: [{ Key: 'app', Value: 'billing' }],
  [subnetGroupArn('shopflow-cache-subnets')]: [{ Key: 'app', Value: 'shopflow' }],
};
const listTags = (input: { ResourceName?: string }) => ({ TagList: tags[input.ResourceName ?? ''] ?? [] });

function mockAccount(groups: ReplicationGroup[] = [redis, sessions, billing], onCall?: () => void) {
  cache.on(DescribeReplicationGroupsCommand).callsFake(paged([{ ReplicationGroups: groups.slice(0, 2) }, { ReplicationGroups: groups.slice(2) }], 'Marker', 'Marker', onCall));
  cache.on(DescribeCacheClustersCommand).callsFake(paged([{ CacheClusters: cacheClusters.slice(0, 3) }, { CacheClusters: cacheClusters.slice(3) }], 'Marker', 'Marker', onCall));
  cache.on(DescribeCacheSubnetGroupsCommand).callsFake(paged([{ CacheSubnetGroups: subnetGroups }], 'Marker', 'Marker', onCall));
  cache.on(ListTagsForResourceCommand).callsFake((input: { ResourceName?: string }) => {
    onCall?.();
    return listTags(input);
  });
}

describe('elasticacheCollector', () => {
  beforeEach(() => cache.reset());

  it('follows every page, lists cache clusters once for all groups, and runs every call under ctx.limit', async () => {
    const ctx = fakeContext();
    const insideAtCall: number[] = [];
    mockAccount(undefined, () => insideAtCall.push(ctx.insideLimit()));
    const result = await elasticacheCollector.collect(ctx);

    expect(cache.commandCalls(DescribeReplicationGroupsCommand)).toHaveLength(2);
    // Two pages for the whole region, never one call per group, and without node details.
    const clusterCalls = cache.commandCalls(DescribeCacheClustersCommand);
    expect(clusterCalls).toHaveLength(2);
    expect(clusterCalls.every((c) => c.args[0].input.ShowCacheNodeInfo === false && c.args[0].input.CacheClusterId === undefined)).toBe(true);
    expect(cache.commandCalls(ListTagsForResourceCommand).map((c) => c.args[0].input.ResourceName).sort()).toEqual(
      [rgArn('shopflow-redis'), rgArn('shopflow-sessions'), rgArn('billing-cache'), subnetGroupArn('shopflow-cache-subnets'), subnetGroupArn('billing-cache-subnets')].sort(),
    );
    expect(nodesOf(result, 'elasticache.replication-group').map((n) => n.name)).toEqual(['shopflow-redis', 'shopflow-sessions', 'billing-cache']);
    expect(nodesOf(result, 'elasticache.cache-subnet-group').map((n) => n.name)).toEqual(['shopflow-cache-subnets', 'billing-cache-subnets']);
    expect(result.gaps).toEqual([]);
    expectCallsLimitedAndDeclared(cache, insideAtCall, 'elasticache', elasticacheCollector.actions);
    expectValidSnapshot(result);
  });

  it('normalizes a cluster-mode-disabled group: roles, AZs primary first, subnet group from its member clusters', async () => {
    mockAccount();
    const result = await elasticacheCollector.collect(fakeContext());

    expect(nodeById(result, 'elasticache.replication-group', rgArn('shopflow-redis'))).toEqual({
      id: rgArn('shopflow-redis'), type: 'elasticache.replication-group', region: 'us-east-1', account: '123456789012', name: 'shopflow-redis',
      tags: { app: 'shopflow', role: 'cache' },
      props: {
        replicationGroupId: 'shopflow-redis', engine: 'redis', status: 'available', clusterEnabled: false, cacheNodeType: 'cache.r6g.large',
        numNodeGroups: 1, minReplicasPerNodeGroup: 2,
        nodeGroups: [{ nodeGroupId: '0001', primaryAvailabilityZone: 'us-east-1a', replicaCount: 2, memberAvailabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] }],
        automaticFailover: true, multiAz: true, atRestEncryptionEnabled: true, transitEncryptionEnabled: true, snapshotRetentionLimit: 7,
        kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d',
        cacheSubnetGroupName: 'shopflow-cache-subnets',
      },
    });
  });

  it('counts replicas per shard of a cluster-mode-enabled group (no roles: members - 1) and takes the smallest', async () => {
    mockAccount();
    const result = await elasticacheCollector.collect(fakeContext());

    expect(propsOf(result, 'elasticache.replication-group', rgArn('shopflow-sessions'))).toMatchObject({
      clusterEnabled: true, numNodeGroups: 2, minReplicasPerNodeGroup: 0, automaticFailover: true, multiAz: false, transitEncryptionEnabled: false, snapshotRetentionLimit: 0,
      // At rest encryption with ElastiCache's own key names no KMS key.
      atRestEncryptionEnabled: true, kmsKeyId: null,
      nodeGroups: [
        { nodeGroupId: '0001', primaryAvailabilityZone: null, replicaCount: 1, memberAvailabilityZones: ['us-east-1a', 'us-east-1b'] },
        { nodeGroupId: '0002', primaryAvailabilityZone: null, replicaCount: 0, memberAvailabilityZones: ['us-east-1c'] },
      ],
      // Its first listed member cluster names the subnet group.
      cacheSubnetGroupName: 'shopflow-cache-subnets',
    });
  });

  it('links groups to their subnet group, and subnet groups to VPC and subnets', async () => {
    mockAccount();
    const result = await elasticacheCollector.collect(fakeContext());

    expect(result.edges.filter((e) => e.type === 'in-subnet-group')).toEqual([
      { type: 'in-subnet-group', from: rgArn('shopflow-redis'), to: subnetGroupArn('shopflow-cache-subnets') },
      { type: 'in-subnet-group', from: rgArn('shopflow-sessions'), to: subnetGroupArn('shopflow-cache-subnets') },
      { type: 'in-subnet-group', from: rgArn('billing-cache'), to: subnetGroupArn('billing-cache-subnets') },
    ]);
    expect(nodeById(result, 'elasticache.cache-subnet-group', subnetGroupArn('shopflow-cache-subnets'))).toMatchObject({
      tags: { app: 'shopflow' }, props: { name: 'shopflow-cache-subnets', vpcId: 'vpc-0a00000000000a001', subnetIds: ['subnet-0a0000000000000a2', 'subnet-0a0000000000000b2'] },
    });
    expect(result.edges.filter((e) => e.from === subnetGroupArn('shopflow-cache-subnets')).map((e) => `${e.type} ${e.to}`)).toEqual([
      `in-vpc ${EC2}:vpc/vpc-0a00000000000a001`, `in-subnet ${EC2}:subnet/subnet-0a0000000000000a2`, `in-subnet ${EC2}:subnet/subnet-0a0000000000000b2`,
    ]);
  });

  it('keeps another application\'s group with its own tags', async () => {
    mockAccount();
    const result = await elasticacheCollector.collect(fakeContext());

    expect(nodeById(result, 'elasticache.replication-group', rgArn('billing-cache'))).toMatchObject({
      name: 'billing-cache', tags: { app: 'billing' },
      props: { engine: 'valkey', automaticFailover: false, multiAz: false, minReplicasPerNodeGroup: 0, cacheSubnetGroupName: 'billing-cache-subnets' },
    });
  });

  it('turns a denied DescribeReplicationGroups into a gap and no groups, keeping subnet groups', async () => {
    mockAccount();
    cache.on(DescribeReplicationGroupsCommand).rejects(awsError('AccessDenied', 'not authorized to perform: elasticache:DescribeReplicationGroups'));
    const result = await elasticacheCollector.collect(fakeContext());

    expect(result.gaps).toEqual([{
      service: 'elasticache', operation: 'DescribeReplicationGroups', region: 'us-east-1', code: 'AccessDenied',
      message: 'not authorized to perform: elasticache:DescribeReplicationGroups', resourceTypes: ['elasticache.replication-group'],
    }]);
    expect(nodesOf(result, 'elasticache.replication-group')).toEqual([]);
    expect(cache.commandCalls(DescribeCacheClustersCommand)).toHaveLength(0);
    expect(nodesOf(result, 'elasticache.cache-subnet-group')).toHaveLength(2);
  });

  it('emits no groups when the cache clusters (their subnet groups) cannot be read', async () => {
    mockAccount();
    cache.on(DescribeCacheClustersCommand).callsFake(paged([{ CacheClusters: cacheClusters.slice(0, 3) }, awsError('Throttling', 'Rate exceeded')], 'Marker'));
    const result = await elasticacheCollector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'DescribeCacheClusters', code: 'Throttling', resourceTypes: ['elasticache.replication-group'] })]);
    expect(nodesOf(result, 'elasticache.replication-group')).toEqual([]);
    expect(nodesOf(result, 'elasticache.cache-subnet-group')).toHaveLength(2);
  });

  it('leaves out a group whose tags could not be read (with a gap), and quietly skips one deleted meanwhile', async () => {
    mockAccount();
    cache.on(ListTagsForResourceCommand).callsFake((input: { ResourceName?: string }) => {
      if (input.ResourceName === rgArn('shopflow-sessions')) throw awsError('InvalidReplicationGroupStateFault', 'Replication group is not in available state');
      if (input.ResourceName === rgArn('billing-cache')) throw awsError('ReplicationGroupNotFoundFault');
      return listTags(input);
    });
    const result = await elasticacheCollector.collect(fakeContext());

    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'ListTagsForResource', code: 'InvalidReplicationGroupStateFault', resourceTypes: ['elasticache.replication-group', 'elasticache.cache-subnet-group'] })]);
    expect(nodesOf(result, 'elasticache.replication-group').map((n) => n.name)).toEqual(['shopflow-redis']);
  });

  it('makes no cache cluster call in a region without replication groups', async () => {
    mockAccount([]);
    const result = await elasticacheCollector.collect(fakeContext());

    expect(cache.commandCalls(DescribeCacheClustersCommand)).toHaveLength(0);
    expect(nodesOf(result, 'elasticache.replication-group')).toEqual([]);
    expect(result.gaps).toEqual([]);
  });
});
