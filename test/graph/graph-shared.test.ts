// One index of a loaded snapshot: loadSnapshot checks ids and edges on the graph the engine then uses
// (Graph.of), and a snapshot that is not the loaded one, or that grew since, gets a graph of its own.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Graph } from '../../src/graph/graph.js';
import { loadSnapshot, serializeSnapshot } from '../../src/graph/snapshot.js';
import { loadExample } from '../e2e/aws-fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'graph-shared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const example = loadExample();
const file = join(dir, 'example.json');
writeFileSync(file, serializeSnapshot(example));

describe('Graph.of', () => {
  it('is the graph loadSnapshot checked, every time it is asked', async () => {
    const snapshot = await loadSnapshot(file);
    const graph = Graph.of(snapshot);
    expect(Graph.of(snapshot)).toBe(graph);
    expect(graph.byId.size).toBe(example.nodes.length);
    expect([...graph.byId.keys()].sort()).toEqual(example.nodes.map((n) => n.id).sort());
  });

  it('indexes a snapshot it was not given by loadSnapshot afresh, as does a loaded one that grew', async () => {
    expect(Graph.of(example)).not.toBe(Graph.of(example));
    const snapshot = await loadSnapshot(file);
    const loaded = Graph.of(snapshot);
    const extra = { ...snapshot.nodes[0]!, id: `${snapshot.nodes[0]!.id}-added` };
    snapshot.nodes.push(extra);
    const grown = Graph.of(snapshot);
    expect(grown).not.toBe(loaded);
    expect(grown.byId.get(extra.id)).toBe(extra);
  });
});

describe('Graph.firstLike', () => {
  const base = example.edges[0]!;
  const ends = (n: number) => Array.from({ length: n }, (_, i) => ({ ...base, to: `${base.to}-${i}` }));
  // Short lists are searched, a hub's (more than 16 edges from one resource) matched by key: both alike.
  it.each([3, 40])('with %i edges from one resource: the earliest equal edge, else the edge itself', (n) => {
    const edges = ends(n);
    const repeat = { ...edges[n - 2]! };
    const graph = new Graph({ ...example, edges: [...edges, repeat] });
    expect(graph.firstLike(repeat)).toBe(edges[n - 2]);
    for (const edge of edges) expect(graph.firstLike(edge)).toBe(edge);
    // Same ends, another type: not a repeat.
    const other = { ...edges[0]!, type: 'other' as never };
    expect(new Graph({ ...example, edges: [...edges, other] }).firstLike(other)).toBe(other);
  });
});
