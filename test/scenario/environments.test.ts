// ShopFlow's environments, each audited against its own spec: the staging account (one NAT gateway, a
// single-AZ database: the scenario with those two patches, collected by the real collectors) fails
// production's spec on exactly those claims and passes the staging overlay.
import { afterAll, expect, test } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { collectScenario } from './examples.js';
import { PATCHES, patchedScenario, type DriftName } from './patches.js';

const tmp = mkdtempSync(join(tmpdir(), 'infra-audit-environments-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const STAGING: DriftName[] = ['writer-single-az', 'one-nat-gateway'];

test('staging passes on a single-AZ database and one NAT gateway that production fails', async () => {
  const collected = await collectScenario(patchedScenario(STAGING));
  expect(collected.code, collected.stderr).toBe(0);
  const file = join(tmp, 'staging.snapshot.json');
  writeFileSync(file, collected.text);
  const audit = async (spec: string) => {
    const run = await runCli(['check', '--snapshot', file, '--spec', spec, '--format', 'json', '--all'], { cwd: tmp });
    const results = JSON.parse(run.stdout).results as { ruleId: string; status: string; reason?: string; resource: { name?: string } }[];
    return { code: run.code, results, failed: results.filter((r) => r.status !== 'pass' && r.status !== 'skip').map((r) => (r.resource.name ? `${r.ruleId} ${r.resource.name}` : r.ruleId)).sort() };
  };

  const production = await audit('shopflow');
  expect(production.code).toBe(1);
  // And the cost rule's info finding: production's document budgets less than the account costs (staging has no cost table).
  expect(production.failed).toEqual([...new Set([...STAGING.flatMap((p) => PATCHES[p].plants), 'cost-within-budget'])].sort());

  const staging = await audit('shopflow-staging');
  expect(staging.code, staging.failed.join('\n')).toBe(0);
  expect(staging.failed).toEqual([]);
  // The production-only rules are switched off with a reason, not passed.
  for (const id of ['rds-writer-multi-az', 'nat-gateway-per-az', 'subnet-private-nat-same-az', 'dr-multi-az-failover']) {
    const r = staging.results.find((x) => x.ruleId === id)!;
    expect(r.status, id).toBe('skip');
    expect(r.reason, id).toMatch(/not required by the spec/);
  }
  expect(staging.results.find((r) => r.ruleId === 'rds-writer-multi-az')!.reason).toMatch(/\/databases\/main\/multiAz is false/);
});
