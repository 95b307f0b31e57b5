// Normalization after collection: edges declared with a `link` (src/resources/<service>.ts), found by
// matching a prop of one resource with a prop (or the id) of another — e.g. a CloudFront origin's
// domain name and a load balancer's DNS name, which no single collector sees both of — then pruning of
// edges to resources that were not collected, and a stable order so snapshots diff cleanly.
// The same matching tells a rule which of a resource's references resolve to nothing (unresolvedReferences).
import type { LinkDecl } from '../resources/define.js';
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
interface MatchMode {
  targetKeys(value: string, target: GraphNode): string[];
  /** undefined: the value does not refer to this kind of target at all. */
  reference(value: string, from: GraphNode): Reference | undefined;
}

const plain = (normalize: (v: string, node: GraphNode) => string): MatchMode => ({
  targetKeys: (v, target) => [normalize(v, target)],
  reference: (value, from) => ({ value, key: normalize(value, from), required: true }),
});

// arn:<partition>:secretsmanager:<region>:<account>:secret:<name>[-<6 random chars>][:json-key[:version-stage[:version-id]]]
// (secret names cannot contain ':', so the name is the seventh field whatever follows it).
const SECRET_ARN = /^arn:[^:]+:secretsmanager:([^:]*):([^:]*):secret:([^:]+)(?::.*)?$/;
const RANDOM_SUFFIX = /-[A-Za-z0-9]{6}$/;

/**
 * ECS's `valueFrom` forms for a Secrets Manager secret: its full ARN, that ARN with a JSON key, version
 * stage or id after it, a partial ARN without the random suffix, or the bare name (same account and
 * region). Any other ARN (an SSM parameter's) is not a secret reference; a bare name that names no
 * secret may be an SSM parameter, so it need not resolve.
 */
const SECRET_REF: MatchMode = {
  targetKeys(arn) {
    const m = SECRET_ARN.exec(arn);
    if (!m) return [];
    const [, region, account, name] = m as unknown as [string, string, string, string];
    const keys = [`${region}:${account}:${name}`];
    // A partial ARN (the secret's name without the suffix AWS appended) names it too.
    if (RANDOM_SUFFIX.test(name)) keys.push(`${region}:${account}:${name.slice(0, -7)}`);
    return keys;
  },
  reference(value, from) {
    if (value.startsWith('arn:')) {
      const m = SECRET_ARN.exec(value);
      if (!m) return undefined;
      const [, region, account, name] = m as unknown as [string, string, string, string];
      return { value, key: `${region}:${account}:${name}`, required: true, account, region };
    }
    return { value, key: `${from.region}:${from.account}:${value}`, required: false };
  },
};

// DNS names compare case-insensitively, without the root dot; ELB answers to "dualstack.<name>" too.
// A KMS key is named by key ARN, alias ARN, key id or alias name; the short forms are the naming
// resource's own account and region, so all four compare as "<region>:<account>:key/<id>|alias/<name>".
// Exported for tests: a mode is tried on its values before any declared link uses it.
export const MATCH_MODES: Record<LinkDecl['match'], MatchMode> = {
  exact: plain((v) => v),
  'dns-name': plain((v) => v.toLowerCase().replace(/\.$/, '').replace(/^dualstack\./, '')),
  'kms-key': plain((v, node) => {
    const arn = /^arn:[^:]+:kms:([^:]*):([^:]*):((?:key|alias)\/.+)$/.exec(v);
    if (arn) return `${arn[1]}:${arn[2]}:${arn[3]}`;
    return `${node.region}:${node.account}:${v.startsWith('alias/') ? v : `key/${v}`}`;
  }),
  'secret-ref': SECRET_REF,
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
  return (typeof paths === 'string' ? [paths] : paths).flatMap((path) => valuesOf(node, path).flatMap((v) => MATCH_MODES[link.match].targetKeys(v, node)));
}

function referencesOf(link: LinkDecl, node: GraphNode): Reference[] {
  const path = link.from[node.type];
  if (path === undefined) return [];
  return valuesOf(node, path).flatMap((v) => MATCH_MODES[link.match].reference(v, node) ?? []);
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
