// End to end: `infra-audit scan` / `collect` against a mocked AWS account (the drifted ShopFlow scenario of
// test/scenario/, replayed by test/e2e/mock-aws.ts): the account examples/shopflow-drifted.snapshot.json holds.
// The real CLI runs in-process: argument parsing, ClientFactory, every collector, linking, the rules
// engine and every report format. Only `Client.prototype.send` of each SDK client is replaced.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli as runCliIn, type CliRun } from '../cli/run-cli.js';
import { loadSnapshot } from '../../src/graph/snapshot.js';
import { ClientFactory } from '../../src/collect/clients.js';
import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { Gap, GraphNode } from '../../src/graph/types.js';
import { scopeSources } from '../../src/graph/edge-types.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { readKey } from '../../src/collect/read.js';
import type { ReadDecl } from '../../src/collect/types.js';
import { EXAMPLE_FILE, PLANTED_DATABASE_URL, RECORDED_AT, SERVER_PAGE_SIZE, loadExample, recordedText, shopflowAccount } from './aws-fixtures.js';
import { accessDenied, mockAws, throttling, type AwsMock, type Failure } from './mock-aws.js';
import { snapshotDifferences } from './snapshot-differences.js';

interface ReportResult { ruleId: string; status: 'pass' | 'fail' | 'skip' | 'error'; resource: { id: string; type: string }; message: string }
interface JsonReport { complete: boolean; summary: Record<string, number>; gaps: Gap[]; results: ReportResult[] }

/** The package root: the CLI finds spec.shopflow.json and the bundled rules there, like a user in a checkout. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const runCli = (argv: string[]) => runCliIn(argv, { cwd: ROOT });

const tmp = mkdtempSync(join(tmpdir(), 'infra-audit-e2e-'));
const file = (name: string) => join(tmp, name);
let mock: AwsMock | undefined;

function install(opts: { failures?: Failure[]; emptyRegions?: string[] } = {}): AwsMock {
  mock = mockAws({ regions: shopflowAccount({ emptyRegions: opts.emptyRegions ?? [] }).regions, failures: opts.failures ?? [] });
  return mock;
}

beforeEach(() => {
  // Replay at the moment of recording: restore lag (RPO) is measured from the scan's start.
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(RECORDED_AT) });
});
afterEach(() => {
  mock?.restore();
  mock = undefined;
  vi.useRealTimers();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const report = (run: CliRun): JsonReport => JSON.parse(run.stdout) as JsonReport;
const failing = (r: JsonReport) => r.results.filter((x) => x.status === 'fail').map((x) => `${x.ruleId}  ${x.resource.id}`).sort();
const outcomes = (r: JsonReport) => r.results.map((x) => `${x.status}  ${x.ruleId}  ${x.resource.id}`).sort();
const counts = (r: JsonReport) => ({ pass: r.summary.pass, fail: r.summary.fail, skip: r.summary.skip, error: r.summary.error });

async function checkExample(): Promise<JsonReport> {
  const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', EXAMPLE_FILE, '--format', 'json']);
  expect(run.code, run.stderr).toBe(1);
  return report(run);
}

interface RuleFile { id: string; select?: { type?: string }; composite?: { rules: string[] }; cost?: object }
const ruleFiles = (): [RuleFile, string][] =>
  readdirSync(join(ROOT, 'rules')).map((f) => readFileSync(join(ROOT, 'rules', f), 'utf8')).map((text) => [JSON.parse(text) as RuleFile, text]);

/** Rules that select ElastiCache replication groups. */
function redisRuleIds(): string[] {
  return ruleFiles().filter(([r]) => r.select?.type === 'elasticache.replication-group').map(([r]) => r.id).sort();
}

/**
 * Every rule a failed DescribeReplicationGroups must turn to error: those that read replication groups
 * anywhere (select or where), and the composites that combine one of them.
 */
function rulesBlindedByRedisGap(): Set<string> {
  // Also the rules selecting a type that joins the application through the cache (a KMS key it names).
  const joinsThroughCache = (type: string | undefined) => type !== undefined && scopeSources(type).has('elasticache.replication-group');
  // And the cost rule, which prices every in-scope resource: without the cache its estimate ($1,011.50 in
  // the drifted account) is only a lower bound, within the document's total, so it cannot pass.
  return new Set(ruleFiles().filter(([r, text]) => text.includes('"elasticache.replication-group"') || joinsThroughCache(r.select?.type) || r.cost !== undefined).map(([r]) => r.id));
}

/** Composites that combine a blinded rule: they still fail when another of their parts certainly fails. */
function compositesOver(blinded: Set<string>): string[] {
  return ruleFiles().filter(([r]) => r.composite?.rules.some((id) => blinded.has(id))).map(([r]) => r.id);
}

describe('scan of the mocked ShopFlow account', () => {
  test('finds exactly what `check` finds in the drifted example, and saves a valid snapshot', async () => {
    const m = install();
    const out = file('snap.json');
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json', '--output', out]);
    expect(m.unrecorded()).toEqual([]);
    expect(scan.code, scan.stderr).toBe(1);

    const scanned = report(scan);
    const checked = await checkExample();
    expect(scanned.complete).toBe(true);
    expect(scanned.gaps).toEqual([]);
    expect(failing(scanned)).toEqual(failing(checked));
    expect(counts(scanned)).toEqual(counts(checked));
    // Stronger than the brief asks: every rule, resource and status is the same.
    expect(outcomes(scanned)).toEqual(outcomes(checked));

    // The snapshot written by --output loads (schema-valid, ids unique, edges join nodes).
    const saved = await loadSnapshot(out);
    expect(saved.gaps).toEqual([]);
    expect(saved.meta).toMatchObject({ account: '123456789012', regions: ['us-east-1'], startedAt: new Date(RECORDED_AT).toISOString() });

    // Node for node, `scan --output` saves the account the example holds (`collect` of the same scenario).
    expect(snapshotDifferences(loadExample(), saved)).toEqual([]);
  });

  test('a planted plain-text credential is flagged by name and its value never leaves the process', async () => {
    const account = shopflowAccount();
    // The mocked DescribeTaskDefinition really serves the secret.
    const api = account.taskDefinitions.find((t) => t.family === 'shopflow-api')!;
    const env = api.containerDefinitions!.find((c) => c.name === 'api')!.environment!;
    expect(env).toEqual(expect.arrayContaining([{ name: 'DATABASE_URL', value: PLANTED_DATABASE_URL }, { name: 'NODE_ENV', value: 'production' }]));
    expect(recordedText(account)).toContain('S3cret');
    mock = mockAws({ regions: account.regions });

    const [out, json, sarif, markdown] = ['secret.snapshot.json', 'secret.report.json', 'secret.sarif', 'secret.md'].map(file) as [string, string, string, string];
    const runs = [
      await runCli(['scan', '--spec', 'shopflow', '--format', 'table', '--all', '--output', out, '--json', json, '--sarif', sarif, '--allow-incomplete', '--markdown', markdown]),
      await runCli(['scan', '--spec', 'shopflow', '--format', 'json']),
      await runCli(['scan', '--spec', 'shopflow', '--format', 'sarif', '--allow-incomplete']),
      await runCli(['scan', '--spec', 'shopflow', '--format', 'markdown']),
    ];
    for (const run of runs) expect(run.code, run.stderr).toBe(1);
    const texts = [...runs.flatMap((r) => [r.stdout, r.stderr]), ...[out, json, sarif, markdown].map((f) => readFileSync(f, 'utf8'))];
    for (const text of texts) {
      expect(text).not.toContain('S3cret');
      expect(text).not.toContain('postgres://u:');
    }

    const saved = await loadSnapshot(out);
    const container = saved.nodes.find((n): n is GraphNode<'ecs.container'> => n.type === 'ecs.container' && n.id.endsWith('task-definition/shopflow-api:42/container/api'))!;
    expect(container.props.credentialLikeEnvironmentNames).toContain('DATABASE_URL');
    expect(container.props.environmentNames).toEqual(['NODE_ENV', 'DATABASE_URL']);
    // Only the value the spec declares non-secret is kept.
    expect(container.props.environmentValues).toEqual({ NODE_ENV: 'production' });

    const results = (JSON.parse(readFileSync(json, 'utf8')) as JsonReport).results;
    const credentialRule = results.find((r) => r.ruleId === 'ecs-container-no-plaintext-credentials' && r.resource.id === container.id);
    expect(credentialRule?.status).toBe('fail');
    expect(results.find((r) => r.ruleId === 'ecs-container-secret-not-plain-env' && r.resource.id === container.id)?.status).toBe('fail');
  });
});

describe('scan filters', () => {
  test.each([
    [['--service', 'rsd'], /unknown service "rsd" \(did you mean rds\b/],
    [['--exclude-rule', 'rds-multi-az'], /unknown rule id "rds-multi-az" \(did you mean rds-writer-multi-az\b/],
  ])('%j is exit 2 before a single AWS call', async (args, message) => {
    const m = install();
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json', ...args]);
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(message);
    expect(m.calls()).toEqual({});
  });
});

describe('fail closed', () => {
  const scenarios: [string, Failure, RegExp][] = [
    ['AccessDenied', { operation: 'ElastiCache:DescribeReplicationGroups', error: accessDenied('AccessDenied') }, /^AccessDenied/],
    // Under aws-sdk-client-mock the retry middleware never runs (send itself is stubbed): "throttled past
    // retries" is the SDK's final ThrottlingException, raised by every call, surfacing as a gap.
    ['throttling past retries', { operation: 'ElastiCache:DescribeReplicationGroups', error: throttling(8) }, /^ThrottlingException$/],
  ];

  test.each(scenarios)('%s on DescribeReplicationGroups: exit 3, redis rules error, no SARIF without --allow-incomplete', async (_name, failure, code) => {
    const m = install({ failures: [failure] });
    const sarif = file(`incomplete-${_name.replace(/\W+/g, '-')}.sarif`);
    const json = file(`incomplete-${_name.replace(/\W+/g, '-')}.json`);
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json', '--sarif', sarif, '--json', json]);
    expect(m.unrecorded()).toEqual([]);
    expect(scan.code, scan.stderr).toBe(3);

    const r = report(scan);
    expect(r.complete).toBe(false);
    expect(r.gaps).toEqual([
      expect.objectContaining({ service: 'elasticache', operation: 'DescribeReplicationGroups', region: 'us-east-1', code: expect.stringMatching(code), resourceTypes: ['elasticache.replication-group'] }),
    ]);
    const redis = redisRuleIds();
    expect(redis.length).toBeGreaterThan(3);
    const redisResults = r.results.filter((x) => redis.includes(x.ruleId));
    expect(new Set(redisResults.map((x) => x.ruleId))).toEqual(new Set(redis));
    expect(redisResults.filter((x) => x.status !== 'error')).toEqual([]);
    expect(r.results.filter((x) => x.resource.type === 'elasticache.replication-group' && x.status === 'pass')).toEqual([]);
    // Exactly the rules that need replication groups are blinded: the redis rules, the data-subnet rule
    // (it finds data subnets through the replication group's subnet group) and the cost rule (it prices
    // the cache). They report one rule-level error each; no resource of theirs passes or fails.
    const blinded = rulesBlindedByRedisGap();
    expect([...blinded].sort()).toEqual([...redis, 'cost-within-budget', 'kms-data-keys', 'subnet-data-no-internet-route'].sort());
    const errored = r.results.filter((x) => x.status === 'error');
    expect([...new Set(errored.map((x) => x.ruleId))].sort()).toEqual([...blinded].sort());
    expect(r.results.filter((x) => blinded.has(x.ruleId) && x.status !== 'error')).toEqual([]);
    // The DR composite combines redis-failover-multi-az, but its NAT and RDS parts certainly fail in the
    // drifted account: it fails, and says what it could not check.
    const composites = compositesOver(blinded);
    expect(composites).toEqual(['dr-multi-az-failover']);
    expect(r.results.find((x) => x.ruleId === 'dr-multi-az-failover')).toMatchObject({ status: 'fail', reason: 'also could not check: redis-failover-multi-az' });
    // Everything else is judged exactly as in the example: one unreadable service hides nothing else.
    const checked = await checkExample();
    const judged = new Set([...blinded, ...composites]);
    const unblinded = (rep: JsonReport) => outcomes({ ...rep, results: rep.results.filter((x) => !judged.has(x.ruleId)) });
    expect(unblinded(r)).toEqual(unblinded(checked));

    expect(existsSync(sarif)).toBe(false);
    expect(scan.stderr).toContain(`not writing ${sarif}: the audit is incomplete`);
    expect(scan.stderr).toContain('--allow-incomplete');
    // Other files are still written, and say the audit is incomplete.
    expect((JSON.parse(readFileSync(json, 'utf8')) as JsonReport).complete).toBe(false);
    // Gap messages are kept short and credential-free; the planted secret stays out of them too.
    expect(scan.stdout).not.toContain('S3cret');

    // The call was made once: nothing in the mocked path retries.
    expect(m.calls()['ElastiCache:DescribeReplicationGroups']).toBe(1);
  });

  test('with --allow-incomplete the SARIF file is written', async () => {
    install({ failures: [{ operation: 'ElastiCache:DescribeReplicationGroups', error: accessDenied() }] });
    const sarif = file('allowed.sarif');
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json', '--sarif', sarif, '--allow-incomplete']);
    expect(scan.code).toBe(3);
    expect(existsSync(sarif)).toBe(true);
    expect(readFileSync(sarif, 'utf8')).not.toContain('S3cret');
  });

  test('the client factory would retry throttling 8 times in adaptive mode; the mock bypasses that layer', async () => {
    const factory = new ClientFactory({ credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'x' } });
    const client = factory.get(ElastiCacheClient, 'us-east-1');
    expect(await client.config.maxAttempts()).toBe(8);
    const strategy = (await client.config.retryStrategy()) as { mode?: string };
    expect(strategy.mode).toBe('adaptive');
    factory.destroy();

    // Through the CLI, the factory's own middleware (call and attempt counters) never runs under the mock:
    // the stubbed send answers before the middleware stack. Every mocked call is one attempt.
    const m = install({ failures: [{ operation: 'ElastiCache:DescribeReplicationGroups', error: throttling(8) }] });
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json']);
    expect(scan.code).toBe(3);
    expect(m.log.filter((c) => c.operation === 'ElastiCache:DescribeReplicationGroups')).toHaveLength(1);
  });
});

describe('collect', () => {
  test('writes the snapshot and exits 0 when everything was read', async () => {
    install();
    const out = file('collected.json');
    const run = await runCli(['collect', '--spec', 'shopflow', '--output', out]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/wrote .*collected\.json: 79 resources, \d+ relations, 0 read failure\(s\)/);
    const saved = await loadSnapshot(out);
    expect(saved.nodes).toHaveLength(loadExample().nodes.length);
    expect(saved.gaps).toEqual([]);
  });

  test('exits 3 with a gap, still writing the snapshot (with the gap in it)', async () => {
    install({ failures: [{ operation: 'ElastiCache:DescribeReplicationGroups', error: accessDenied() }] });
    const out = file('collected-gap.json');
    const run = await runCli(['collect', '--spec', 'shopflow', '--output', out]);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('could not read elasticache:DescribeReplicationGroups in us-east-1: AccessDenied');
    const saved = await loadSnapshot(out);
    expect(saved.gaps).toEqual([expect.objectContaining({ service: 'elasticache', operation: 'DescribeReplicationGroups', code: 'AccessDenied' })]);
    expect(saved.nodes.filter((n) => n.type === 'elasticache.replication-group')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Call budget

/** Calls above the minimum the collectors make by design (asserted exactly, so a change shows): none. */
const KNOWN_EXCESS: Record<string, number> = {};

interface BudgetRow { operation: string; minimum: number; basis: string }

/**
 * Reads whose calls grow with something their declaration cannot name (not a count of nodes): the
 * identity check; record sets (a zone's recordCount, not nodes); member clusters (nested in groups).
 */
const COUNTED_APART: Record<string, (nodes: GraphNode[], pages: (items: number) => number) => { minimum: number; basis: string }> = {
  'Route53:ListResourceRecordSets': (nodes, pages) => {
    const counts = nodes.filter((n): n is GraphNode<'route53.hosted-zone'> => n.type === 'route53.hosted-zone').map((z) => z.props.recordCount);
    return { minimum: counts.reduce((s, c) => s + pages(c), 0), basis: `per zone: ${counts.join('+')} records` };
  },
  'ElastiCache:DescribeCacheClusters': (nodes, pages) => {
    const groups = nodes.filter((n): n is GraphNode<'elasticache.replication-group'> => n.type === 'elasticache.replication-group');
    const members = groups.reduce((s, g) => s + g.props.nodeGroups.reduce((t, ng) => t + ng.memberAvailabilityZones.length, 0), 0);
    return groups.length ? { minimum: pages(members), basis: `${members} member clusters` } : { minimum: 0, basis: 'skipped: no replication groups' };
  },
};

/** The type a read's calls grow with when its declaration names none: the first it feeds in full. */
const firstFullType = (read: ReadDecl) => Object.entries(read.feeds).find(([, feed]) => feed === '*')?.[0];

/**
 * Fewest calls that read `nodes` (one region's, or the global ones), from what each collector declares:
 * a paged read costs a page per `pageSize` items (the server's page size when smaller), at least one;
 * a batch read one call per `batch` items; any other per-item read one call per item; a read made per
 * parent sums that over the parents.
 */
function minimumCalls(nodes: GraphNode[], scope: 'regional' | 'global'): BudgetRow[] {
  const rows: BudgetRow[] = scope === 'global' ? [{ operation: 'STS:GetCallerIdentity', minimum: 1, basis: 'once per scan (the identity check)' }] : [];
  for (const collector of ALL_COLLECTORS.filter((c) => (c.global ? 'global' : 'regional') === scope)) {
    for (const read of collector.reads) {
      const operation = readKey(collector, read);
      const pageSize = Math.min(read.pageSize ?? NaN, SERVER_PAGE_SIZE[operation] ?? Infinity);
      const pages = (items: number) => Math.max(1, Math.ceil(items / pageSize));
      const apart = COUNTED_APART[operation];
      if (apart) {
        const { minimum, basis } = apart(nodes, pages);
        rows.push({ operation, minimum, basis: `${basis}${read.paged ? ` / ${pageSize} per page` : ''}` });
        continue;
      }
      const items = read.budget?.items ?? [firstFullType(read)];
      const calls = (n: number) => (read.paged ? pages(n) : read.batch ? Math.ceil(n / read.batch) : read.per === 'region' ? 1 : n);
      const how = read.paged ? `${pageSize} per page` : read.batch ? `${read.batch} per call` : read.per === 'region' ? 'once' : '1 per item';
      const per = read.budget?.per;
      if (per) {
        const counts = nodes.filter((p) => p.type === per.type).map((p) => nodes.filter((n) => items.includes(n.type) && (n.props as Record<string, unknown>)[per.via] === p.id).length);
        rows.push({ operation, minimum: counts.reduce((s, n) => s + calls(n), 0), basis: `per ${per.type}: ${counts.join('+') || 0} ${items.join('/')} / ${how}` });
      } else {
        const n = nodes.filter((node) => items.includes(node.type)).length;
        rows.push({ operation, minimum: calls(n), basis: `${n} ${items.join('/') || '(none)'} / ${how}` });
      }
    }
  }
  return rows;
}

function sumRows(...sets: BudgetRow[][]): Map<string, BudgetRow> {
  const out = new Map<string, BudgetRow>();
  for (const row of sets.flat()) {
    const prev = out.get(row.operation);
    out.set(row.operation, prev ? { ...prev, minimum: prev.minimum + row.minimum, basis: `${prev.basis}; ${row.basis}` } : { ...row });
  }
  return out;
}

function budgetTable(title: string, budget: Map<string, BudgetRow>, calls: Record<string, number>): string {
  const ops = [...new Set([...budget.keys(), ...Object.keys(calls)])].sort();
  const rows = ops.map((op) => [op, String(calls[op] ?? 0), String(budget.get(op)?.minimum ?? 0), budget.get(op)?.basis ?? '(not expected)']);
  const total = ['TOTAL', String(Object.values(calls).reduce((a, b) => a + b, 0)), String([...budget.values()].reduce((a, r) => a + r.minimum, 0)), ''];
  const all = [['operation', 'calls', 'minimum', 'basis'], ...rows, total];
  const width = [0, 1, 2].map((i) => Math.max(...all.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r[0]!.padEnd(width[0]!)} | ${r[1]!.padStart(width[1]!)} | ${r[2]!.padStart(width[2]!)} | ${r[3]}`;
  return [title, ...all.map(line)].join('\n');
}

describe('call budget', () => {
  test('every paged read declares its page size, every read a type its calls grow with', () => {
    const reads = ALL_COLLECTORS.flatMap((c) => c.reads.map((read) => ({ op: readKey(c, read), read })));
    expect(reads.filter(({ read }) => read.paged && !read.pageSize).map(({ op }) => op)).toEqual([]);
    expect(reads.filter(({ op, read }) => !(op in COUNTED_APART) && !(read.budget?.items ?? [firstFullType(read)]).every(Boolean)).map(({ op }) => op)).toEqual([]);
  });

  const example = loadExample();
  const regional = example.nodes.filter((n) => n.region === 'us-east-1');
  const global = example.nodes.filter((n) => n.region === 'global');

  test('one region: exactly the minimum per operation (no N+1)', async () => {
    const m = install();
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json']);
    expect(scan.code, scan.stderr).toBe(1);
    expect(m.unrecorded()).toEqual([]);
    const calls = m.calls();
    const budget = sumRows(minimumCalls(regional, 'regional'), minimumCalls(global, 'global'));
    console.log(budgetTable('API calls of a one-region scan of the ShopFlow account (us-east-1):', budget, calls));

    const expected = Object.fromEntries([...budget.values()].filter((r) => r.minimum > 0).map((r) => [r.operation, r.minimum + (KNOWN_EXCESS[r.operation] ?? 0)]));
    expect(calls).toEqual(expected);
  });

  test('two regions: regional services once per region, global services once', async () => {
    const single = install();
    await runCli(['scan', '--spec', 'shopflow', '--format', 'json']);
    const one = single.calls();
    single.restore();

    const m = install({ emptyRegions: ['us-west-2'] });
    const scan = await runCli(['scan', '--spec', 'shopflow', '--format', 'json', '--region', 'us-east-1', '--region', 'us-west-2']);
    expect(scan.code, scan.stderr).toBe(1);
    expect(m.unrecorded()).toEqual([]);
    expect(failing(report(scan))).toEqual(failing(await checkExample()));
    const calls = m.calls();
    const budget = sumRows(minimumCalls(regional, 'regional'), minimumCalls([], 'regional'), minimumCalls(global, 'global'));
    console.log(budgetTable('API calls of a two-region scan (us-east-1 = ShopFlow, us-west-2 = empty):', budget, calls));

    const expected = Object.fromEntries([...budget.values()].filter((r) => r.minimum > 0).map((r) => [r.operation, r.minimum + (KNOWN_EXCESS[r.operation] ?? 0)]));
    expect(calls).toEqual(expected);

    // The global collectors' clients (as declared) and the identity check's.
    const globalClients = new Set(['STS', ...ALL_COLLECTORS.filter((c) => c.global).map((c) => c.sdkClient)]);
    const isGlobal = (op: string) => globalClients.has(op.split(':')[0]!);
    const globalOps = Object.keys(calls).filter(isGlobal);
    expect(globalOps.length).toBeGreaterThan(5);
    for (const op of globalOps) expect(calls[op], op).toBe(one[op]);
    const west = m.callsIn('us-west-2');
    expect(Object.keys(west).filter(isGlobal)).toEqual([]);
    // The empty region costs one listing call per regional list read and nothing per resource (S3 and
    // SQS each list their tags through the one tagging API operation: two calls of it).
    const listReads = (op: string) => ALL_COLLECTORS.filter((c) => !c.global).flatMap((c) => c.reads.filter((r) => readKey(c, r) === op)).length;
    expect(Object.entries(west).filter(([op, n]) => n !== listReads(op))).toEqual([]);
    expect(west['ResourceGroupsTaggingAPI:GetResources']).toBe(2);
  });
});
