#!/usr/bin/env node
// Benchmark: how long `check` takes, as ratios a reader can trust on any machine.
//  - in-process audit of the bundled example (load + evaluate + render), median of many runs;
//  - the whole CLI process vs. a bare `node` start (the floor no CLI can go under);
//  - scaling: the same audit on a snapshot 10x and 50x larger (other applications' resources).
// Run after `npm run build`: node scripts/bench.mjs
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { audit, loadCheckInputs } from '../dist/index.js';
import { renderJson } from '../dist/report/json.js';
import { renderSarif } from '../dist/report/sarif.js';
import { renderTable } from '../dist/report/table.js';

const root = new URL('..', import.meta.url).pathname;
const example = join(root, 'examples/shopflow-drifted.snapshot.json');
const spec = join(root, 'spec.shopflow.json');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function inProcess(snapshotFile, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const inputs = await loadCheckInputs({ snapshotFile, specFile: spec });
    const outcome = audit(inputs);
    const ctx = { ...outcome, baseDir: root, color: false };
    renderTable(ctx);
    renderJson(ctx);
    renderSarif(ctx);
    times.push(performance.now() - t);
  }
  return median(times);
}

function processTime(args, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    try {
      execFileSync(process.execPath, args, { stdio: 'ignore' });
    } catch {
      // exit 1 (drift found) is the expected outcome of the drifted example
    }
    times.push(performance.now() - t);
  }
  return median(times);
}

// A bigger account: the example plus N copies of every out-of-scope resource under new ids.
function scaled(factor) {
  const s = JSON.parse(readFileSync(example, 'utf8'));
  const foreign = s.nodes.filter((n) => n.tags.app === 'billing');
  for (let i = 1; i < factor; i++) {
    for (const n of foreign) s.nodes.push({ ...n, id: `${n.id}-copy${i}`, name: `${n.name}-copy${i}` });
    for (const n of s.nodes.filter((x) => x.tags.app === 'shopflow' && x.type === 'ec2.subnet')) s.nodes.push({ ...n, id: `${n.id}-x${i}`, tags: { app: `other${i}` } });
  }
  const file = join(mkdtempSync(join(tmpdir(), 'infra-audit-bench-')), `x${factor}.snapshot.json`);
  writeFileSync(file, JSON.stringify(s));
  return { file, nodes: s.nodes.length };
}

const runs = Number(process.env.BENCH_RUNS ?? 30);
await inProcess(example, 3); // warm-up
const base = await inProcess(example, runs);
const nodeFloor = processTime(['-e', ''], 10);
const cli = processTime([join(root, 'bin/infra-audit.js'), 'check', '--snapshot', example, '--format', 'json'], 10);
const exampleNodes = JSON.parse(readFileSync(example, 'utf8')).nodes.length;

console.log(`check, in process (load + evaluate + table/JSON/SARIF), ${exampleNodes} resources: ${base.toFixed(1)} ms (median of ${runs})`);
console.log(`check, whole CLI process: ${cli.toFixed(0)} ms = ${(cli / nodeFloor).toFixed(2)}x a bare \`node -e ''\` start (${nodeFloor.toFixed(0)} ms)`);
for (const factor of [10, 50]) {
  const big = scaled(factor);
  const t = await inProcess(big.file, Math.max(5, Math.floor(runs / 3)));
  console.log(`scaling: ${big.nodes} resources (${(big.nodes / exampleNodes).toFixed(1)}x): ${t.toFixed(1)} ms = ${(t / base).toFixed(2)}x the example`);
}
