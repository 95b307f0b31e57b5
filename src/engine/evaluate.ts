// The engine: every rule against the graph and the spec, failing closed. A rule whose data hit a gap
// is `error`; a rule that cannot be evaluated is `error`; nothing unread is ever `pass`.
import { Graph } from '../graph/graph.js';
import { RESOURCE_TYPES, isResourceType } from '../graph/resource-types.js';
import type { Gap, GraphNode, Snapshot } from '../graph/types.js';
import { distinctValues, evaluate, compare, resolveValue, RuleEvalError, subjectOf, type EvalEnv, type Verdict } from './conditions.js';
import { computeScope } from './scope.js';
import { evaluationOrder } from './composites.js';
import { renderMessage } from './message.js';
import { blockingGaps } from './needs.js';
import { ItemValueMissing, SectionAbsent, itemMatches, itemMatchesByTags, itemsOf } from './items.js';
import { specSkipReason } from './spec-skip.js';
import { judgeCost } from './cost-check.js';
import { bundledPricesSync, type PriceTable } from '../cost/prices.js';
import type { SpecScope } from './spec.js';
import type { Check, Condition, ResourceRef, Rule, RuleResult, Subject } from './types.js';

export interface EvaluateInput {
  snapshot: Snapshot;
  spec: Record<string, unknown> & { scope: SpecScope };
  rules: Rule[];
  /** The price table a cost rule estimates with (default: the bundled one, read when a cost rule runs). */
  prices?: PriceTable;
}

export function evaluateRules({ snapshot, spec, rules, prices }: EvaluateInput): RuleResult[] {
  const graph = Graph.of(snapshot);
  const inScope = computeScope(graph, spec.scope);
  const scopeByTags = Object.keys(spec.scope.tags ?? {}).length > 0;
  const ctx: RuleContext = { graph, env: { graph, spec }, inScope, inScopeByType: byType(graph, inScope), snapshot, scopeByTags, prices: () => prices ?? bundledPricesSync() };
  const byId = new Map<string, RuleResult[]>();
  // Composite rules read the results of the rules they combine (composites included), so parts go first.
  for (const rule of evaluationOrder(rules)) byId.set(rule.id, evaluateRule(rule, ctx, byId));
  return rules.flatMap((rule) => byId.get(rule.id)!);
}

interface RuleContext {
  graph: Graph;
  env: EvalEnv;
  inScope: Set<string>;
  /** In-scope nodes of each type, in snapshot order: a rule's work follows what it selects, not the account. */
  inScopeByType: Map<string, GraphNode[]>;
  snapshot: Snapshot;
  /** The spec's scope names tags: unknown tags leave every resource's scope undecided. */
  scopeByTags: boolean;
  prices: () => PriceTable;
}

function byType(graph: Graph, inScope: Set<string>): Map<string, GraphNode[]> {
  const out = new Map<string, GraphNode[]>();
  for (const node of graph.snapshot.nodes) {
    if (!inScope.has(node.id)) continue;
    const list = out.get(node.type);
    if (list) list.push(node);
    else out.set(node.type, [node]);
  }
  return out;
}

/** A forEach rule: once per item of its section; no such section is a skip, never a vanished rule. */
function evaluateRule(rule: Rule, ctx: RuleContext, done: Map<string, RuleResult[]>): RuleResult[] {
  if (!rule.forEach) return evaluateOnce(rule, ctx, done);
  const items = itemsOf(ctx.env.spec, rule.forEach.$spec);
  if (!items) return [result(rule, ctx, 'skip', ruleLevelSubject(rule, ctx), { reason: 'not in this architecture' })];
  return items.flatMap((item) => evaluateOnce(rule, { ...ctx, env: { ...ctx.env, item } }, done));
}

function evaluateOnce(rule: Rule, ctx: RuleContext, done: Map<string, RuleResult[]>): RuleResult[] {
  const ruleLevel = ruleLevelSubject(rule, ctx);
  try {
    const skip = specSkipReason(rule, ctx.env);
    if (skip) return [result(rule, ctx, 'skip', ruleLevel, { reason: skip })];
    if (rule.composite) return [evaluateComposite(rule, ctx, done, ruleLevel)];
    if (rule.cost) {
      const { status, reason, ...judged } = judgeCost(rule.cost.tolerancePercent, ctx.snapshot, ctx.env.spec as Record<string, unknown>, ctx.prices());
      return [result(rule, ctx, status, ruleLevel, { ...judged, ...(reason && { reason }) })];
    }
    const select = rule.select!;
    const region = select.region === undefined ? undefined : String(resolveValue(select.region, ctx.env).value);
    if (!isResourceType(select.type)) throw new RuleEvalError(`unknown resource type ${select.type}`);
    if (region && !RESOURCE_TYPES[select.type].global && !ctx.snapshot.meta.regions.includes(region)) {
      return [result(rule, ctx, 'error', ruleLevel, { reason: `region ${region} was not collected in this snapshot (collected: ${ctx.snapshot.meta.regions.join(', ') || 'none'})` })];
    }
    // Tags that choose the resources (the scope's, the item's match) are read like any path.
    const byTags = { scope: ctx.scopeByTags, item: !!ctx.env.item && itemMatchesByTags(ctx.env.item) };
    const blocking = blockingGaps(rule, region, ctx.snapshot, byTags);
    if (blocking.length > 0) return [result(rule, ctx, 'error', ruleLevel, { reason: `could not read ${describeGaps(blocking)}` })];

    const selected = (ctx.inScopeByType.get(select.type) ?? []).filter(
      (node) =>
        (!region || node.region === region || node.region === 'global') &&
        (!select.matchItem || !ctx.env.item || itemMatches(ctx.env.item, node)) &&
        (!select.where || evaluate(select.where, subjectOf(node), ctx.env).ok),
    );
    if (rule.aggregate) return [evaluateAggregate(rule, selected, ctx, ruleLevel)];
    return evaluateEach(rule, rule.expect!, selected, ctx, ruleLevel);
  } catch (err) {
    // The item does not set a value the rule compares with: it does not ask for this check.
    if (err instanceof ItemValueMissing) return [result(rule, ctx, 'skip', ruleLevel, { reason: `not required by the spec: ${err.message}` })];
    if (err instanceof SectionAbsent) return [result(rule, ctx, 'skip', ruleLevel, { reason: 'not in this architecture' })];
    if (err instanceof RuleEvalError) return [result(rule, ctx, 'error', ruleLevel, { reason: `rule cannot be evaluated: ${err.message}` })];
    throw err;
  }
}

function evaluateEach(rule: Rule, expect: Condition, selected: GraphNode[], ctx: RuleContext, ruleLevel: About): RuleResult[] {
  const out: RuleResult[] = [];
  const min = rule.select!.min ?? 1;
  const selection: Check = { kind: 'selected', op: 'gte' };
  if (selected.length < min) out.push(result(rule, ctx, 'fail', ruleLevel, { check: selection, expected: min, actual: selected.length }));
  for (const node of selected) {
    const v = evaluate(expect, subjectOf(node), ctx.env);
    out.push(result(rule, ctx, v.ok ? 'pass' : 'fail', { resource: refOf(node), subject: { kind: 'resource' } }, { ...v, check: valueCheck(v) }));
  }
  // Nothing selected and none required: the rule still reports, and says why it has nothing to judge.
  if (out.length === 0) {
    out.push(result(rule, ctx, 'pass', ruleLevel, { check: selection, expected: min, actual: 0, reason: `no in-scope ${rule.select!.type} resources were found, and the rule requires none (min ${min})` }));
  }
  return out;
}

/** The check of a verdict that compared a value; a verdict with no leaf (a `not` over a passing `all`) has none. */
function valueCheck(v: Verdict): Check | undefined {
  return v.path !== undefined && v.op !== undefined ? { kind: 'value', path: v.path, op: v.op, negated: v.negated === true } : undefined;
}

function evaluateAggregate(rule: Rule, selected: GraphNode[], ctx: RuleContext, ruleLevel: About): RuleResult {
  const agg = rule.aggregate!;
  const values = agg.distinct ? distinctValues(selected, agg.distinct) : [];
  const { value: expected, specPointer } = resolveValue(agg.value, ctx.env);
  let measured: unknown;
  let ok: boolean;
  let check: Check;
  if (agg.as === 'set') {
    // "Exactly these values": compare as sets, so order in the spec does not matter.
    if (!agg.distinct || !Array.isArray(expected) || (agg.op !== 'eq' && agg.op !== 'ne')) {
      throw new RuleEvalError('an aggregate "as": "set" needs distinct, op eq or ne, and a list value');
    }
    measured = values;
    check = { kind: 'set', op: agg.op, distinct: agg.distinct };
    ok = compare(agg.op, values, [...new Set(expected.map((v) => JSON.stringify(v)))].sort().map((v) => JSON.parse(v)));
  } else {
    measured = agg.distinct ? values.length : selected.length;
    check = { kind: 'count', op: agg.op, ...(agg.distinct && { distinct: agg.distinct }) };
    ok = compare(agg.op, measured, expected);
  }
  return result(rule, ctx, ok ? 'pass' : 'fail', ruleLevel, { check, expected, actual: measured, ...(specPointer && { specPointer }) });
}

function evaluateComposite(rule: Rule, ctx: RuleContext, done: Map<string, RuleResult[]>, ruleLevel: About): RuleResult {
  const parts = rule.composite!.rules;
  const missing = parts.filter((id) => !done.has(id));
  if (missing.length) return result(rule, ctx, 'error', ruleLevel, { reason: `rule cannot be evaluated: combines unknown or unselected rules ${missing.join(', ')}` });
  const statusOf = (id: string) => {
    const rs = done.get(id)!;
    return rs.some((r) => r.status === 'error') ? 'error' : rs.some((r) => r.status === 'fail') ? 'fail' : rs.every((r) => r.status === 'skip') ? 'skip' : 'pass';
  };
  const statuses = parts.map((id) => ({ id, status: statusOf(id) }));
  const errored = statuses.filter((s) => s.status === 'error').map((s) => s.id);
  const failed = statuses.filter((s) => s.status === 'fail').map((s) => s.id);
  // A part that certainly fails makes the whole fail, whatever the unreadable parts would say;
  // with no certain failure, an unreadable part leaves the whole unknown: error, never pass.
  if (failed.length) {
    return result(rule, ctx, 'fail', ruleLevel, { check: { kind: 'rules' }, expected: [], actual: failed, ...(errored.length && { reason: `also could not check: ${errored.join(', ')}` }) });
  }
  if (errored.length) return result(rule, ctx, 'error', ruleLevel, { reason: `depends on rules that could not be evaluated: ${errored.join(', ')}` });
  if (statuses.every((s) => s.status === 'skip')) return result(rule, ctx, 'skip', ruleLevel, { reason: 'every rule it combines was skipped' });
  return result(rule, ctx, 'pass', ruleLevel, { check: { kind: 'rules' }, expected: [], actual: [] });
}

function describeGaps(gaps: Gap[]): string {
  return gaps.map((g) => `${g.service}:${g.operation} in ${g.region} (${g.code})`).join('; ');
}

function refOf(node: GraphNode): ResourceRef {
  return { id: node.id, type: node.type, region: node.region, name: node.name };
}

/** What a result is about, and the resource id that keys it (suppressions, drift, SARIF fingerprints). */
interface About { resource: ResourceRef; subject: Subject }

/**
 * A rule-level result (aggregate, missing resource, composite, skip, error) is about the rule's selection,
 * or a composite's parts. Its id keeps the form `<account>:<region>:<type>` reports have always used
 * (`all` and `composite` standing in for "every region" and "several rules"), so suppressions and
 * fingerprints stay stable; nothing reads meaning back from it: `subject` says what the result is about.
 */
function ruleLevelSubject(rule: Rule, ctx: RuleContext): About {
  const account = ctx.snapshot.meta.account;
  if (rule.cost) return { resource: { id: `${account}:all:cost`, type: 'cost', region: 'all' }, subject: { kind: 'cost' } };
  if (!rule.select) {
    const rules = rule.composite?.rules ?? [];
    return { resource: { id: `${account}:all:composite`, type: 'composite', region: 'all' }, subject: { kind: 'rules', rules } };
  }
  const type = rule.select.type;
  let region: string | null = null;
  try {
    if (rule.select.region !== undefined) region = String(resolveValue(rule.select.region, ctx.env).value);
    else if (isResourceType(type) && RESOURCE_TYPES[type].global) region = 'global';
  } catch {
    // An unresolvable region pointer is reported by the rule itself.
  }
  // Two items of one section select the same type: the item's name keeps their ids apart.
  const item = ctx.env.item ? `:${ctx.env.item.section}/${ctx.env.item.name}` : '';
  return { resource: { id: `${account}:${region ?? 'all'}:${type}${item}`, type, region: region ?? 'all' }, subject: { kind: 'set', type, region } };
}

interface Details extends Partial<Omit<Verdict, 'path' | 'op' | 'negated'>> {
  check?: Check | undefined;
  reason?: string;
}

/** The check as the JSON report has always written it (`path`, `op`): text for readers, never parsed back. */
export function legacyPathOp(check: Check): { path: string; op: string } {
  switch (check.kind) {
    case 'value':
      return { path: check.path, op: check.negated ? `not ${check.op}` : check.op };
    case 'selected':
      return { path: '(resources)', op: check.op };
    case 'count':
      return { path: check.distinct ? `${check.distinct} (distinct)` : '(count)', op: check.op };
    case 'set':
      return { path: `${check.distinct} (distinct)`, op: check.op };
    case 'rules':
      return { path: 'rules', op: 'eq' };
    case 'cost':
      return { path: '(monthly cost estimate)', op: 'lte' };
  }
}

function result(rule: Rule, ctx: RuleContext, status: RuleResult['status'], about: About, d: Details): RuleResult {
  const r: RuleResult = { ruleId: rule.id, status, severity: rule.severity, claims: rule.claims, resource: about.resource, subject: about.subject, message: '' };
  if (ctx.env.item) r.item = { section: ctx.env.item.section, name: ctx.env.item.name };
  if (d.check && (status === 'fail' || status === 'pass')) {
    r.check = d.check;
    Object.assign(r, legacyPathOp(d.check));
    if ('expected' in d) r.expected = d.expected;
    if ('actual' in d) r.actual = d.actual;
  }
  if (d.specPointer) r.specPointer = d.specPointer;
  if (status === 'fail' && d.others?.length) {
    r.otherFailures = d.others.map((o) => {
      const check = valueCheck(o);
      return { ...(check ? { check, ...legacyPathOp(check) } : { path: o.path ?? '' }), expected: o.expected, actual: o.actual, ...(o.specPointer && { specPointer: o.specPointer }) };
    });
  }
  if (d.reason) r.reason = d.reason;
  r.message = renderMessage(rule, r, ctx.env.spec, ctx.env.item);
  return r;
}
