// Which spec values a rule reads: for `rules explain`, `spec validate` and the coverage test.
import type { Rule } from './types.js';

/** Every spec pointer a rule mentions: $spec values, `when` pointers and {spec:/x} message placeholders. */
export function specPointers(rule: Rule): string[] {
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
  for (const m of rule.message.matchAll(/\{spec:([^}]+)\}/g)) found.add(m[1]!);
  return [...found];
}
