// `infra-audit check`: audit a saved snapshot. Shared with `scan`, which audits what it just collected.
import { resolve } from 'node:path';
import { audit, loadCheckInputs, type AuditOutcome, type ResultFilter } from '../audit.js';
import { EXIT } from '../errors.js';
import { writeOutputs, type Output } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { DEFAULT_RULES_DIR } from '../engine/load-rules.js';
import { withOutputs, writeOptions, type Named, type NamedInput } from './outputs.js';
import { SEVERITY_RANK, type ReportContext } from '../report/model.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderTable } from '../report/table.js';
import { renderCsv } from '../report/csv.js';
import { renderDiffMarkdownBody } from '../diff/render.js';
import { diffSnapshots, type AuditWith } from './diff.js';
import type { Snapshot } from '../graph/types.js';
import { loadSuppressions } from '../suppress/load.js';
import { suppressReport, todayOf } from '../suppress/apply.js';
import { useColor, type CliIO } from './io.js';
import { defaultSpecFile } from './default-spec.js';
import { driftSection, loadPrevious } from './previous.js';

import type { Severity } from '../engine/types.js';

export type Format = 'table' | 'json' | 'sarif' | 'markdown';

export interface ReportOptions {
  format: Format;
  json?: string;
  sarif?: string;
  markdown?: string;
  /** One CSV row per result, for spreadsheets. */
  csv?: string;
  failOn: Severity | 'none';
  all?: boolean;
  category?: string;
  allowIncomplete?: boolean;
  /** Suppressions file: accepted failures, shown but not counted. */
  suppressions?: string;
  /** An earlier snapshot: the Markdown summary gains a "drift since" section. */
  previous?: string;
}

export interface CheckArgs extends ReportOptions {
  snapshot: string;
  spec?: string;
  rules?: string;
  rule?: string[];
  service?: string[];
  severity?: Severity;
  excludeRule?: string[];
  excludeService?: string[];
}

type FilterArgs = Pick<CheckArgs, 'rule' | 'service' | 'severity' | 'excludeRule' | 'excludeService'>;

export function filterOf(args: FilterArgs): ResultFilter {
  return {
    ...(args.rule?.length && { rules: args.rule }),
    ...(args.service?.length && { services: args.service }),
    ...(args.severity && { minSeverity: args.severity }),
    ...(args.excludeRule?.length && { excludeRules: args.excludeRule }),
    ...(args.excludeService?.length && { excludeServices: args.excludeService }),
  };
}

/** The files a report run writes besides stdout. */
export function reportOutputs(args: ReportOptions): Named[] {
  return [['--json', args.json], ['--sarif', args.sarif], ['--markdown', args.markdown], ['--csv', args.csv]];
}

/** The files a report run reads (besides its snapshot): none of them may be an output. */
export function reportInputs(args: { spec?: string; rules?: string; suppressions?: string; previous?: string }, io: CliIO): NamedInput[] {
  return [
    ['--spec', args.spec ?? defaultSpecFile(io)],
    ['--rules', args.rules ?? DEFAULT_RULES_DIR, true],
    ['--suppressions', args.suppressions],
    ['--previous', args.previous],
  ];
}

export function runCheck(args: CheckArgs, io: CliIO): Promise<number> {
  return withOutputs(io, reportOutputs(args), [['--snapshot', args.snapshot], ...reportInputs(args, io)], async (targets) => {
    const inputs = await loadCheckInputs({
      snapshotFile: resolve(io.cwd, args.snapshot),
      specFile: args.spec ? resolve(io.cwd, args.spec) : defaultSpecFile(io),
      ...(args.rules && { rulesDir: resolve(io.cwd, args.rules) }),
    });
    const previous = args.previous ? await loadPrevious(args.previous, io) : undefined;
    const outcome = audit({ ...inputs, filter: filterOf(args) });
    const drift = previous && driftSection(previous, { file: args.snapshot, snapshot: inputs.snapshot }, { spec: inputs.spec, rules: inputs.rules });
    return emitReports(outcome, args, io, targets, drift);
  });
}

/** The drift section of the Markdown summary (the same comparison `infra-audit diff` makes). */
export function driftMarkdown(old: { file: string; snapshot: Snapshot }, now: { file: string; snapshot: Snapshot }, audited: AuditWith): { markdown: string } {
  return { markdown: renderDiffMarkdownBody(diffSnapshots(old, now, audited)) };
}

const FORMAT_OF_FLAG: Record<string, Format | 'csv'> = { '--json': 'json', '--sarif': 'sarif', '--markdown': 'markdown', '--csv': 'csv' };

/**
 * Renders every requested format, writes the planned outputs (all or none; `extra` joins them, e.g.
 * scan's snapshot), prints stdout, and returns the exit code.
 */
export async function emitReports(
  outcome: AuditOutcome, opts: ReportOptions & Parameters<typeof filterOf>[0], io: CliIO, targets: Target[], drift?: { markdown: string }, extra: Output[] = [],
): Promise<number> {
  if (opts.suppressions) await applySuppressionsFile(outcome, opts.suppressions, io, Object.keys(filterOf(opts)).length === 0);
  const { report } = outcome;
  const category = opts.category ?? filteredCategory(report.account, report.regions, opts);
  const ctx = (color: boolean): ReportContext => ({
    report, rules: outcome.rules, spec: outcome.spec, baseDir: io.cwd, color, ...(category && { category }),
  });
  const render: Record<Format | 'csv', (c: ReportContext) => string> = {
    table: (c) => renderTable(c, { all: opts.all, ...(io.stdout.columns && { columns: io.stdout.columns }) }),
    csv: renderCsv,
    json: renderJson,
    sarif: renderSarif,
    markdown: (c) => renderMarkdown(c, drift),
  };

  const outputs: Output[] = [...extra];
  for (const target of targets) {
    const format = FORMAT_OF_FLAG[target.flag];
    if (!format) continue;
    // An upload that lacks alerts closes them: an incomplete audit must not look like a clean one.
    if (format === 'sarif' && !report.complete && !opts.allowIncomplete) {
      io.stderr.write(`infra-audit: not writing ${target.path}: the audit is incomplete (see errors); pass --allow-incomplete to write it anyway\n`);
    } else outputs.push({ target, content: render[format](ctx(false)) });
  }
  await writeOutputs(outputs, writeOptions(io));

  if (opts.format === 'sarif' && !report.complete && !opts.allowIncomplete) {
    io.stderr.write('infra-audit: not printing SARIF: the audit is incomplete; pass --allow-incomplete to print it anyway\n');
  } else {
    io.stdout.write(render[opts.format](ctx(opts.format === 'table' && useColor(io))));
  }
  return exitCode(outcome, opts.failOn);
}

/** Marks suppressed failures before anything renders; a filtered report cannot tell stale entries apart. */
async function applySuppressionsFile(outcome: AuditOutcome, file: string, io: CliIO, unfiltered: boolean): Promise<void> {
  const loaded = await loadSuppressions(resolve(io.cwd, file), file);
  const warnings = suppressReport(outcome.report, loaded, todayOf(io.env), { reportStale: unfiltered });
  for (const w of warnings) io.stderr.write(`infra-audit: warning: ${w}\n`);
}

/**
 * A filtered run reports only some rules. Uploaded under the full audit's category it would close
 * every other alert, so unless --category says otherwise it gets a category of its own.
 */
function filteredCategory(account: string, regions: string[], opts: FilterArgs): string | undefined {
  const parts = [
    ...(opts.rule ?? []).map((r) => `rule=${r}`),
    ...(opts.service ?? []).map((s) => `service=${s}`),
    ...(opts.excludeRule ?? []).map((r) => `exclude-rule=${r}`),
    ...(opts.excludeService ?? []).map((s) => `exclude-service=${s}`),
    ...(opts.severity ? [`severity=${opts.severity}`] : []),
  ];
  return parts.length ? `infra-audit/${account}/${regions.join('+')}/${parts.sort().join(',')}` : undefined;
}

export function exitCode({ report }: AuditOutcome, failOn: Severity | 'none'): number {
  if (!report.complete) return EXIT.incomplete;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.results.some((r) => r.status === 'fail' && !r.suppression && SEVERITY_RANK[r.severity] <= threshold) ? EXIT.findings : EXIT.ok;
}
