// `scan --accounts FILE` / `scan --organization`: the flags of a multi-account run, checked before any
// account is read, then src/accounts/ does the work. Loaded by scan-run only when one of them is given.
import { resolve } from 'node:path';
import { checkFilter } from '../audit.js';
import { loadAccountsFile } from '../accounts/accounts-file.js';
import { discoverOrganization, parseTagFilter } from '../accounts/organization.js';
import { prepareOutputDir } from '../accounts/output-dir.js';
import { anyFailureAtOrAbove, DEFAULT_MAX_ACCOUNTS_IN_FLIGHT, runAccounts } from '../accounts/run.js';
import { loadRunDir } from '../multi/load.js';
import { mergeRuns } from '../multi/merge.js';
import { renderMultiJson } from '../multi/render-json.js';
import { renderMultiMarkdown } from '../multi/render-markdown.js';
import type { ManifestAccount as AccountRun, MultiAccount, MultiReport } from '../multi/types.js';
import type { LoadedRule } from '../engine/types.js';
import { releaseTargets, type Target } from '../output/plan.js';
import { writeOutputs, type Output } from '../output/write.js';
import { checkSarifDir, multiSarifOutputs } from './multi-sarif.js';
import { withOutputs, writeOptions } from './outputs.js';
import type { AccountTarget } from '../accounts/targets.js';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec, type LoadedSpec } from '../engine/spec.js';
import { EXIT, UsageError } from '../errors.js';
import { filterOf, type CheckArgs } from './report-run.js';
import { parseShard, selectShard } from '../multi/shard.js';
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
  /** `i/N`: audit only this shard's accounts (src/multi/shard.ts); run.json still names every expected one. */
  shard?: string;
  /** SARIF split into files of at most 20 runs (accounts), as `merge --sarif-dir` writes them. */
  sarifDir?: string;
}

/** A run over many accounts has a day at most; each account keeps scan's own --timeout. */
const DEFAULT_RUN_TIMEOUT_SECONDS = 86_400;

export async function runScanAccounts(args: AccountsArgs & CollectArgs & CheckArgs, io: CliIO): Promise<number> {
  checkFlags(args);
  // The merged report's files are checked before any account is read, as scan checks its outputs.
  return withOutputs(io, [['--json', args.json], ['--sarif', args.sarif], ['--markdown', args.markdown]], [], (targets) => scanAccounts(args, io, targets));
}

async function scanAccounts(args: AccountsArgs & CollectArgs & CheckArgs, io: CliIO, outputs: Target[]): Promise<number> {
  const shard = args.shard !== undefined ? parseShard(args.shard) : null;
  if (args.sarifDir !== undefined) await checkSarifDir(args.sarifDir, io);
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
  const all = found.targets.map((t) => (args.region?.length && !t.regions ? { ...t, regions: args.region } : t));
  if (!all.length) throw new UsageError(args.accounts ? `${args.accounts}: no accounts to audit` : 'the organization has no ACTIVE account matching --ou / --account-tag');
  // A shard audits its share; an empty share is a valid shard (its run.json says what it was given).
  const mine = shard && new Set(selectShard(all.map((t) => t.id), shard.index, shard.count));
  const targets = mine ? all.filter((t) => mine.has(t.id)) : all;
  if (shard) io.stderr.write(`infra-audit: shard ${shard.index}/${shard.count}: ${targets.length} of ${all.length} account(s)\n`);
  // Every spec is read before any account is: a bad one is exit 2 now, not an error in account 87.
  const specOf = await loadSpecs(targets, args.spec, io);
  const outDir = resolve(io.cwd, args.outputDir!);
  await prepareOutputDir(outDir, { force: args.force === true });
  const manifest = await runAccounts({
    targets, skipped: found.skipped, expectedAccounts: all.map((t) => t.id), shard, outDir, specOf, rules, filter: filterOf(args),
    ...(args.clientOptions && { clientOptions: args.clientOptions }),
    ...(args.collectors && { collectors: args.collectors }),
    maxAccountsInFlight: args.maxAccountsInFlight ?? DEFAULT_MAX_ACCOUNTS_IN_FLIGHT,
    accountTimeoutMs, runTimeoutMs, baseDir: io.cwd,
    ...(io.signal && { signal: io.signal }),
    onAccount: (a, done, total) => io.stderr.write(`infra-audit: [${done}/${total}] ${label(a)}: ${statusLine(a)}\n`),
  });
  const merged = await writeMerged(args.outputDir!, outDir, outputs, args, { rules, specOf: (id) => specOf(targets.find((t) => t.id === id)!) }, io);
  io.stdout.write(summaryTable(manifest.accounts));
  io.stderr.write(`infra-audit: wrote ${args.outputDir}/<account>/snapshot.json, report.json and ${args.outputDir}/run.json\n`);
  if (manifest.accounts.some((a) => a.status !== 'complete') || (merged && !merged.complete)) return EXIT.incomplete;
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
  for (const [flag, given] of [['--output', args.output], ['--role-arn', args.roleArn], ['--csv', args.csv], ['--previous', args.previous]] as const) {
    if (given !== undefined) throw new UsageError(`${flag} is for one account; with many, each account's snapshot and report are in --output-dir`);
  }
  if (args.sarifDir !== undefined && resolve(args.sarifDir) === resolve(args.outputDir)) throw new UsageError('--sarif-dir must not be --output-dir: name a directory of its own for the SARIF files');
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

/**
 * The merged report (mergeRuns over this run) as JSON, Markdown and SARIF (a run per account): --sarif
 * holds every run, --sarif-dir splits them into files of at most 20, the same code as `merge`'s.
 */
async function writeMerged(
  outputDir: string, outDir: string, outputs: Target[], args: CheckArgs & AccountsArgs, ctx: { rules: LoadedRule[]; specOf: (id: string) => LoadedSpec }, io: CliIO,
): Promise<MultiReport | undefined> {
  if (!outputs.length && args.sarifDir === undefined) return undefined;
  // Read back as merge reads it (run.json and each report validated), so both merge the same thing.
  const report = mergeRuns([await loadRunDir(outputDir, outDir)]);
  const written: Output[] = [];
  for (const target of outputs) {
    if (target.flag === '--json') written.push({ target, content: renderMultiJson(report) });
    if (target.flag === '--markdown') written.push({ target, content: renderMultiMarkdown(report) });
  }
  const single = outputs.find((t) => t.flag === '--sarif');
  const chunks: Target[] = [];
  try {
    if (single || args.sarifDir !== undefined) {
      const sarifCtx = { rules: new Map(ctx.rules.map((l) => [l.rule.id, l])), specOf: (a: MultiAccount) => ctx.specOf(a.accountId), baseDir: io.cwd, allowIncomplete: args.allowIncomplete === true };
      written.push(...(await multiSarifOutputs(report, sarifCtx, { single, dir: args.sarifDir }, io, chunks)));
    }
    await writeOutputs(written, writeOptions(io));
  } finally {
    await releaseTargets(chunks);
  }
  return report;
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
