// ElastiCache rules (C44-C46): Redis in cluster mode, 2 shards x 2 replicas, node type, failover.
import { expect } from 'vitest';
import type { RuleResult } from '../../src/engine/types.js';
import type { ReplicationGroupProps } from '../../src/graph/resource-types.js';
import { testRule, fromExample, type Fixture, expectFail, expectMissing, expectOnlyPass } from './rule-tester.js';

const CACHE_GAP = { service: 'elasticache', operation: 'DescribeReplicationGroups', resourceTypes: ['elasticache.replication-group' as const] };

type RedisProps = Partial<ReplicationGroupProps>;

/** ShopFlow's Redis as the compliant example holds it (cluster mode, 2 shards x 2 replicas, failover). */
function redis(props: RedisProps = {}, name = 'shopflow-redis', tags?: Record<string, string>): Fixture<'elasticache.replication-group'> {
  return fromExample('elasticache.replication-group', 'shopflow-redis', { replicationGroupId: name, ...props }, { name, ...(tags && { tags }) });
}

const billingRedis = (props: RedisProps = {}) => redis(props, 'billing-redis', { app: 'billing' });

const failsOn = (name: string, path: string, expected: unknown, actual: unknown) => expectFail(path, expected, actual, name);

const missing = expectMissing;

const onlyShopflow = expectOnlyPass('shopflow-redis');

const missingCase = { name: 'missing: only another app has a replication group', nodes: [billingRedis()], check: missing };
const gapCase = { name: 'DescribeReplicationGroups was denied', nodes: [redis()], gaps: [CACHE_GAP] };
const otherRegionCase = {
  name: 'missing: the only cache is in another region',
  nodes: [{ ...redis(), region: 'eu-west-1' }],
  regions: ['us-east-1', 'eu-west-1'],
  check: (rs: RuleResult[]) => expect(rs[0]).toMatchObject({ status: 'fail', path: '(resources)', resource: { region: 'us-east-1' } }),
};

testRule('redis-cluster-mode', {
  valid: [
    { name: 'Redis, cluster mode enabled', nodes: [redis()] },
    { name: 'out of scope: a non-clustered billing Valkey group is not judged', nodes: [redis(), billingRedis({ engine: 'valkey', clusterEnabled: false })], check: onlyShopflow },
    { name: 'the spec asks for cluster mode disabled', nodes: [redis({ clusterEnabled: false })], spec: { '/caches/main/clusterMode': false } },
  ],
  invalid: [
    {
      name: 'cluster mode disabled',
      nodes: [redis({ clusterEnabled: false })],
      check: (rs) => {
        failsOn('shopflow-redis', 'clusterEnabled', true, false)(rs);
        expect(rs[0]!.message).toBe('shopflow-redis: cluster enabled is false, the architecture requires true (engine redis, cluster mode true)');
      },
    },
    { name: 'Valkey instead of Redis', nodes: [redis({ engine: 'valkey' })], check: failsOn('shopflow-redis', 'engine', 'redis', 'valkey') },
    missingCase,
    otherRegionCase,
  ],
  error: [gapCase],
});

testRule('redis-shards-and-replicas', {
  valid: [
    { name: '2 shards x 2 replicas', nodes: [redis()] },
    { name: 'a third replica in a shard is more, not less', nodes: [redis({ minReplicasPerNodeGroup: 3 })] },
    { name: 'out of scope: a billing single-node group is not judged', nodes: [redis(), billingRedis({ numNodeGroups: 1, minReplicasPerNodeGroup: 0 })], check: onlyShopflow },
  ],
  invalid: [
    { name: 'one shard', nodes: [redis({ numNodeGroups: 1 })], check: failsOn('shopflow-redis', 'numNodeGroups', 2, 1) },
    {
      name: 'a shard with a single replica',
      nodes: [redis({ minReplicasPerNodeGroup: 1 })],
      check: (rs) => {
        failsOn('shopflow-redis', 'minReplicasPerNodeGroup', 2, 1)(rs);
        expect(rs[0]!.message).toContain('(2 shards, 2 replicas per shard)');
      },
    },
    { name: 'four shards', nodes: [redis({ numNodeGroups: 4 })], check: failsOn('shopflow-redis', 'numNodeGroups', 2, 4) },
    missingCase,
  ],
  error: [gapCase],
});

testRule('redis-node-type', {
  valid: [
    { name: 'cache.r6g.large', nodes: [redis()] },
    { name: 'out of scope: a billing cache.t4g.micro is not judged', nodes: [redis(), billingRedis({ cacheNodeType: 'cache.t4g.micro' })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'cache.r6g.xlarge',
      nodes: [redis({ cacheNodeType: 'cache.r6g.xlarge' })],
      check: (rs) => {
        failsOn('shopflow-redis', 'cacheNodeType', 'cache.r6g.large', 'cache.r6g.xlarge')(rs);
        expect(rs[0]!.message).toBe('shopflow-redis: node type is cache.r6g.xlarge, the architecture requires cache.r6g.large');
      },
    },
    missingCase,
  ],
  error: [gapCase],
});

testRule('redis-failover-multi-az', {
  valid: [
    { name: 'automatic failover and Multi-AZ on', nodes: [redis()] },
    { name: 'out of scope: a billing group without failover is not judged', nodes: [redis(), billingRedis({ automaticFailover: false, multiAz: false })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'no automatic failover',
      nodes: [redis({ automaticFailover: false, multiAz: false })],
      check: (rs) => {
        failsOn('shopflow-redis', 'automaticFailover', true, false)(rs);
        expect(rs[0]!.specPointer).toBe('/caches/main/automaticFailover');
      },
    },
    { name: 'failover on, Multi-AZ off', nodes: [redis({ multiAz: false })], check: failsOn('shopflow-redis', 'multiAz', true, false) },
    missingCase,
  ],
  skip: [
    {
      name: 'the spec requires neither',
      nodes: [redis({ automaticFailover: false, multiAz: false })],
      spec: { '/caches/main/automaticFailover': false, '/caches/main/multiAz': false },
    },
  ],
  error: [gapCase],
});
