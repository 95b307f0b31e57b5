// Run-to-run drift of the audit's findings: both snapshots audited with the same spec and rules,
// failures matched by rule id + resource id. Anything either run could not check is "unknown":
// a failure that turns into an error was not fixed, it went out of sight.
import type { ResourceRef, Severity, Status, Subject } from '../engine/types.js';
import type { RuleResult } from '../engine/types.js';

export interface Finding {
  ruleId: string;
  severity: Severity;
  resource: ResourceRef;
  subject: Subject;
  message: string;
}

export interface UnknownFinding extends Finding {
  /** Status in each run; null when that run has no result for this rule and resource. */
  before: Status | null;
  after: Status | null;
  /** Why a run could not check it (the error result's reason). */
  reason: string;
}

export interface FindingsDiff {
  new: Finding[];
  resolved: Finding[];
  stillOpen: Finding[];
  unknown: UnknownFinding[];
  /** False when either run has an error result: new/resolved may then be missing entries. */
  complete: boolean;
}

export function diffFindings(before: RuleResult[], after: RuleResult[]): FindingsDiff {
  const oldByKey = byKey(before);
  const newByKey = byKey(after);
  const oldErrored = erroredRules(before);
  const newErrored = erroredRules(after);
  const diff: FindingsDiff = { new: [], resolved: [], stillOpen: [], unknown: [], complete: oldErrored.size === 0 && newErrored.size === 0 };

  for (const key of [...new Set([...oldByKey.keys(), ...newByKey.keys()])].sort()) {
    const o = oldByKey.get(key);
    const n = newByKey.get(key);
    const ruleId = (o ?? n)!.ruleId;
    // A rule that errored reports one rule-level result, so its per-resource results vanish from that
    // run: a missing result of an errored rule is blindness, not absence.
    const oldBlind = o?.status === 'error' || (!o && oldErrored.has(ruleId));
    const newBlind = n?.status === 'error' || (!n && newErrored.has(ruleId));
    const interesting = [o?.status, n?.status].some((s) => s === 'fail' || s === 'error');
    if (oldBlind || newBlind) {
      if (interesting) diff.unknown.push(unknownOf(o, n, oldBlind ? before : after, ruleId));
    } else if (o?.status === 'fail' && n?.status === 'fail') diff.stillOpen.push(findingOf(n));
    else if (n?.status === 'fail') diff.new.push(findingOf(n));
    else if (o?.status === 'fail') diff.resolved.push(findingOf(o));
  }
  return diff;
}

export const findingsChanged = (d: FindingsDiff) => d.new.length + d.resolved.length > 0;

const keyOf = (r: RuleResult) => `${r.ruleId}\u0000${r.resource.id}`;

function byKey(results: RuleResult[]): Map<string, RuleResult> {
  return new Map(results.map((r) => [keyOf(r), r]));
}

function erroredRules(results: RuleResult[]): Set<string> {
  return new Set(results.filter((r) => r.status === 'error').map((r) => r.ruleId));
}

function findingOf(r: RuleResult): Finding {
  return { ruleId: r.ruleId, severity: r.severity, resource: r.resource, subject: r.subject, message: r.message };
}

function unknownOf(o: RuleResult | undefined, n: RuleResult | undefined, blindRun: RuleResult[], ruleId: string): UnknownFinding {
  const shown = (n ?? o)!;
  const error = [o, n].find((r) => r?.status === 'error') ?? blindRun.find((r) => r.ruleId === ruleId && r.status === 'error');
  return { ...findingOf(shown), before: o?.status ?? null, after: n?.status ?? null, reason: error?.reason ?? error?.message ?? 'could not be checked' };
}
