// Issue 13's acceptance over the wire: a hundred accounts, one of them denied AssumeRole, audited by one
// `scan --accounts` run and by four `--shard i/4` runs merged with `infra-audit merge`. Both exit 3 with
// the denied account marked and named, the other ninety-nine complete, and the two merged reports are
// the same in everything but their times and the shard bookkeeping. Call counts, never wall-clock time
// (`npm run bench` measures that).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { MultiReport } from '../../src/multi/types.js';
import { runCli, type CliRun } from '../cli/run-cli.js';
import type { AwsLoopbackServer, RecordedRequest } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { accountIds, serveAccounts, type AccountsOnWire } from './accounts.js';
import { accountsFile, scanAccountsOnWire, tempDir, type AccountsScan } from './scan-accounts-on-wire.js';

// Two services per account keep the test's CPU modest; every account still goes through the whole
// pipeline (assume, identify, read, link, audit, write).
const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ec2' || c.service === 'rds');

const ids = accountIds(100);
const denied = ids[37]!;

let server: AwsLoopbackServer;
let wire: AccountsOnWire;
/** The unsharded run, its merged report (--json) and the requests it made (before the shards ran). */
let whole: AccountsScan;
let wholeMerged: MultiReport;
/** Where the one run and the merge wrote --sarif-dir (and the one run --sarif, every run in one file). */
let wholeSarifDir: string;
let wholeSarif: string;
let mergeSarifDir: string;
let wholeRequests: RecordedRequest[];
let shards: AccountsScan[];
let merge: CliRun;
let shardMerged: MultiReport;

beforeAll(async () => {
  server = await shopflowServer();
  wire = serveAccounts(server, { managementAccount: '111111111111', root: 'r-ab12', accounts: ids.map((id) => ({ id, ...(id === denied && { denyAssume: true }) })) });
  const file = accountsFile({ defaults: { role: 'infra-audit-readonly' }, accounts: ids.map((id) => ({ id })) });
  const wholeOut = tempDir();
  const json = join(wholeOut, 'merged.json');
  wholeSarif = join(wholeOut, 'all.sarif');
  wholeSarifDir = join(wholeOut, 'sarif');
  whole = await scanAccountsOnWire(server, { accounts: file, json, sarif: wholeSarif, sarifDir: wholeSarifDir, maxAccountsInFlight: 8 }, { collectors });
  wholeMerged = JSON.parse(readFileSync(json, 'utf8')) as MultiReport;
  wholeRequests = server.requests.splice(0);
  shards = [];
  for (let i = 1; i <= 4; i++) shards.push(await scanAccountsOnWire(server, { accounts: file, shard: `${i}/4` }, { collectors }));
  const cwd = tempDir('infra-audit-merge-');
  merge = await runCli(['merge', ...shards.map((s) => s.outDir), '--json', 'merged.json', '--sarif-dir', 'sarif'], { cwd });
  mergeSarifDir = join(cwd, 'sarif');
  shardMerged = JSON.parse(readFileSync(join(cwd, 'merged.json'), 'utf8')) as MultiReport;
}, 300_000);
afterAll(() => server?.close());

interface Sarif { runs: { automationDetails: { id: string }; properties: { account: string } }[] }

/**
 * Everything that must not depend on how the accounts were split: all but times and shard bookkeeping.
 * The restore lag is a time too (latest restorable time to the read's start), so its value is left out.
 */
const comparable = (r: MultiReport) => ({
  ...r,
  shards: undefined,
  accounts: r.accounts.map((a) => ({
    ...a,
    snapshot: undefined,
    findings: a.findings.map((f) => (f.path === 'restoreLagSeconds' ? { ...f, actual: 'lag', message: f.message.replace(/\d+/g, 'N') } : f)),
  })),
});

describe('100 accounts, one denied AssumeRole', () => {
  it('one run: exit 3, the denied account an assume-role error, 99 complete and written', () => {
    expect(whole.code, whole.stderr.slice(0, 2000)).toBe(3);
    const accounts = whole.manifest!.accounts;
    expect(accounts.map((a) => a.accountId)).toEqual(ids);
    expect(accounts.filter((a) => a.status === 'complete').length).toBe(99);
    expect(accounts.find((a) => a.accountId === denied)).toMatchObject({ status: 'error', error: { kind: 'assume-role' } });
    expect(readdirSync(whole.outDir).filter((f) => /^\d{12}$/.test(f)).length).toBe(99);
    expect(whole.stdout).toMatch(new RegExp(`^${denied} .*error \\(assume-role\\)`, 'm'));
    expect(wholeMerged.complete).toBe(false);
    expect(wholeMerged.accounts.find((a) => a.accountId === denied)).toMatchObject({ verdict: 'error', error: { kind: 'assume-role' } });
  });

  it('one run: one AssumeRole and one identity per account, each read as itself, none cut short', () => {
    const forOp = (op: string) => wholeRequests.filter((r) => `${r.client}:${r.operation}` === op);
    // Each role asked for once: the denial is not retried, nor is the role asked for again by each client.
    const assumed = forOp('STS:AssumeRole').map((r) => /^arn:aws:iam::(\d{12}):/.exec(String(r.params.RoleArn))?.[1]);
    expect(assumed.sort()).toEqual(ids);
    // Each account asked who it is once, with its own keys; every read was signed as one of the 99.
    const identities = forOp('STS:GetCallerIdentity');
    expect(identities.length).toBe(99);
    expect(new Set(identities.map((r) => wire.accountOf(r.accessKeyId))).size).toBe(99);
    const perAccount = new Map<string, number>();
    for (const r of wholeRequests.filter((q) => q.client === 'EC2' || q.client === 'RDS')) {
      const account = wire.accountOf(r.accessKeyId)!;
      perAccount.set(account, (perAccount.get(account) ?? 0) + 1);
    }
    expect(perAccount.has(denied)).toBe(false);
    expect(perAccount.size).toBe(99);
    // Every account made the same reads (its account is the same recording): none was cut short.
    expect(new Set(perAccount.values()).size).toBe(1);
  });

  it('4 shards: disjoint shares that are every account, each naming all 100 as expected; only the denied one\'s shard exits 3', () => {
    const shares = shards.map((s) => s.manifest!.accounts.map((a) => a.accountId));
    expect(shares.flat().sort()).toEqual(ids);
    for (const [i, s] of shards.entries()) {
      expect(s.manifest!.shard).toEqual({ index: i + 1, count: 4 });
      expect(s.manifest!.expectedAccounts).toEqual(ids);
      expect(s.code, s.stderr.slice(0, 2000)).toBe(shares[i]!.includes(denied) ? 3 : 0);
    }
  });

  it('4 shards + merge: exit 3 naming the denied account, and the same merged report as the one run', () => {
    expect(merge.code, merge.stderr.slice(0, 2000)).toBe(3);
    expect(merge.stdout).toContain('100 accounts: ');
    expect(merge.stdout).toMatch(/ 1 error, 0 missing/);
    expect(merge.stderr).toContain(`account ${denied} was not audited: assume-role: cannot assume arn:aws:iam::${denied}:role/infra-audit-readonly`);
    expect(shardMerged.shards).toEqual({ count: 4, merged: [1, 2, 3, 4], missing: [] });
    expect(shardMerged.accounts.filter((a) => a.verdict === 'pass' || a.verdict === 'fail')).toHaveLength(99);
    expect(shardMerged.accounts.find((a) => a.accountId === denied)).toMatchObject({ verdict: 'error', status: 'error', error: { kind: 'assume-role' } });
    expect(comparable(shardMerged)).toEqual(comparable(wholeMerged));
    // The comparison is not vacuous: the accounts carry their findings and coverage.
    expect(wholeMerged.totals.results.pass).toBeGreaterThan(0);
    expect(wholeMerged.coverage.length).toBeGreaterThan(99);
  });

  it('SARIF: one run per audited account, split into files of at most 20 runs (GitHub\'s limit per upload), the same from one run and from the merge', () => {
    const chunks = (dir: string) => readdirSync(dir).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const runsIn = (dir: string) => chunks(dir).map((f) => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as Sarif).runs);
    expect(chunks(wholeSarifDir)).toEqual(['infra-audit-1.sarif', 'infra-audit-2.sarif', 'infra-audit-3.sarif', 'infra-audit-4.sarif', 'infra-audit-5.sarif']);
    const one = runsIn(wholeSarifDir);
    expect(one.map((r) => r.length)).toEqual([20, 20, 20, 20, 19]);
    // Each run is one account under its own category: an upload never closes another account's alerts.
    // The run id after the category's last "/" is the audit's time, so the categories are compared.
    const categoriesIn = (chunked: Sarif['runs'][]) => chunked.map((c) => c.map((r) => r.automationDetails.id.slice(0, r.automationDetails.id.lastIndexOf('/'))));
    expect(new Set(categoriesIn(one).flat()).size).toBe(99);
    // The denied account has no run (an empty one would close its alerts); it is named instead.
    expect(one.flat().map((r) => r.properties.account)).toEqual(ids.filter((id) => id !== denied));
    expect(whole.stderr).toContain(`no SARIF run for account ${denied}: not audited (assume-role`);
    expect(categoriesIn(runsIn(mergeSarifDir))).toEqual(categoriesIn(one));
    // --sarif keeps every run in one file, and says it is too many for one upload.
    expect((JSON.parse(readFileSync(wholeSarif, 'utf8')) as Sarif).runs).toHaveLength(99);
    expect(whole.stderr).toContain('holds 99 runs; GitHub code scanning takes at most 20 per upload: use --sarif-dir to split them');
  });

  it('a shard left out of the merge: its accounts missing and named, exit 3', async () => {
    const cwd = tempDir('infra-audit-merge-');
    const r = await runCli(['merge', ...shards.slice(0, 3).map((s) => s.outDir), '--json', 'merged.json'], { cwd });
    expect(r.code).toBe(3);
    const left = shards[3]!.manifest!.accounts.map((a) => a.accountId).sort();
    expect(left.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(cwd, 'merged.json'), 'utf8')).missingAccounts).toEqual(left);
    for (const id of left) expect(r.stderr).toContain(`account ${id} is expected but in no merged run`);
    expect(r.stderr).toContain('shard 4/4 not merged');
  });

  it('--shard that is not i/N is exit 2 before any call', async () => {
    const before = server.requests.length;
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ accounts: [{ id: '123456789012', role: 'audit' }] }), shard: '5/4' });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(/--shard 5\/4: the shard index must be 1 to 4/);
    expect(server.requests.length).toBe(before);
  });
});
