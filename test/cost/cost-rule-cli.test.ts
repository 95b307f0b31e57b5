// The cost rule (C55) through `check`: an info finding that leaves the exit code alone, filtered as the
// service `cost`; a cost table that cannot be a budget (negative, without lines) is bad input (exit 2).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { root } from './shopflow.js';

const COMPLIANT = root('examples/shopflow-compliant.snapshot.json');
const SHOPFLOW = JSON.parse(readFileSync(root('spec.shopflow.json'), 'utf8'));

/** ShopFlow's spec with its cost section replaced, written to a file of its own. */
function specWithCost(cost: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), 'cost-rule-')), 'spec.json');
  writeFileSync(file, `${JSON.stringify({ ...SHOPFLOW, cost }, null, 2)}\n`);
  return file;
}

const check = (...args: string[]) => runCli(['check', '--snapshot', COMPLIANT, '--format', 'json', ...args]);
const costResults = (stdout: string) => (JSON.parse(stdout) as { results: { ruleId: string; status: string; severity: string; message: string }[] }).results.filter((r) => r.ruleId === 'cost-within-budget');

describe('check and the cost rule', () => {
  it('the compliant example: one info finding, exit 0', async () => {
    const run = await check('--spec', 'shopflow');
    expect(run.code).toBe(0);
    expect(costResults(run.stdout)).toEqual([expect.objectContaining({ status: 'fail', severity: 'info', message: expect.stringMatching(/^estimated monthly cost \(on-demand list prices as of \d{4}-\d{2}-\d{2}\) is \$2,645\.09, the architecture requires at most \$1,513\.05/) })]);
  });

  it('--fail-on info makes the info finding fail the run (exit 1)', async () => {
    expect((await check('--spec', 'shopflow', '--fail-on', 'info')).code).toBe(1);
  });

  it('--service cost reports the cost rule alone; --exclude-service cost leaves it out', async () => {
    const only = JSON.parse((await check('--spec', 'shopflow', '--service', 'cost')).stdout) as { results: { ruleId: string }[] };
    expect([...new Set(only.results.map((r) => r.ruleId))]).toEqual(['cost-within-budget']);
    expect(costResults((await check('--spec', 'shopflow', '--exclude-service', 'cost')).stdout)).toEqual([]);
  });

  it('a spec without a cost section: the rule skips and says why', async () => {
    const run = await check('--spec', 'shopflow-staging', '--all');
    expect(costResults(run.stdout)).toEqual([expect.objectContaining({ status: 'skip', message: 'The estimated monthly cost stays within the architecture\'s cost table: not in this architecture' })]);
  });

  it.each<[string, unknown, RegExp]>([
    ['a negative total', { currency: 'USD', lines: { rds: { monthly: 800 } }, total: -1 }, /\(at \/cost\/total\)$/],
    ['a negative line', { currency: 'USD', lines: { rds: { monthly: -800 } } }, /\(at \/cost\/lines\/rds\/monthly\)$/],
    ['no lines at all', { currency: 'USD', total: 1441 }, /lines.*\(at \/cost\)$/],
    ['empty lines', { currency: 'USD', lines: {}, total: 1441 }, /\(at \/cost\/lines\)$/],
    ['a total that is not a number', { currency: 'USD', lines: { rds: { monthly: 800 } }, total: '1441' }, /\(at \/cost\/total\)$/],
  ])('%s is bad input: exit 2 at the place, no stack', async (_what, cost, at) => {
    const file = specWithCost(cost);
    const run = await check('--spec', file);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const line = run.stderr.trim();
    expect(line).toMatch(new RegExp(`^infra-audit: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
    expect(line).toMatch(at);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a total of 0 is a budget of nothing: the compliant example fails it, as info', async () => {
    const run = await check('--spec', specWithCost({ currency: 'USD', lines: { rds: { monthly: 0 } }, total: 0 }));
    expect(run.code).toBe(0);
    expect(costResults(run.stdout)).toEqual([expect.objectContaining({ status: 'fail', message: expect.stringContaining('at most $0.00') })]);
  });
});
