// `infra-audit merge DIR...`: one report from the output directories of `scan --accounts` runs (the
// shards of a matrix job, or one run). Exit 3 when the merged audit is incomplete (an account errored,
// was audited incompletely, or is expected and in no directory: named on stderr), else 1 when any
// account has an open finding, else 0. Bad input (a malformed run.json or report.json, one account in
// two directories, a bad --accounts or --expect-accounts file) is exit 2 naming the file(s).
import { resolve } from 'node:path';
import { EXIT, InputError } from '../errors.js';
import { loadAccountsFile } from '../accounts/accounts-file.js';
import { writeOutputs, type Output } from '../output/write.js';
import { releaseTargets, type Target } from '../output/plan.js';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec, type LoadedSpec } from '../engine/spec.js';
import { bundledSpecFile } from '../engine/bundled-specs.js';
import { loadExpectedAccounts, loadRunDir } from '../multi/load.js';
import { mergeRuns } from '../multi/merge.js';
import { renderMultiJson } from '../multi/render-json.js';
import { renderMultiMarkdown } from '../multi/render-markdown.js';
import type { MultiAccount, MultiReport } from '../multi/types.js';
import { withOutputs, writeOptions, type NamedInput } from './outputs.js';
import { specFileOf } from './spec-file.js';
import { checkSarifDir, multiSarifOutputs } from './multi-sarif.js';
import type { CliIO } from './io.js';

export interface MergeArgs {
  dirs: string[];
  /** The accounts file `scan --accounts` read: every account in it is expected. */
  accounts?: string;
  /** One account id per line: every one is expected. */
  expectAccounts?: string;
  json?: string;
  sarif?: string;
  sarifDir?: string;
  markdown?: string;
  rules?: string;
  spec?: string;
  allowIncomplete?: boolean;
}

export function runMerge(args: MergeArgs, io: CliIO): Promise<number> {
  const inputs: NamedInput[] = [...args.dirs.map((d): NamedInput => ['run directory', d, true]), ['--accounts', args.accounts], ['--expect-accounts', args.expectAccounts]];
  return withOutputs(io, [['--json', args.json], ['--sarif', args.sarif], ['--markdown', args.markdown]], inputs, async (targets) => {
    if (args.sarifDir !== undefined) await checkSarifDir(args.sarifDir, io);
    const runs = [];
    for (const dir of args.dirs) runs.push(await loadRunDir(dir, resolve(io.cwd, dir)));
    const expected = [
      ...(args.accounts ? await accountsFileIds(args.accounts, io) : []),
      ...(args.expectAccounts ? await loadExpectedAccounts(args.expectAccounts, resolve(io.cwd, args.expectAccounts)) : []),
    ];
    const merged = mergeRuns(runs, { expectedAccounts: expected });

    const outputs: Output[] = [];
    for (const t of targets) {
      if (t.flag === '--json') outputs.push({ target: t, content: renderMultiJson(merged) });
      if (t.flag === '--markdown') outputs.push({ target: t, content: renderMultiMarkdown(merged) });
    }
    const wantsSarif = targets.some((t) => t.flag === '--sarif') || args.sarifDir !== undefined;
    const sarifTargets: Target[] = [];
    try {
      if (wantsSarif) outputs.push(...(await sarifOutputs(merged, args, io, targets, sarifTargets)));
      await writeOutputs(outputs, writeOptions(io));
    } finally {
      await releaseTargets(sarifTargets);
    }
    report(merged, io);
    if (!merged.complete) return EXIT.incomplete;
    // An account fails on drift; an info note (the cost estimate) is no finding to exit 1 on, as in check.
    return merged.totals.verdicts.fail > 0 ? EXIT.findings : EXIT.ok;
  });
}

async function sarifOutputs(merged: MultiReport, args: MergeArgs, io: CliIO, targets: Target[], planned: Target[]): Promise<Output[]> {
  const [rules, specOf] = await Promise.all([
    loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined),
    specsOf(merged, args, io),
  ]);
  const ctx = { rules: new Map(rules.map((r) => [r.rule.id, r])), specOf, baseDir: io.cwd, allowIncomplete: args.allowIncomplete === true };
  return multiSarifOutputs(merged, ctx, { single: targets.find((t) => t.flag === '--sarif'), dir: args.sarifDir }, io, planned);
}

/** The ids of the accounts file, read and checked as `scan --accounts` reads it; messages name the file as given. */
async function accountsFileIds(file: string, io: CliIO): Promise<string[]> {
  const abs = resolve(io.cwd, file);
  try {
    return (await loadAccountsFile(abs)).map((t) => t.id);
  } catch (err) {
    if (err instanceof InputError && err.location.file === abs) throw new InputError(err.message, { ...err.location, file });
    throw err;
  }
}

/** The spec each account was audited against (--spec overrides), loaded once per file, to anchor SARIF lines. */
async function specsOf(merged: MultiReport, args: MergeArgs, io: CliIO): Promise<(a: MultiAccount) => LoadedSpec> {
  const fileOf = (a: MultiAccount) => {
    if (args.spec !== undefined) return specFileOf(args.spec, io);
    const bundled = a.spec?.bundled && bundledSpecFile(a.spec.bundled);
    return bundled || resolve(io.cwd, a.spec!.file);
  };
  const files = [...new Set(merged.accounts.filter((a) => a.spec).map(fileOf))];
  const loaded = new Map(await Promise.all(files.map(async (f) => [f, await loadSpec(f)] as const)));
  return (a) => loaded.get(fileOf(a))!;
}

function report(merged: MultiReport, io: CliIO): void {
  const v = merged.totals.verdicts;
  io.stdout.write(`${merged.totals.accounts} accounts: ${v.pass} pass, ${v.fail} fail, ${v.incomplete} incomplete, ${v.error} error, ${v.missing} missing (${merged.totals.results.fail} findings)\n`);
  for (const a of merged.accounts) {
    if (a.verdict === 'missing') io.stderr.write(`infra-audit: account ${a.accountId} is expected but in no merged run\n`);
    if (a.verdict === 'error') io.stderr.write(`infra-audit: account ${a.accountId} was not audited${a.error ? `: ${a.error.kind}: ${a.error.message}` : ''}\n`);
    if (a.verdict === 'incomplete') io.stderr.write(`infra-audit: account ${a.accountId} was audited incompletely\n`);
  }
  if (merged.shards?.missing.length) io.stderr.write(`infra-audit: shard ${merged.shards.missing.map((i) => `${i}/${merged.shards!.count}`).join(', ')} not merged\n`);
  if (!merged.complete) io.stderr.write('infra-audit: the merged audit is INCOMPLETE (exit 3): missing findings are not passes\n');
}
