// Which spec values a rule reads: for `rules explain`, `spec validate` and the coverage test.
import { itemMatchAt, itemPointers } from './item-pointers.js';
import { itemSpecPointer, itemsOf } from './items.js';
import type { Rule } from './types.js';

/**
 * Every spec pointer a rule mentions: $spec values, `when` pointers and {spec:/x} template placeholders,
 * a cost rule's total;
 * given a spec, a forEach rule's item pointers too, once per item of its section (/services/api/fargate).
 */
export function specPointers(rule: Rule, spec?: unknown): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === '$spec' || k === 'spec') && typeof x === 'string') found.add(x);
        else walk(x);
      }
    }
  };
  walk(rule.when);
  walk(rule.select);
  walk(rule.expect);
  walk(rule.aggregate);
  for (const text of [rule.title, rule.message, rule.remediation]) for (const m of text.matchAll(/\{spec:([^}|]+)(?:\|[^}]*)?\}/g)) found.add(m[1]!);
  // A cost rule compares with the cost total (the sum of the lines when the spec states no total).
  const cost = (spec as { cost?: { total?: number } } | undefined)?.cost;
  if (rule.cost && cost) found.add(cost.total === undefined ? '/cost/lines' : '/cost/total');
  if (spec !== undefined && rule.forEach) {
    const pointers = [...new Set(itemPointers(rule).map((p) => p.pointer).filter((p) => p !== ''))];
    for (const item of itemsOf(spec, rule.forEach.$spec) ?? []) {
      // An item without its own region reads the spec's.
      for (const p of pointers) found.add(p === '/region' && item.value.region === undefined ? '/region' : itemSpecPointer(item, p));
      // matchItem and matchesItem read how the item is recognised.
      if (itemMatchAt(rule) && item.value.match !== undefined) found.add(itemSpecPointer(item, '/match'));
    }
  }
  return [...found];
}
