// RDS rules (C35-C43): the writer's engine, size, storage, Multi-AZ, replicas, backups, encryption,
// parameter group and public access. Fixtures are the compliant example's, changed where a case says.
import { expect } from 'vitest';
import type { DbInstanceProps } from '../../src/graph/resource-types.js';
import { testRule, fromExample, type Fixture, expectFail, expectMissing, expectOnlyPass } from './rule-tester.js';

const RDS_GAP = { service: 'rds', operation: 'DescribeDBInstances', resourceTypes: ['rds.db-instance' as const] };

type DbProps = Partial<DbInstanceProps>;

/** The ShopFlow writer as the compliant example holds it. */
function writer(props: DbProps = {}, name = 'shopflow-db', tags?: Record<string, string>): Fixture<'rds.db-instance'> {
  return fromExample('rds.db-instance', 'shopflow-db', { dbInstanceIdentifier: name, ...props }, { name, ...(tags && { tags }) });
}

/** A read replica: untagged, it belongs to ShopFlow through its replica-of edge to the writer. */
function replica(name: string, az: string, props: DbProps = {}): Fixture<'rds.db-instance'> {
  return fromExample('rds.db-instance', 'shopflow-db-replica-1', { dbInstanceIdentifier: name, availabilityZone: az, ...props }, { name, tags: {} });
}

const billingWriter = (props: DbProps = {}) => writer(props, 'billing-db', { app: 'billing' });


const failsOn = (name: string, path: string, expected: unknown, actual: unknown) => expectFail(path, expected, actual, name);

const missing = expectMissing;

const onlyShopflow = expectOnlyPass('shopflow-db');

// A replica alone is not a writer: writer rules see nothing to check.
const noWriterCase = { name: 'missing: only a replica, no writer', nodes: [replica('shopflow-db-replica-1', 'us-east-1a', { backupRetentionPeriod: 7 })], check: missing };
const gapCase = { name: 'DescribeDBInstances was denied', nodes: [writer()], gaps: [RDS_GAP] };

testRule('rds-writer-engine', {
  valid: [
    { name: 'PostgreSQL writer', nodes: [writer()] },
    { name: 'out of scope: a billing MySQL writer is not judged', nodes: [writer(), billingWriter({ engine: 'mysql' })], check: onlyShopflow },
  ],
  invalid: [
    { name: 'MySQL writer', nodes: [writer({ engine: 'mysql' })], check: failsOn('shopflow-db', 'engine', 'postgres', 'mysql') },
    { name: 'Aurora PostgreSQL is not RDS PostgreSQL', nodes: [writer({ engine: 'aurora-postgresql' })], check: failsOn('shopflow-db', 'engine', 'postgres', 'aurora-postgresql') },
    noWriterCase,
    { name: 'missing: only another app has a writer', nodes: [billingWriter()], check: missing },
  ],
  error: [gapCase],
});

testRule('rds-writer-instance-class', {
  valid: [
    { name: 'db.r6g.xlarge writer', nodes: [writer()] },
    { name: 'out of scope: an untagged legacy db.t3.micro is not judged', nodes: [writer(), writer({ instanceClass: 'db.t3.micro' }, 'legacy-db', {})], check: onlyShopflow },
    { name: 'replicas of another class are not the writer', nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a', { instanceClass: 'db.r6g.large' })], edges: [['shopflow-db-replica-1', 'replica-of', 'shopflow-db']], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'db.r6g.large writer',
      nodes: [writer({ instanceClass: 'db.r6g.large' })],
      check: (rs) => {
        failsOn('shopflow-db', 'instanceClass', 'db.r6g.xlarge', 'db.r6g.large')(rs);
        expect(rs[0]!.message).toBe('shopflow-db: instance class is db.r6g.large, the architecture requires db.r6g.xlarge');
      },
    },
    noWriterCase,
  ],
  error: [gapCase],
});

testRule('rds-writer-storage', {
  valid: [
    { name: '500 GB gp3', nodes: [writer()] },
    { name: 'grown by storage autoscaling to 620 GB', nodes: [writer({ allocatedStorageGb: 620 })] },
    { name: 'out of scope: a billing gp2 volume is not judged', nodes: [writer(), billingWriter({ storageType: 'gp2', allocatedStorageGb: 20 })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'gp2 storage',
      nodes: [writer({ storageType: 'gp2' })],
      check: (rs) => {
        failsOn('shopflow-db', 'storageType', 'gp3', 'gp2')(rs);
        expect(rs[0]!.message).toContain('(500 GB of gp3)');
      },
    },
    { name: '200 GB', nodes: [writer({ allocatedStorageGb: 200 })], check: failsOn('shopflow-db', 'allocatedStorageGb', 500, 200) },
    noWriterCase,
  ],
  error: [gapCase],
});

testRule('rds-writer-multi-az', {
  valid: [
    { name: 'Multi-AZ, primary in a, standby in b', nodes: [writer()] },
    { name: 'out of scope: a single-AZ billing writer is not judged', nodes: [writer(), billingWriter({ multiAz: false, secondaryAvailabilityZone: null })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'single-AZ writer',
      nodes: [writer({ multiAz: false, secondaryAvailabilityZone: null })],
      check: (rs) => {
        failsOn('shopflow-db', 'multiAz', true, false)(rs);
        expect(rs[0]!.specPointer).toBe('/databases/main/multiAz');
      },
    },
    { name: 'primary and standby swapped after a failover', nodes: [writer({ availabilityZone: 'us-east-1b', secondaryAvailabilityZone: 'us-east-1a' })], check: failsOn('shopflow-db', 'availabilityZone', 'us-east-1a', 'us-east-1b') },
    { name: 'standby in us-east-1c', nodes: [writer({ secondaryAvailabilityZone: 'us-east-1c' })], check: failsOn('shopflow-db', 'secondaryAvailabilityZone', 'us-east-1b', 'us-east-1c') },
    noWriterCase,
  ],
  skip: [{ name: 'the spec does not require Multi-AZ', nodes: [writer({ multiAz: false })], spec: { '/databases/main/multiAz': false } }],
  error: [gapCase],
});

const twoReplicas = {
  nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a'), replica('shopflow-db-replica-2', 'us-east-1b')],
  edges: [
    ['shopflow-db-replica-1', 'replica-of', 'shopflow-db'],
    ['shopflow-db-replica-2', 'replica-of', 'shopflow-db'],
  ] as [string, string, string][],
};

testRule('rds-read-replicas', {
  valid: [
    { name: 'two replicas, one in a and one in b', ...twoReplicas },
    {
      name: 'out of scope: a billing writer without replicas is not judged',
      nodes: [...twoReplicas.nodes, billingWriter()],
      edges: twoReplicas.edges,
      check: onlyShopflow,
    },
  ],
  invalid: [
    {
      name: 'one replica only',
      nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a')],
      edges: [['shopflow-db-replica-1', 'replica-of', 'shopflow-db']],
      check: (rs) => {
        failsOn('shopflow-db', '<-replica-of(rds.db-instance) (count)', 2, 1)(rs);
        expect(rs[0]!.message).toContain('shopflow-db: number of read replicas is 1, the architecture requires 2 (read replicas: 2, in us-east-1a and us-east-1b); also number of distinct availability zones of read replicas is 1, the architecture requires 2');
      },
    },
    { name: 'no replicas', nodes: [writer()], check: failsOn('shopflow-db', '<-replica-of(rds.db-instance) (count)', 2, 0) },
    {
      name: 'both replicas in us-east-1a',
      nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a'), replica('shopflow-db-replica-2', 'us-east-1a')],
      edges: twoReplicas.edges,
      check: failsOn('shopflow-db', '<-replica-of(rds.db-instance).availabilityZone (distinct)', 2, 1),
    },
    {
      name: 'a replica in us-east-1c',
      nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a'), replica('shopflow-db-replica-2', 'us-east-1c')],
      edges: twoReplicas.edges,
      check: failsOn('shopflow-db', '<-replica-of(rds.db-instance)[shopflow-db-replica-2].availabilityZone', ['us-east-1a', 'us-east-1b'], 'us-east-1c'),
    },
    {
      name: "replicas of another app's writer do not count",
      nodes: [writer(), billingWriter(), replica('billing-db-replica-1', 'us-east-1a'), replica('billing-db-replica-2', 'us-east-1b')],
      edges: [
        ['billing-db-replica-1', 'replica-of', 'billing-db'],
        ['billing-db-replica-2', 'replica-of', 'billing-db'],
      ],
      check: failsOn('shopflow-db', '<-replica-of(rds.db-instance) (count)', 2, 0),
    },
    noWriterCase,
  ],
  skip: [{ name: 'the spec asks for no replicas', nodes: [writer()], spec: { '/databases/main/readReplicas/count': 0 } }],
  error: [gapCase],
});

testRule('rds-backup-retention', {
  valid: [
    { name: '7 days', nodes: [writer()] },
    { name: '14 days', nodes: [writer({ backupRetentionPeriod: 14 })] },
    { name: 'out of scope: a billing writer without backups is not judged', nodes: [writer(), billingWriter({ backupRetentionPeriod: 0 })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: '1 day',
      nodes: [writer({ backupRetentionPeriod: 1 })],
      check: (rs) => {
        failsOn('shopflow-db', 'backupRetentionPeriod', 7, 1)(rs);
        expect(rs[0]!.message).toBe('shopflow-db: backup retention is 1 days, the architecture requires at least 7 days');
      },
    },
    noWriterCase,
  ],
  error: [gapCase],
});

testRule('rds-storage-encrypted', {
  valid: [
    { name: 'writer and replicas encrypted with KMS', ...twoReplicas, check: (rs) => expect(rs.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']) },
    { name: 'out of scope: an unencrypted billing database is not judged', nodes: [writer(), billingWriter({ storageEncrypted: false, kmsKeyId: null })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'unencrypted writer',
      nodes: [writer({ storageEncrypted: false, kmsKeyId: null })],
      check: (rs) => {
        failsOn('shopflow-db', 'storageEncrypted', true, false)(rs);
        expect(rs[0]!.severity).toBe('critical');
      },
    },
    { name: 'encrypted flag without a KMS key', nodes: [writer({ kmsKeyId: null })], check: failsOn('shopflow-db', 'kmsKeyId', true, null) },
    {
      name: 'an unencrypted replica of the writer',
      nodes: [writer(), replica('shopflow-db-replica-1', 'us-east-1a', { storageEncrypted: false, kmsKeyId: null })],
      edges: [['shopflow-db-replica-1', 'replica-of', 'shopflow-db']],
      check: failsOn('shopflow-db-replica-1', 'storageEncrypted', true, false),
    },
    { name: 'missing: no in-scope database', nodes: [billingWriter()], check: missing },
  ],
  skip: [{ name: 'the spec does not require encryption', nodes: [writer({ storageEncrypted: false, kmsKeyId: null })], spec: { '/databases/main/storageEncrypted': false } }],
  error: [gapCase],
});

testRule('rds-custom-parameter-group', {
  valid: [
    { name: 'custom parameter group', nodes: [writer()] },
    { name: 'out of scope: a billing writer on default.postgres16 is not judged', nodes: [writer(), billingWriter({ usesDefaultParameterGroup: true, parameterGroups: ['default.postgres16'] })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'default.postgres16',
      nodes: [writer({ usesDefaultParameterGroup: true, parameterGroups: ['default.postgres16'] })],
      check: failsOn('shopflow-db', 'usesDefaultParameterGroup', false, true),
    },
    noWriterCase,
  ],
  skip: [{ name: 'the spec does not require a custom group', nodes: [writer({ usesDefaultParameterGroup: true })], spec: { '/databases/main/customParameterGroup': false } }],
  error: [gapCase],
});

testRule('rds-not-publicly-accessible', {
  valid: [
    { name: 'private writer and replicas', ...twoReplicas, check: (rs) => expect(rs).toHaveLength(3) },
    { name: 'out of scope: a public billing database is not judged', nodes: [writer(), billingWriter({ publiclyAccessible: true })], check: onlyShopflow },
  ],
  invalid: [
    {
      name: 'public writer',
      nodes: [writer({ publiclyAccessible: true })],
      check: (rs) => {
        failsOn('shopflow-db', 'publiclyAccessible', false, true)(rs);
        expect(rs[0]!.message).toBe('shopflow-db: publicly accessible is true, the architecture requires false');
      },
    },
    {
      name: 'a public replica',
      nodes: [...twoReplicas.nodes.slice(0, 2), replica('shopflow-db-replica-2', 'us-east-1b', { publiclyAccessible: true })],
      edges: twoReplicas.edges,
      check: failsOn('shopflow-db-replica-2', 'publiclyAccessible', false, true),
    },
    { name: 'missing: no in-scope database', nodes: [], check: missing },
  ],
  skip: [{ name: 'the spec allows public access', nodes: [writer({ publiclyAccessible: true })], spec: { '/databases/main/publiclyAccessible': true } }],
  error: [gapCase],
});
