// scan --accounts over the wire: each account reached through its own assumed role (identity from the
// access key), audited, and written to <out>/<id>/; one that cannot be assumed or read is that account's
// error and the run's exit 3, the others complete; credentials are assumed once and refreshed before
// they expire.
import { afterAll, beforeAll, afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { join } from 'node:path';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { serveAccounts, accountIds } from './accounts.js';
import { accountsFile, scanAccountsOnWire, tempDir } from './scan-accounts-on-wire.js';

const MANAGEMENT = '111111111111';
let server: AwsLoopbackServer;
beforeAll(async () => {
  server = await shopflowServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

const [A, B, C] = accountIds(3);

describe('scan --accounts FILE', () => {
  it('audits every account as itself; one that cannot be assumed is its error, exit 3, the others complete', async () => {
    const wire = serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A! }, { id: B!, denyAssume: true }, { id: C! }] });
    const file = accountsFile({ defaults: { role: 'infra-audit-readonly' }, accounts: [{ id: A, name: 'prod', externalId: 'nightly' }, { id: B, name: 'staging' }, { id: C }] });
    const scan = await scanAccountsOnWire(server, { accounts: file });
    expect(scan.code, scan.stderr).toBe(3);
    const byId = Object.fromEntries(scan.manifest!.accounts.map((a) => [a.accountId, a]));
    expect(scan.manifest!.expectedAccounts).toEqual([A, B, C]);
    // run.json is what `infra-audit merge` reads: it matches the manifest's schema.
    const valid = schemaValidator('runManifest');
    expect(valid(scan.manifest), JSON.stringify(valid.errors)).toBe(true);
    expect(scan.manifest!.shard).toBeNull();
    expect(byId[A!]).toMatchObject({ name: 'prod', status: 'complete' });
    expect(byId[C!]!.status).toBe('complete');
    expect(byId[B!]).toMatchObject({ name: 'staging', status: 'error', error: { kind: 'assume-role' } });
    expect(byId[B!]!.error!.message).toMatch(/not authorized to perform: sts:AssumeRole/);
    // Nothing was read for the denied account, and the matrix says so for every cell.
    expect(byId[B!]!.coverage.length).toBeGreaterThan(0);
    expect(new Set(byId[B!]!.coverage.map((c) => c.state))).toEqual(new Set(['failed']));
    expect(new Set(byId[A!]!.coverage.map((c) => c.state))).toEqual(new Set(['read']));
    // Each report is the account's own, and only audited accounts have files.
    expect(scan.report(A!)).toMatchObject({ account: A, complete: true });
    expect(existsSync(join(scan.outDir, A!, 'snapshot.json'))).toBe(true);
    expect(existsSync(join(scan.outDir, B!))).toBe(false);
    // The role of each account, assumed once, with its external id; every read signed as that account.
    const assumes = server.requestsFor('STS:AssumeRole');
    expect(assumes.map((r) => r.params.RoleArn).sort()).toEqual([A, B, C].map((id) => `arn:aws:iam::${id}:role/infra-audit-readonly`));
    expect(assumes.find((r) => String(r.params.RoleArn).includes(A!))!.params.ExternalId).toBe('nightly');
    expect(wire.assumed.get(A!)).toBe(1);
    const reads = server.requests.filter((r) => r.client !== 'STS' || r.operation !== 'AssumeRole');
    expect(new Set(reads.map((r) => wire.accountOf(r.accessKeyId)))).toEqual(new Set([A, C]));
    expect(scan.stdout.split('\n')[0]).toMatch(new RegExp(`^${B} +staging +error \\(assume-role\\)`));
  });

  it('an account whose one service is denied: coverage "denied" there, its rules error, the account incomplete, exit 3', async () => {
    serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A! }, { id: B!, deny: ['RDS:DescribeDBInstances'] }] });
    const file = accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }, { id: B }] });
    const scan = await scanAccountsOnWire(server, { accounts: file });
    expect(scan.code, scan.stderr).toBe(3);
    const b = scan.manifest!.accounts.find((a) => a.accountId === B)!;
    expect(b.status).toBe('incomplete');
    expect(b.error).toBeUndefined();
    expect(b.coverage.filter((c) => c.state !== 'read')).toEqual([{ region: 'us-east-1', service: 'rds', state: 'denied' }]);
    const report = scan.report(B!)!;
    expect(report.complete).toBe(false);
    expect(report.results.some((r) => r.ruleId.startsWith('rds') && r.status === 'error')).toBe(true);
    expect(scan.manifest!.accounts.find((a) => a.accountId === A)!.status).toBe('complete');
  });

  it('credentials about to expire are refreshed once, by one AssumeRole shared by every client; the others are assumed once', async () => {
    // The first credentials of A expire within the refresh margin: the first reads (fourteen clients
    // at once) need fresh ones, and get them from ONE more AssumeRole, not one each.
    const wire = serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A!, expiresInMs: (n) => (n === 0 ? 240_000 : 3_600_000) }, { id: B! }] });
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }, { id: B }] }) });
    expect(scan.code, scan.stderr).toBe(0);
    expect(wire.assumed.get(A!)).toBe(2);
    expect(wire.assumed.get(B!)).toBe(1);
    const keys = new Set(server.requests.filter((r) => wire.accountOf(r.accessKeyId) === A).map((r) => r.accessKeyId));
    expect(keys).toEqual(new Set([`ASIA${A}K1`]));
  });

  it('credentials that expire mid-run are refreshed before they do: reads after that sign with the new ones', async () => {
    // A's first credentials leave 3 s before the refresh margin; ECS answers its listing only after 4 s.
    const wire = serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A!, expiresInMs: (n) => (n === 0 ? 303_000 : 3_600_000) }] });
    server.on('ECS:ListClusters', () => ({ until: new Promise((r) => setTimeout(r, 4_000)) }));
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }] }) }, { client: { requestTimeoutMs: 10_000, socketTimeoutMs: 10_000 } });
    expect(scan.code, scan.stderr).toBe(0);
    expect(wire.assumed.get(A!)).toBe(2);
    const listed = server.requestsFor('ECS:ListClusters')[0]!.at;
    const after = server.requests.filter((r) => r.client === 'ECS' && r.at > listed + 3_900);
    expect(after.length).toBeGreaterThan(0);
    expect(new Set(after.map((r) => r.accessKeyId))).toEqual(new Set([`ASIA${A}K1`]));
  });

  it('credentials that turn out to be another account\'s: that account is an error and nothing of it is written', async () => {
    serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A!, credentialsOf: C! }, { id: B! }] });
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }, { id: B }] }) });
    expect(scan.code, scan.stderr).toBe(3);
    expect(scan.manifest!.accounts.find((a) => a.accountId === A)).toMatchObject({ status: 'error', error: { kind: 'wrong-account' } });
    expect(existsSync(join(scan.outDir, A!))).toBe(false);
    expect(readdirSync(scan.outDir).sort()).toEqual(['.infra-audit-output', B, 'run.json'].sort());
  });

  it("an account whose AssumeRole never answers is cut off at the account's deadline; the others complete", async () => {
    serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A! }, { id: B! }] });
    const inner = server.callers.reply!;
    server.callers.reply = (caller, op, params) => (op === 'STS:AssumeRole' && String(params.RoleArn).includes(B!) ? { hang: true } : inner(caller, op, params));
    const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ec2');
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }, { id: B }] }), timeout: 8 }, { collectors });
    expect(scan.code, scan.stderr).toBe(3);
    expect(scan.manifest!.accounts.find((a) => a.accountId === B)).toMatchObject({ status: 'error', error: { kind: 'deadline' } });
    expect(scan.manifest!.accounts.find((a) => a.accountId === A)!.status).toBe('complete');
  });

  it('an output directory someone else filled is refused (exit 2) before any account is touched', async () => {
    serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A! }] });
    const outputDir = tempDir();
    writeFileSync(join(outputDir, 'thesis.tex'), 'precious');
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }] }), outputDir });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(/is not empty and was not written by infra-audit/);
    expect(readdirSync(outputDir)).toEqual(['thesis.tex']);
    expect(server.requestsFor('STS:AssumeRole')).toEqual([]);
  });

  it.each<[string, (out: string) => { sarifDir: string } & Record<string, string>, RegExp]>([
    ['not empty', (out) => { mkdirSync(join(out, 'sarif')); writeFileSync(join(out, 'sarif', 'infra-audit-1.sarif'), 'last night'); return { sarifDir: join(out, 'sarif') }; }, /--sarif-dir .*sarif: is not empty; name a new or empty directory/],
    ['a file', (out) => { writeFileSync(join(out, 'sarif'), 'x'); return { sarifDir: join(out, 'sarif') }; }, /--sarif-dir .*sarif: exists and is not a directory/],
    ['the output directory', (out) => ({ sarifDir: join(out, 'o'), outputDir: join(out, 'o') }), /--sarif-dir must not be --output-dir/],
  ])('--sarif-dir %s is refused (exit 2) before any account is touched', async (_what, setup, message) => {
    serveAccounts(server, { managementAccount: MANAGEMENT, root: 'r-ab12', accounts: [{ id: A! }] });
    const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ defaults: { role: 'audit' }, accounts: [{ id: A }] }), ...setup(tempDir()) });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(message);
    expect(server.requestsFor('STS:AssumeRole')).toEqual([]);
  });

  it('a bad accounts file is exit 2 with its place; multi-account flags without --accounts are exit 2', async () => {
    const bad = await scanAccountsOnWire(server, { accounts: accountsFile('{"accounts": [{"id": "42"}]}') });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/accounts\.json:1:\d+: must match the pattern .* \(at \/accounts\/0\/id\)/);
    const stray = await scanAccountsOnWire(server, { maxAccountsInFlight: 4 });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toMatch(/--output-dir goes with --accounts FILE or --organization/);
    const sarifDir = await scanAccountsOnWire(server, { outputDir: undefined, sarifDir: tempDir() });
    expect(sarifDir.code).toBe(2);
    expect(sarifDir.stderr).toMatch(/--sarif-dir goes with --accounts FILE or --organization/);
  });
});
