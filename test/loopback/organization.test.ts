// scan --organization over the wire: member accounts discovered with the paginators (small pages),
// filtered by OU (nested OUs included) and tag, ACTIVE only with the others listed as skipped; the
// member role assumed in each; a discovery that fails is exit 3, never "no accounts".
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { accountIds, serveAccounts, type SimulatedOrganization } from './accounts.js';
import { scanAccountsOnWire } from './scan-accounts-on-wire.js';

let server: AwsLoopbackServer;
beforeAll(async () => {
  server = await shopflowServer();
});
afterEach(() => server.reset());
afterAll(() => server.close());

// Two services are enough to show each account was reached and read; the full scan is accounts.test.ts's.
const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ec2' || c.service === 'rds');
const ids = accountIds(7);
const ORG: SimulatedOrganization = {
  managementAccount: '111111111111', root: 'r-ab12', pageSize: 2,
  ous: { 'ou-ab12-prod0001': 'r-ab12', 'ou-ab12-prodeu01': 'ou-ab12-prod0001', 'ou-ab12-sandbox1': 'r-ab12' },
  accounts: [
    { id: ids[0]!, name: 'prod-us', parent: 'ou-ab12-prod0001', tags: { audit: 'yes' } },
    { id: ids[1]!, name: 'prod-eu', parent: 'ou-ab12-prodeu01', tags: { audit: 'yes', team: 'eu' } },
    { id: ids[2]!, name: 'prod-old', parent: 'ou-ab12-prodeu01', state: 'SUSPENDED', tags: { audit: 'yes' } },
    { id: ids[3]!, name: 'prod-untagged', parent: 'ou-ab12-prod0001' },
    { id: ids[4]!, name: 'sandbox', parent: 'ou-ab12-sandbox1', tags: { audit: 'yes' } },
    { id: ids[5]!, name: 'management-ish', tags: { audit: 'yes' } },
    { id: ids[6]!, name: 'closing', state: 'PENDING_CLOSURE' },
  ],
};

describe('scan --organization', () => {
  it('every ACTIVE account, across pages; the others skipped with their state', async () => {
    const wire = serveAccounts(server, ORG);
    const scan = await scanAccountsOnWire(server, { organization: true, memberRole: 'infra-audit-readonly' }, { collectors });
    expect(scan.code, scan.stderr).toBe(0);
    expect(scan.manifest!.accounts.map((a) => a.accountId)).toEqual([ids[0], ids[1], ids[3], ids[4], ids[5]]);
    expect(scan.manifest!.accounts.every((a) => a.status === 'complete')).toBe(true);
    expect(scan.manifest!.skipped).toEqual([
      { accountId: ids[2], name: 'prod-old', reason: 'the account is SUSPENDED in the organization' },
      { accountId: ids[6], name: 'closing', reason: 'the account is PENDING_CLOSURE in the organization' },
    ]);
    expect(scan.stderr).toMatch(new RegExp(`skipping ${ids[2]} \\(prod-old\\): the account is SUSPENDED`));
    // Seven accounts two to a page: four pages, each asked with the previous page's token.
    expect(server.requestsFor('Organizations:ListAccounts').map((r) => r.params.NextToken ?? null)).toEqual([null, '2', '4', '6']);
    expect([...wire.assumed.keys()].sort()).toEqual([ids[0], ids[1], ids[3], ids[4], ids[5]]);
    expect(server.requestsFor('STS:AssumeRole').map((r) => r.params.RoleArn)).toContain(`arn:aws:iam::${ids[1]}:role/infra-audit-readonly`);
  });

  it('--ou takes the accounts beneath it, nested OUs included; --account-tag keeps those with every tag', async () => {
    serveAccounts(server, ORG);
    const scan = await scanAccountsOnWire(server, { organization: true, memberRole: 'audit', ou: ['ou-ab12-prod0001'], accountTag: ['audit=yes'] }, { collectors });
    expect(scan.code, scan.stderr).toBe(0);
    // prod-untagged lacks the tag; prod-old is suspended (skipped, not audited); sandbox is elsewhere.
    expect(scan.manifest!.accounts.map((a) => a.accountId)).toEqual([ids[0], ids[1]]);
    expect(scan.manifest!.skipped!.map((s) => s.accountId)).toEqual([ids[2]]);
    expect(server.requestsFor('Organizations:ListAccounts')).toEqual([]);
    expect(new Set(server.requestsFor('Organizations:ListAccountsForParent').map((r) => r.params.ParentId))).toEqual(new Set(['ou-ab12-prod0001', 'ou-ab12-prodeu01']));
    const both = await scanAccountsOnWire(server, { organization: true, memberRole: 'audit', accountTag: ['audit=yes', 'team=eu'] }, { collectors });
    expect(both.manifest!.accounts.map((a) => a.accountId)).toEqual([ids[1]]);
  });

  it('a discovery that is denied stops the run as incomplete (exit 3), naming what it needs', async () => {
    serveAccounts(server, ORG);
    server.callers.reply = ((inner) => (caller, op, params) => (op === 'Organizations:ListAccounts' ? { error: 'AccessDeniedException', message: 'no', status: 400 } : inner!(caller, op, params)))(server.callers.reply);
    const scan = await scanAccountsOnWire(server, { organization: true, memberRole: 'audit' }, { collectors });
    expect(scan.code).toBe(3);
    expect(scan.stderr).toMatch(/cannot list the organization's accounts \(AccessDeniedException: no\).*organizations:ListAccounts/);
    expect(scan.manifest).toBeUndefined();
  });

  it.each([
    [{ organization: true }, /--member-role NAME/],
    [{ organization: true, memberRole: 'arn:aws:iam::111111111111:role/x' }, /give the role's name/],
    [{ organization: true, memberRole: 'audit', ou: ['finance'] }, /--ou finance: not an OU id/],
    [{ organization: true, memberRole: 'audit', accountTag: ['audit'] }, /--account-tag audit: expected KEY=VALUE/],
    [{ organization: true, memberRole: 'audit', accounts: 'a.json' }, /give one/],
    [{ organization: true, memberRole: 'audit', csv: 'r.csv' }, /--csv is for one account/],
  ])('flags that cannot be honoured are exit 2 before any call: %o', async (args, message) => {
    serveAccounts(server, ORG);
    const scan = await scanAccountsOnWire(server, args, { collectors });
    expect(scan.code).toBe(2);
    expect(scan.stderr).toMatch(message);
    expect(server.requests.filter((r) => r.client !== 'STS' || r.operation !== 'GetCallerIdentity')).toEqual([]);
  });
});
