// Evaluating one condition of the rule language against one resource (or one array element).
// A failed check carries the leaf that decided it: path, op, expected, actual and the spec pointer.
import { resolvePointer } from '../input/json-source.js';
import { compileRegex, regexProblem } from '../input/regex.js';
import type { Graph } from '../graph/graph.js';
import { EDGE_TYPES, isEdgeType } from '../graph/edge-types.js';
import { unresolvedReferences, type Reference } from '../graph/link.js';
import type { GraphNode } from '../graph/types.js';
import { ItemValueMissing, SectionAbsent, itemMatches, itemsOf, itemSpecPointer, itemValue, type ItemBinding } from './items.js';
import type { Condition, CountOp, EdgeCondition, Op, SpecCondition, Value } from './types.js';

/** A rule that cannot be evaluated (a $spec pointer that does not resolve, a bad regex): outcome `error`. */
export class RuleEvalError extends Error {
  override name = 'RuleEvalError';
}

export interface Verdict {
  ok: boolean;
  path?: string;
  op?: Op;
  /** The outcome of `op` was inverted by a `not` (an odd number of them). */
  negated?: boolean;
  expected?: unknown;
  actual?: unknown;
  specPointer?: string;
  /** Further failing leaves of an `all`, so one finding tells the whole story (cpu AND memory). */
  others?: Verdict[];
}

/** What a condition on the spec alone reads (a rule's `when`, an item's values): no account needed. */
export interface SpecEnv {
  spec: unknown;
  /** The item of the rule's forEach section being evaluated, if any. */
  item?: ItemBinding;
}

export interface EvalEnv extends SpecEnv {
  graph: Graph;
}

/** An $item pointer's value; an item that leaves it out makes the rule skip for that item. */
function resolveItem(pointer: string, env: SpecEnv, fallback?: { value: unknown }): { value: unknown; specPointer: string } {
  if (!env.item) throw new RuleEvalError(`item pointer ${pointer} outside a forEach rule`);
  const value = itemValue(env.item, pointer) ?? fallback?.value;
  if (value === undefined) throw new ItemValueMissing(env.item, pointer);
  return { value, specPointer: pointer === '/region' && env.item.value.region === undefined ? '/region' : itemSpecPointer(env.item, pointer) };
}

/**
 * What a condition is evaluated on: a node (props, plus @fields) or a plain value inside every/some;
 * `origin`: inside an edge's every/some, the subject the edge was followed from ($origin reads it).
 */
interface Subject {
  node?: GraphNode;
  value: unknown;
  origin?: Subject;
}

export const subjectOf = (node: GraphNode): Subject => ({ node, value: node.props });

/** Own properties only: `@tags.constructor` or `props.__proto__` never "exist" through a prototype. */
export function getPath(subject: Subject, path: string): unknown {
  if (path === '.') return subject.value;
  if (path.startsWith('@')) {
    const node = subject.node;
    if (!node) return undefined;
    if (path.startsWith('@tags.')) return ownValue(node.tags, path.slice(6));
    return NODE_FIELDS.has(path.slice(1)) ? ownValue(node, path.slice(1)) : undefined;
  }
  let current: unknown = subject.value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const NODE_FIELDS = new Set(['id', 'type', 'region', 'account', 'name']);

function ownValue(object: object, key: string): unknown {
  return Object.hasOwn(object, key) ? (object as Record<string, unknown>)[key] : undefined;
}

export function resolveValue(value: Value | undefined, env: SpecEnv, subject?: Subject): { value: unknown; specPointer?: string } {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    if ('$spec' in value && typeof value.$spec === 'string') {
      const resolved = resolvePointer(env.spec, value.$spec);
      if (resolved === undefined) {
        // A section the spec leaves out entirely (an architecture without `dr`) is not this rule's error.
        const top = value.$spec.split('/')[1];
        if (top !== undefined && top !== '' && (env.spec === null || typeof env.spec !== 'object' || !Object.hasOwn(env.spec, top))) throw new SectionAbsent(value.$spec);
        throw new RuleEvalError(`spec pointer ${value.$spec} does not resolve in the spec`);
      }
      return { value: resolved, specPointer: value.$spec };
    }
    if ('$item' in value && typeof value.$item === 'string') return resolveItem(value.$item, env, 'default' in value ? { value: value.default } : undefined);
    if ('$prop' in value && typeof value.$prop === 'string') {
      return { value: subject ? getPath(subject, value.$prop) : undefined };
    }
    if ('$origin' in value && typeof value.$origin === 'string') {
      // Checked at load (rule-paths.ts); a subject without an origin here is an engine bug, never a pass.
      if (!subject?.origin) throw new RuleEvalError(`$origin ${value.$origin} used outside an edge's every/some`);
      return { value: getPath(subject.origin, value.$origin) };
    }
  }
  return { value };
}

export function evaluate(condition: Condition, subject: Subject, env: EvalEnv): Verdict {
  if ('all' in condition) {
    const failed = condition.all.map((child) => evaluate(child, subject, env)).filter((v) => !v.ok);
    if (!failed.length) return { ok: true };
    const [first, ...rest] = failed.flatMap((v) => [v, ...(v.others ?? [])].map(({ others: _o, ...leaf }) => leaf));
    return rest.length ? { ...first!, others: rest } : first!;
  }
  if ('any' in condition) {
    let first: Verdict | undefined;
    for (const child of condition.any) {
      const v = evaluate(child, subject, env);
      if (v.ok) return v;
      first ??= v;
    }
    return first!;
  }
  if ('not' in condition) {
    const v = evaluate(condition.not, subject, env);
    return v.ok ? { ...v, ok: false, negated: !v.negated } : { ok: true };
  }
  if ('edge' in condition) return evaluateEdge(condition, subject, env);
  if ('resolves' in condition) return evaluateResolves(condition.resolves, subject, env);
  if ('matchesItem' in condition) return evaluateMatchesItem(condition.matchesItem, subject, env);
  if ('every' in condition || 'some' in condition) return evaluateQuantified(condition, subject, env);
  return evaluateCompare(condition.path, condition.op, condition.value, subject, env);
}

function evaluateCompare(path: string, op: Op, value: Value | undefined, subject: Subject, env: EvalEnv): Verdict {
  const actual = getPath(subject, path);
  const { value: expected, specPointer } = resolveValue(op === 'exists' ? (value ?? true) : value, env, subject);
  // hasEntries looks at the expected keys only, so a result shows only those: a map's other entries
  // (another service's declared environment values) are not this check's, and never printed by it.
  // subsetOf shows what is outside the accepted list: the accepted entries are not this check's finding.
  const shown = op === 'hasEntries' ? entriesOf(actual, expected) : op === 'subsetOf' ? outside(actual, expected) : actual;
  return { ok: compare(op, actual, expected), path, op, expected, actual: shown, ...(specPointer && { specPointer }) };
}

/** The map's values at the expected map's keys, null where it has none; undefined when it is no map. */
function entriesOf(actual: unknown, expected: unknown): unknown {
  if (!isMap(actual) || !isMap(expected)) return actual === undefined || actual === null ? actual : '(not a map)';
  return Object.fromEntries(Object.keys(expected).map((k) => [k, Object.hasOwn(actual, k) ? actual[k] : null]));
}

/** The list's elements that the expected list lacks; the value itself when either is no list. */
function outside(actual: unknown, expected: unknown): unknown {
  if (!Array.isArray(actual) || !Array.isArray(expected)) return actual;
  return actual.filter((a) => !expected.some((e) => deepEqual(a, e)));
}

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

function evaluateQuantified(condition: { path: string; every?: Condition; some?: Condition }, subject: Subject, env: EvalEnv): Verdict {
  const raw = getPath(subject, condition.path);
  if (raw !== undefined && raw !== null && !Array.isArray(raw)) throw new RuleEvalError(`${condition.path} is not a list`);
  const items = (raw ?? []) as unknown[];
  const inner = (condition.every ?? condition.some)!;
  const verdicts = items.map((value) => evaluate(inner, { value, ...(subject.origin && { origin: subject.origin }) }, env));
  if (condition.every) {
    // Vacuously true over an empty list: "no environment variable is DATABASE_URL" holds for none.
    const index = verdicts.findIndex((v) => !v.ok);
    if (index < 0) return { ok: true };
    const v = verdicts[index]!;
    return { ...v, path: joinPath(`${condition.path}[${index}]`, v.path) };
  }
  if (verdicts.some((v) => v.ok)) return { ok: true };
  return summariseNone(condition.path, verdicts, verdicts.map((_, i) => String(i)));
}

function evaluateEdge(condition: EdgeCondition, subject: Subject, env: EvalEnv): Verdict {
  const node = subject.node;
  if (!node) throw new RuleEvalError(`edge condition "${condition.edge}" used inside a list: it needs a resource`);
  const label = `${condition.reverse ? '<-' : '->'}${condition.edge}${condition.to ? `(${condition.to})` : ''}`;
  const targets = env.graph.neighbours(node.id, condition.edge, condition.reverse).filter((t) => !condition.to || t.type === condition.to);

  if (condition.op) {
    const measured = condition.distinct ? distinctValues(targets, condition.distinct).length : targets.length;
    const { value: expected, specPointer } = resolveValue(condition.value, env, subject);
    const path = condition.distinct ? `${label}.${condition.distinct} (distinct)` : `${label} (count)`;
    return { ok: compare(condition.op, measured, expected), path, op: condition.op, expected, actual: measured, ...(specPointer && { specPointer }) };
  }

  const inner = (condition.every ?? condition.some)!;
  // Over no related resources at all, "every" fails: a missing relationship is a finding, not a pass.
  if (targets.length === 0) return { ok: false, path: label, op: 'gte', expected: 1, actual: 0 };
  const verdicts = targets.map((t) => ({ target: t, v: evaluate(inner, { ...subjectOf(t), origin: subject }, env) }));
  if (condition.every) {
    const bad = verdicts.find((x) => !x.v.ok);
    if (!bad) return { ok: true };
    return { ...bad.v, path: joinPath(`${label}[${bad.target.name || bad.target.id}]`, bad.v.path) };
  }
  if (verdicts.some((x) => x.v.ok)) return { ok: true };
  return summariseNone(label, verdicts.map((x) => x.v), verdicts.map((x) => x.target.name || x.target.id));
}

/** The resource is one the current item's `match` recognises (a container's service, reached over edges). */
function evaluateMatchesItem(which: true | { $spec: string }, subject: Subject, env: EvalEnv): Verdict {
  const node = subject.node;
  if (!node) throw new RuleEvalError('"matchesItem" used inside a list: it needs a resource');
  if (which !== true) {
    // Any item of the section; a section the spec lacks describes no resource.
    const items = itemsOf(env.spec, which.$spec) ?? [];
    const ok = items.some((item) => itemMatches(item, node));
    return ok ? { ok } : { ok, path: '@name', op: 'eq', expected: `a resource an item of ${which.$spec.slice(1)} matches`, actual: node.name };
  }
  if (!env.item) throw new RuleEvalError('"matchesItem" outside a forEach rule');
  const ok = itemMatches(env.item, node);
  return ok ? { ok } : { ok, path: '@name', op: 'eq', expected: `a resource item ${env.item.name} matches`, actual: node.name };
}

/**
 * Every reference the resource makes along the edge's link resolves. A reference that resolves to nothing
 * is a finding only where the snapshot could have seen its target: in a region and account it read,
 * with no failed read of the target types there (absent is unknown, never "none").
 */
function evaluateResolves(edge: string, subject: Subject, env: EvalEnv): Verdict {
  const node = subject.node;
  if (!node) throw new RuleEvalError(`"resolves": "${edge}" used inside a list: it needs a resource`);
  if (!isEdgeType(edge)) throw new RuleEvalError(`unknown edge type "${edge}"`);
  const to = EDGE_TYPES[edge].to as readonly string[];
  const unresolved = unresolvedReferences(edge, node, env.graph.neighbours(node.id, edge));
  for (const ref of unresolved) {
    const unread = unreadReason(ref, node, to, env);
    if (unread) throw new RuleEvalError(`${ref.value} cannot be checked: ${unread}`);
  }
  const path = `->${edge}${to.length === 1 ? `(${to[0]})` : ''} (unresolved)`;
  return { ok: unresolved.length === 0, path, op: 'eq', expected: [], actual: unresolved.map((r) => r.value) };
}

function unreadReason(ref: Reference, from: GraphNode, types: readonly string[], env: EvalEnv): string | undefined {
  const { meta, gaps } = env.graph.snapshot;
  const account = ref.account ?? from.account;
  const region = ref.region ?? from.region;
  if (account !== meta.account) return `account ${account} was not read (this snapshot is of ${meta.account})`;
  if (!meta.regions.includes(region)) return `region ${region} was not collected in this snapshot`;
  const gap = gaps.find((g) => (g.region === region || g.region === 'global') && g.resourceTypes.some((t) => types.includes(t)));
  return gap && `could not read ${gap.service}:${gap.operation} in ${gap.region} (${gap.code})`;
}

/**
 * "some" failed: the first element's deciding leaf, with its value in every element that failed on the
 * same leaf. An element that failed on another leaf (another prop, another op) is its own further
 * failure under its own path: values of different props are never merged into one list.
 */
function summariseNone(path: string, verdicts: Verdict[], labels: string[]): Verdict {
  const first = verdicts[0];
  if (!first) return { ok: false, path, op: 'gte', expected: 1, actual: 0 };
  const sameLeaf = (v: Verdict) => v.path === first.path && v.op === first.op && !v.negated === !first.negated && deepEqual(v.expected, first.expected);
  const at = (i: number, leaf: Verdict): Verdict => ({ ...leaf, path: joinPath(`${path}[${labels[i]}]`, leaf.path) });
  // The first element's own further leaves, then the deciding leaf of each element that failed otherwise.
  const others = [...(first.others ?? []).map((o) => at(0, o)), ...verdicts.flatMap((v, i) => (sameLeaf(v) ? [] : [at(i, withoutOthers(v))]))];
  const { others: _o, ...leaf } = first;
  return { ...leaf, path: joinPath(`${path}[*]`, first.path), actual: verdicts.filter(sameLeaf).map((v) => v.actual), ...(others.length && { others }) };
}

const withoutOthers = ({ others: _o, ...leaf }: Verdict): Verdict => leaf;

/** Distinct non-null values of a path over resources, sorted so results are stable. */
export function distinctValues(nodes: readonly GraphNode[], path: string): unknown[] {
  const keys = new Set(nodes.map((n) => getPath(subjectOf(n), path)).filter((v) => v !== undefined && v !== null).map((v) => JSON.stringify(v)));
  return [...keys].sort().map((k) => JSON.parse(k));
}

const joinPath = (prefix: string, rest?: string) => (!rest || rest === '.' ? prefix : `${prefix}.${rest}`);

function regex(pattern: unknown) {
  if (typeof pattern !== 'string') throw new RuleEvalError(`"matches" needs a string pattern, got ${JSON.stringify(pattern)}`);
  const problem = regexProblem(pattern);
  if (problem) throw new RuleEvalError(`invalid regular expression ${JSON.stringify(pattern)}: ${problem}`);
  return compileRegex(pattern);
}

export function compare(op: Op | CountOp, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case 'eq':
      return deepEqual(actual, expected);
    case 'ne':
      return !deepEqual(actual, expected);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof expected !== 'number' && typeof expected !== 'string') throw new RuleEvalError(`"${op}" needs a number or string, got ${JSON.stringify(expected)}`);
      if (typeof actual !== typeof expected) return false;
      const a = actual as number | string;
      const e = expected as number | string;
      return op === 'gt' ? a > e : op === 'gte' ? a >= e : op === 'lt' ? a < e : a <= e;
    }
    case 'in':
      if (!Array.isArray(expected)) throw new RuleEvalError(`"in" needs a list, got ${JSON.stringify(expected)}`);
      return expected.some((e) => deepEqual(actual, e));
    case 'matches':
      return typeof actual === 'string' && regex(expected).test(actual);
    case 'exists':
      // null is "absent" too: collectors use it for "not configured" (no KMS key, no secondary AZ).
      return (actual !== undefined && actual !== null) === (expected !== false);
    case 'coversHostnames':
      return coversHostnames(actual, expected);
    case 'hasEntries':
      if (!isMap(expected)) throw new RuleEvalError(`"hasEntries" needs an object, got ${JSON.stringify(expected)}`);
      // Absent is unknown, never "no entries": a missing map passes nothing, not even over no keys.
      return isMap(actual) && Object.entries(expected).every(([k, v]) => Object.hasOwn(actual, k) && deepEqual(actual[k], v));
    case 'subsetOf':
      if (!Array.isArray(expected)) throw new RuleEvalError(`"subsetOf" needs a list, got ${JSON.stringify(expected)}`);
      // Absent is unknown, never "empty": a missing list passes nothing.
      return Array.isArray(actual) && actual.every((a) => expected.some((e) => deepEqual(a, e)));
  }
}

/** Every hostname in `expected` (one or a list) is matched by one of the DNS names in `actual`. */
function coversHostnames(actual: unknown, expected: unknown): boolean {
  const hosts = typeof expected === 'string' ? [expected] : expected;
  if (!Array.isArray(hosts) || !hosts.every((h) => typeof h === 'string')) {
    throw new RuleEvalError(`"coversHostnames" needs a hostname or a list of them, got ${JSON.stringify(expected)}`);
  }
  // Absent names are unknown, not "none": they never pass, not even over no hostnames.
  const names = typeof actual === 'string' ? [actual] : Array.isArray(actual) ? actual.filter((n): n is string => typeof n === 'string') : undefined;
  if (!names) return false;
  return hosts.every((host) => names.some((name) => hostnameMatches(name, host)));
}

/**
 * A certificate name matches a hostname (case-insensitive, root dot ignored). "*.example.com" stands
 * for exactly one label: it matches a.example.com, not example.com nor a.b.example.com (RFC 6125 6.4.3).
 */
export function hostnameMatches(name: string, host: string): boolean {
  const norm = (v: string) => v.toLowerCase().replace(/\.$/, '');
  const n = norm(name);
  const h = norm(host);
  if (n === h) return n !== ''; // a wildcard alias is covered by the same wildcard only
  if (!n.startsWith('*.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && !h.slice(0, dot).includes('*') && h.slice(dot + 1) === n.slice(2);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function evaluateSpecCondition(condition: SpecCondition, env: SpecEnv): Verdict {
  if ('all' in condition) {
    for (const c of condition.all) {
      const v = evaluateSpecCondition(c, env);
      if (!v.ok) return v;
    }
    return { ok: true };
  }
  if ('any' in condition) {
    const verdicts = condition.any.map((c) => evaluateSpecCondition(c, env));
    return verdicts.find((v) => v.ok) ?? verdicts[0]!;
  }
  if ('not' in condition) {
    const v = evaluateSpecCondition(condition.not, env);
    return v.ok ? { ...v, ok: false, negated: !v.negated } : { ok: true };
  }
  if ('item' in condition) {
    // An item that leaves the value out does not ask for the check: skip (exists asks exactly that).
    const actual = condition.op === 'exists' ? (env.item ? itemValue(env.item, condition.item) : undefined) : resolveItem(condition.item, env).value;
    const { value: expected } = resolveValue(condition.op === 'exists' ? (condition.value ?? true) : condition.value, env);
    const specPointer = env.item ? itemSpecPointer(env.item, condition.item) : condition.item;
    return { ok: compare(condition.op, actual, expected), path: specPointer, op: condition.op, expected, actual, specPointer };
  }
  // "exists" asks whether the spec says something at all, so an absent value is an answer, not an error.
  const actual = condition.op === 'exists' ? resolvePointer(env.spec, condition.spec) : resolveValue({ $spec: condition.spec }, env).value;
  const { value: expected } = resolveValue(condition.op === 'exists' ? (condition.value ?? true) : condition.value, env);
  return { ok: compare(condition.op, actual, expected), path: condition.spec, op: condition.op, expected, actual, specPointer: condition.spec };
}
