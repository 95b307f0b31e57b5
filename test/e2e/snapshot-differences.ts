// Node-by-node comparison of two snapshots, shared by the mocked (e2e) and the wire-level (loopback) scans.
import type { Snapshot } from '../../src/graph/types.js';

/**
 * Where the collected snapshot and the example disagree, node by node ("<id> <field>: example X, scan Y"),
 * plus nodes and edges only one of them has.
 */
export function snapshotDifferences(example: Snapshot, collected: Snapshot): string[] {
  const out: string[] = [];
  const byId = (s: Snapshot) => new Map(s.nodes.map((n) => [n.id, n]));
  const ex = byId(example);
  const got = byId(collected);
  for (const id of ex.keys()) if (!got.has(id)) out.push(`${id}: only in the example`);
  for (const id of got.keys()) if (!ex.has(id)) out.push(`${id}: only in the scan`);
  const walk = (id: string, path: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    if (a && b && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
      for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) walk(id, `${path}.${k}`, (a as any)[k], (b as any)[k]);
      return;
    }
    out.push(`${id} ${path}: example ${JSON.stringify(a)}, scan ${JSON.stringify(b)}`);
  };
  for (const [id, node] of ex) {
    const other = got.get(id);
    if (other) walk(id, '', { ...node }, { ...other });
  }
  const edges = (s: Snapshot) => new Set(s.edges.map((e) => `${e.type} ${e.from} -> ${e.to}`));
  const exEdges = edges(example);
  const gotEdges = edges(collected);
  for (const e of exEdges) if (!gotEdges.has(e)) out.push(`edge only in the example: ${e}`);
  for (const e of gotEdges) if (!exEdges.has(e)) out.push(`edge only in the scan: ${e}`);
  return out.sort();
}
