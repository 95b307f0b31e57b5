// `scan --accounts FILE` / `scan --organization`: the flags of a multi-account run, checked before any
// account is read, then src/accounts/ does the work. Loaded by scan-run only when one of them is given.
import { resolve } from 'node:path';
import { checkFilter } from '../audit.js';
import { loadAccountsFile } from '../accounts/accounts-file.js';
import { discoverOrganization, parseTagFilter } from '../accounts/organization.js';
import { prepareOutputDir } from '../accounts/output-dir.js';
import { anyFailureAtOrAbove, DEFAULT_MAX_ACCOUNTS_IN_FLIGHT, runAccounts } from '../accounts/run.js';
import type { AccountRun } from '../accounts/manifest.js';
import type { AccountTarget } from '../accounts/targets.js';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec, type LoadedSpec } from '../engine/spec.js';
import { EXIT, UsageError } from '../errors.js';
import { filterOf, type CheckArgs } from './report-run.js';
import { specFileOf } from './spec-file.js';
import { DEFAULT_TIMEOUT_SECONDS, type CollectArgs } from './scan-args.js';
import type { CliIO } from './io.js';

export interface AccountsArgs {
  accounts?: string;
  organization?: boolean;
  memberRole?: string;
  ou?: string[];
  accountTag?: string[];
  outputDir?: string;
  force?: boolean;
  maxAccountsInFlight?: number;
  runTimeout?: number;
}

/** A run over many accounts has a day at most; each account keeps scan's own --timeout. */
const DEFAULT_RUN_TIMEOUT_SECONDS = 86_400;

export async function runScanAccounts(args: AccountsArgs & CollectArgs & CheckArgs, io: CliIO): Promise<number> {
  checkFlags(args);
  const rules = await loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined);
  checkFilter(filterOf(args), rules.map((l) => l.rule.id));
  const accountTimeoutMs = seconds('--timeout', args.timeout ?? DEFAULT_TIMEOUT_SECONDS);
  const runTimeoutMs = seconds('--run-timeout', args.runTimeout ?? DEFAULT_RUN_TIMEOUT_SECONDS);
  const found = args.accounts
    ? { targets: await loadAccountsFile(resolve(io.cwd, args.accounts)), skipped: [] }
    : await discoverOrganization(
        { memberRole: args.memberRole!, ...(args.externalId && { externalId: args.externalId }), ...(args.ou && { ous: args.ou }), tags: parseTagFilter(args.accountTag), ...(args.region?.length && { regions: args.region }) },
        { ...args.clientOptions, ...(args.profile && { profile: args.profile }), timeoutMs: accountTimeoutMs },
      );
  for (const s of found.skipped) io.stderr.write(`infra-audit: skipping ${s.id}${s.name ? ` (${s.name})` : ''}: ${s.reason}\n`);
  const targets = found.targets.map((t) => (args.region?.length && !t.regions ? { ...t, regions: args.region } : t));
  if (!targets.length) throw new UsageError(args.accounts ? `${args.accounts}: no accounts to audit` : 'the organization has no ACTIVE account matching --ou / --account-tag');
  // Every spec is read before any account is: a bad one is exit 2 now, not an error in account 87.
  const specOf = await loadSpecs(targets, args.spec, io);
  const outDir = resolve(io.cwd, args.outputDir!);
  await prepareOutputDir(outDir, { force: args.force === true });
  const manifest = await runAccounts({
    targets, skipped: found.skipped, outDir, specOf, rules, filter: filterOf(args),
    ...(args.clientOptions && { clientOptions: args.clientOptions }),
    ...(args.collectors && { collectors: args.collectors }),
    maxAccountsInFlight: args.maxAccountsInFlight ?? DEFAULT_MAX_ACCOUNTS_IN_FLIGHT,
    accountTimeoutMs, runTimeoutMs, baseDir: io.cwd,
    ...(io.signal && { signal: io.signal }),
    onAccount: (a, done, total) => io.stderr.write(`infra-audit: [${done}/${total}] ${label(a)}: ${statusLine(a)}\n`),
  });
  io.stdout.write(summaryTable(manifest.accounts));
  io.stderr.write(`infra-audit: wrote ${args.outputDir}/<account>/snapshot.json, report.json and ${args.outputDir}/run.json\n`);
  if (manifest.accounts.some((a) => a.status !== 'complete')) return EXIT.incomplete;
  return anyFailureAtOrAbove(manifest.accounts, args.failOn) ? EXIT.findings : EXIT.ok;
}

function checkFlags(args: AccountsArgs & CollectArgs & CheckArgs): void {
  if (args.accounts && args.organization) throw new UsageError('--accounts and --organization: give one (a file of accounts, or the organization\'s)');
  if (!args.outputDir) throw new UsageError(`${args.accounts ? '--accounts' : '--organization'} needs --output-dir DIR (one snapshot and report per account, and run.json)`);
  if (args.organization && !args.memberRole) throw new UsageError('--organization needs --member-role NAME: the role assumed in each member account');
  if (args.memberRole && (args.memberRole.startsWith('arn:') || !/^[\w+=,.@/-]{1,512}$/.test(args.memberRole))) {
    throw new UsageError(`--member-role ${args.memberRole}: give the role's name; it is assumed in each account as arn:aws:iam::<id>:role/<name>`);
  }
  if (args.accounts && (args.memberRole || args.ou?.length || args.accountTag?.length)) throw new UsageError('--member-role, --ou and --account-tag go with --organization; the accounts file names each account\'s role');
  for (const [flag, given] of [['--output', args.output], ['--role-arn', args.roleArn], ['--json', args.json], ['--sarif', args.sarif], ['--markdown', args.markdown], ['--csv', args.csv], ['--previous', args.previous]] as const) {
    if (given !== undefined) throw new UsageError(`${flag} is for one account; with many, each account's snapshot and report are in --output-dir`);
  }
  if (args.format !== 'table') throw new UsageError('--format: a multi-account run prints its per-account table; the reports are in --output-dir');
  const cap = args.maxAccountsInFlight;
  if (cap !== undefined && (!Number.isInteger(cap) || cap < 1 || cap > 256)) throw new UsageError(`--max-accounts-in-flight must be a whole number from 1 to 256 (got ${String(cap)})`);
}

function seconds(flag: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > 86_400) throw new UsageError(`${flag} must be a number of seconds above 0 and at most 86400 (got ${String(value)})`);
  return value * 1000;
}

async function loadSpecs(targets: AccountTarget[], defaultSpec: string | undefined, io: CliIO): Promise<(t: AccountTarget) => LoadedSpec> {
  const files = new Map<string, string>();
  for (const t of targets) {
    const ref = t.spec ?? defaultSpec;
    const key = ref ?? '';
    if (!files.has(key)) files.set(key, specFileOf(ref, io));
  }
  const loaded = new Map<string, LoadedSpec>();
  for (const [key, file] of files) loaded.set(key, await loadSpec(file));
  return (t) => loaded.get(t.spec ?? defaultSpec ?? '')!;
}

const label = (a: AccountRun) => (a.name ? `${a.accountId} (${a.name})` : a.accountId);

function statusLine(a: AccountRun): string {
  if (a.error) return `error (${a.error.kind}): ${a.error.message}`;
  const fails = Object.values(a.failures ?? {}).reduce((n, x) => n + (x ?? 0), 0);
  const unread = a.coverage.filter((c) => c.state !== 'read');
  return `${a.status}, ${fails} failure(s)${unread.length ? `, not read: ${unread.map((c) => `${c.service}@${c.region} ${c.state}`).join(', ')}` : ''}`;
}

/** One line per account, errors and incomplete ones first: the run's answer at a glance. */
function summaryTable(accounts: readonly AccountRun[]): string {
  const order = { error: 0, incomplete: 1, complete: 2 } as const;
  const rows = [...accounts].sort((a, b) => order[a.status] - order[b.status] || (a.accountId < b.accountId ? -1 : 1));
  return rows.map((a) => `${a.accountId}  ${(a.name ?? '').padEnd(24)}  ${statusLine(a)}`).join('\n') + '\n';
}
