// Composite rules combine other rules' results. Loading checks that every part exists and that no
// composite reaches itself (directly or through others); evaluation orders rules so every part is
// evaluated before the composites that read it, whatever the file order.
import type { JsonSource } from '../input/json-source.js';
import type { Rule } from './types.js';

interface Loaded { rule: Rule; source: JsonSource }

export function checkComposites(loaded: readonly Loaded[]): void {
  const byId = new Map(loaded.map((l) => [l.rule.id, l]));
  for (const l of loaded) {
    l.rule.composite?.rules.forEach((id, i) => {
      if (!byId.has(id)) throw l.source.error(`/composite/rules/${i}`, `composite names unknown rule "${id}"`);
    });
  }
  // Depth-first search; a part that is still on the path closes a cycle.
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (l: Loaded, path: string[]): void => {
    state.set(l.rule.id, 'visiting');
    l.rule.composite?.rules.forEach((id, i) => {
      if (state.get(id) === 'visiting') {
        const cycle = [...path.slice(path.indexOf(id)), l.rule.id, id];
        throw l.source.error(`/composite/rules/${i}`, id === l.rule.id ? 'a composite cannot combine itself' : `composite cycle: ${cycle.join(' -> ')}`);
      }
      if (!state.has(id)) visit(byId.get(id)!, [...path, l.rule.id]);
    });
    state.set(l.rule.id, 'done');
  };
  for (const l of loaded) if (!state.has(l.rule.id)) visit(l, []);
}

/** Rules in an order where every composite comes after all of its parts (input order otherwise). */
export function evaluationOrder(rules: readonly Rule[]): Rule[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const placed = new Set<string>();
  const out: Rule[] = [];
  const place = (rule: Rule, depth: number): void => {
    // A cycle is refused at load; the guard keeps a hand-built rule list from recursing forever.
    if (placed.has(rule.id) || depth > rules.length) return;
    for (const id of rule.composite?.rules ?? []) {
      const part = byId.get(id);
      if (part) place(part, depth + 1);
    }
    if (!placed.has(rule.id)) {
      placed.add(rule.id);
      out.push(rule);
    }
  };
  for (const r of rules) place(r, 0);
  return out;
}
