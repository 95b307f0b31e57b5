// The rule language is defined once, in TypeBox (src/engine/rule-schema.ts): these types are derived
// from it (type-only: the running tool never loads TypeBox), as is schemas/rule.schema.json.
import type { ConditionStatic, EdgeConditionStatic, RuleStatic, SpecConditionStatic, ValueStatic } from './rule-schema.js';
import { SEVERITIES as SEVERITY_WORDS, type COUNT_OPS, type OPS } from './rule-words.js';

export type Severity = (typeof SEVERITY_WORDS)[number];
export const SEVERITIES: readonly Severity[] = SEVERITY_WORDS;

export type Op = (typeof OPS)[number];
export type CountOp = (typeof COUNT_OPS)[number];

export type Value = ValueStatic;
export type SpecRef = Extract<Value, { $spec: string }>;
export type PropRef = Extract<Value, { $prop: string }>;
export type ItemRef = Extract<Value, { $item: string }>;
export type Condition = ConditionStatic;
export type EdgeCondition = EdgeConditionStatic;
export type SpecCondition = SpecConditionStatic;
export type Rule = RuleStatic;

/** A rule as loaded: the parsed rule plus where it came from (for SARIF and error messages). */
export interface LoadedRule {
  rule: Rule;
  file: string;
  /** Path relative to the package root, e.g. "rules/rds-writer-multi-az.json". */
  relativeFile: string;
  /** Line of each JSON pointer inside the rule file (computed on demand). */
  lineOf(pointer: string): number;
}

export type Status = 'pass' | 'fail' | 'skip' | 'error';

export interface ResourceRef { id: string; type: string; region: string; name?: string }

/**
 * What a result is about. `resource` is one resource (the result's `resource` is that resource);
 * `set` is a rule's whole selection, the in-scope resources of one type (a count, a missing resource,
 * a rule skipped or errored before it selected anything); `rules` is a composite's parts.
 */
export type Subject =
  | { kind: 'resource' }
  /** region: the region the rule selects in, 'global' for a global type, null for every collected region. */
  | { kind: 'set'; type: string; region: string | null }
  | { kind: 'rules'; rules: string[] }
  /** The monthly cost of the application's in-scope resources, as estimated (a cost rule). */
  | { kind: 'cost' };

/**
 * What decided a pass or fail. `value`: a value read at `path` from the resource (through edges too),
 * compared with `op`, the outcome inverted when `negated` (a `not` in the rule); `selected`: how many
 * in-scope resources the selection found, at least the rule's `min`; `count`: an aggregate's number of
 * selected resources, or of distinct values at `distinct`; `set`: an aggregate's distinct values as a
 * set; `rules`: which of a composite's parts fail; `cost`: the monthly on-demand estimate (actual) at
 * most the spec's cost total (expected) plus `tolerancePercent`, priced with the table of `pricesAsOf`;
 * `lowerBound` when the estimate misses something (then only a failure is certain).
 */
export type Check =
  | { kind: 'value'; path: string; op: Op; negated: boolean }
  | { kind: 'selected'; op: 'gte' }
  | { kind: 'count'; op: CountOp; distinct?: string }
  | { kind: 'set'; op: 'eq' | 'ne'; distinct: string }
  | { kind: 'rules' }
  | { kind: 'cost'; op: 'lte'; tolerancePercent: number; pricesAsOf: string; lowerBound: boolean };

/** A further failing value of the same resource (the leaves of an `all`); `path` and `op` as text, like a result's. */
export interface OtherFailure { check?: Check; path: string; op?: string; expected: unknown; actual: unknown; specPointer?: string }

export interface RuleResult {
  ruleId: string;
  status: Status;
  severity: Severity;
  claims: string[];
  /** The resource, or for a set or a composite a stable id (<account>:<region>:<type>) that keys suppressions, drift and SARIF fingerprints. */
  resource: ResourceRef;
  subject: Subject;
  /** pass/fail: what decided the outcome. */
  check?: Check;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The check as text, for readers of the JSON report: derived from `check` (see legacyPathOp); never parsed back. */
  path?: string;
  op?: string;
  /** The spec value the check compared against, as a JSON pointer into the spec. */
  specPointer?: string;
  /** Why a rule skipped or errored. */
  reason?: string;
  /** The spec item the result is about, for a rule that iterates over a section (forEach). */
  item?: { section: string; name: string };
  /** Other properties of the same resource that also fail this rule. */
  otherFailures?: OtherFailure[];
}
