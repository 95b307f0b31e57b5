// Many AWS accounts behind one loopback server, as a multi-account run meets them: an organization
// (accounts in OUs, with tags and states, paged as AWS pages them), AssumeRole into each member account
// returning credentials whose access key encodes the account, and every later call answered as that
// account: its identity, its recorded resources (a per-account fixture hook), its own denials.
import type { AwsLoopbackServer, Reply } from './aws-server.js';
import type { Scenario } from './scenario.js';

export interface SimulatedAccount {
  id: string;
  name?: string;
  /** Organizations' State (default ACTIVE). */
  state?: 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE' | 'CLOSED';
  /** The OU (or root) the account sits in (default: the root). */
  parent?: string;
  tags?: Record<string, string>;
  /** AssumeRole into this account answers AccessDenied. */
  denyAssume?: boolean;
  /** Operations ("RDS:DescribeDBInstances") this account's role is denied. */
  deny?: string[];
  /** How long the n-th credentials issued for this account (0-based) last (default an hour). */
  expiresInMs?: (issued: number) => number;
  /** This account's resources (default: the server's recorded account). */
  scenario?: Scenario;
  /** Whose credentials AssumeRole hands out (default this account's): a role whose trust leads elsewhere. */
  credentialsOf?: string;
}

export interface SimulatedOrganization {
  /** The caller's own account (the management account), for GetCallerIdentity with the base keys. */
  managementAccount: string;
  root: string;
  /** OU id -> its parent (an OU or the root). */
  ous?: Record<string, string>;
  accounts: SimulatedAccount[];
  /** Items per page of every Organizations listing (AWS's default is 20; small pages test paging). */
  pageSize?: number;
}

export interface AccountsOnWire {
  /** AssumeRole calls per account id (refreshes included). */
  assumed: Map<string, number>;
  /** The account an access key id belongs to (undefined: not one this server issued). */
  accountOf(accessKeyId: string | undefined): string | undefined;
}

const ISSUED = /^ASIA(\d{12})K\d+$/;

/** Installs the organization on the server: STS, Organizations and per-caller answers. */
export function serveAccounts(server: AwsLoopbackServer, org: SimulatedOrganization): AccountsOnWire {
  const byId = new Map(org.accounts.map((a) => [a.id, a]));
  const assumed = new Map<string, number>();
  const pageSize = org.pageSize ?? 20;
  const accountOf = (key: string | undefined) => (key && ISSUED.exec(key)?.[1]) || undefined;
  const callerAccount = (key: string | undefined) => accountOf(key) ?? org.managementAccount;

  server.callers = {
    scenario: (key) => byId.get(accountOf(key) ?? '')?.scenario,
    reply(key, operation, params) {
      const account = callerAccount(key);
      if (operation === 'STS:GetCallerIdentity') {
        return { ok: { Account: account, Arn: `arn:aws:sts::${account}:assumed-role/infra-audit/run`, UserId: 'AROALOOPBACK:run' } };
      }
      if (operation === 'STS:AssumeRole') return assumeRole(String(params.RoleArn ?? ''));
      if (operation.startsWith('Organizations:')) {
        // Only the management account's own keys may list the organization, as in AWS.
        if (accountOf(key)) return { error: 'AccessDeniedException', message: 'You do not have permission to access the organization.', status: 400 };
        return organizations(operation.slice('Organizations:'.length), params);
      }
      if (byId.get(account)?.deny?.includes(operation)) return { fault: { kind: 'deny' } };
      return undefined;
    },
  };

  function assumeRole(roleArn: string): Reply {
    const id = /^arn:aws:iam::(\d{12}):role\//.exec(roleArn)?.[1];
    const account = id ? byId.get(id) : undefined;
    if (!account || account.denyAssume) {
      return { error: 'AccessDenied', message: `User: arn:aws:sts::${org.managementAccount}:assumed-role/infra-audit/run is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, status: 403 };
    }
    const issued = assumed.get(account.id) ?? 0;
    assumed.set(account.id, issued + 1);
    const owner = account.credentialsOf ?? account.id;
    const expires = new Date(Date.now() + (account.expiresInMs?.(issued) ?? 3_600_000));
    return {
      ok: {
        Credentials: { AccessKeyId: `ASIA${owner}K${issued}`, SecretAccessKey: `secret-${owner}-${issued}`, SessionToken: `token-${owner}-${issued}`, Expiration: expires.toISOString() },
        AssumedRoleUser: { Arn: `arn:aws:sts::${owner}:assumed-role/${roleArn.split('/').pop()}/infra-audit`, AssumedRoleId: `AROA${owner}:infra-audit` },
      },
    };
  }

  function organizations(operation: string, params: Record<string, unknown>): Reply {
    const token = typeof params.NextToken === 'string' ? Number(params.NextToken) : 0;
    const page = <T>(items: T[], key: string): Reply => {
      const next = token + pageSize;
      return { ok: { [key]: items.slice(token, next), ...(next < items.length && { NextToken: String(next) }) } };
    };
    const parentOf = (a: SimulatedAccount) => a.parent ?? org.root;
    switch (operation) {
      case 'ListAccounts':
        return page(org.accounts.map(described), 'Accounts');
      case 'ListAccountsForParent':
        return page(org.accounts.filter((a) => parentOf(a) === params.ParentId).map(described), 'Accounts');
      case 'ListOrganizationalUnitsForParent':
        return page(Object.entries(org.ous ?? {}).filter(([, parent]) => parent === params.ParentId).map(([Id]) => ({ Id, Name: Id, Arn: `arn:aws:organizations::${org.managementAccount}:ou/o-loopback/${Id}` })), 'OrganizationalUnits');
      case 'ListTagsForResource':
        return page(Object.entries(byId.get(String(params.ResourceId))?.tags ?? {}).map(([Key, Value]) => ({ Key, Value })), 'Tags');
      default:
        return { error: 'UnscriptedOperation', message: `loopback: no Organizations:${operation}`, status: 400 };
    }
  }

  const described = (a: SimulatedAccount) => {
    const state = a.state ?? 'ACTIVE';
    return {
      Id: a.id, Arn: `arn:aws:organizations::${org.managementAccount}:account/o-loopback/${a.id}`, Email: `${a.id}@example.com`, Name: a.name ?? `account-${a.id}`,
      State: state, Status: state === 'ACTIVE' ? 'ACTIVE' : 'SUSPENDED', JoinedMethod: 'CREATED', JoinedTimestamp: 1_700_000_000,
    };
  };

  return { assumed, accountOf };
}

/** `n` account ids, 12 digits each, distinct from the recorded ShopFlow account. */
export const accountIds = (n: number, from = 200_000_000_000): string[] => Array.from({ length: n }, (_, i) => String(from + i));
