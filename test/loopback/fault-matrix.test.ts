// The fault matrix: every read the collectors declare (= the IAM policy, iam/infra-audit-readonly.json,
// but for the identity check) under denial, an empty 200 and a stall after the headers, each in a full
// `scan` with real SDK clients against the loopback ShopFlow account. Each case must end (the test's
// timeout catches a hang) and leave a gap naming the operation (exit 3 when a rule needed it); every rule whose paths read
// what the gap's read feeds is `error`, and no other rule is errored by that gap (a denied
// DescribeDBClusters in an account without clusters leaves the DB-instance rules judging).
// Each case reads the services of the operation and of every rule it blinds (so those rules still see
// everything they join with). What a read feeds comes from its declaration; a fault may change no node
// type its gaps do not name, so a read declared with too few types fails here. The cases run
// concurrently in beforeAll, each with its own server and clients.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import type { Fault } from './faults.js';
import { shopflowServer } from './harness.js';
import { ROOT, collectorsFor, rulesReading, scanOnWire, type WireScan } from './scan-on-wire.js';
import { readAction, readKey } from '../../src/collect/read.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { Collector, ReadDecl } from '../../src/collect/types.js';
import { IDENTITY_ACTIONS } from '../../src/collect/iam-policy.js';
import { neededReads } from '../../src/engine/needs.js';
import { loadRules } from '../../src/engine/load-rules.js';
import type { Rule } from '../../src/engine/types.js';
import type { GraphNode, Snapshot } from '../../src/graph/types.js';
import { loadExample } from '../e2e/aws-fixtures.js';

const EXAMPLE = loadExample();

/**
 * Every declared read, as "<Client>:<Operation>", with the collectors declaring it (several collectors
 * read tags through the one tagging API operation: a fault there blinds each of them).
 */
const DECLARED = new Map<string, { collector: Collector; read: ReadDecl }[]>();
for (const collector of ALL_COLLECTORS) for (const read of collector.reads) DECLARED.set(readKey(collector, read), [...(DECLARED.get(readKey(collector, read)) ?? []), { collector, read }]);
const OPERATIONS = [...DECLARED.keys()];
/** The declared read each IAM action allows (S3's actions are often named apart from their operation). */
const READ_OF_ACTION = new Map(ALL_COLLECTORS.flatMap((c) => c.reads.map((r) => [readAction(c, r), readKey(c, r)] as const)));

const policy = JSON.parse(readFileSync(join(ROOT, 'iam/infra-audit-readonly.json'), 'utf8')) as { Statement: { Action: string[] }[] };
const POLICY_OPERATIONS = policy.Statement.flatMap((s) => s.Action).filter((action) => !IDENTITY_ACTIONS.includes(action)).map((action) => READ_OF_ACTION.get(action) ?? `(no declared read) ${action}`);
const FAULTS = ['deny', 'empty200', 'stall'] as const satisfies readonly Fault['kind'][];
const CASES = OPERATIONS.flatMap((operation) => FAULTS.map((fault) => ({ operation, fault })));
const DEADLINE_SECONDS = 20;

const outcomes = new Map<string, WireScan>();
/** Types whose nodes the case's snapshot holds otherwise than the example (of the collectors it ran). */
const changedTypes = new Map<string, string[]>();
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
        const collectors = [...new Set(DECLARED.get(operation)!.flatMap(({ collector, read }) => collectorsFor(collector.service, rulesReading(Object.keys(read.feeds)))))];
        // One file per run: the scan never overwrites a file it did not create.
        const snapshotFile = join(workDir, `${operation.replace(':', '-')}-${fault}-${run}.json`);
        const outcome = await scanOnWire(server, { timeoutSeconds: DEADLINE_SECONDS, collectors, snapshotFile });
        outcomes.set(`${operation} ${fault}`, outcome);
        reached.set(`${operation} ${fault}`, server.requestsFor(operation).length);
        // No account, no snapshot: the run tested nothing (see above).
        if (/cannot identify the account/.test(outcome.stderr)) continue;
        const snapshot = JSON.parse(readFileSync(snapshotFile, 'utf8')) as Snapshot;
        edgeTypes.set(`${operation} ${fault}`, new Set(snapshot.edges.map((e) => e.type)));
        changedTypes.set(`${operation} ${fault}`, typesChanged(EXAMPLE, snapshot, collectors.flatMap((c) => c.resourceTypes)));
        rmSync(snapshotFile);
      } finally {
        await server.close();
      }
      if (reached.get(`${operation} ${fault}`)) break;
    }
  })));
  rmSync(workDir, { recursive: true, force: true });
}, 120_000);

/** Restore lag and days to a certificate's expiry count from the scan's start (now here, the recording's time in the example). */
const comparable = (n: GraphNode) => JSON.stringify({ ...n, props: { ...n.props, restoreLagSeconds: undefined, daysUntilExpiry: undefined } });

/** The types among `types` whose nodes (ids and content) differ between the two snapshots. */
function typesChanged(example: Snapshot, scanned: Snapshot, types: readonly string[]): string[] {
  const nodes = (s: Snapshot, type: string) => s.nodes.filter((n) => n.type === type).map(comparable).sort();
  return [...new Set(types)].filter((type) => JSON.stringify(nodes(example, type)) !== JSON.stringify(nodes(scanned, type)));
}

/** scanOnWire audits against ShopFlow's spec: whether its scope chooses resources by their tags. */
const SCOPE_BY_TAGS = Object.keys((JSON.parse(readFileSync(join(ROOT, 'spec.shopflow.json'), 'utf8')) as { scope: { tags?: object } }).scope.tags ?? {}).length > 0;

/** Rules whose paths, edge targets or scope owners (their tags, for a scope by tags) read what `service:operation` feeds of these types. */
function rulesNeeding(service: string, operation: string, types: readonly string[], present: ReadonlySet<string>): Set<string> {
  return new Set(RULES.filter((rule) => neededReads(rule, present, { scope: SCOPE_BY_TAGS }).some((n) => n.service === service && n.operation === operation && types.includes(n.type))).map((r) => r.id));
}

describe('fault matrix: every declared read x deny / empty 200 / stall', () => {
  it('covers every operation of the IAM policy (but the identity check)', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
    expect([...OPERATIONS].sort()).toEqual([...POLICY_OPERATIONS].sort());
  });

  it.each(CASES)('$operation under $fault: exit 3, a gap naming it, exactly the rules needing it error', ({ operation, fault }) => {
    const scan = outcomes.get(`${operation} ${fault}`)!;
    expect(scan, 'the scan did not finish').toBeDefined();
    expect(reached.get(`${operation} ${fault}`), 'the scan never called the operation').toBeGreaterThan(0);
    const needing = new Set<string>();
    for (const { collector, read } of DECLARED.get(operation)!) {
      const gaps = scan.gaps.filter((g) => g.service === collector.service && g.operation === read.operation);
      expect(gaps.map((g) => g.code), `${collector.service}: ${scan.stderr}`).not.toEqual([]);
      const named = [...new Set(gaps.flatMap((g) => g.resourceTypes))];
      // A gap names what its read feeds (the RDS collector may narrow a cluster gap to the clusters).
      expect(named.filter((t) => !(t in read.feeds)), 'gap types beyond the declaration').toEqual([]);
      const needs = rulesNeeding(collector.service, read.operation, named, edgeTypes.get(`${operation} ${fault}`)!);
      const judged = scan.results.filter((r) => needs.has(r.ruleId) && r.status !== 'error' && r.status !== 'skip');
      expect(judged.map((r) => `${r.ruleId} ${r.status} ${r.resource.id}`), 'rules reading what the read feeds must error').toEqual([]);
      for (const id of needs) needing.add(id);
    }
    for (const { collector, read } of DECLARED.get(operation)!) {
      const blamed = `${collector.service}:${read.operation} in`;
      const overBlocked = scan.results.filter((r) => !needing.has(r.ruleId) && r.status === 'error' && r.reason?.includes(blamed));
      expect(overBlocked.map((r) => r.ruleId), 'rules the read does not feed must not be errored by it').toEqual([]);
    }
    // A read declared with fewer types than it feeds: a type it changed, which no gap names, would be judged.
    const unnamed = new Set(scan.gaps.flatMap((g) => g.resourceTypes));
    expect(changedTypes.get(`${operation} ${fault}`)!.filter((t) => !unnamed.has(t as never)), 'types the fault changed that no gap names').toEqual([]);
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
