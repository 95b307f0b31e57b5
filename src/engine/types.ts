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

export interface RuleResult {
  ruleId: string;
  status: Status;
  severity: Severity;
  claims: string[];
  resource: ResourceRef;
  message: string;
  expected?: unknown;
  actual?: unknown;
  /** The dotted path that decided the outcome, and how it was compared. */
  path?: string;
  op?: string;
  /** The spec value the check compared against, as a JSON pointer into the spec. */
  specPointer?: string;
  /** Why a rule skipped or errored. */
  reason?: string;
  /** Other properties of the same resource that also fail this rule. */
  otherFailures?: { path: string; op?: string; expected: unknown; actual: unknown; specPointer?: string }[];
}
