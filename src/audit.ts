// The library pipeline behind `check` and `scan`: snapshot + spec + rules (+ suppressions, + a previous
// snapshot) -> the finished report. Library users get exactly what the CLI prints. No AWS, no process, no output.
import { loadSnapshot } from './graph/snapshot.js';
import { evaluateRules } from './engine/evaluate.js';
import { loadRules } from './engine/load-rules.js';
import { loadSpec, type LoadedSpec } from './engine/spec.js';
import { describeScope, scopeMatchesAny } from './engine/scope.js';
import { bundledSpecName } from './engine/bundled-specs.js';
import { SEVERITY_RANK, summarize, type AuditReport, type ReportedResult } from './report/model.js';
import { requireKnown } from './suggest.js';
import { TOOL } from './version.js';
import type { LoadedRule, Severity } from './engine/types.js';
import type { Snapshot } from './graph/types.js';
import { applySuppressions } from './suppress/apply.js';
import type { LoadedSuppressions } from './suppress/load.js';
import { driftSince, driftWarning, type Drift, type Previous } from './diff/drift.js';
import { FILTER_SERVICES, ruleService } from './engine/rule-service.js';

export { FILTER_SERVICES };

export interface ResultFilter {
  /** Rule ids to keep (exact ids). */
  rules?: string[];
  /** Services to keep (ec2, rds, ecs, ...): by the type a rule selects. */
  services?: string[];
  /** Keep rules of this severity or worse. */
  minSeverity?: Severity;
  /** Rule ids and services to leave out; the report lists what a filter left out. */
  excludeRules?: string[];
  excludeServices?: string[];
}

export interface AuditInput {
  snapshot: Snapshot;
  spec: LoadedSpec;
  rules: LoadedRule[];
  filter?: ResultFilter;
  /** Accepted failures: marked (still shown, not counted); expired and stale entries become warnings. */
  suppressions?: { loaded: LoadedSuppressions; today: string };
  /** An earlier snapshot (or why it could not be read): the outcome gains the drift since then. */
  previous?: Previous;
  /** The name the current snapshot goes by in the drift (a file, or "this scan"). */
  snapshotName?: string;
}

export interface AuditOutcome {
  report: AuditReport;
  rules: Map<string, LoadedRule>;
  spec: LoadedSpec;
  drift?: Drift;
  /** What was audited, and the previous snapshot when one was read: the diagram draws them. */
  snapshot: Snapshot;
  previousSnapshot?: Snapshot;
}

export async function loadCheckInputs(opts: { snapshotFile: string; specFile: string; rulesDir?: string }) {
  const [snapshot, spec, rules] = await Promise.all([loadSnapshot(opts.snapshotFile), loadSpec(opts.specFile), loadRules(opts.rulesDir)]);
  return { snapshot, spec, rules };
}

export function audit({ snapshot, spec, rules, filter = {}, suppressions, previous, snapshotName = 'this snapshot' }: AuditInput): AuditOutcome {
  const byId = new Map(rules.map((l) => [l.rule.id, l]));
  const ids = [...byId.keys()];
  checkFilter(filter, ids);
  // Every rule is evaluated (composites need their parts); the filter picks what is reported.
  const all = evaluateRules({ snapshot, spec: spec.value, rules: rules.map((l) => l.rule) });
  const keep = (id: string) => {
    const rule = byId.get(id)!.rule;
    if (filter.rules?.length && !filter.rules.includes(id)) return false;
    if (filter.minSeverity && SEVERITY_RANK[rule.severity] > SEVERITY_RANK[filter.minSeverity]) return false;
    if (filter.excludeRules?.includes(id)) return false;
    const service = ruleService(rule);
    if (filter.services?.length && !filter.services.includes(service)) return false;
    if (filter.excludeServices?.includes(service)) return false;
    return true;
  };
  // A filtered-out rule never vanishes silently: the report names every rule it left out.
  const filteredOut = ids.filter((id) => !keep(id)).sort();
  const warnings: string[] = [...(spec.notices ?? [])];
  let results: ReportedResult[] = all.filter((r) => keep(r.ruleId));
  if (suppressions) {
    // A report that left rules out cannot tell a stale entry from one about a rule it did not report.
    const applied = applySuppressions(results, suppressions.loaded, suppressions.today, { reportStale: filteredOut.length === 0 });
    results = applied.results;
    warnings.push(...applied.warnings);
  }
  const drift = previous && driftSince(previous, { file: snapshotName, snapshot }, { spec, rules });
  const unreadable = drift && driftWarning(drift);
  if (unreadable) warnings.push(unreadable);
  const bundled = bundledSpecName(spec.file);
  const report: AuditReport = {
    tool: TOOL,
    account: snapshot.meta.account,
    regions: snapshot.meta.regions,
    snapshot: { startedAt: snapshot.meta.startedAt, finishedAt: snapshot.meta.finishedAt },
    spec: { file: spec.file, application: String(spec.value.application ?? ''), ...(bundled && { bundled }), ...(spec.files.length > 1 && { extends: spec.files.slice(0, -1) }) },
    // Every "no in-scope X found" below has one cause when nothing matched: the report says it once, first.
    scope: { description: describeScope(spec.value.scope), matchedAny: scopeMatchesAny(snapshot.nodes, spec.value.scope) },
    // A read that failed leaves the snapshot partial even when no rule needed it: unknown, never "none".
    complete: !results.some((r) => r.status === 'error') && snapshot.gaps.length === 0,
    gaps: snapshot.gaps,
    summary: summarize(results),
    results,
    warnings,
    ...(filteredOut.length && { filtered: { rules: filteredOut } }),
  };
  const previousSnapshot = previous && 'snapshot' in previous ? previous.snapshot : undefined;
  return { report, rules: byId, spec, snapshot, ...(drift && { drift }), ...(previousSnapshot && { previousSnapshot }) };
}

/** An unknown rule id or service in a filter is a usage error (exit 2) naming the closest ones. */
export function checkFilter(filter: ResultFilter, ruleIds: readonly string[]): void {
  requireKnown('rule id', [...(filter.rules ?? []), ...(filter.excludeRules ?? [])], ruleIds, 'infra-audit rules list');
  requireKnown('service', [...(filter.services ?? []), ...(filter.excludeServices ?? [])], FILTER_SERVICES, FILTER_SERVICES.join(', '));
}
