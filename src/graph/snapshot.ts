// Snapshot save/load: the complete graph of one collection, the only thing `check` needs.
import type { LocatedJson } from '../input/json-source.js';
import { readLargeJson } from '../input/json-chunked.js';
import { SIZE_LIMITS } from '../input/read-bounded.js';
import { assertValid } from '../input/schemas.js';
import type { GraphEdge, Snapshot } from './types.js';
import { EDGE_TYPES } from './edge-types.js';

/** The snapshot format this release writes and reads. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export async function loadSnapshot(file: string, chunkedFrom?: number): Promise<Snapshot> {
  const source = await readLargeJson(file, SIZE_LIMITS.snapshot, chunkedFrom);
  checkVersion(source);
  assertValid('snapshot', source);
  const snapshot = source.value as Snapshot;
  // What a schema cannot say: ids are unique, edges join two different nodes that exist, once each.
  const ids = new Map<string, number>();
  snapshot.nodes.forEach((node, i) => {
    if (ids.has(node.id)) throw source.error(`/nodes/${i}/id`, `duplicate node id "${node.id}" (first at /nodes/${ids.get(node.id)})`);
    ids.set(node.id, i);
  });
  const sameEdge = new EdgeIndex(snapshot.edges);
  snapshot.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      const at = ids.get(edge[end]);
      if (at === undefined) throw source.error(`/edges/${i}/${end}`, `edge ${end} "${edge[end]}" is not a node of this snapshot`);
      const type = snapshot.nodes[at]!.type;
      const allowed: readonly string[] = EDGE_TYPES[edge.type][end];
      if (!allowed.includes(type)) throw source.error(`/edges/${i}/${end}`, `a ${edge.type} edge cannot ${end === 'from' ? 'start at' : 'end at'} a ${type} (allowed: ${allowed.join(', ')})`);
    }
    if (edge.from === edge.to) throw source.error(`/edges/${i}/to`, `a ${edge.type} edge from "${edge.from}" to itself`);
    // A repeated edge would be counted twice (one read replica seen as two).
    const first = sameEdge.find(edge, i);
    if (first !== undefined) throw source.error(`/edges/${i}`, `duplicate edge: the same ${edge.type} edge as /edges/${first}`);
  });
  return snapshot;
}

// Edges by where they start: most resources have a few, so a short list is searched (no key string or
// map per edge: at a million resources that is most of the memory); a hub gets a set of keys.
class EdgeIndex {
  private readonly from = new Map<string, number[] | Map<string, number>>();
  constructor(private readonly edges: readonly GraphEdge[]) {}

  /** Index of an earlier edge equal to `edge` (the one at `i`), else records it. */
  find(edge: GraphEdge, i: number): number | undefined {
    const known = this.from.get(edge.from);
    const key = () => `${edge.type}\u0000${edge.to}`;
    if (known === undefined) {
      this.from.set(edge.from, [i]);
      return undefined;
    }
    if (!Array.isArray(known)) {
      const first = known.get(key());
      if (first === undefined) known.set(key(), i);
      return first;
    }
    const first = known.find((j) => this.edges[j]!.to === edge.to && this.edges[j]!.type === edge.type);
    if (first !== undefined) return first;
    known.push(i);
    if (known.length > 16) this.from.set(edge.from, new Map(known.map((j) => [`${this.edges[j]!.type}\u0000${this.edges[j]!.to}`, j])));
    return undefined;
  }
}

// A newer file is not a broken one: say which version this release reads, so the fix is an upgrade.
function checkVersion(source: LocatedJson): void {
  const value = source.value as { schemaVersion?: unknown } | null;
  const version = value !== null && typeof value === 'object' && !Array.isArray(value) ? value.schemaVersion : undefined;
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
    throw source.error('/schemaVersion', `the snapshot has schemaVersion ${version}, newer than this release reads (schemaVersion ${SNAPSHOT_SCHEMA_VERSION}): upgrade infra-audit, or collect the snapshot with this release`);
  }
}

export function serializeSnapshot(snapshot: Snapshot): string {
  return JSON.stringify(snapshot, null, 2) + '\n';
}
