// A synthetic account of any size, for the benchmark and for tests at small sizes: copies of the
// drifted ShopFlow example under new ids. One copy in twenty keeps ShopFlow's tags and names (in scope);
// the others belong to other applications, so 5% of the resources are in the audited scope.
// Deterministic: the same size gives the same bytes. Written piece by piece, so a file larger than
// V8's longest string can be produced.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';

const example = new URL('../examples/shopflow-drifted.snapshot.json', import.meta.url);
export const IN_SCOPE_EVERY = 20;

/** The example's nodes and edges as copy number `i` (copy 0 is the example itself). */
function copyOf(base, i) {
  if (i === 0) return base;
  const inScope = i % IN_SCOPE_EVERY === 0;
  const id = (s) => `${s}-c${i}`;
  const rename = (s) => (inScope ? s : s.replace(/shopflow/g, `app${i}`));
  const nodes = base.nodes.map((n) => ({
    ...n,
    id: id(n.id),
    name: rename(n.name),
    tags: Object.fromEntries(Object.entries(n.tags).map(([k, v]) => [k, rename(v)])),
  }));
  const edges = base.edges.map((e) => ({ ...e, from: id(e.from), to: id(e.to) }));
  return { nodes, edges };
}

/** Writes a snapshot of about `resources` nodes (whole copies of the example) to `file`; returns its node count. */
export function writeSyntheticSnapshot(file, resources) {
  const base = JSON.parse(readFileSync(example, 'utf8'));
  const copies = Math.max(1, Math.round(resources / base.nodes.length));
  const fd = openSync(file, 'w');
  try {
    const { nodes: _n, edges: _e, ...head } = base;
    const parts = [];
    let pending = 0;
    const write = (s) => {
      parts.push(s);
      pending += s.length;
      if (pending > 1 << 22) flush();
    };
    const flush = () => {
      writeSync(fd, parts.join(''));
      parts.length = 0;
      pending = 0;
    };
    write(JSON.stringify(head).slice(0, -1) + ',"nodes":[');
    for (let i = 0; i < copies; i++) {
      const { nodes } = copyOf(base, i);
      write((i ? ',' : '') + nodes.map((n) => JSON.stringify(n)).join(',\n'));
    }
    write('],\n"edges":[');
    for (let i = 0; i < copies; i++) {
      const { edges } = copyOf(base, i);
      write((i ? ',' : '') + edges.map((e) => JSON.stringify(e)).join(',\n'));
    }
    write(']}\n');
    flush();
  } finally {
    closeSync(fd);
  }
  return copies * base.nodes.length;
}

/** The same snapshot as a value (small sizes only: tests compare paths on it). */
export function syntheticSnapshot(resources) {
  const base = JSON.parse(readFileSync(example, 'utf8'));
  const copies = Math.max(1, Math.round(resources / base.nodes.length));
  const all = Array.from({ length: copies }, (_, i) => copyOf(base, i));
  return { ...base, nodes: all.flatMap((c) => c.nodes), edges: all.flatMap((c) => c.edges) };
}
