// The example snapshots are collected from the ShopFlow scenario by the real collectors (`npm run
// examples` rewrites them; this test fails while a committed one is stale), and they audit exactly as
// they did when scripts/make-examples.mjs hand-built them: the findings below were recorded from
// `infra-audit check --all` on those hand-built files, before the scenario replaced them. The cost rule
// (C55, info) came later: every variant and patch costs more than the document's $1,441 + 5% (the
// compliant account $2,645.09 a month on-demand), so each has that one info finding as well, which
// never changes the exit code.
import { afterAll, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { ROOT, collectScenario } from './examples.js';
import { DRIFTS, GAPS, PATCHES, VARIANTS, exampleFile, patchedScenario, scenarioOf, type Variant } from './patches.js';

interface Result { ruleId: string; status: string; severity: string; reason?: string; resource: { name?: string } }

/** The info finding every ShopFlow variant has: the estimate above the document's cost total. */
const COST_INFO = ['cost-within-budget fail'];

/** "<rule id> <resource name>", or the rule id alone for a rule-level or composite result. */
const finding = (r: Result) => (r.resource.name ? `${r.ruleId} ${r.resource.name}` : r.ruleId);

const RECORDED: Record<Variant, { code: number; status: 'fail' | 'error' | null; findings: string[] }> = {
  compliant: { code: 0, status: null, findings: [] },
  drifted: {
    code: 1,
    status: 'fail',
    findings: [
      'cloudfront-certificate-valid E2QWRUHAPOMQZL', // certificate-expiring: 18 days left, the spec warns at 30
      'cloudfront-waf E2QWRUHAPOMQZL', // no-waf: the distribution's WebACLId is ''
      'dr-multi-az-failover', // writer-single-az and one-nat-gateway: the composite over NAT, RDS and Redis failover
      'ecs-container-no-plaintext-credentials api', // database-url-plain: DATABASE_URL in the api container's environment
      'ecs-container-secret-not-plain-env api', // database-url-plain
      'ecs-container-secrets-manager api', // database-url-plain: no longer a Secrets Manager secret
      'ecs-task-size shopflow-api:42', // task-size: cpu 1024 / memory 2048
      'kms-bucket-key-exists shopflow-product-images-123456789012', // images-bucket-key-missing: alias/shopflow-images names no key
      'kms-data-keys alias/shopflow-data', // data-key-rotation-off: the data key's rotation is off
      'nat-gateway-count', // one-nat-gateway: the AZ-b NAT gateway is gone
      'nat-gateway-per-az', // one-nat-gateway
      'rds-backup-retention shopflow-db', // backup-retention-6
      'rds-read-replicas shopflow-db', // one-read-replica: shopflow-db-replica-2 is gone
      'rds-writer-multi-az shopflow-db', // writer-single-az
      'secretsmanager-api-secrets api', // app-keys-not-rotated: the app keys secret no longer rotates (added with secretsmanager.secret, C57)
      'subnet-private-nat-same-az shopflow-private-b', // one-nat-gateway: private-b routes through AZ-a's NAT
    ],
  },
  partial: {
    code: 3,
    status: 'error',
    // elasticache-unreadable: every rule that reads replication groups (kms-data-keys: the cache may name a
    // key), and the composite over one of them.
    findings: ['dr-multi-az-failover', 'dr-redis-daily-snapshots', 'kms-data-keys', 'redis-cluster-mode', 'redis-failover-multi-az', 'redis-node-type', 'redis-shards-and-replicas', 'subnet-data-no-internet-route'],
  },
};

const tmp = mkdtempSync(join(tmpdir(), 'infra-audit-examples-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `infra-audit check --all` of a snapshot file: exit code, every result that failed or errored, and the info findings apart. */
async function audit(file: string): Promise<{ code: number; notPassed: Result[]; info: string[] }> {
  const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', file, '--format', 'json', '--all'], { cwd: ROOT });
  expect(run.stderr).not.toMatch(/Error|at /);
  const results = (JSON.parse(run.stdout) as { results: Result[] }).results;
  // A skip is an item or section the spec does not ask about: never a finding, and always with its reason.
  for (const r of results.filter((x) => x.status === 'skip')) expect(r.reason, finding(r)).toMatch(/^(not required by the spec: |not in this architecture$)/);
  const notPassed = results.filter((r) => r.status !== 'pass' && r.status !== 'skip');
  return { code: run.code, notPassed: notPassed.filter((r) => r.severity !== 'info'), info: notPassed.filter((r) => r.severity === 'info').map((r) => `${finding(r)} ${r.status}`) };
}

describe.each(Object.keys(VARIANTS) as Variant[])('examples/shopflow-%s.snapshot.json', (variant) => {
  test('is what `infra-audit collect` writes for the scenario (stale? run npm run examples)', async () => {
    const collected = await collectScenario(scenarioOf(variant));
    expect(collected.code, collected.stderr).toBe(variant === 'partial' ? 3 : 0);
    await expect(collected.text).toMatchFileSnapshot(join(ROOT, exampleFile(variant)), `${exampleFile(variant)} is stale: run npm run examples`);
  });

  test('audits with the findings recorded before the scenario replaced the hand-built files', async () => {
    const want = RECORDED[variant];
    const { code, notPassed, info } = await audit(join(ROOT, exampleFile(variant)));
    expect(code).toBe(want.code);
    expect(info).toEqual(COST_INFO);
    expect(notPassed.map(finding).sort()).toEqual([...want.findings].sort());
    for (const r of notPassed) expect(r.status, finding(r)).toBe(want.status);
  });

  test("is the union of its patches' plants", () => {
    const plants = new Set(VARIANTS[variant].flatMap((name: keyof typeof PATCHES) => PATCHES[name].plants));
    expect([...plants].sort()).toEqual([...RECORDED[variant].findings].sort());
  });
});

describe('each patch alone', () => {
  const cases = [...Object.keys(DRIFTS).map((name) => [name, 'fail'] as const), ...Object.keys(GAPS).map((name) => [name, 'error'] as const)];
  test.each(cases)('%s plants exactly what it names, and only as %s', async (name, status) => {
    const collected = await collectScenario(patchedScenario([name as keyof typeof PATCHES]));
    const file = join(tmp, `${name}.snapshot.json`);
    writeFileSync(file, collected.text);
    const { code, notPassed, info } = await audit(file);
    expect(code).toBe(status === 'fail' ? 1 : 3);
    expect(info).toEqual(COST_INFO);
    expect(notPassed.map(finding).sort()).toEqual([...PATCHES[name as keyof typeof PATCHES].plants].sort());
    for (const r of notPassed) expect(r.status, finding(r)).toBe(status);
  });
});
