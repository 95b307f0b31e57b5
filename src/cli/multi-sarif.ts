// The SARIF outputs of a merged multi-account report, for both `scan --accounts` and `merge`: one run
// per account (src/multi/render-sarif.ts), either all in one `--sarif FILE` or split into files of at
// most 20 runs under `--sarif-dir DIR` (GitHub code scanning takes at most 20 runs per upload).
import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { MAX_RUNS_PER_UPLOAD, accountsWithRuns, multiSarifRuns, sarifDocuments, type MultiSarifContext } from '../multi/render-sarif.js';
import { loadCitations, type ReportCitations } from '../report/sarif-citations.js';
import type { LoadedSpec } from '../engine/spec.js';
import type { MultiReport } from '../multi/types.js';
import { planOutputs, type Target } from '../output/plan.js';
import type { Output } from '../output/write.js';
import type { CliIO } from './io.js';

/** The name of chunk `n` (1-based) in a --sarif-dir. */
export const sarifChunkName = (n: number) => `infra-audit-${n}.sarif`;

/**
 * `--sarif-dir DIR` must be new or empty: a chunk an earlier run left there would be uploaded again.
 * Checked before any work (scan --accounts reads accounts for hours) and again when writing.
 */
export async function checkSarifDir(dir: string, io: CliIO): Promise<void> {
  const abs = resolve(io.cwd, dir);
  const stat = await lstat(abs).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new UsageError(`--sarif-dir ${dir}: cannot be examined (${err.code})`);
  });
  if (!stat) return;
  if (!stat.isDirectory()) throw new UsageError(`--sarif-dir ${dir}: exists and is not a directory`);
  if ((await readdir(abs)).length) throw new UsageError(`--sarif-dir ${dir}: is not empty; name a new or empty directory`);
}

/**
 * The SARIF outputs to write: `single` (the --sarif target) gets every run, `dir` the chunks. The chunk
 * targets are planned here and pushed to `planned`, for the caller to release once written.
 */
export async function multiSarifOutputs(
  merged: MultiReport,
  ctx: MultiSarifContext,
  where: { single?: Target | undefined; dir?: string | undefined },
  io: CliIO,
  planned: Target[],
): Promise<Output[]> {
  // Each spec's document is read once, whatever the number of accounts audited against it.
  const citations = new Map<LoadedSpec, ReportCitations | undefined>();
  for (const account of accountsWithRuns(merged, ctx.allowIncomplete === true)) {
    const spec = ctx.specOf(account);
    if (!citations.has(spec)) citations.set(spec, await loadCitations(spec, (w) => io.stderr.write(`infra-audit: warning: ${w}\n`)));
  }
  const { runs, omitted } = multiSarifRuns(merged, { ...ctx, citationsOf: (spec) => citations.get(spec) });
  for (const o of omitted) io.stderr.write(`infra-audit: no SARIF run for account ${o.account}: ${o.why}\n`);
  const outputs: Output[] = [];
  if (where.single) {
    if (runs.length > MAX_RUNS_PER_UPLOAD) io.stderr.write(`infra-audit: warning: ${where.single.path} holds ${runs.length} runs; GitHub code scanning takes at most ${MAX_RUNS_PER_UPLOAD} per upload: use --sarif-dir to split them\n`);
    outputs.push({ target: where.single, content: sarifDocuments(runs)[0]! });
  }
  if (where.dir !== undefined) {
    const docs = sarifDocuments(runs, MAX_RUNS_PER_UPLOAD);
    await checkSarifDir(where.dir, io);
    const abs = resolve(io.cwd, where.dir);
    await mkdir(abs, { recursive: true });
    const targets = await planOutputs(docs.map((_d, i) => ({ flag: '--sarif-dir', path: join(abs, sarifChunkName(i + 1)) })), [], { cwd: io.cwd, env: io.env });
    planned.push(...targets);
    outputs.push(...docs.map((content, i) => ({ target: targets[i]!, content })));
  }
  return outputs;
}
