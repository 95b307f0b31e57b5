// Normalization after collection: edges declared with a `link` (src/resources/<service>.ts), found by
// matching a prop of one resource with a prop (or the id) of another — e.g. a CloudFront origin's
// domain name and a load balancer's DNS name, which no single collector sees both of — then pruning of
// edges to resources that were not collected, and a stable order so snapshots diff cleanly.
import type { LinkDecl } from '../resources/define.js';
import { EDGE_TYPES, type EdgeType } from './edge-types.js';
import type { GraphEdge, GraphNode, Snapshot } from './types.js';
import { byCodeUnits } from '../text/order.js';

const LINKS: readonly [EdgeType, LinkDecl][] = Object.entries(EDGE_TYPES).flatMap(([type, e]) =>
  'link' in e ? [[type as EdgeType, e.link as LinkDecl] as const] : [],
);

// DNS names compare case-insensitively, without the root dot; ELB answers to "dualstack.<name>" too.
// A KMS key is named by key ARN, alias ARN, key id or alias name; the short forms are the naming
// resource's own account and region, so all four compare as "<region>:<account>:key/<id>|alias/<name>".
const NORMALIZE: Record<LinkDecl['match'], (value: string, node: GraphNode) => string> = {
  exact: (v) => v,
  'dns-name': (v) => v.toLowerCase().replace(/\.$/, '').replace(/^dualstack\./, ''),
  'kms-key': (v, node) => {
    const arn = /^arn:[^:]+:kms:([^:]*):([^:]*):((?:key|alias)\/.+)$/.exec(v);
    if (arn) return `${arn[1]}:${arn[2]}:${arn[3]}`;
    return `${node.region}:${node.account}:${v.startsWith('alias/') ? v : `key/${v}`}`;
  },
};

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
  const normalize = NORMALIZE[link.match];
  const targets = new Map<string, Set<string>>();
  for (const n of nodes) {
    const paths = link.to[n.type];
    if (paths === undefined) continue;
    // A target answers to every name any of its paths holds (a KMS key: its ARN and its aliases).
    for (const path of typeof paths === 'string' ? [paths] : paths) {
      for (const value of valuesOf(n, path)) {
        const key = normalize(value, n);
        targets.set(key, (targets.get(key) ?? new Set()).add(n.id));
      }
    }
  }
  const found: GraphEdge[] = [];
  for (const n of nodes) {
    const path = link.from[n.type];
    if (path === undefined) continue;
    for (const value of valuesOf(n, path)) {
      for (const to of targets.get(normalize(value, n)) ?? []) if (to !== n.id) found.push({ type, from: n.id, to });
    }
  }
  return found;
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

