// Start-up cost of the CLI against a bare `node -e ''`: median of interleaved runs (never asserted).
// Usage: node scripts/bench-startup.mjs [runs]   (after `npm run build`)
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const cases = {
  'node -e ""': ['-e', ''],
  '--help': ['bin/infra-audit.js', '--help'],
  'check shopflow-drifted': ['bin/infra-audit.js', 'check', '--snapshot', 'examples/shopflow-drifted.snapshot.json', '--fail-on', 'none'],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
  }
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const bare = median(times['node -e ""']);
for (const [name, t] of Object.entries(times)) console.log(`${name.padEnd(24)} ${median(t).toFixed(0).padStart(5)} ms  ${(median(t) / bare).toFixed(2)}x bare node`);
