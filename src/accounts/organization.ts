// `scan --organization`: the member accounts of an AWS Organization, read with the caller's (management
// or delegated administrator) credentials through the SDK's paginators. Filtered by OU (nested OUs
// included) and by account tag; only ACTIVE accounts are audited, the others are listed as skipped with
// their state, never silently dropped. The member role is assumed later, per account, by the runner.
import {
  OrganizationsClient, paginateListAccounts, paginateListAccountsForParent, paginateListOrganizationalUnitsForParent, paginateListTagsForResource,
  type Account,
} from '@aws-sdk/client-organizations';
import { IncompleteAnswerError } from '../collect/answer.js';
import { CollectionError, UsageError } from '../errors.js';
import { ClientFactory, type ClientOptions } from '../collect/clients.js';
import { startDeadline } from '../collect/deadline.js';
import type { AccountTarget, SkippedAccount } from './targets.js';
import { roleArnIn } from './accounts-file.js';

/** What the discovery calls, for the IAM policy of the discovering principal and the loopback server. */
export const ORGANIZATIONS_READS = {
  sdkClient: 'Organizations', sdkPackage: '@aws-sdk/client-organizations', iamPrefix: 'organizations',
  operations: ['ListAccounts', 'ListAccountsForParent', 'ListOrganizationalUnitsForParent', 'ListTagsForResource'],
} as const;

export interface OrganizationQuery {
  /** The NAME of the role assumed in each member account (arn:aws:iam::<id>:role/<name>). */
  memberRole: string;
  externalId?: string;
  /** OU ids (ou-xxxx-yyyyyyyy) or root ids (r-xxxx): accounts anywhere beneath them. Empty: every account. */
  ous?: string[];
  /** key=value: an account is kept when it carries every one of these tags. */
  tags?: Record<string, string>;
  regions?: string[];
  spec?: string;
}

/** Organizations is a global service served from us-east-1. */
const ORGANIZATIONS_REGION = 'us-east-1';
/** AWS allows five levels of OUs under the root; deeper means the answers are wrong. */
const MAX_OU_DEPTH = 6;

export async function discoverAccounts(clients: ClientFactory, query: OrganizationQuery, signal?: AbortSignal): Promise<{ targets: AccountTarget[]; skipped: SkippedAccount[] }> {
  const client = clients.get(OrganizationsClient, ORGANIZATIONS_REGION);
  const accounts = query.ous?.length ? await accountsUnder(client, query.ous, signal) : await collect(paginateListAccounts({ client }, {}), signal);
  const targets: AccountTarget[] = [];
  const skipped: SkippedAccount[] = [];
  for (const account of dedupe(accounts).sort((a, b) => (a.Id! < b.Id! ? -1 : 1))) {
    const id = account.Id!;
    const name = account.Name || undefined;
    if (query.tags && Object.keys(query.tags).length && !(await hasTags(client, id, query.tags, signal))) continue;
    const state = account.State ?? account.Status;
    if (state !== 'ACTIVE') {
      skipped.push({ id, ...(name && { name }), reason: `the account is ${state ?? 'in no known state'} in the organization` });
      continue;
    }
    targets.push({
      id, origin: 'organization', ...(name && { name }),
      roleArn: roleArnIn(id, query.memberRole),
      ...(query.externalId && { externalId: query.externalId }),
      ...(query.regions?.length && { regions: query.regions }),
      ...(query.spec && { spec: query.spec }),
    });
  }
  return { targets, skipped };
}

/** `k=v` flags as a tag filter; a flag without `=` is a usage error. */
export function parseTagFilter(flags: readonly string[] = []): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const flag of flags) {
    const at = flag.indexOf('=');
    if (at <= 0) throw new UsageError(`--account-tag ${flag}: expected KEY=VALUE`);
    tags[flag.slice(0, at)] = flag.slice(at + 1);
  }
  return tags;
}

async function accountsUnder(client: OrganizationsClient, parents: string[], signal?: AbortSignal): Promise<Account[]> {
  for (const p of parents) if (!/^(ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}|r-[0-9a-z]{4,32})$/.test(p)) throw new UsageError(`--ou ${p}: not an OU id (ou-xxxx-yyyyyyyy) or a root id (r-xxxx)`);
  const found: Account[] = [];
  let level = [...new Set(parents)];
  for (let depth = 0; level.length; depth++) {
    if (depth >= MAX_OU_DEPTH) throw new IncompleteAnswerError(`Organizations: OUs nested deeper than ${MAX_OU_DEPTH} levels under ${parents.join(', ')}`);
    const next: string[] = [];
    for (const parent of level) {
      found.push(...(await collect(paginateListAccountsForParent({ client }, { ParentId: parent }), signal)));
      for await (const page of paginateListOrganizationalUnitsForParent({ client }, { ParentId: parent })) {
        signal?.throwIfAborted();
        if (!page.OrganizationalUnits) throw new IncompleteAnswerError('Organizations:ListOrganizationalUnitsForParent: answer without OrganizationalUnits');
        next.push(...page.OrganizationalUnits.map((ou) => ou.Id!).filter(Boolean));
      }
    }
    level = next;
  }
  return found;
}

async function collect(pages: AsyncIterable<{ Accounts?: Account[] }>, signal?: AbortSignal): Promise<Account[]> {
  const accounts: Account[] = [];
  for await (const page of pages) {
    signal?.throwIfAborted();
    // An answer without its list is not "no accounts": the discovery failed.
    if (!page.Accounts) throw new IncompleteAnswerError('Organizations: an account listing answered without Accounts');
    for (const a of page.Accounts) {
      if (!a.Id || !/^\d{12}$/.test(a.Id)) throw new IncompleteAnswerError(`Organizations: an account without a valid id (${JSON.stringify(a.Id ?? null)})`);
      accounts.push(a);
    }
  }
  return accounts;
}

async function hasTags(client: OrganizationsClient, id: string, wanted: Record<string, string>, signal?: AbortSignal): Promise<boolean> {
  const tags = new Map<string, string>();
  for await (const page of paginateListTagsForResource({ client }, { ResourceId: id })) {
    signal?.throwIfAborted();
    if (!page.Tags) throw new IncompleteAnswerError(`Organizations:ListTagsForResource ${id}: answer without Tags`);
    for (const t of page.Tags) if (t.Key !== undefined) tags.set(t.Key, t.Value ?? '');
  }
  return Object.entries(wanted).every(([k, v]) => tags.get(k) === v);
}

const dedupe = (accounts: Account[]) => [...new Map(accounts.map((a) => [a.Id!, a])).values()];

/**
 * Discovery with the base credentials (`options.credentials`, else the default chain or `profile`),
 * under its own deadline. A discovery that fails is not "no accounts": the run cannot know what to
 * audit, so it stops as incomplete (exit 3), naming the failure.
 */
export async function discoverOrganization(query: OrganizationQuery, options: ClientOptions & { timeoutMs: number }): Promise<{ targets: AccountTarget[]; skipped: SkippedAccount[] }> {
  const deadline = startDeadline(options.timeoutMs);
  const { timeoutMs: _unused, ...clientOptions } = options;
  const clients = new ClientFactory({ ...clientOptions, signal: deadline.signal });
  try {
    return await discoverAccounts(clients, query, deadline.signal);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = err as { name?: string; message?: string };
    throw new CollectionError(`cannot list the organization's accounts (${e?.name ?? 'Error'}: ${(e?.message ?? String(err)).split('\n')[0]}): the run needs organizations:ListAccounts${query.ous?.length ? ', ListAccountsForParent, ListOrganizationalUnitsForParent' : ''}${query.tags && Object.keys(query.tags).length ? ', ListTagsForResource' : ''} in the management or delegated administrator account`);
  } finally {
    deadline.clear();
    clients.destroy();
  }
}
