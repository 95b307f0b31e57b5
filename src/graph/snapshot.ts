// Snapshot save/load: the complete graph of one collection, the only thing `check` needs.
import { readJson } from '../input/json-source.js';
import { assertValid } from '../input/schemas.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import type { Snapshot } from './types.js';
import { EDGE_TYPES } from './edge-types.js';

export async function loadSnapshot(file: string): Promise<Snapshot> {
  const source = await readJson(file);
  assertValid('snapshot', source);
  const snapshot = source.value as Snapshot;
  // What a schema cannot say: ids are unique and edges join nodes that exist.
  const ids = new Map<string, number>();
  snapshot.nodes.forEach((node, i) => {
    if (ids.has(node.id)) throw source.error(`/nodes/${i}/id`, `duplicate node id "${node.id}" (first at /nodes/${ids.get(node.id)})`);
    ids.set(node.id, i);
  });
  snapshot.edges.forEach((edge, i) => {
    for (const end of ['from', 'to'] as const) {
      const at = ids.get(edge[end]);
      if (at === undefined) throw source.error(`/edges/${i}/${end}`, `edge ${end} "${edge[end]}" is not a node of this snapshot`);
      const type = snapshot.nodes[at]!.type;
      const allowed: readonly string[] = EDGE_TYPES[edge.type][end];
      if (!allowed.includes(type)) throw source.error(`/edges/${i}/${end}`, `a ${edge.type} edge cannot ${end === 'from' ? 'start at' : 'end at'} a ${type} (allowed: ${allowed.join(', ')})`);
    }
  });
  return snapshot;
}

export function serializeSnapshot(snapshot: Snapshot): string {
  return JSON.stringify(snapshot, null, 2) + '\n';
}

export async function saveSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeFileAtomic(file, serializeSnapshot(snapshot));
}
