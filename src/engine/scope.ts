// Which resources belong to the audited application. Direct members carry the spec's tags or name
// prefix; others join through scope-carrying edges (edge-types.ts). A resource that carries the scope
// tag key with another value belongs to another application and never joins.
import { EDGE_TYPES, isEdgeType } from '../graph/edge-types.js';
import type { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';
import type { SpecScope } from './spec.js';

export function computeScope(graph: Graph, scope: SpecScope): Set<string> {
  const tagEntries = Object.entries(scope.tags ?? {});
  const prefix = scope.namePrefix;
  const inScope = new Set<string>();
  const foreign = (node: GraphNode) => tagEntries.some(([k, v]) => Object.hasOwn(node.tags, k) && node.tags[k] !== v);

  for (const node of graph.byId.values()) {
    const tagged = tagEntries.length > 0 && tagEntries.every(([k, v]) => node.tags[k] === v);
    const named = !!prefix && node.name.startsWith(prefix) && !foreign(node);
    if (tagged || named) inScope.add(node.id);
  }

  // Spread along scope-carrying edges until nothing changes (the graph is small: a few thousand nodes).
  const edges = graph.snapshot.edges.filter((e) => isEdgeType(e.type) && EDGE_TYPES[e.type].scope !== 'none');
  for (let changed = true; changed; ) {
    changed = false;
    for (const edge of edges) {
      const [owner, member] = EDGE_TYPES[edge.type].scope === 'to-from' ? [edge.to, edge.from] : [edge.from, edge.to];
      if (!inScope.has(owner) || inScope.has(member)) continue;
      const node = graph.byId.get(member);
      if (node && !foreign(node)) {
        inScope.add(member);
        changed = true;
      }
    }
  }
  return inScope;
}
