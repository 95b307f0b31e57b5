// Snapshot save/load: the complete graph of one collection, the only thing `check` needs.
import type { LocatedJson } from '../input/json-source.js';
import { readLargeJson } from '../input/json-chunked.js';
import { SIZE_LIMITS } from '../input/read-bounded.js';
import { assertValid } from '../input/schemas.js';
import type { InputError } from '../errors.js';
import type { GraphNode, Snapshot } from './types.js';
import { EDGE_TYPES } from './edge-types.js';
import { Graph } from './graph.js';

/** The snapshot format this release writes and reads. */
export const SNAPSHOT_SCHEMA_VERSION = 1;

export async function loadSnapshot(file: string, chunkedFrom?: number): Promise<Snapshot> {
  const source = await readLargeJson(file, SIZE_LIMITS.snapshot, chunkedFrom);
  checkVersion(source);
  assertValid('snapshot', source);
  const snapshot = source.value as Snapshot;
  // What a schema cannot say: ids are unique, edges join two different nodes that exist, once each.
  // Checked on the graph the engine then evaluates (Graph.of): the resources are indexed once.
  const graph = new Graph(snapshot);
  if (graph.byId.size !== snapshot.nodes.length) throw duplicateId(source, snapshot.nodes);
  snapshot.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      const node = graph.byId.get(edge[end]);
      if (node === undefined) throw source.error(`/edges/${i}/${end}`, `edge ${end} "${edge[end]}" is not a node of this snapshot`);
      const allowed: readonly string[] = EDGE_TYPES[edge.type][end];
      if (!allowed.includes(node.type)) throw source.error(`/edges/${i}/${end}`, `a ${edge.type} edge cannot ${end === 'from' ? 'start at' : 'end at'} a ${node.type} (allowed: ${allowed.join(', ')})`);
    }
    if (edge.from === edge.to) throw source.error(`/edges/${i}/to`, `a ${edge.type} edge from "${edge.from}" to itself`);
    // A repeated edge would be counted twice (one read replica seen as two).
    const first = graph.firstLike(edge);
    if (first !== edge) throw source.error(`/edges/${i}`, `duplicate edge: the same ${edge.type} edge as /edges/${snapshot.edges.indexOf(first)}`);
  });
  Graph.remember(graph);
  return snapshot;
}

/** The first repeated id, where it repeats and where it first was (only called when there is one). */
function duplicateId(source: LocatedJson, nodes: readonly GraphNode[]): InputError {
  const ids = new Map<string, number>();
  for (const [i, node] of nodes.entries()) {
    const first = ids.get(node.id);
    if (first !== undefined) return source.error(`/nodes/${i}/id`, `duplicate node id "${node.id}" (first at /nodes/${first})`);
    ids.set(node.id, i);
  }
  throw new Error('duplicateId: no repeated id');
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
