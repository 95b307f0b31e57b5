// Which reads a rule depends on, from what it reads: the types it selects, walks to over edges and
// takes its scope from, and the props of those types its where/expect/aggregate paths name. The
// collectors declare what each read feeds (src/collect/<service>.ts `reads`): a read feeding a type
// with '*' decides which resources exist (every rule touching the type needs it); one feeding a prop
// list is needed only by rules that read one of those props; `'@tags'` there is the resource's tags,
// needed by a rule that reads `@tags…`, and by every rule whose resources are chosen by tags (a spec
// scope with tags: the selected type's and its scope owners'; an item matched by tags: the selected
// type's). A gap blocks a rule iff the rule needs the gap's read for one of the types the gap names, in
// the rule's region. Fail closed: a gap whose read
// does not declare a type it names (an older snapshot, another tool) blocks every rule touching it.
import { READS } from '../resources/reads.generated.js';
import { EDGE_TYPES, isEdgeType, scopeSources } from '../graph/edge-types.js';
import { linkOf } from '../graph/link.js';
import type { Gap, Snapshot } from '../graph/types.js';
import type { Condition, Rule, Value } from './types.js';

/** One declared read a rule relies on for one type. */
export interface Need { service: string; operation: string; type: string }

/** What chooses a rule's resources by their tags, beside its own paths. */
export interface TagChoice {
  /** The spec's scope names tags: the selected type's and its scope owners' tags decide what is in scope. */
  scope?: boolean;
  /** The spec item the rule is evaluated for matches resources by tags (select.matchItem). */
  item?: boolean;
}

const TAGS = '@tags';

/**
 * Types a rule touches, each with the props it reads. Node fields like @id count as the resource itself;
 * @tags (and @tags.x) as '@tags', which reads may feed apart (the tagging API).
 */
export function typesAndProps(rule: Rule, present?: ReadonlySet<string>, byTags: TagChoice = {}): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  if (!rule.select) return out;
  const touch = (types: readonly string[]) => {
    for (const t of types) if (!out.has(t)) out.set(t, new Set());
  };
  const prop = (types: readonly string[], path: string) => {
    touch(types);
    if (path === TAGS || path.startsWith(`${TAGS}.`)) {
      for (const t of types) out.get(t)!.add(TAGS);
      return;
    }
    // '@id', '@name', ...: the resource itself, which the '*' reads decide.
    if (path.startsWith('@') || path === '.') return;
    for (const t of types) out.get(t)!.add(path.split('.')[0]!);
  };
  // $prop reads the resource at hand, $origin the one the enclosing edge started from.
  const propRef = (types: readonly string[], origin: readonly string[] | undefined, value: Value | undefined) => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
    if ('$prop' in value && typeof value.$prop === 'string') prop(types, value.$prop);
    if ('$origin' in value && typeof value.$origin === 'string' && origin) prop(origin, value.$origin);
  };
  // `types` undefined: inside every/some over a list, where paths read the list item (its prop is counted).
  const walk = (c: Condition | undefined, types: readonly string[] | undefined, origin?: readonly string[]): void => {
    if (!c) return;
    if ('all' in c) return c.all.forEach((x) => walk(x, types, origin));
    if ('any' in c) return c.any.forEach((x) => walk(x, types, origin));
    if ('not' in c) return walk(c.not, types, origin);
    if ('edge' in c) {
      if (!types || !isEdgeType(c.edge)) return;
      const spec = EDGE_TYPES[c.edge] as { from: readonly string[]; to: readonly string[] };
      const targets = c.to !== undefined ? [c.to] : [...(c.reverse ? spec.from : spec.to)];
      touch(targets);
      if (c.distinct !== undefined) prop(targets, c.distinct);
      propRef(types, origin, c.value);
      return walk(c.every ?? c.some, targets, types);
    }
    // The item's match reads the resource's name and tags: the resource itself, which its '*' reads decide.
    if ('matchesItem' in c) return;
    if ('resolves' in c) {
      // The references (the link's `from` prop) and every resource they could resolve to.
      if (!types || !isEdgeType(c.resolves)) return;
      touch(EDGE_TYPES[c.resolves].to);
      const from = linkOf(c.resolves)?.from ?? {};
      for (const t of types) if (from[t] !== undefined) prop([t], from[t]);
      return;
    }
    if ('every' in c || 'some' in c) {
      if (types) prop(types, c.path);
      return walk('every' in c ? c.every : c.some, undefined, origin);
    }
    if (types) prop(types, c.path);
    propRef(types ?? [], origin, c.value);
  };
  const selected = [rule.select.type];
  touch(selected);
  // A resource is in scope through these types' tags and edges (a scalable target through its ECS service).
  // A from-to edge (the owner is `from`) vanishes with the owner's read, so its owner always counts.
  const owners = [...scopeSources(rule.select.type, present)];
  touch(owners);
  if (byTags.scope) for (const t of [...selected, ...owners]) prop([t], TAGS);
  if (byTags.item && rule.select.matchItem) prop(selected, TAGS);
  walk(rule.select.where, selected);
  walk(rule.expect, selected);
  if (rule.aggregate?.distinct !== undefined) prop(selected, rule.aggregate.distinct);
  return out;
}

interface Feeders { whole: Need[]; byProp: Map<string, Need[]> }
let index: Map<string, Feeders> | undefined;

/** Type -> the declared reads that feed it whole ('*') and those that feed each prop. */
function feedersByType(): Map<string, Feeders> {
  if (index) return index;
  index = new Map();
  for (const read of READS) {
    for (const [type, feed] of Object.entries(read.feeds)) {
      if (!index.has(type)) index.set(type, { whole: [], byProp: new Map() });
      const f = index.get(type)!;
      const need = { service: read.service, operation: read.operation, type };
      if (feed === '*') f.whole.push(need);
      else for (const p of feed) f.byProp.set(p, [...(f.byProp.get(p) ?? []), need]);
    }
  }
  return index;
}

/** Every declared read the rule needs, per type. */
export function neededReads(rule: Rule, present?: ReadonlySet<string>, byTags?: TagChoice): Need[] {
  return needsOf(typesAndProps(rule, present, byTags));
}

function needsOf(touched: Map<string, Set<string>>): Need[] {
  const feeders = feedersByType();
  const needs: Need[] = [];
  for (const [type, props] of touched) {
    const f = feeders.get(type);
    if (!f) continue;
    needs.push(...f.whole);
    for (const p of props) needs.push(...(f.byProp.get(p) ?? []));
  }
  return needs;
}

/** "service:operation:type" for every type a declared read feeds (with '*' or a prop list). */
let fed: Set<string> | undefined;
const feeds = (service: string, operation: string, type: string): boolean => {
  fed ??= new Set(READS.flatMap((r) => Object.keys(r.feeds).map((t) => `${r.service}:${r.operation}:${t}`)));
  return fed.has(`${service}:${operation}:${type}`);
};

/**
 * What a gap leaves unknown on the resources of `type` it does not drop: the props its read feeds apart
 * ('@tags' for the tags). Empty for a read that feeds the type whole: its failure leaves none of them.
 */
export function fieldsLeftUnknown(gap: Pick<Gap, 'service' | 'operation'>, type: string): readonly string[] {
  const feed = READS.find((r) => r.service === gap.service && r.operation === gap.operation)?.feeds[type];
  return Array.isArray(feed) ? feed : [];
}

const edgeTypesOf = new WeakMap<Snapshot, Set<string>>();

/** The gaps that leave this rule without data it reads, in its region (undefined: every region). */
export function blockingGaps(rule: Rule, region: string | undefined, snapshot: Snapshot, byTags?: TagChoice): Gap[] {
  const gaps = snapshot.gaps;
  if (!rule.select || gaps.length === 0) return [];
  let present = edgeTypesOf.get(snapshot);
  if (!present) edgeTypesOf.set(snapshot, (present = new Set(snapshot.edges.map((e) => e.type))));
  const touched = typesAndProps(rule, present, byTags);
  const needs = needsOf(touched);
  return gaps.filter((g) => {
    if (region && g.region !== region && g.region !== 'global') return false;
    return g.resourceTypes.some((type) => {
      if (!touched.has(type)) return false;
      // What a read feeds of a type is known only from its declaration: a collector that failed
      // outright ('*'), or a read that does not declare this type (an older snapshot), blocks.
      if (g.operation === '*' || !feeds(g.service, g.operation, type)) return true;
      return needs.some((n) => n.service === g.service && n.operation === g.operation && n.type === type);
    });
  });
}
