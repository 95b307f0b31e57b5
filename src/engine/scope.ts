// Which resources belong to the audited application. Direct members carry the spec's tags or name
// prefix; others join through scope-carrying edges (edge-types.ts). A resource that carries the scope
// tag key with another value belongs to another application and never joins.
import { EDGE_TYPES, isEdgeType } from '../graph/edge-types.js';
import type { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';
import type { SpecScope } from './spec.js';

/** Whether a resource belongs directly (by its own tags or name), and whether it belongs to another application. */
export function scopeTests(scope: SpecScope): { direct: (node: GraphNode) => boolean; foreign: (node: GraphNode) => boolean } {
  const tagEntries = Object.entries(scope.tags ?? {});
  const prefix = scope.namePrefix;
  const foreign = (node: GraphNode) => tagEntries.some(([k, v]) => Object.hasOwn(node.tags, k) && node.tags[k] !== v);
  const direct = (node: GraphNode) =>
    (tagEntries.length > 0 && tagEntries.every(([k, v]) => node.tags[k] === v)) || (!!prefix && node.name.startsWith(prefix) && !foreign(node));
  return { direct, foreign };
}

/** Scope spreads only from direct members, so no direct member means an empty scope. */
export const scopeMatchesAny = (nodes: readonly GraphNode[], scope: SpecScope): boolean => nodes.some(scopeTests(scope).direct);

/** The scope as a reader would say it: "tag app=shopflow, or a name starting with shopflow". */
export function describeScope(scope: SpecScope): string {
  const tags = Object.entries(scope.tags ?? {}).map(([k, v]) => `${k}=${v}`);
  return [...(tags.length ? [`tag${tags.length > 1 ? 's' : ''} ${tags.join(', ')}`] : []), ...(scope.namePrefix ? [`a name starting with ${scope.namePrefix}`] : [])].join(', or ');
}

export function computeScope(graph: Graph, scope: SpecScope): Set<string> {
  const { direct, foreign } = scopeTests(scope);
  const inScope = new Set<string>();
  for (const node of graph.byId.values()) if (direct(node)) inScope.add(node.id);

  // Spread outward from the members along scope-carrying edges: each member's own edges are looked at
  // once, so the work follows the scope, not passes over every edge of the account until nothing changes.
  const queue = [...inScope];
  const join = (member: string) => {
    if (inScope.has(member)) return;
    const node = graph.byId.get(member);
    if (!node || foreign(node)) return;
    inScope.add(member);
    queue.push(member);
  };
  for (let i = 0; i < queue.length; i++) {
    const owner = queue[i]!;
    for (const edge of graph.edgesFrom(owner)) if (scopeOf(edge.type) === 'from-to') join(edge.to);
    for (const edge of graph.edgesTo(owner)) if (scopeOf(edge.type) === 'to-from') join(edge.from);
  }
  return inScope;
}

const scopeOf = (type: string) => (isEdgeType(type) ? EDGE_TYPES[type].scope : 'none');
