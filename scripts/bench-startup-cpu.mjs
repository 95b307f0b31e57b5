// Start-up CPU of `check` on the example against a bare `node -e ''`, with and without Node's module
// compile cache (bin/compile-cache.js; Node >= 22.1): each child's user+system CPU from its own
// rusage (bench-usage.mjs), so load on a shared machine moves it less than wall time. Interleaved,
// median. Usage (after `npm run build`): node scripts/bench-startup-cpu.mjs [runs] [node binary]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Number(process.argv[2] ?? 9);
const node = process.argv[3] ?? process.execPath;
const dir = mkdtempSync(join(tmpdir(), 'infra-audit-startup-'));
const usageFile = join(dir, 'usage.json');
const check = ['bin/infra-audit.js', 'check', '--snapshot', 'examples/shopflow-drifted.snapshot.json', '--spec', 'spec.shopflow.json', '--format', 'json'];
const cases = {
  'node -e ""': [['-e', ''], {}],
  'check, compile cache': [check, { NODE_COMPILE_CACHE: join(dir, 'cache') }],
  'check, no cache': [check, { NODE_DISABLE_COMPILE_CACHE: '1' }],
};
const cpu = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, [args, env]] of Object.entries(cases)) {
    const r = spawnSync(node, ['--import', join(root, 'scripts/bench-usage.mjs'), ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env, BENCH_USAGE_FILE: usageFile } });
    if (r.status !== 0 && r.status !== 1) throw new Error(`${name} exited ${r.status}: ${r.stderr}`);
    cpu[name].push(JSON.parse(readFileSync(usageFile, 'utf8')).cpuMs);
  }
}
rmSync(dir, { recursive: true, force: true });
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
const bare = median(cpu['node -e ""']);
console.log(`node ${spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim()}, median of ${runs} interleaved runs, CPU (user+system)`);
for (const [name, t] of Object.entries(cpu)) console.log(`${name.padEnd(22)} ${median(t).toFixed(0).padStart(5)} ms  ${(median(t) / bare).toFixed(2)}x bare node`);
