// A hundred accounts in one scan --accounts run over the wire: each assumed once, identified once, read
// as itself, audited and written; one denied account is that account's error (exit 3) and the other
// ninety-nine complete. Call counts, never wall-clock time (`npm run bench` measures that).
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { accountIds, serveAccounts } from './accounts.js';
import { accountsFile, scanAccountsOnWire } from './scan-accounts-on-wire.js';

let server: AwsLoopbackServer;
beforeAll(async () => {
  server = await shopflowServer();
});
afterAll(() => server.close());

// Two services per account keep the test's CPU modest; every account still goes through the whole
// pipeline (assume, identify, read, link, audit, write).
const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ec2' || c.service === 'rds');

it('100 accounts: one AssumeRole and one identity per account, each read as itself; one denied -> exit 3, 99 complete', { timeout: 240_000 }, async () => {
  const ids = accountIds(100);
  const denied = ids[37]!;
  const wire = serveAccounts(server, { managementAccount: '111111111111', root: 'r-ab12', accounts: ids.map((id) => ({ id, ...(id === denied && { denyAssume: true }) })) });
  const file = accountsFile({ defaults: { role: 'infra-audit-readonly' }, accounts: ids.map((id) => ({ id })) });
  const scan = await scanAccountsOnWire(server, { accounts: file, maxAccountsInFlight: 8 }, { collectors });
  expect(scan.code, scan.stderr.slice(0, 2000)).toBe(3);
  const accounts = scan.manifest!.accounts;
  expect(accounts.map((a) => a.accountId)).toEqual(ids);
  expect(accounts.filter((a) => a.status === 'complete').length).toBe(99);
  expect(accounts.find((a) => a.accountId === denied)).toMatchObject({ status: 'error', error: { kind: 'assume-role' } });
  expect(readdirSync(scan.outDir).filter((f) => /^\d{12}$/.test(f)).length).toBe(99);
  for (const id of ids) if (id !== denied) expect(wire.assumed.get(id), id).toBe(1);
  // The denial is not retried, nor is the role asked for again by each client.
  expect(server.requestsFor('STS:AssumeRole').filter((r) => String(r.params.RoleArn).includes(denied))).toHaveLength(1);
  // Each account asked who it is once, with its own keys; every read was signed as one of the 99.
  const identities = server.requestsFor('STS:GetCallerIdentity');
  expect(identities.length).toBe(99);
  expect(new Set(identities.map((r) => wire.accountOf(r.accessKeyId))).size).toBe(99);
  const reads = server.requests.filter((r) => r.client === 'EC2' || r.client === 'RDS');
  const perAccount = new Map<string, number>();
  for (const r of reads) perAccount.set(wire.accountOf(r.accessKeyId)!, (perAccount.get(wire.accountOf(r.accessKeyId)!) ?? 0) + 1);
  expect(perAccount.has(denied)).toBe(false);
  expect(perAccount.size).toBe(99);
  // Every account made the same reads (its account is the same recording): none was cut short.
  expect(new Set(perAccount.values()).size).toBe(1);
});
