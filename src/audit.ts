// The library API behind `check`: snapshot + spec + rules -> report. No AWS, no process, no output.
import { loadSnapshot } from './graph/snapshot.js';
import { evaluateRules } from './engine/evaluate.js';
import { loadRules } from './engine/load-rules.js';
import { loadSpec, type LoadedSpec } from './engine/spec.js';
import { serviceOf, isResourceType } from './graph/resource-types.js';
import { SEVERITY_RANK, summarize, type AuditReport, type ReportedResult } from './report/model.js';
import { UsageError } from './errors.js';
import { TOOL } from './version.js';
import type { LoadedRule, Severity } from './engine/types.js';
import type { Snapshot } from './graph/types.js';

export interface ResultFilter {
  /** Rule ids to keep (exact ids). */
  rules?: string[];
  /** Services to keep (ec2, rds, ecs, ...): by the type a rule selects. */
  services?: string[];
  /** Keep rules of this severity or worse. */
  minSeverity?: Severity;
}

export interface AuditInput {
  snapshot: Snapshot;
  spec: LoadedSpec;
  rules: LoadedRule[];
  filter?: ResultFilter;
}

export interface AuditOutcome {
  report: AuditReport;
  rules: Map<string, LoadedRule>;
  spec: LoadedSpec;
}

export async function loadCheckInputs(opts: { snapshotFile: string; specFile: string; rulesDir?: string }) {
  const [snapshot, spec, rules] = await Promise.all([loadSnapshot(opts.snapshotFile), loadSpec(opts.specFile), loadRules(opts.rulesDir)]);
  return { snapshot, spec, rules };
}

export function audit({ snapshot, spec, rules, filter = {} }: AuditInput): AuditOutcome {
  const byId = new Map(rules.map((l) => [l.rule.id, l]));
  for (const id of filter.rules ?? []) if (!byId.has(id)) throw new UsageError(`unknown rule id "${id}" (see: infra-audit rules list)`);
  // Every rule is evaluated (composites need their parts); the filter picks what is reported.
  const all = evaluateRules({ snapshot, spec: spec.value, rules: rules.map((l) => l.rule) });
  const keep = (id: string) => {
    const rule = byId.get(id)!.rule;
    if (filter.rules?.length && !filter.rules.includes(id)) return false;
    if (filter.minSeverity && SEVERITY_RANK[rule.severity] > SEVERITY_RANK[filter.minSeverity]) return false;
    if (filter.services?.length) {
      const type = rule.select?.type;
      const service = type && isResourceType(type) ? serviceOf(type) : 'composite';
      if (!filter.services.includes(service)) return false;
    }
    return true;
  };
  const results: ReportedResult[] = all.filter((r) => keep(r.ruleId));
  const report: AuditReport = {
    tool: TOOL,
    account: snapshot.meta.account,
    regions: snapshot.meta.regions,
    snapshot: { startedAt: snapshot.meta.startedAt, finishedAt: snapshot.meta.finishedAt },
    spec: { file: spec.file, application: String(spec.value.application ?? '') },
    complete: !results.some((r) => r.status === 'error'),
    gaps: snapshot.gaps,
    summary: summarize(results),
    results,
    warnings: [],
  };
  return { report, rules: byId, spec };
}
