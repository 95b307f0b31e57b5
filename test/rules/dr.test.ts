// Disaster-recovery rules (C50-C53): RPO by point-in-time recovery, daily snapshots, S3 replication,
// and the Multi-AZ failover composite. Also the X-Ray sidecar rule (C49), the monitoring promise.
import { expect } from 'vitest';
import type { RuleResult } from '../../src/engine/types.js';
import type { DbInstanceProps, ReplicationGroupProps } from '../../src/graph/resource-types.js';
import { testRule, fromExample, type Fixture, expectFail, expectOnlyPass } from './rule-tester.js';

const RDS_GAP = { service: 'rds', operation: 'DescribeDBInstances', resourceTypes: ['rds.db-instance' as const] };
const CACHE_GAP = { service: 'elasticache', operation: 'DescribeReplicationGroups', resourceTypes: ['elasticache.replication-group' as const] };
const S3_GAP = { service: 's3', operation: 'ListBuckets', resourceTypes: ['s3.bucket' as const] };
const ECS_GAP = { service: 'ecs', operation: 'DescribeTaskDefinition', resourceTypes: ['ecs.task-definition' as const, 'ecs.container' as const] };

// Nodes are the compliant example's (rule-tester fromExample), changed where a case says.
type Attributes = Parameters<typeof fromExample>[3];

function writer(props: Partial<DbInstanceProps> = {}, name = 'shopflow-db', tags?: Record<string, string>): Fixture<'rds.db-instance'> {
  return fromExample('rds.db-instance', 'shopflow-db', { dbInstanceIdentifier: name, latestRestorableTime: '2026-11-20T01:55:00Z', restoreLagSeconds: 300, ...props }, { name, ...(tags && { tags }) });
}

function redis(props: Partial<ReplicationGroupProps> = {}, name = 'shopflow-redis', tags?: Record<string, string>): Fixture<'elasticache.replication-group'> {
  return fromExample('elasticache.replication-group', 'shopflow-redis', { replicationGroupId: name, ...props }, { name, ...(tags && { tags }) });
}

function bucket(name: string, replicated: boolean, extra: Attributes = {}): Fixture<'s3.bucket'> {
  const replication = replicated ? { enabled: true, destinationBuckets: [`arn:aws:s3:::${name}-replica-usw2`] } : { enabled: false, destinationBuckets: [] };
  return fromExample('s3.bucket', 'shopflow-static-assets-123456789012', { bucketName: name, replication }, { name, ...extra });
}

const failsOn = (name: string, path: string, expected: unknown, actual: unknown) => expectFail(path, expected, actual, name);

const missing = (expected: number, actual: number) => (rs: RuleResult[]) => {
  const m = rs.filter((r) => r.path === '(resources)');
  expect(m).toHaveLength(1);
  expect(m[0]).toMatchObject({ status: 'fail', expected, actual });
};

const onlyOnePass = expectOnlyPass;

testRule('dr-rds-point-in-time-recovery', {
  valid: [
    { name: 'backups on, restorable 5 minutes ago', nodes: [writer()] },
    { name: 'restorable exactly 1 hour ago', nodes: [writer({ restoreLagSeconds: 3600 })] },
    { name: 'out of scope: a billing writer without backups is not judged', nodes: [writer(), writer({ backupRetentionPeriod: 0, latestRestorableTime: null, restoreLagSeconds: null }, 'billing-db', { app: 'billing' })], check: onlyOnePass('shopflow-db') },
  ],
  invalid: [
    {
      name: 'restorable time 2 hours old',
      nodes: [writer({ restoreLagSeconds: 7200 })],
      check: (rs) => {
        failsOn('shopflow-db', 'restoreLagSeconds', 3600, 7200)(rs);
        expect(rs[0]!.specPointer).toBe('/dr/rpo/seconds');
        expect(rs[0]!.message).toBe('shopflow-db: restore lag (seconds) is 7200, the architecture requires at most 3600 (the RPO is 1 hour, met by point-in-time recovery)');
      },
    },
    { name: 'automated backups off', nodes: [writer({ backupRetentionPeriod: 0, latestRestorableTime: null, restoreLagSeconds: null })], check: failsOn('shopflow-db', 'backupRetentionPeriod', 1, 0) },
    { name: 'backups on but no restorable time', nodes: [writer({ latestRestorableTime: null, restoreLagSeconds: null })], check: failsOn('shopflow-db', 'restoreLagSeconds', 3600, null) },
    { name: 'missing: no in-scope writer', nodes: [], check: missing(1, 0) },
  ],
  skip: [{ name: 'the spec relies on another RPO strategy', nodes: [writer({ restoreLagSeconds: 90000 })], spec: { '/dr/rpo/strategy': 'snapshot-restore' } }],
  error: [{ name: 'DescribeDBInstances was denied', nodes: [writer()], gaps: [RDS_GAP] }],
});

testRule('dr-rds-daily-backups', {
  valid: [
    { name: 'retention 7 days', nodes: [writer()] },
    { name: 'out of scope: an untagged legacy writer without backups is not judged', nodes: [writer(), writer({ backupRetentionPeriod: 0 }, 'legacy-db', {})], check: onlyOnePass('shopflow-db') },
  ],
  invalid: [
    {
      name: 'automated backups off',
      nodes: [writer({ backupRetentionPeriod: 0 })],
      check: (rs) => {
        failsOn('shopflow-db', 'backupRetentionPeriod', 1, 0)(rs);
        expect(rs[0]!.message).toBe('shopflow-db: backup retention is 0 days, so no daily automated snapshot is taken (expected at least 1)');
      },
    },
    { name: 'missing: only a replica', nodes: [writer({ role: 'replica' }, 'shopflow-db-replica-1')], check: missing(1, 0) },
  ],
  skip: [{ name: 'the spec plans weekly backups', nodes: [writer({ backupRetentionPeriod: 0 })], spec: { '/dr/backupFrequency': 'weekly' } }],
  error: [{ name: 'DescribeDBInstances was denied', nodes: [writer()], gaps: [RDS_GAP] }],
});

testRule('dr-redis-daily-snapshots', {
  valid: [
    { name: 'snapshot retention 1 day', nodes: [redis()] },
    { name: 'out of scope: a billing cache without snapshots is not judged', nodes: [redis(), redis({ snapshotRetentionLimit: 0 }, 'billing-redis', { app: 'billing' })], check: onlyOnePass('shopflow-redis') },
  ],
  invalid: [
    {
      name: 'automatic snapshots off',
      nodes: [redis({ snapshotRetentionLimit: 0 })],
      check: (rs) => {
        failsOn('shopflow-redis', 'snapshotRetentionLimit', 1, 0)(rs);
        expect(rs[0]!.message).toContain('shopflow-redis: snapshot retention is 0 days, so no daily automated snapshot is taken (expected at least 1)');
      },
    },
    { name: 'missing: no in-scope replication group', nodes: [redis({}, 'billing-redis', { app: 'billing' })], check: missing(1, 0) },
  ],
  skip: [{ name: 'the spec plans weekly backups', nodes: [redis({ snapshotRetentionLimit: 0 })], spec: { '/dr/backupFrequency': 'weekly' } }],
  error: [{ name: 'DescribeReplicationGroups was denied', nodes: [redis()], gaps: [CACHE_GAP] }],
});

const STATIC = 'shopflow-static-assets';
const IMAGES = 'shopflow-product-images';

testRule('dr-s3-cross-region-replication', {
  valid: [
    {
      name: 'both buckets replicate; the logs bucket is not judged',
      nodes: [bucket(STATIC, true), bucket(IMAGES, true), bucket('shopflow-logs', false)],
      check: (rs) => {
        expect(rs.filter((r) => r.status === 'pass').map((r) => r.resource.name).sort()).toEqual([IMAGES, STATIC]);
        expect(rs.find((r) => r.item?.name === 'logs')).toMatchObject({ status: 'skip', reason: 'not required by the spec: buckets logs sets no /crossRegionReplication' });
      },
    },
    { name: 'the short images name', nodes: [bucket(STATIC, true), bucket('shopflow-images', true)] },
    {
      name: 'out of scope: a billing bucket named like ours, and the replica bucket in us-west-2, are not judged',
      nodes: [
        bucket(STATIC, true),
        bucket(IMAGES, true),
        bucket('shopflow-static-billing-copy', false, { tags: { app: 'billing' } }),
        bucket('shopflow-static-assets-replica-usw2', false, { region: 'us-west-2' }),
      ],
      regions: ['us-east-1', 'us-west-2'],
      check: (rs) => expect(rs.filter((r) => r.status !== 'skip')).toHaveLength(2),
    },
  ],
  invalid: [
    {
      name: 'product images do not replicate',
      nodes: [bucket(STATIC, true), bucket(IMAGES, false)],
      check: (rs) => {
        failsOn(IMAGES, 'replication.enabled', true, false)(rs);
        expect(rs.find((r) => r.status === 'fail')!.message).toBe(
          'shopflow-product-images: replication enabled is false, the architecture requires true (cross-region mode: passive, through S3 replication)' +
            '; also number of replication destination buckets is 0, expected at least 1',
        );
      },
    },
    {
      name: 'an enabled rule without a destination',
      nodes: [bucket(STATIC, true), fromExample('s3.bucket', 'shopflow-static-assets-123456789012', { bucketName: IMAGES, replication: { enabled: true, destinationBuckets: [] } }, { name: IMAGES })],
      check: failsOn(IMAGES, 'replication.destinationBuckets', 1, 0),
    },
    {
      name: 'missing: the images bucket does not exist',
      nodes: [bucket(STATIC, true)],
      check: (rs) => {
        missing(1, 0)(rs);
        expect(rs.find((r) => r.status === 'fail')!.item).toEqual({ section: 'buckets', name: 'product-images' });
        expect(rs.filter((r) => r.status === 'pass').map((r) => r.resource.name)).toEqual([STATIC]);
      },
    },
    {
      name: "missing: another app's image bucket does not count",
      nodes: [bucket(STATIC, true), bucket('shopflow-images-archive', true, { tags: { app: 'billing' } })],
      check: missing(1, 0),
    },
  ],
  skip: [{ name: 'the spec does not require S3 replication', nodes: [bucket(STATIC, false), bucket(IMAGES, false)], spec: { '/buckets/static-assets/crossRegionReplication': false } }],
  error: [{ name: 'ListBuckets was denied', nodes: [bucket(STATIC, true), bucket(IMAGES, true)], gaps: [S3_GAP] }],
});

// ---- X-Ray (C49): the API task definition carries a tracing sidecar ----

const API_IMAGE = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shopflow/api:1.4.2';
const XRAY_IMAGE = 'public.ecr.aws/xray/aws-xray-daemon:3.3.12';

function taskDefinition(family: string, revision: number, tags?: Record<string, string>): Fixture<'ecs.task-definition'> {
  return fromExample('ecs.task-definition', 'shopflow-api:42', { family, revision }, { name: `${family}:${revision}`, ...(tags && { tags }) });
}

/** A container (untagged: it belongs to its task definition) and its in-task-definition edge. */
function container(td: Fixture, name: string, image: string): { node: Fixture; edge: [string, string, string] } {
  const nodeName = `${td.name}/${name}`;
  return { node: fromExample('ecs.container', 'api', { name, image }, { name: nodeName, tags: {} }), edge: [nodeName, 'in-task-definition', td.name] };
}

function task(family: string, images: Record<string, string>, tags?: Record<string, string>) {
  const td = taskDefinition(family, 12, tags);
  const cs = Object.entries(images).map(([n, image]) => container(td, n, image));
  return { nodes: [td, ...cs.map((c) => c.node)], edges: cs.map((c) => c.edge) };
}

const merge = (...parts: { nodes: Fixture[]; edges: [string, string, string][] }[]) => ({
  nodes: parts.flatMap((p) => p.nodes),
  edges: parts.flatMap((p) => p.edges),
});

const apiWithXray = task('shopflow-api', { api: API_IMAGE, 'xray-daemon': XRAY_IMAGE });
const apiWithoutXray = task('shopflow-api', { api: API_IMAGE });

testRule('ecs-xray-sidecar', {
  valid: [
    { name: 'api + aws-xray-daemon sidecar', ...apiWithXray, check: onlyOnePass('shopflow-api:12') },
    { name: 'a Docker Hub xray daemon image', ...task('shopflow-api', { api: API_IMAGE, xray: 'amazon/aws-xray-daemon:latest' }) },
    {
      name: 'out of scope: a worker without a sidecar, and a billing task of the same family, are not judged',
      ...merge(apiWithXray, task('shopflow-worker', { worker: API_IMAGE }), {
        nodes: [taskDefinition('shopflow-api', 3, { app: 'billing' })],
        edges: [],
      }),
      check: onlyOnePass('shopflow-api:12'),
    },
  ],
  invalid: [
    {
      name: 'no sidecar',
      ...apiWithoutXray,
      check: (rs) => {
        failsOn('shopflow-api:12', '<-in-task-definition(ecs.container)[*].image', 'aws-xray-daemon', [API_IMAGE])(rs);
        expect(rs[0]!.message).toBe(
          `shopflow-api:12: no container image matches aws-xray-daemon (images: ${API_IMAGE}), the architecture requires an X-Ray daemon sidecar`,
        );
      },
    },
    {
      name: "the worker's sidecar does not count for the API",
      ...merge(apiWithoutXray, task('shopflow-worker', { worker: API_IMAGE, 'xray-daemon': XRAY_IMAGE })),
      check: failsOn('shopflow-api:12', '<-in-task-definition(ecs.container)[*].image', 'aws-xray-daemon', [API_IMAGE]),
    },
    {
      name: 'a task definition without containers',
      nodes: [taskDefinition('shopflow-api', 12)],
      check: failsOn('shopflow-api:12', '<-in-task-definition(ecs.container)', 1, 0),
    },
    { name: 'missing: no API task definition', ...task('shopflow-worker', { worker: API_IMAGE }), check: missing(1, 0) },
  ],
  skip: [{ name: 'the spec does not ask for an X-Ray sidecar', ...apiWithoutXray, spec: { '/services/api/taskDefinition/tracing/xraySidecar': false } }],
  error: [{ name: 'DescribeTaskDefinition was denied', ...apiWithXray, gaps: [ECS_GAP] }],
});

// ---- Multi-AZ failover (C50): a composite of the NAT, ALB, ECS, RDS and Redis rules ----

/** Every tier of ShopFlow in both AZs: what each combined rule reads, and nothing more. */
function failoverStack(change: { writer?: Partial<DbInstanceProps>; redis?: Partial<ReplicationGroupProps>; natB?: boolean } = {}) {
  const subnet = (name: string, az: string, igw: boolean) =>
    fromExample('ec2.subnet', 'shopflow-public-a', { availabilityZone: az, routesToInternetGateway: igw }, { name, tags: {} });
  const nat = (name: string, az: string) =>
    fromExample('ec2.nat-gateway', 'nat-0a9b8c7d6e5f4a3b2', { state: 'available', connectivityType: 'public', availabilityMode: 'zonal', availabilityZone: az, availabilityZones: [az] }, { name, tags: {} });
  const nodes: Fixture[] = [
    fromExample('ec2.vpc', 'shopflow-vpc', { isDefault: false }),
    subnet('public-a', 'us-east-1a', true),
    subnet('public-b', 'us-east-1b', true),
    subnet('private-a', 'us-east-1a', false),
    subnet('private-b', 'us-east-1b', false),
    nat('nat-a', 'us-east-1a'),
    ...(change.natB === false ? [] : [nat('nat-b', 'us-east-1b')]),
    fromExample('elbv2.load-balancer', 'shopflow-alb', { type: 'application', scheme: 'internet-facing' }),
    fromExample('ecs.service', 'shopflow-api', { assignPublicIp: false }),
    writer({ multiAz: true, availabilityZone: 'us-east-1a', secondaryAvailabilityZone: 'us-east-1b', ...change.writer }),
    redis({ automaticFailover: true, multiAz: true, ...change.redis }),
  ];
  const edges: [string, string, string][] = [
    ...['public-a', 'public-b', 'private-a', 'private-b', 'nat-a', 'nat-b'].map((n): [string, string, string] => [n, 'in-vpc', 'shopflow-vpc']),
    ['nat-a', 'in-subnet', 'public-a'],
    ['nat-b', 'in-subnet', 'public-b'],
    ['shopflow-alb', 'in-subnet', 'public-a'],
    ['shopflow-alb', 'in-subnet', 'public-b'],
    ['shopflow-api', 'in-subnet', 'private-a'],
    ['shopflow-api', 'in-subnet', 'private-b'],
  ];
  return { nodes, edges: change.natB === false ? edges.filter((e) => !e.includes('nat-b')) : edges };
}

/** The composite's single result: fail, naming exactly these failing rules. */
const failingRules = (ids: string[]) => (rs: RuleResult[]) => {
  expect(rs).toHaveLength(1);
  expect(rs[0]).toMatchObject({ status: 'fail', path: 'rules', expected: [] });
  expect(rs[0]!.actual).toEqual(ids);
};

testRule('dr-multi-az-failover', {
  valid: [
    { name: 'every tier in both AZs', ...failoverStack(), check: (rs) => expect(rs).toMatchObject([{ status: 'pass', path: 'rules', actual: [] }]) },
    {
      name: "out of scope: another app's single-AZ database and cache do not break it",
      ...merge(failoverStack(), {
        nodes: [
          writer({ multiAz: false, availabilityZone: 'us-east-1a', secondaryAvailabilityZone: null }, 'billing-db', { app: 'billing' }),
          redis({ automaticFailover: false, multiAz: false }, 'billing-redis', { app: 'billing' }),
        ],
        edges: [],
      }),
    },
  ],
  invalid: [
    {
      name: 'a single-AZ database writer',
      ...failoverStack({ writer: { multiAz: false, secondaryAvailabilityZone: null } }),
      check: (rs) => {
        failingRules(['rds-writer-multi-az'])(rs);
        expect(rs[0]!.message).toBe(
          'Not every tier can fail over within an AZ loss, so recovering within the RTO of 4 hours by Multi-AZ failover is at risk: these rules fail: rds-writer-multi-az',
        );
      },
    },
    { name: 'Redis without automatic failover', ...failoverStack({ redis: { automaticFailover: false } }), check: failingRules(['redis-failover-multi-az']) },
    { name: 'one NAT gateway for both AZs', ...failoverStack({ natB: false }), check: failingRules(['nat-gateway-count', 'nat-gateway-per-az']) },
    {
      name: 'missing: no database writer at all',
      ...(() => {
        const s = failoverStack();
        return { nodes: s.nodes.filter((n) => n.type !== 'rds.db-instance'), edges: s.edges };
      })(),
      check: failingRules(['rds-writer-multi-az']),
    },
  ],
  skip: [{ name: 'the spec recovers by another strategy', ...failoverStack({ writer: { multiAz: false } }), spec: { '/dr/rto/strategy': 'backup-restore' } }],
  error: [
    {
      name: 'the RDS read was denied, so the database tier is unknown',
      ...failoverStack(),
      gaps: [RDS_GAP],
      check: (rs) => expect(rs[0]!.reason).toContain('rds-writer-multi-az'),
    },
  ],
});
