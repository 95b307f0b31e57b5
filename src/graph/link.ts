// Normalization after collection: edges declared with a `link` (src/resources/<service>.ts), found by
// matching a prop of one resource with a prop (or the id) of another — e.g. a CloudFront origin's
// domain name and a load balancer's DNS name, which no single collector sees both of — then pruning of
// edges to resources that were not collected, and a stable order so snapshots diff cleanly.
// The same matching tells a rule which of a resource's references resolve to nothing (unresolvedReferences).
import type { KeyPattern, KeyPatterns, LinkDecl } from '../resources/define.js';
import { EDGE_TYPES, type EdgeType } from './edge-types.js';
import type { GraphEdge, GraphNode, Snapshot } from './types.js';
import { byCodeUnits } from '../text/order.js';

const LINKS: readonly [EdgeType, LinkDecl][] = Object.entries(EDGE_TYPES).flatMap(([type, e]) =>
  'link' in e ? [[type as EdgeType, e.link as LinkDecl] as const] : [],
);

/** What a source value refers to: the key it looks for and, when it says so, where that resource lives. */
export interface Reference {
  value: string;
  key: string;
  /** A reference that must resolve (false: a bare name, which may name something else, e.g. an SSM parameter). */
  required: boolean;
  account?: string;
  region?: string;
}

/** How a link's values compare: the keys a target is found under, and what a source value refers to. */
export interface MatchMode {
  targetKeys(value: string, target: GraphNode): string[];
  /** undefined: the value does not refer to this kind of target at all. */
  reference(value: string, from: GraphNode): Reference | undefined;
}

const plain = (normalize: (v: string) => string): MatchMode => ({
  targetKeys: (v) => [normalize(v)],
  reference: (value) => ({ value, key: normalize(value), required: true }),
});

// DNS names compare case-insensitively, without the root dot; ELB answers to "dualstack.<name>" too.
const NAMED_MODES: Record<'exact' | 'dns-name', MatchMode> = {
  exact: plain((v) => v),
  'dns-name': plain((v) => v.toLowerCase().replace(/\.$/, '').replace(/^dualstack\./, '')),
};

interface CompiledPattern { re: RegExp; pattern: KeyPattern }

/** `$1`..`$9` from the match, `{region}`/`{account}` from the resource holding the value. */
function fill(template: string, m: RegExpExecArray, node: GraphNode): string {
  return template.replace(/\$(\d)|\{(region|account)\}/g, (_all, group: string | undefined, field: 'region' | 'account' | undefined) =>
    group !== undefined ? (m[Number(group)] ?? '') : node[field!],
  );
}

/** A declaration's key patterns as a mode: compiled once per link (the catalog's objects live as long as the process). */
export function patternMode(patterns: KeyPatterns): MatchMode {
  const compile = (list: readonly KeyPattern[]): CompiledPattern[] => list.map((pattern) => ({ re: new RegExp(`^(?:${pattern.regex})$`), pattern }));
  const target = compile(patterns.target);
  const reference = compile(patterns.reference);
  return {
    targetKeys(value, node) {
      const keys = target.flatMap(({ re, pattern }) => {
        const m = re.exec(value);
        return m && pattern.key !== undefined ? [fill(pattern.key, m, node)] : [];
      });
      return [...new Set(keys)];
    },
    reference(value, from) {
      for (const { re, pattern } of reference) {
        const m = re.exec(value);
        if (!m) continue;
        if (pattern.key === undefined) return undefined;
        return {
          value,
          key: fill(pattern.key, m, from),
          required: !pattern.optional,
          ...(pattern.account !== undefined && { account: fill(pattern.account, m, from) }),
          ...(pattern.region !== undefined && { region: fill(pattern.region, m, from) }),
        };
      }
      return undefined;
    },
  };
}

const compiled = new WeakMap<KeyPatterns, MatchMode>();

/** How a link's values compare: a named mode, or the declaration's own key patterns. */
export function matchModeOf(link: LinkDecl): MatchMode {
  if (typeof link.match === 'string') return NAMED_MODES[link.match];
  let mode = compiled.get(link.match);
  if (!mode) compiled.set(link.match, (mode = patternMode(link.match)));
  return mode;
}

export function linkGraph(nodes: GraphNode[], edges: GraphEdge[]): Pick<Snapshot, 'nodes' | 'edges'> {
  const ids = new Set(nodes.map((n) => n.id));
  const linked = [...edges, ...LINKS.flatMap(([type, link]) => linkEdges(type, link, nodes))];

  const seen = new Set<string>();
  const kept = linked.filter((e) => {
    const key = `${e.type}|${e.from}|${e.to}`;
    if (seen.has(key) || !ids.has(e.from) || !ids.has(e.to)) return false;
    seen.add(key);
    return true;
  });
  return {
    nodes: [...nodes].sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.id, b.id)),
    edges: kept.sort((a, b) => byCodeUnits(a.type, b.type) || byCodeUnits(a.from, b.from) || byCodeUnits(a.to, b.to)),
  };
}

/** The edges one link declaration finds among the nodes (exported for tests of match modes no edge uses yet). */
export function linkEdges(type: EdgeType, link: LinkDecl, nodes: readonly GraphNode[]): GraphEdge[] {
  const targets = new Map<string, Set<string>>();
  for (const n of nodes) {
    for (const key of targetKeysOf(link, n)) targets.set(key, (targets.get(key) ?? new Set()).add(n.id));
  }
  const found: GraphEdge[] = [];
  for (const n of nodes) {
    for (const ref of referencesOf(link, n)) {
      for (const to of targets.get(ref.key) ?? []) if (to !== n.id) found.push({ type, from: n.id, to });
    }
  }
  return found;
}

/** Every name a target answers to, from any of its paths (a KMS key: its ARN and its aliases). */
function targetKeysOf(link: LinkDecl, node: GraphNode): string[] {
  const paths = link.to[node.type];
  if (paths === undefined) return [];
  return (typeof paths === 'string' ? [paths] : paths).flatMap((path) => valuesOf(node, path).flatMap((v) => matchModeOf(link).targetKeys(v, node)));
}

function referencesOf(link: LinkDecl, node: GraphNode): Reference[] {
  const path = link.from[node.type];
  if (path === undefined) return [];
  return valuesOf(node, path).flatMap((v) => matchModeOf(link).reference(v, node) ?? []);
}

/** The declared link of an edge type, when it has one. */
export function linkOf(edgeType: string): LinkDecl | undefined {
  return LINKS.find(([type]) => type === edgeType)?.[1];
}

/**
 * The references `node` makes along `edgeType`'s link that must resolve and match none of `targets`
 * (the resources the edge reaches from it): a secret the task definition names that does not exist.
 */
export function unresolvedReferences(edgeType: string, node: GraphNode, targets: readonly GraphNode[]): Reference[] {
  const link = linkOf(edgeType);
  if (!link) return [];
  const found = new Set(targets.flatMap((t) => targetKeysOf(link, t)));
  return referencesOf(link, node).filter((ref) => ref.required && !found.has(ref.key));
}

/** The strings at a dotted props path ("@id": the node id), stepping into lists along the way. */
function valuesOf(node: GraphNode, path: string): string[] {
  if (path === '@id') return [node.id];
  let current: unknown[] = [node.props];
  for (const key of path.split('.')) {
    current = current
      .flatMap((v) => (Array.isArray(v) ? v : [v]))
      .flatMap((v) => (v !== null && typeof v === 'object' && Object.hasOwn(v, key) ? [(v as Record<string, unknown>)[key]] : []));
  }
  return current.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is string => typeof v === 'string' && v !== '');
}
