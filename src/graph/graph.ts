// An indexed, read-only view of a snapshot's nodes and edges.
import type { GraphEdge, GraphNode, Snapshot } from './types.js';

export class Graph {
  readonly byId = new Map<string, GraphNode>();
  private readonly byType = new Map<string, GraphNode[]>();
  private readonly outgoing = new Map<string, GraphEdge[]>();
  private readonly incoming = new Map<string, GraphEdge[]>();

  constructor(readonly snapshot: Snapshot) {
    for (const node of snapshot.nodes) {
      this.byId.set(node.id, node);
      push(this.byType, node.type, node);
    }
    for (const edge of snapshot.edges) {
      push(this.outgoing, edge.from, edge);
      push(this.incoming, edge.to, edge);
    }
  }

  ofType(type: string): readonly GraphNode[] {
    return this.byType.get(type) ?? [];
  }

  /** Nodes at the other end of `edgeType` edges: outgoing by default, incoming when `reverse`. */
  neighbours(id: string, edgeType: string, reverse = false): GraphNode[] {
    const edges = (reverse ? this.incoming : this.outgoing).get(id) ?? [];
    const out: GraphNode[] = [];
    for (const edge of edges) {
      if (edge.type !== edgeType) continue;
      const node = this.byId.get(reverse ? edge.from : edge.to);
      if (node) out.push(node);
    }
    return out;
  }

  edgesFrom(id: string): readonly GraphEdge[] {
    return this.outgoing.get(id) ?? [];
  }

  edgesTo(id: string): readonly GraphEdge[] {
    return this.incoming.get(id) ?? [];
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
