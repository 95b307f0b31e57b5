// For every rule, a failing result: from the drifted example if it fails there, else from a variant
// generated on purpose (the spec's expected values changed, the props the rule reads changed, the
// relations it follows removed, or the resources it counts removed), so message tests cover
// every rule's fail message, not only the ones today's example happens to trip.
import { evaluateRules } from '../../src/engine/evaluate.js';
import type { Condition, Rule, RuleResult } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/graph/types.js';

type Spec = Record<string, unknown>;
type Variant = () => [Snapshot, Spec];

const pointersIn = (v: unknown, out = new Set<string>()): Set<string> => {
  if (Array.isArray(v)) v.forEach((x) => pointersIn(x, out));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) k === '$spec' && typeof x === 'string' ? out.add(x) : pointersIn(x, out);
  return out;
};

const keysOf = (pointer: string) => pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'));

function setPointer(doc: Spec, pointer: string, value: unknown): void {
  const keys = keysOf(pointer);
  const owner = keys.slice(0, -1).reduce<any>((at, k) => at[k], doc);
  owner[keys.at(-1)!] = value;
}

const getPointer = (doc: Spec, pointer: string): unknown => keysOf(pointer).reduce<any>((at, k) => at?.[k], doc);

/** A different value of the same kind; `flavour` 0 grows it, 1 shrinks or replaces it. */
function perturb(value: unknown, flavour: number): unknown {
  if (typeof value === 'number') return flavour ? value - 1 : value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return `${value}-other`;
  if (Array.isArray(value)) return flavour ? ['other-value'] : [...value, 'other-value'];
  return value;
}

interface Leaf { path: string; op: string; value?: unknown }

/** The comparisons on the resource itself (not across edges) a condition makes. */
function ownLeaves(c: Condition | undefined, out: Leaf[] = []): Leaf[] {
  if (!c) return out;
  if ('all' in c) c.all.forEach((x) => ownLeaves(x, out));
  else if ('any' in c) c.any.forEach((x) => ownLeaves(x, out));
  else if ('not' in c) ownLeaves(c.not, out);
  else if ('edge' in c || 'resolves' in c || 'matchesItem' in c) return out;
  else if ('every' in c || 'some' in c) out.push({ path: c.path, op: 'list' });
  else out.push({ path: c.path, op: c.op, value: c.value });
  return out;
}

function edgesIn(c: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(c)) c.forEach((x) => edgesIn(x, out));
  else if (c && typeof c === 'object') for (const [k, x] of Object.entries(c)) k === 'edge' && typeof x === 'string' ? out.add(x) : edgesIn(x, out);
  return out;
}

function variantsFor(rule: Rule, snapshot: Snapshot, spec: Spec): Variant[] {
  const variants: Variant[] = [];
  // 1. The spec expects something else (pointers the selection does not also use).
  const selecting = pointersIn([rule.select, rule.when]);
  const expecting = [...pointersIn([rule.expect, rule.aggregate])].filter((p) => !selecting.has(p));
  for (const flavour of [0, 1]) {
    variants.push(() => {
      const sp = structuredClone(spec);
      for (const p of expecting) setPointer(sp, p, perturb(getPointer(sp, p), flavour));
      return [snapshot, sp];
    });
  }
  // 2. The selected resources hold something else; first made to match the selection's literal
  // conditions when asked (a rule about target-tracking policies needs one to look at).
  for (const matchSelection of [false, true]) {
    for (const flavour of [0, 1]) {
      variants.push(() => {
        const snap = structuredClone(snapshot);
        for (const n of snap.nodes) {
          if (n.type !== rule.select?.type) continue;
          const props = n.props as unknown as Record<string, unknown>;
          if (matchSelection) {
            for (const leaf of ownLeaves(rule.select.where)) if (leaf.op === 'eq' && typeof leaf.value !== 'object' && !leaf.path.includes('.')) props[leaf.path] = leaf.value;
          }
          for (const leaf of ownLeaves(rule.expect)) {
            const keys = leaf.path.split('.');
            const last = keys.pop()!;
            const owner = keys.reduce<any>((at, k) => at?.[k], props);
            if (last.startsWith('@') || !owner || typeof owner !== 'object' || !(last in owner)) continue;
            owner[last] = leaf.op === 'exists' ? null : leaf.op === 'list' ? [] : perturb(owner[last], flavour);
          }
        }
        return [snap, spec];
      });
    }
  }
  // 3. The relations it follows are gone; 4. the resources it counts are gone.
  variants.push(() => {
    const snap = structuredClone(snapshot);
    const edges = edgesIn(rule.expect);
    snap.edges = snap.edges.filter((e) => !edges.has(e.type));
    return [snap, spec];
  });
  variants.push(() => {
    const snap = structuredClone(snapshot);
    snap.nodes = snap.nodes.filter((n) => n.type !== rule.select?.type);
    return [snap, spec];
  });
  // 5. The spec no longer has a section the selection recognises resources by (a rule about the
  // resources no item lists: without the section, every one is unlisted).
  variants.push(() => {
    const sp = structuredClone(spec);
    for (const p of selecting) if (keysOf(p).length === 1) delete sp[keysOf(p)[0]!];
    return [snapshot, sp];
  });
  return variants;
}

export function failingResults(snapshot: Snapshot, spec: Spec, rules: Rule[]): Map<string, RuleResult[]> {
  const failsOf = (snap: Snapshot, sp: Spec, id: string) =>
    evaluateRules({ snapshot: snap, spec: sp as never, rules }).filter((r) => r.ruleId === id && r.status === 'fail');
  const out = new Map<string, RuleResult[]>();
  for (const rule of rules) {
    // A failure of the expectation beats one that only found nothing to look at.
    let fallback: RuleResult[] | undefined;
    for (const make of [(): [Snapshot, Spec] => [snapshot, spec], ...variantsFor(rule, snapshot, spec)]) {
      const fails = failsOf(...make(), rule.id);
      if (fails.some((r) => r.path !== '(resources)')) {
        out.set(rule.id, fails);
        break;
      }
      if (fails.length) fallback ??= fails;
    }
    if (!out.has(rule.id) && fallback) out.set(rule.id, fallback);
  }
  return out;
}
