// What `check` and `scan` share: report options, the files they read and write, rendering every
// requested format and the exit code. The report itself is finished by audit() (src/audit.ts).
import { resolve } from 'node:path';
import type { AuditInput, AuditOutcome, ResultFilter } from '../audit.js';
import { EXIT } from '../errors.js';
import { writeOutputs, type Output } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { DEFAULT_RULES_DIR } from '../engine/load-rules.js';
import { writeOptions, type Named, type NamedInput } from './outputs.js';
import { SEVERITY_RANK, type ReportContext } from '../report/model.js';
import { loadPrevious, type Previous } from '../diff/drift.js';
import { loadSuppressions } from '../suppress/load.js';
import { todayOf } from '../suppress/apply.js';
import { useColor, type CliIO } from './io.js';
import { specFileOf } from './spec-file.js';

import type { Severity } from '../engine/types.js';

export type Format = 'table' | 'json' | 'sarif' | 'markdown';

export interface ReportOptions {
  format: Format;
  json?: string;
  sarif?: string;
  markdown?: string;
  /** One CSV row per result, for spreadsheets. */
  csv?: string;
  /** One self-contained HTML page: verdict, the architecture drawn, filterable results. */
  html?: string;
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
  return [['--json', args.json], ['--sarif', args.sarif], ['--markdown', args.markdown], ['--csv', args.csv], ['--html', args.html]];
}

/** The files a report run reads (besides its snapshot): none of them may be an output. */
export function reportInputs(args: { spec?: string; rules?: string; suppressions?: string; previous?: string }, io: CliIO): NamedInput[] {
  return [
    ['--spec', specFileOf(args.spec, io)],
    ['--rules', args.rules ?? DEFAULT_RULES_DIR, true],
    ['--suppressions', args.suppressions],
    ['--previous', args.previous],
  ];
}

type FileFormat = Format | 'csv' | 'html';
const FORMAT_OF_FLAG: Record<string, FileFormat> = { '--json': 'json', '--sarif': 'sarif', '--markdown': 'markdown', '--csv': 'csv', '--html': 'html' };

/**
 * Renders every requested format, writes the planned outputs (all or none; `extra` joins them, e.g.
 * scan's snapshot), prints stdout, and returns the exit code.
 */
export async function emitReports(
  outcome: AuditOutcome, opts: ReportOptions & Parameters<typeof filterOf>[0], io: CliIO, targets: Target[], extra: Output[] = [],
): Promise<number> {
  const { report } = outcome;
  for (const w of report.warnings) io.stderr.write(`infra-audit: warning: ${w}\n`);
  const category = opts.category ?? filteredCategory(report.account, report.regions, opts);
  const ctx = (color: boolean): ReportContext => ({
    report, rules: outcome.rules, spec: outcome.spec, baseDir: io.cwd, color, ...(category && { category }),
  });
  const wanted = new Set<FileFormat>([opts.format, ...targets.flatMap((t) => FORMAT_OF_FLAG[t.flag] ?? [])]);
  const render = await renderers(wanted, outcome, opts, io);

  const outputs: Output[] = [...extra];
  for (const target of targets) {
    const format = FORMAT_OF_FLAG[target.flag];
    if (!format) continue;
    // An upload that lacks alerts closes them: an incomplete audit must not look like a clean one.
    if (format === 'sarif' && !report.complete && !opts.allowIncomplete) {
      io.stderr.write(`infra-audit: not writing ${target.path}: the audit is incomplete (see errors); pass --allow-incomplete to write it anyway\n`);
    } else outputs.push({ target, content: render[format]!(ctx(false)) });
  }
  await writeOutputs(outputs, writeOptions(io));

  if (opts.format === 'sarif' && !report.complete && !opts.allowIncomplete) {
    io.stderr.write('infra-audit: not printing SARIF: the audit is incomplete; pass --allow-incomplete to print it anyway\n');
  } else {
    io.stdout.write(render[opts.format]!(ctx(opts.format === 'table' && useColor(io))));
  }
  return exitCode(outcome, opts.failOn);
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

type Render = (c: ReportContext) => string;

/**
 * The renderers of the formats this run writes, each module imported only when used: the table's
 * text-width libraries are a tenth of a JSON run's start-up.
 */
async function renderers(wanted: Set<FileFormat>, outcome: AuditOutcome, opts: ReportOptions, io: CliIO): Promise<Partial<Record<FileFormat, Render>>> {
  let drawn: ReturnType<typeof diagramOf> | undefined;
  const diagram = () => (drawn ??= diagramOf(outcome));
  const load: Record<FileFormat, () => Promise<Render>> = {
    table: async () => {
      const { renderTable } = await import('../report/table.js');
      return (c) => renderTable(c, { all: opts.all, ...(io.stdout.columns && { columns: io.stdout.columns }) });
    },
    csv: async () => (await import('../report/csv.js')).renderCsv,
    json: async () => (await import('../report/json.js')).renderJson,
    sarif: async () => {
      const [{ renderSarif }, { loadCitations }] = await Promise.all([import('../report/sarif.js'), import('../report/sarif-citations.js')]);
      const citations = await loadCitations(outcome.spec, (w) => io.stderr.write(`infra-audit: warning: ${w}\n`));
      return (c) => renderSarif({ ...c, ...(citations && { citations }) });
    },
    markdown: async () => {
      const [{ renderMarkdown }, { driftMarkdown }] = await Promise.all([import('../report/markdown.js'), import('../diff/drift.js')]);
      const drift = outcome.drift && driftMarkdown(outcome.drift);
      const model = await diagram();
      return (c) => renderMarkdown({ ...c, diagram: model }, drift);
    },
    html: async () => {
      const [{ renderHtml }, { renderDiffTable }] = await Promise.all([import('../report/html.js'), import('../diff/render.js')]);
      const drift = outcome.drift && ('diff' in outcome.drift ? { text: renderDiffTable(outcome.drift.diff) } : { text: `The previous snapshot ${outcome.drift.previous} could not be read: ${outcome.drift.unreadable}` });
      const model = await diagram();
      return (c) => renderHtml({ ...c, diagram: model }, drift);
    },
  };
  return Object.fromEntries(await Promise.all([...wanted].map(async (f) => [f, await load[f]()] as const)));
}

/** The in-scope architecture with the audit's outcomes (and, with --previous, what appeared or disappeared). */
async function diagramOf(outcome: AuditOutcome) {
  const { buildDiagram } = await import('../diagram/layout.js');
  return buildDiagram({
    snapshot: outcome.snapshot, results: outcome.report.results, scope: outcome.spec.value.scope,
    ...(outcome.previousSnapshot && { previous: outcome.previousSnapshot }),
  });
}

export function exitCode({ report }: AuditOutcome, failOn: Severity | 'none'): number {
  if (!report.complete) return EXIT.incomplete;
  if (failOn === 'none') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return report.results.some((r) => r.status === 'fail' && !r.suppression && SEVERITY_RANK[r.severity] <= threshold) ? EXIT.findings : EXIT.ok;
}

/** The suppressions and previous snapshot a report run names, loaded for audit(). */
export async function reportExtras(args: ReportOptions, io: CliIO): Promise<Pick<AuditInput, 'suppressions' | 'previous'>> {
  const suppressions = args.suppressions && { loaded: await loadSuppressions(resolve(io.cwd, args.suppressions), args.suppressions), today: todayOf(io.env) };
  const previous: Previous | undefined = args.previous ? await loadPrevious(resolve(io.cwd, args.previous), args.previous) : undefined;
  return { ...(suppressions && { suppressions }), ...(previous && { previous }) };
}
