import { describe, expect, it } from 'vitest';
import { mergeRuns } from '../../src/multi/merge.js';
import { selectShard } from '../../src/multi/shard.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { InputError } from '../../src/errors.js';
import { accountIds, runOf, type Plan } from './runs.js';

const [A, B, C, D] = ['111111111111', '222222222222', '333333333333', '444444444444'];

describe('mergeRuns', () => {
  it('gives each account its verdict, counts and findings (with the account), and totals', async () => {
    const merged = mergeRuns([await runOf({ [B]: 'compliant', [A]: 'drifted', [C]: 'error', [D]: 'partial' })]);
    expect(merged.accounts.map((a) => [a.accountId, a.status, a.verdict])).toEqual([
      [A, 'complete', 'fail'], [B, 'complete', 'pass'], [C, 'error', 'error'], [D, 'incomplete', 'incomplete'],
    ]);
    const drifted = merged.accounts[0]!;
    expect(drifted.summary.fail).toBeGreaterThan(0);
    expect(drifted.findings.filter((f) => f.status === 'fail')).toHaveLength(drifted.summary.fail + drifted.summary.suppressed);
    expect(drifted.findings.every((f) => f.account === A && (f.status === 'fail' || f.status === 'error'))).toBe(true);
    expect(drifted.findings.some((f) => f.resource.id.includes(A))).toBe(true);
    expect(merged.accounts[2]!.error).toEqual({ kind: 'assume-role', message: expect.stringContaining(C) });
    expect(merged.accounts[2]!.summary).toEqual({ pass: 0, fail: 0, skip: 0, error: 0, suppressed: 0 });
    expect(merged.totals.verdicts).toEqual({ pass: 1, fail: 1, incomplete: 1, error: 1, missing: 0 });
    expect(merged.totals.results.fail).toBe(merged.accounts.reduce((n, a) => n + a.summary.fail, 0));
    expect(merged.complete).toBe(false);
    expect(merged.missingAccounts).toEqual([]);
  });

  it('is complete when every account is pass or fail', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [B]: 'compliant' })]);
    expect(merged.complete).toBe(true);
  });

  it('writes what the merged report schema accepts', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [C]: 'error', [D]: 'partial' }, { expected: [A, B, C, D] })]);
    const validate = schemaValidator('multiReport');
    expect(validate({ $schema: 'https://infra-audit.dev/schemas/multi-report.schema.json', ...merged }), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('lists an expected account that no run has as missing, and is incomplete', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'compliant' }, { expected: [A, B] })], { expectedAccounts: [C] });
    expect(merged.missingAccounts).toEqual([B, C]);
    expect(merged.accounts.map((a) => [a.accountId, a.verdict])).toEqual([[A, 'pass'], [B, 'missing'], [C, 'missing']]);
    expect(merged.complete).toBe(false);
  });

  it('is incomplete when the run says incomplete though the report says complete, and the reverse', async () => {
    const runA = await runOf({ [A]: 'compliant' });
    runA.manifest.accounts[0]!.status = 'incomplete';
    expect(mergeRuns([runA]).accounts[0]!.verdict).toBe('incomplete');
    const runB = await runOf({ [B]: 'compliant' });
    runB.reports.get(B)!.complete = false;
    expect(mergeRuns([runB]).accounts[0]!.verdict).toBe('incomplete');
    expect(mergeRuns([runB]).complete).toBe(false);
  });

  it('builds the coverage matrix account x region x service, sorted', async () => {
    const merged = mergeRuns([await runOf({ [B]: 'partial', [A]: 'compliant' })]);
    expect(merged.coverage.map((c) => `${c.account}/${c.region}/${c.service}=${c.state}`)).toEqual([
      `${A}/eu-west-1/ecs=read`, `${A}/eu-west-1/rds=read`, `${A}/global/cloudfront=read`,
      `${B}/eu-west-1/ecs=read`, `${B}/eu-west-1/rds=failed`, `${B}/global/cloudfront=read`,
    ]);
  });

  it('refuses an account audited by two runs, naming both', async () => {
    const one = await runOf({ [A]: 'compliant', [B]: 'compliant' }, { source: 'shard-1/run.json' });
    const two = await runOf({ [B]: 'drifted' }, { source: 'shard-2/run.json' });
    expect(() => mergeRuns([one, two])).toThrow(InputError);
    expect(() => mergeRuns([one, two])).toThrow(`account ${B} is in both shard-1/run.json and shard-2/run.json`);
  });

  it('refuses an account listed twice in one run', async () => {
    const run = await runOf({ [A]: 'compliant' });
    run.manifest.accounts.push({ ...run.manifest.accounts[0]! });
    expect(() => mergeRuns([run])).toThrow(`account ${A} is twice in out/run.json`);
  });

  it('refuses a complete account without a report, and a report about another account', async () => {
    const run = await runOf({ [A]: 'compliant' });
    (run.reports as Map<string, unknown>).clear();
    expect(() => mergeRuns([run])).toThrow(`account ${A} is complete but its report is missing`);
    const other = await runOf({ [A]: 'compliant' });
    (other.reports as Map<string, unknown>).set(A, { ...other.reports.get(A)!, account: B });
    expect(() => mergeRuns([other])).toThrow(`the report of account ${A} is about account ${B}`);
  });

  describe('shards', () => {
    const ids = accountIds(24);
    const plan = (subset: string[]): Plan => Object.fromEntries(subset.map((id) => [id, (['drifted', 'compliant', 'partial', 'error'] as const)[ids.indexOf(id) % 4]!]));
    const shardRuns = () => Promise.all([1, 2, 3, 4].map((i) => runOf(plan(selectShard(ids, i, 4)), { source: `shard-${i}/run.json`, expected: ids, shard: { index: i, count: 4 } })));

    it('4 shards merge to what one run over every account gives', async () => {
      const whole = mergeRuns([await runOf(plan(ids), { expected: ids })]);
      const sharded = mergeRuns(await shardRuns());
      expect(sharded.shards).toEqual({ count: 4, merged: [1, 2, 3, 4], missing: [] });
      const { shards: _a, ...wholeRest } = whole;
      const { shards: _b, ...shardedRest } = sharded;
      expect(shardedRest).toEqual(wholeRest);
      expect(whole.accounts).toHaveLength(24);
    });

    it('a missing shard makes its accounts missing and the merge incomplete', async () => {
      const runs = await shardRuns();
      const merged = mergeRuns([runs[0]!, runs[1]!, runs[3]!]);
      expect(merged.shards).toEqual({ count: 4, merged: [1, 2, 4], missing: [3] });
      expect(merged.missingAccounts).toEqual([...selectShard(ids, 3, 4)].sort());
      expect(merged.complete).toBe(false);
      expect(merged.warnings[0]).toBe('shard 3/4 not merged');
    });

    it('a missing shard is noticed even when the manifests expect only their own accounts', async () => {
      const runs = await Promise.all([1, 2].map((i) => runOf(plan(selectShard(ids, i, 3)), { shard: { index: i, count: 3 }, source: `s${i}` })));
      const merged = mergeRuns(runs);
      expect(merged.missingAccounts).toEqual([]);
      expect(merged.shards?.missing).toEqual([3]);
      expect(merged.complete).toBe(false);
    });

    it('refuses shards of different counts, and one shard given twice', async () => {
      const runs = await shardRuns();
      const odd = await runOf({}, { shard: { index: 1, count: 3 }, source: 'odd/run.json' });
      expect(() => mergeRuns([runs[0]!, odd])).toThrow('shard 1/3 cannot be merged with shards of 4 (shard-1/run.json)');
      const again = await runOf({}, { shard: { index: 2, count: 4 }, source: 'again/run.json' });
      expect(() => mergeRuns([runs[1]!, again])).toThrow('shard 2/4 is in both shard-2/run.json and again/run.json');
    });
  });
});
