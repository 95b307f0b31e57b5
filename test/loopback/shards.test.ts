// --shard i/N over the wire: the N shards audit disjoint shares that together are every account, each
// run.json names every expected account, and merging the N shard runs gives the same merged result as
// one unsharded run; a missing shard leaves its accounts missing and the merge incomplete.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadRunDir } from '../../src/accounts/load-run.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { mergeRuns } from '../../src/multi/merge.js';
import type { MultiReport } from '../../src/multi/types.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { accountIds, serveAccounts } from './accounts.js';
import { accountsFile, scanAccountsOnWire, tempDir } from './scan-accounts-on-wire.js';

let server: AwsLoopbackServer;
beforeAll(async () => {
  server = await shopflowServer();
});
afterAll(() => server.close());

const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ec2' || c.service === 'rds');
/** What must not depend on how the accounts were split: everything but the runs' own times and paths. */
const comparable = (r: MultiReport) => ({
  complete: r.complete, expectedAccounts: r.expectedAccounts, missingAccounts: r.missingAccounts, totals: r.totals, coverage: r.coverage,
  accounts: r.accounts.map((a) => ({ accountId: a.accountId, verdict: a.verdict, status: a.status, summary: a.summary, findings: a.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`) })),
});

it('4 shards + merge = one run; a missing shard is missing accounts and an incomplete merge', { timeout: 240_000 }, async () => {
  const ids = accountIds(12);
  serveAccounts(server, { managementAccount: '111111111111', root: 'r-ab12', accounts: ids.map((id) => ({ id, ...(id === ids[5] && { deny: ['RDS:DescribeDBInstances'] }) })) });
  const file = accountsFile({ defaults: { role: 'audit' }, accounts: ids.map((id) => ({ id })) });
  const json = join(tempDir(), 'merged.json');
  const whole = await scanAccountsOnWire(server, { accounts: file, json }, { collectors });
  expect(whole.code, whole.stderr).toBe(3); // ids[5] lacks RDS
  const merged = JSON.parse(readFileSync(json, 'utf8')) as MultiReport;
  expect(merged.expectedAccounts).toEqual(ids);

  const shards = [];
  for (let i = 1; i <= 4; i++) shards.push(await scanAccountsOnWire(server, { accounts: file, shard: `${i}/4` }, { collectors }));
  const shares = shards.map((s) => s.manifest!.accounts.map((a) => a.accountId));
  expect(shares.flat().sort()).toEqual(ids);
  for (const [i, s] of shards.entries()) {
    expect(s.manifest!.shard).toEqual({ index: i + 1, count: 4 });
    expect(s.manifest!.expectedAccounts).toEqual(ids);
  }
  const runs = await Promise.all(shards.map((s) => loadRunDir(s.outDir)));
  expect(comparable(mergeRuns(runs))).toEqual(comparable(merged));

  const withoutLast = mergeRuns(runs.slice(0, 3));
  expect(withoutLast.complete).toBe(false);
  expect(withoutLast.missingAccounts).toEqual([...shares[3]!].sort());
});

it('--shard that is not i/N is exit 2 before any call', async () => {
  const scan = await scanAccountsOnWire(server, { accounts: accountsFile({ accounts: [{ id: '123456789012', role: 'audit' }] }), shard: '5/4' });
  expect(scan.code).toBe(2);
  expect(scan.stderr).toMatch(/--shard 5\/4: the shard index must be 1 to 4/);
});
