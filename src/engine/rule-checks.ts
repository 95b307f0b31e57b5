// What a rule schema cannot say, checked at load so a rule never fails for the first time mid-audit:
// known types, operator values of the right kind, regexes the linear-time engine accepts, and
// options that only make sense together; then every path and edge against the type it reads.
import { isEdgeType } from '../graph/edge-types.js';
import { isResourceType } from '../graph/resource-types.js';
import type { JsonSource } from '../input/json-source.js';
import { regexProblem } from '../input/regex.js';
import { checkRulePaths } from './rule-paths.js';
import { itemPointerProblem } from './item-pointers.js';
import { splitFormat, VALUE_FORMATS } from './value-formats.js';
import type { Condition, Op, Rule, SpecCondition, Value } from './types.js';

const isRef = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v) && ('$spec' in v || '$item' in v || '$prop' in v || '$origin' in v);

export function checkRuleSemantics(rule: Rule, source: JsonSource): void {
  const fail = (pointer: string, message: string): never => {
    throw source.error(pointer, message);
  };

  const checkValue = (op: Op | 'count', value: Value | undefined, at: string, inSpec: boolean) => {
    if (isRef(value)) {
      if (inSpec && ('$prop' in value || '$origin' in value)) fail(`${at}/value`, 'a "when" condition reads the spec only: $prop and $origin have no resource here');
      return;
    }
    if (value === undefined) {
      if (op !== 'exists') fail(at, `"${op}" needs a value`);
      return;
    }
    const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'an object' : `a ${typeof value}`;
    if (op === 'matches') {
      if (typeof value !== 'string') fail(`${at}/value`, `"matches" needs a string pattern, got ${kind}`);
      const problem = regexProblem(value as string);
      if (problem) fail(`${at}/value`, `invalid regular expression ${JSON.stringify(value)}: ${problem}`);
    } else if (op === 'in') {
      if (!Array.isArray(value)) fail(`${at}/value`, `"in" needs a list, got ${kind}`);
    } else if (op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte') {
      if (typeof value !== 'number' && typeof value !== 'string') fail(`${at}/value`, `"${op}" needs a number or a string, got ${kind}`);
    } else if (op === 'coversHostnames') {
      if (typeof value !== 'string' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
        fail(`${at}/value`, `"coversHostnames" needs a hostname or a list of hostnames, got ${kind}`);
      }
    } else if (op === 'subsetOf') {
      if (!Array.isArray(value)) fail(`${at}/value`, `"subsetOf" needs a list, got ${kind}`);
    } else if (op === 'hasEntries') {
      if (kind !== 'an object') fail(`${at}/value`, `"hasEntries" needs an object (key -> value), got ${kind}`);
    } else if (op === 'exists') {
      if (typeof value !== 'boolean') fail(`${at}/value`, `"exists" takes true or false, got ${kind}`);
    } else if (op === 'count') {
      if (typeof value !== 'number') fail(`${at}/value`, `a count is compared with a number, got ${kind}`);
    }
  };

  const walk = (c: Condition | undefined, at: string): void => {
    if (!c) return;
    if ('all' in c) c.all.forEach((x, i) => walk(x, `${at}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, `${at}/any/${i}`));
    else if ('not' in c) walk(c.not, `${at}/not`);
    else if ('edge' in c) {
      if (!isEdgeType(c.edge)) fail(`${at}/edge`, `unknown edge type "${c.edge}"`);
      if (c.to && !isResourceType(c.to)) fail(`${at}/to`, `unknown resource type "${c.to}"`);
      if (c.distinct !== undefined && !c.op) fail(`${at}/distinct`, '"distinct" counts values: it needs "op" and "value", not every/some');
      if (c.op) checkValue('count', c.value, at, false);
      if (c.every) walk(c.every, `${at}/every`);
      if (c.some) walk(c.some, `${at}/some`);
    } else if ('resolves' in c) {
      if (!isEdgeType(c.resolves)) fail(`${at}/resolves`, `unknown edge type "${c.resolves}"`);
    } else if ('matchesItem' in c) {
      // Which resources an item recognises is a selection: as an expectation it would fail unexplained.
      if (at.startsWith('/expect')) fail(`${at}/matchesItem`, '"matchesItem" selects resources: use it in select.where, not in expect');
    } else if ('every' in c) walk(c.every, `${at}/every`);
    else if ('some' in c) walk(c.some, `${at}/some`);
    else checkValue(c.op, c.value, at, false);
  };

  const walkSpec = (c: SpecCondition | undefined, at: string): void => {
    if (!c) return;
    if ('all' in c) c.all.forEach((x, i) => walkSpec(x, `${at}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walkSpec(x, `${at}/any/${i}`));
    else if ('not' in c) walkSpec(c.not, `${at}/not`);
    else checkValue(c.op, c.value, at, true);
  };

  for (const key of ['title', 'message', 'remediation'] as const) {
    for (const m of rule[key].matchAll(/\{(?:spec|item):[^{}]*\}/g)) {
      const [, format] = splitFormat(m[0].slice(1, -1));
      if (format !== undefined && !Object.hasOwn(VALUE_FORMATS, format)) fail(`/${key}`, `unknown value format "${format}" in ${m[0]} (known: ${Object.keys(VALUE_FORMATS).join(', ')})`);
    }
  }
  const itemProblem = itemPointerProblem(rule);
  if (itemProblem) fail(...itemProblem);
  walkSpec(rule.when, '/when');
  if (rule.select) {
    if (!isResourceType(rule.select.type)) fail('/select/type', `unknown resource type "${rule.select.type}"`);
    const region = rule.select.region;
    if (region !== undefined && !isRef(region) && typeof region !== 'string') fail('/select/region', 'a region is a string, {"$spec": pointer} or {"$item": pointer}');
    if (region !== undefined && isRef(region) && !('$spec' in region) && !('$item' in region)) fail('/select/region', 'a region is a string, {"$spec": pointer} or {"$item": pointer}, not a resource path');
    if (rule.select.min !== undefined && !rule.expect) fail('/select/min', '"min" applies to rules with "expect"; an aggregate states its count in "aggregate"');
    walk(rule.select.where, '/select/where');
  }
  walk(rule.expect, '/expect');
  if (rule.aggregate) checkAggregate(rule.aggregate, fail, checkValue);
  checkRulePaths(rule, fail);
}

function checkAggregate(agg: NonNullable<Rule['aggregate']>, fail: (pointer: string, message: string) => void, checkValue: (op: 'count', v: Value, at: string, inSpec: boolean) => void): void {
  if (isRef(agg.value) && !('$spec' in agg.value) && !('$item' in agg.value)) fail('/aggregate/value', 'an aggregate compares with a literal, {"$spec": pointer} or {"$item": pointer}: it has no single resource for $prop');
  if (agg.as === 'set') {
    // "Exactly these values" compares the distinct values, as a set, with a list.
    if (agg.distinct === undefined) fail('/aggregate/as', '"as": "set" compares distinct values: it needs "distinct"');
    if (agg.op !== 'eq' && agg.op !== 'ne') fail('/aggregate/op', `"as": "set" compares sets: op must be eq or ne, not ${agg.op}`);
    if (!isRef(agg.value) && !Array.isArray(agg.value)) fail('/aggregate/value', '"as": "set" compares with a list');
  } else {
    checkValue('count', agg.value, '/aggregate', false);
  }
}
