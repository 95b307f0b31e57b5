// Parse cost of a generated 100k-node snapshot: the old path (jsonc-parser position tree + JSON.parse)
// against today's (JSON.parse + the linear duplicate-key/depth scan; positions only on error).
// Run after `npm run build`: node scripts/bench-parse.mjs. Measures; asserts nothing.
import { readFileSync } from 'node:fs';
import { parseTree } from 'jsonc-parser';
import { parseJson } from '../dist/input/json-source.js';

const root = new URL('..', import.meta.url).pathname;
const example = JSON.parse(readFileSync(`${root}examples/shopflow-compliant.snapshot.json`, 'utf8'));
const count = Number(process.argv[2] ?? 100_000);
const nodes = Array.from({ length: count }, (_, i) => ({ ...example.nodes[i % example.nodes.length], id: `${example.nodes[i % example.nodes.length].id}-${i}` }));
const text = JSON.stringify({ ...example, nodes }, null, 2);

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const time = (fn) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};
const before = [];
const after = [];
for (let round = 0; round < 5; round++) {
  before.push(time(() => (parseTree(text, [], { disallowComments: true }), JSON.parse(text))));
  after.push(time(() => parseJson('bench.json', text)));
}
console.log(`${(text.length / 1e6).toFixed(0)} MB, ${count} nodes, median of 5 interleaved: tree + JSON.parse ${Math.round(median(before))} ms; JSON.parse + scan ${Math.round(median(after))} ms`);
