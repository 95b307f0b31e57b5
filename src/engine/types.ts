// The rule language (mirrors schemas/rule.schema.json) and what evaluating it produces.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export type Op = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'matches' | 'exists';
export type CountOp = 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';

export type SpecRef = { $spec: string };
export type PropRef = { $prop: string };
export type Value = SpecRef | PropRef | string | number | boolean | null | unknown[] | Record<string, unknown>;

export type Condition =
  | { path: string; op: Op; value?: Value }
  | { path: string; every: Condition }
  | { path: string; some: Condition }
  | EdgeCondition
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export interface EdgeCondition {
  edge: string;
  to?: string;
  reverse?: boolean;
  distinct?: string;
  op?: CountOp;
  value?: Value;
  every?: Condition;
  some?: Condition;
}

export type SpecCondition =
  | { spec: string; op: Op; value?: Value }
  | { all: SpecCondition[] }
  | { any: SpecCondition[] }
  | { not: SpecCondition };

export interface Rule {
  id: string;
  title: string;
  severity: Severity;
  claims: string[];
  rationale: string;
  remediation: string;
  message: string;
  when?: SpecCondition;
  select?: { type: string; region?: Value; where?: Condition; min?: number };
  expect?: Condition;
  aggregate?: { distinct?: string; as?: 'count' | 'set'; op: CountOp; value: Value };
  composite?: { rules: string[] };
}

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
