// The accounts file of `scan --accounts FILE` (schemas/accounts.schema.json): validated like every other
// input (file, line, column, pointer; exit 2), then turned into targets with each account's defaults
// applied and its spec resolved to what `--spec` would take.
import { dirname, resolve } from 'node:path';
import { readJson } from '../input/json-source.js';
import { assertValid } from '../input/schemas.js';
import { isSpecName } from '../engine/bundled-specs.js';
import type { AccountTarget } from './targets.js';

interface AccountEntry { id: string; name?: string; role?: string; profile?: string; externalId?: string; regions?: string[]; spec?: string; environment?: string }
interface AccountsFile { defaults?: { role?: string; regions?: string[]; spec?: string }; accounts: AccountEntry[] }

export async function loadAccountsFile(file: string): Promise<AccountTarget[]> {
  const source = await readJson(file);
  assertValid('accounts', source);
  const { defaults = {}, accounts } = source.value as AccountsFile;
  const base = dirname(file);
  // A spec named in the file is relative to the file, as `extends` is in a spec; a bundled name stays a name.
  const specRef = (ref: string) => (isSpecName(ref) ? ref : resolve(base, ref));
  const seen = new Map<string, number>();
  return accounts.map((entry, index) => {
    const at = `/accounts/${index}`;
    const first = seen.get(entry.id);
    // The same account twice would be audited twice and merged as one: say which entry repeats it.
    if (first !== undefined) throw source.error(`${at}/id`, `account ${entry.id} is already listed at /accounts/${first}`);
    seen.set(entry.id, index);
    const named = entry.role ?? (entry.profile ? undefined : defaults.role);
    const role = named && roleArnIn(entry.id, named);
    // A role in another account would audit that account under this id: refused here, and checked again on the wire.
    if (role && role.split(':')[4] !== entry.id) {
      throw source.error(entry.role ? `${at}/role` : '/defaults/role', `the role ${role} is in account ${role.split(':')[4]}, not ${entry.id}: name a role in the account it audits (or just the role's name)`);
    }
    if (entry.environment && !defaults.spec) throw source.error(`${at}/environment`, 'an environment names an overlay of the default spec: set /defaults/spec');
    const spec = entry.spec ? specRef(entry.spec) : entry.environment ? environmentSpec(specRef(defaults.spec!), entry.environment) : defaults.spec && specRef(defaults.spec);
    const regions = entry.regions ?? defaults.regions;
    return {
      id: entry.id,
      origin: `${file} ${at}`,
      ...(entry.name && { name: entry.name }),
      ...(role && { roleArn: role }),
      ...(entry.externalId && { externalId: entry.externalId }),
      ...(entry.profile && { profile: entry.profile }),
      ...(regions && { regions }),
      ...(spec && { spec }),
    };
  });
}

/** A role name becomes the role of that name in the account; an ARN stays as given. */
export function roleArnIn(accountId: string, role: string): string {
  return role.startsWith('arn:') ? role : `arn:aws:iam::${accountId}:role/${role.replace(/^\/+/, '')}`;
}

/** `shopflow` + staging -> `shopflow-staging`; `/x/app.json` + staging -> `/x/app-staging.json`. */
export function environmentSpec(spec: string, environment: string): string {
  if (isSpecName(spec)) return `${spec}-${environment}`;
  return spec.endsWith('.json') ? `${spec.slice(0, -'.json'.length)}-${environment}.json` : `${spec}-${environment}`;
}
