// Issue 11's acceptance for the second bundled architecture: Ledgerly's example snapshots, audited by
// the same rule files with only its spec (`--spec ledgerly`): the compliant one exits 0 with every rule
// passing or skipping with a reason (the cache and edge rules "not in this architecture"), the drifted
// one fails on exactly its planted findings, and each planted drift alone on exactly what it names.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { ROOT, collectAccount } from './examples.js';
import { LEDGERLY_DRIFTS, LEDGERLY_VARIANTS, ledgerlyExampleFile, patchedLedgerly, type LedgerlyDrift } from './ledgerly-patches.js';

interface Result { ruleId: string; status: string; reason?: string; message: string; resource: { name?: string }; item?: { section: string; name: string } }

const finding = (r: Result) => (r.resource.name ? `${r.ruleId} ${r.resource.name}` : r.ruleId);
const tmp = mkdtempSync(join(tmpdir(), 'infra-audit-ledgerly-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `infra-audit check --spec ledgerly --all` of a snapshot, from a directory with no spec of its own. */
async function audit(file: string): Promise<{ code: number; results: Result[]; findings: Result[] }> {
  const run = await runCli(['check', '--spec', 'ledgerly', '--snapshot', file, '--format', 'json', '--all'], { cwd: tmp });
  expect(run.stderr).not.toMatch(/Error|at /);
  const results = (JSON.parse(run.stdout) as { results: Result[] }).results;
  return { code: run.code, results, findings: results.filter((r) => r.status !== 'pass' && r.status !== 'skip') };
}

describe('examples/ledgerly-compliant.snapshot.json', () => {
  test('passes its spec: exit 0, every result pass or skip with a reason', async () => {
    const { code, results, findings } = await audit(join(ROOT, ledgerlyExampleFile('compliant')));
    expect(findings.map((r) => `${finding(r)}: ${r.status} ${r.message}`)).toEqual([]);
    expect(code).toBe(0);
    for (const r of results.filter((x) => x.status === 'skip')) expect(r.reason, finding(r)).toBeTruthy();
    // Its shape is audited, not skipped: three services, the Aurora cluster, both regions' buckets.
    const passedItems = (section: string) => new Set(results.filter((r) => r.status === 'pass' && r.item?.section === section).map((r) => r.item!.name));
    expect([...passedItems('services')].sort()).toEqual(['api', 'reports', 'web']);
    expect([...passedItems('buckets')].sort()).toEqual(['documents', 'documents-replica', 'logs']);
    expect(results.find((r) => r.ruleId === 'rds-cluster-multi-az')).toMatchObject({ status: 'pass', resource: { name: 'ledgerly-db' } });
  });

  test('no cache and no CloudFront: their rules skip, "not in this architecture"', async () => {
    const { results } = await audit(join(ROOT, ledgerlyExampleFile('compliant')));
    const absent = results.filter((r) => /^(redis-|cloudfront-)/.test(r.ruleId));
    expect(new Set(absent.map((r) => r.ruleId)).size).toBeGreaterThanOrEqual(10);
    for (const r of absent) expect([r.ruleId, r.status, r.reason]).toEqual([r.ruleId, 'skip', 'not in this architecture']);
  });

  test('never prints a value its spec does not hold: no ShopFlow name or number in any message', async () => {
    const { results } = await audit(join(ROOT, ledgerlyExampleFile('compliant')));
    for (const r of results) expect(`${r.message} ${r.reason ?? ''}`, finding(r)).not.toMatch(/shopflow|db\.r6g\.xlarge|\b3000 requests/i);
  });
});

describe('examples/ledgerly-drifted.snapshot.json', () => {
  test('fails on exactly its planted findings, and only as fail', async () => {
    const { code, findings } = await audit(join(ROOT, ledgerlyExampleFile('drifted')));
    const planted = new Set(LEDGERLY_VARIANTS.drifted.flatMap((name) => LEDGERLY_DRIFTS[name].plants));
    expect(findings.map(finding).sort()).toEqual([...planted].sort());
    for (const r of findings) expect(r.status, finding(r)).toBe('fail');
    expect(code).toBe(1);
  });
});

test('read in us-east-1 only, the us-west-2 replica cannot pass: its result is an error and the audit incomplete (exit 3)', async () => {
  const collected = await collectAccount(patchedLedgerly([]), ['--spec', 'ledgerly', '--region', 'us-east-1']);
  const file = join(tmp, 'us-east-1-only.snapshot.json');
  writeFileSync(file, collected.text);
  const { code, results, findings } = await audit(file);
  // Every rule that judges the unread bucket item errors (its existence, its KMS key), and nothing else.
  expect(findings.map((r) => r.status)).toEqual(['error', 'error']);
  expect(findings.map((r) => r.ruleId).sort()).toEqual(['kms-bucket-key-exists', 's3-bucket']);
  for (const r of findings) expect(r.item).toEqual({ section: 'buckets', name: 'documents-replica' });
  expect(results.filter((r) => r.item?.name === 'documents-replica').map((r) => r.status)).not.toContain('pass');
  expect(code).toBe(3);
});

describe('each Ledgerly drift alone', () => {
  test.each(Object.keys(LEDGERLY_DRIFTS) as LedgerlyDrift[])('%s plants exactly what it names', async (name) => {
    const collected = await collectAccount(patchedLedgerly([name]), ['--spec', 'ledgerly']);
    expect(collected.code, collected.stderr).toBe(0);
    const file = join(tmp, `${name}.snapshot.json`);
    writeFileSync(file, collected.text);
    const { code, findings } = await audit(file);
    expect(findings.map(finding).sort()).toEqual([...LEDGERLY_DRIFTS[name].plants].sort());
    expect(code).toBe(1);
  });
});
