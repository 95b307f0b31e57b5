// What every report format renders: one audit's results plus what is needed to anchor them.
import type { Gap } from '../graph/types.js';
import type { LoadedRule, RuleResult, Severity, Status } from '../engine/types.js';
import type { LoadedSpec } from '../engine/spec.js';
import { isAbsolute, relative } from 'node:path';
import { bundledSpecName } from '../engine/bundled-specs.js';
import type { DiagramModel } from '../diagram/model.js';
import type { ReportCitations } from './sarif-citations.js';

export interface Suppression { reason: string; owner: string; expires: string; resource: string }

export interface ReportedResult extends RuleResult {
  /** Set when a suppression entry covers this failure: it is shown, but no longer counts. */
  suppression?: Suppression;
}

export interface AuditReport {
  tool: { name: string; version: string };
  account: string;
  regions: string[];
  snapshot: { startedAt: string; finishedAt: string };
  /** `bundled`: the name of the bundled spec the file is (`--spec shopflow`). */
  spec: { file: string; application: string; bundled?: string; extends?: string[] };
  /** The spec's scope, and whether any resource of the snapshot matched it (false: every expected resource is "missing"). */
  scope?: { description: string; matchedAny: boolean };
  /** False when any reported result is `error` or the snapshot has a gap (a read failed, whether or not a rule needed it). */
  complete: boolean;
  gaps: Gap[];
  summary: Record<Status, number> & { suppressed: number };
  results: ReportedResult[];
  warnings: string[];
  /** Rules a filter (--rule, --service, --severity, --exclude-*) left out of this report. */
  filtered?: { rules: string[] };
}

/** What a formatter gets: the report plus the sources results point into. */
export interface ReportContext {
  report: AuditReport;
  rules: ReadonlyMap<string, LoadedRule>;
  spec: LoadedSpec;
  /** Directory that relative artifact URIs (SARIF) are computed against: the repository root. */
  baseDir: string;
  color: boolean;
  /** SARIF: the automationDetails category; defaults from account and regions. */
  category?: string;
  /** Include passing results too (SARIF and JSON list failures and errors by default only if set false). */
  includePassing?: boolean;
  /** The in-scope architecture drawn (Markdown's Mermaid section, the HTML page's SVG); absent: not drawn. */
  diagram?: DiagramModel;
  /** The spec's quotes of its document, found in it (SARIF shows cited findings on the document's line); absent: none. */
  citations?: ReportCitations;
}

export const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

/**
 * Unsuppressed failures that are drift. An `info` failure is a note (the cost estimate above the
 * document's total): the default --fail-on never counts it, so no headline calls it drift either.
 */
export function driftCount(results: readonly ReportedResult[]): number {
  return results.filter((r) => r.status === 'fail' && !r.suppression && r.severity !== 'info').length;
}

/** Unsuppressed `info` failures: notes shown apart from drift. */
export function infoNoteCount(results: readonly ReportedResult[]): number {
  return results.filter((r) => r.status === 'fail' && !r.suppression && r.severity === 'info').length;
}

/** A verdict's tail for info notes: " Also 1 info note, not drift." or nothing. */
export function notesText(results: readonly ReportedResult[]): string {
  const n = infoNoteCount(results);
  return n ? ` Also ${n} info note${n === 1 ? '' : 's'}, not drift.` : '';
}

export function summarize(results: ReportedResult[]): AuditReport['summary'] {
  const summary = { pass: 0, fail: 0, skip: 0, error: 0, suppressed: 0 };
  for (const r of results) {
    if (r.suppression) summary.suppressed++;
    else summary[r.status]++;
  }
  return summary;
}

/** The spec as the header names it: a bundled one by name, else its path from `baseDir` when under it. */
export function specLabel(spec: AuditReport['spec'], baseDir: string): string {
  const label = spec.bundled ? `${spec.bundled} (bundled)` : shownPath(spec.file, baseDir);
  const bases = (spec.extends ?? []).map((f) => { const name = bundledSpecName(f); return name ? `${name} (bundled)` : shownPath(f, baseDir); }).reverse();
  return bases.length ? `${label}, extending ${bases.join(', extending ')}` : label;
}

function shownPath(file: string, baseDir: string): string {
  const rel = relative(baseDir, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

/** One line, said before any result, when no resource matched the spec's scope. */
export function emptyScopeLine(report: AuditReport): string | undefined {
  if (!report.scope || report.scope.matchedAny) return undefined;
  // With a failed read (a tagging read above all), what matches may be among what could not be seen.
  const failed = report.gaps.length;
  if (failed) return `No resource this audit could read matches the spec's scope (${report.scope.description}), but ${failed} read${failed === 1 ? '' : 's'} of the account failed: the scope's resources may be among what could not be read. Fix the read failures first, then check the spec's scope, the account and the regions.`;
  return `No resource in this snapshot matches the spec's scope (${report.scope.description}): every expected resource below is missing for that reason alone. Check the spec's scope, the account and the regions.`;
}
