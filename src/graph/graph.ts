// An indexed, read-only view of a snapshot's nodes and edges. Built once per loaded snapshot:
// loadSnapshot checks ids and edges against this index, and `check` then evaluates on the same one.
import type { GraphEdge, GraphNode, Snapshot } from './types.js';

// Edges from one resource past this many are matched by key, not by a scan of the list (hubs).
const SHORT_LIST = 16;

/** The graph loadSnapshot built for each snapshot it returned (snapshots are not changed after loading). */
const loaded = new WeakMap<Snapshot, Graph>();

export class Graph {
  readonly byId = new Map<string, GraphNode>();
  /** Made on first use: only init lists nodes by type (the engine indexes the in-scope ones itself). */
  private byType: Map<string, GraphNode[]> | undefined;
  private readonly outgoing = new Map<string, GraphEdge[]>();
  private readonly incoming = new Map<string, GraphEdge[]>();
  /** Hubs' outgoing edges by "type\0to": the first such edge (made on first use). */
  private hubKeys: Map<string, Map<string, GraphEdge>> | undefined;

  /** The snapshot's graph: the one loadSnapshot built, else a new one. */
  static of(snapshot: Snapshot): Graph {
    const graph = loaded.get(snapshot);
    // A guard, not a promise: a snapshot grown after loading gets a graph of what it holds now.
    if (graph && graph.nodeCount === snapshot.nodes.length && graph.edgeCount === snapshot.edges.length) return graph;
    return new Graph(snapshot);
  }

  /** Keeps this graph as the snapshot's own (loadSnapshot, once its checks passed). */
  static remember(graph: Graph): void {
    loaded.set(graph.snapshot, graph);
  }

  private readonly nodeCount: number;
  private readonly edgeCount: number;

  constructor(readonly snapshot: Snapshot) {
    for (const node of snapshot.nodes) this.byId.set(node.id, node);
    for (const edge of snapshot.edges) {
      push(this.outgoing, edge.from, edge);
      push(this.incoming, edge.to, edge);
    }
    this.nodeCount = snapshot.nodes.length;
    this.edgeCount = snapshot.edges.length;
  }

  ofType(type: string): readonly GraphNode[] {
    if (!this.byType) {
      this.byType = new Map();
      for (const node of this.snapshot.nodes) push(this.byType, node.type, node);
    }
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

  /** The first edge, in snapshot order, with this one's from, type and to: `edge` itself unless it repeats one. */
  firstLike(edge: GraphEdge): GraphEdge {
    const list = this.outgoing.get(edge.from) ?? [edge];
    if (list.length <= SHORT_LIST) return list.find((e) => e.to === edge.to && e.type === edge.type) ?? edge;
    this.hubKeys ??= new Map();
    let keys = this.hubKeys.get(edge.from);
    if (!keys) {
      keys = new Map();
      for (const e of list) {
        const key = `${e.type}\u0000${e.to}`;
        if (!keys.has(key)) keys.set(key, e);
      }
      this.hubKeys.set(edge.from, keys);
    }
    return keys.get(`${edge.type}\u0000${edge.to}`) ?? edge;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
