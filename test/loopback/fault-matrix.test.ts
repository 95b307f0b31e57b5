// The fault matrix: every read the collectors declare (= the IAM policy, iam/infra-audit-readonly.json,
// but for the identity check) under denial, an empty 200 and a stall after the headers, each in a full
// `scan` with real SDK clients against the loopback ShopFlow account. Each case must end (the test's
// timeout catches a hang) and leave a gap naming the operation (exit 3 when a rule needed it); every rule whose paths read
// what the gap's read feeds is `error`, and no other rule is errored by that gap (a denied
// DescribeDBClusters in an account without clusters leaves the DB-instance rules judging).
// Each case reads the services of the operation and of every rule it blinds (so those rules still see
// everything they join with); the cases run concurrently in beforeAll, each with its own server and clients.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import type { Fault } from './faults.js';
import { shopflowServer } from './harness.js';
import { ROOT, collectorsFor, rulesReading, scanOnWire, type WireScan } from './scan-on-wire.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { IDENTITY_ACTIONS } from '../../src/collect/iam-policy.js';
import { neededReads } from '../../src/engine/needs.js';
import { loadRules } from '../../src/engine/load-rules.js';
import type { Rule } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/graph/types.js';

const IAM_PREFIX_CLIENT: Record<string, string> = {
  ec2: 'EC2', elasticloadbalancing: 'ElasticLoadBalancingV2', rds: 'RDS', elasticache: 'ElastiCache', ecs: 'ECS',
  'application-autoscaling': 'ApplicationAutoScaling', cloudwatch: 'CloudWatch', cloudfront: 'CloudFront', wafv2: 'WAFV2',
  s3: 'S3', sqs: 'SQS', route53: 'Route53', logs: 'CloudWatchLogs',
};
/** IAM actions whose API operation has another name. */
const OPERATION_OF: Record<string, string> = {
  's3:ListAllMyBuckets': 'ListBuckets',
  's3:GetEncryptionConfiguration': 'GetBucketEncryption',
  's3:GetReplicationConfiguration': 'GetBucketReplication',
  's3:GetBucketPublicAccessBlock': 'GetPublicAccessBlock',
};

/** What each operation's answer feeds (written from the APIs, independently of the collectors' own declarations). */
const FEEDS: Record<string, string[]> = {
  'EC2:DescribeVpcs': ['ec2.vpc'],
  'EC2:DescribeSubnets': ['ec2.subnet', 'ec2.nat-gateway'],
  'EC2:DescribeRouteTables': ['ec2.route-table', 'ec2.subnet'],
  'EC2:DescribeInternetGateways': ['ec2.internet-gateway'],
  'EC2:DescribeNatGateways': ['ec2.nat-gateway', 'ec2.subnet'],
  'ElasticLoadBalancingV2:DescribeLoadBalancers': ['elbv2.load-balancer', 'elbv2.listener'],
  'ElasticLoadBalancingV2:DescribeTargetGroups': ['elbv2.target-group'],
  'ElasticLoadBalancingV2:DescribeListeners': ['elbv2.listener'],
  'ElasticLoadBalancingV2:DescribeTags': ['elbv2.load-balancer'],
  'RDS:DescribeDBInstances': ['rds.db-instance'],
  'RDS:DescribeDBClusters': ['rds.db-cluster', 'rds.db-instance'],
  'RDS:DescribeDBSubnetGroups': ['rds.db-subnet-group'],
  'RDS:ListTagsForResource': ['rds.db-subnet-group'],
  'ElastiCache:DescribeReplicationGroups': ['elasticache.replication-group'],
  'ElastiCache:DescribeCacheClusters': ['elasticache.replication-group'],
  'ElastiCache:DescribeCacheSubnetGroups': ['elasticache.cache-subnet-group'],
  'ElastiCache:ListTagsForResource': ['elasticache.replication-group'],
  'ECS:ListClusters': ['ecs.cluster', 'ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeClusters': ['ecs.cluster', 'ecs.service'],
  'ECS:ListServices': ['ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeServices': ['ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeTaskDefinition': ['ecs.task-definition', 'ecs.container'],
  'ApplicationAutoScaling:DescribeScalableTargets': ['application-autoscaling.scalable-target'],
  'ApplicationAutoScaling:DescribeScalingPolicies': ['application-autoscaling.scaling-policy'],
  'CloudWatch:DescribeAlarms': ['cloudwatch.alarm'],
  'CloudFront:ListDistributions': ['cloudfront.distribution'],
  'CloudFront:ListTagsForResource': ['cloudfront.distribution'],
  'WAFV2:ListWebACLs': ['wafv2.web-acl'],
  'WAFV2:GetWebACL': ['wafv2.web-acl'],
  'S3:ListBuckets': ['s3.bucket'],
  'S3:GetBucketLocation': ['s3.bucket'],
  'S3:GetBucketTagging': ['s3.bucket'],
  'S3:GetBucketEncryption': ['s3.bucket'],
  'S3:GetBucketVersioning': ['s3.bucket'],
  'S3:GetBucketReplication': ['s3.bucket'],
  'S3:GetPublicAccessBlock': ['s3.bucket'],
  'SQS:ListQueues': ['sqs.queue'],
  'SQS:GetQueueAttributes': ['sqs.queue'],
  'SQS:ListQueueTags': ['sqs.queue'],
  'CloudWatchLogs:DescribeLogGroups': ['logs.log-group'],
  'Route53:ListHostedZones': ['route53.hosted-zone'],
  'Route53:ListResourceRecordSets': ['route53.hosted-zone'],
  'Route53:ListTagsForResources': ['route53.hosted-zone'],
};

/** Client name -> the collector's service name. */
const COLLECTOR_OF: Record<string, string> = Object.fromEntries(Object.entries(IAM_PREFIX_CLIENT).map(([iam, client]) => [client, iam === 'elasticloadbalancing' ? 'elbv2' : iam]));

const policy = JSON.parse(readFileSync(join(ROOT, 'iam/infra-audit-readonly.json'), 'utf8')) as { Statement: { Action: string[] }[] };
const POLICY_OPERATIONS = policy.Statement.flatMap((s) => s.Action).filter((action) => !IDENTITY_ACTIONS.includes(action)).map((action) => {
  const [prefix = '', name = ''] = action.split(':');
  return `${IAM_PREFIX_CLIENT[prefix] ?? prefix}:${OPERATION_OF[action] ?? name}`;
});
/** Every declared read, as "<Client>:<Operation>", with its collector. */
const DECLARED = new Map(ALL_COLLECTORS.flatMap((c) => c.reads.map((r) => [`${c.sdkClient}:${r.operation}`, { collector: c, read: r }] as const)));
const OPERATIONS = [...DECLARED.keys()];
const FAULTS = ['deny', 'empty200', 'stall'] as const satisfies readonly Fault['kind'][];
const CASES = OPERATIONS.flatMap((operation) => FAULTS.map((fault) => ({ operation, fault })));
const DEADLINE_SECONDS = 20;

const outcomes = new Map<string, WireScan>();
/** Edge types each case's snapshot holds (the engine takes scope owners only through edges that exist). */
const edgeTypes = new Map<string, Set<string>>();
const RULES: Rule[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'fault-matrix-'));
/** Requests the faulted operation received in the case's (last) run. */
const reached = new Map<string, number>();

beforeAll(async () => {
  RULES.push(...(await loadRules(join(ROOT, 'rules'))).map((r) => r.rule));
  const limit = pLimit(16);
  await Promise.all(CASES.map(({ operation, fault }) => limit(async () => {
    // A case tests its operation only if the scan reaches it and runs: on a starved machine a read before
    // it (ListClusters before DescribeClusters) or the identity read beside it can time out, so such a
    // run is repeated, at most twice.
    for (let run = 1; run <= 3; run++) {
      // GetBucketLocation is only called where ListBuckets leaves out BucketRegion (S3-compatible endpoints).
      const server = await shopflowServer({ s3Compatible: operation === 'S3:GetBucketLocation' });
      try {
        server.fault(operation, { kind: fault });
        const collectors = collectorsFor(COLLECTOR_OF[operation.split(':')[0]!]!, rulesReading(FEEDS[operation]!));
        // One file per run: the scan never overwrites a file it did not create.
        const snapshotFile = join(workDir, `${operation.replace(':', '-')}-${fault}-${run}.json`);
        const outcome = await scanOnWire(server, { timeoutSeconds: DEADLINE_SECONDS, collectors, snapshotFile });
        outcomes.set(`${operation} ${fault}`, outcome);
        reached.set(`${operation} ${fault}`, server.requestsFor(operation).length);
        // No account, no snapshot: the run tested nothing (see above).
        if (/cannot identify the account/.test(outcome.stderr)) continue;
        const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
        edgeTypes.set(`${operation} ${fault}`, new Set(snapshot.edges.map((e) => e.type)));
        rmSync(snapshotFile);
      } finally {
        await server.close();
      }
      if (reached.get(`${operation} ${fault}`)) break;
    }
  })));
  rmSync(workDir, { recursive: true, force: true });
}, 120_000);

/** Rules whose paths, edge targets or scope owners read what `service:operation` feeds of these types. */
function rulesNeeding(service: string, operation: string, types: readonly string[], present: ReadonlySet<string>): Set<string> {
  return new Set(RULES.filter((rule) => neededReads(rule, present).some((n) => n.service === service && n.operation === operation && types.includes(n.type))).map((r) => r.id));
}

describe('fault matrix: every declared read x deny / empty 200 / stall', () => {
  it('covers every operation of the IAM policy (but the identity check), each declared with at least the feeds its API has', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
    expect([...OPERATIONS].sort()).toEqual([...POLICY_OPERATIONS].sort());
    // FEEDS is written from the APIs: a declaration may name more types, never fewer.
    const fewer = OPERATIONS.flatMap((op) => (FEEDS[op] ?? ['(no FEEDS entry)']).filter((t) => !(t in DECLARED.get(op)!.read.feeds)).map((t) => `${op} ${t}`));
    expect(fewer).toEqual([]);
  });

  it.each(CASES)('$operation under $fault: exit 3, a gap naming it, exactly the rules needing it error', ({ operation, fault }) => {
    const scan = outcomes.get(`${operation} ${fault}`)!;
    expect(scan, 'the scan did not finish').toBeDefined();
    expect(reached.get(`${operation} ${fault}`), 'the scan never called the operation').toBeGreaterThan(0);
    const { collector, read } = DECLARED.get(operation)!;
    const gaps = scan.gaps.filter((g) => g.service === collector.service && g.operation === read.operation);
    expect(gaps.map((g) => g.code), scan.stderr).not.toEqual([]);
    const named = [...new Set(gaps.flatMap((g) => g.resourceTypes))];
    // A gap names what its read feeds (the RDS collector may narrow a cluster gap to the clusters).
    expect(named.filter((t) => !(t in read.feeds)), 'gap types beyond the declaration').toEqual([]);
    const needing = rulesNeeding(collector.service, read.operation, named, edgeTypes.get(`${operation} ${fault}`)!);
    const judged = scan.results.filter((r) => needing.has(r.ruleId) && r.status !== 'error' && r.status !== 'skip');
    expect(judged.map((r) => `${r.ruleId} ${r.status} ${r.resource.id}`), 'rules reading what the read feeds must error').toEqual([]);
    const blamed = `${collector.service}:${read.operation} in`;
    const overBlocked = scan.results.filter((r) => !needing.has(r.ruleId) && r.status === 'error' && r.reason?.includes(blamed));
    expect(overBlocked.map((r) => r.ruleId), 'rules the read does not feed must not be errored by it').toEqual([]);
    // Incomplete (exit 3) when a rule needed the read; a read no rule needs is still reported as a gap.
    if (scan.results.some((r) => needing.has(r.ruleId) && r.status === 'error')) expect(scan.code, scan.stderr).toBe(3);
    else expect([1, 3], scan.stderr).toContain(scan.code);
  });

  // Its own scan, not one of the matrix's concurrent ones: on a starved machine a read before it could time out.
  it('a denied DescribeDBClusters in an account without clusters errors only the cluster rules', async () => {
    const server = await shopflowServer();
    let scan: WireScan;
    try {
      server.fault('RDS:DescribeDBClusters', { kind: 'deny' });
      scan = await scanOnWire(server, { timeoutSeconds: 60, collectors: ALL_COLLECTORS.filter((c) => c.service === 'rds' || c.service === 'ec2') });
    } finally {
      await server.close();
    }
    expect(scan.gaps.map((g) => `${g.operation} ${g.resourceTypes.join(',')}`), scan.stderr).toEqual(['DescribeDBClusters rds.db-cluster']);
    const status = (id: string) => [...new Set(scan.results.filter((r) => r.ruleId === id).map((r) => r.status))];
    // Judged (pass or fail on the scenario's own findings), not errored.
    for (const id of ['rds-writer-multi-az', 'rds-backup-retention', 'rds-storage-encrypted', 'rds-writer-engine']) {
      expect(status(id), id).not.toEqual([]);
      expect(status(id).filter((s) => s !== 'pass' && s !== 'fail'), id).toEqual([]);
    }
  }, 90_000);
});
