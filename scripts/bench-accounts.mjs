#!/usr/bin/env node
// Benchmark of `scan --accounts` (issue 13): N ShopFlow-size member accounts behind the loopback server
// (scripts/bench-scan-server.mjs, its own process) at 50 ms per call, each assumed through STS and read
// as itself, audited and written, by one client process (the built dist/, real SDK clients). Wall, CPU
// and peak RSS of the client at 10 and 100 accounts (BENCH_ACCOUNTS=10,100): the goal is 100 accounts
// in under 2 minutes, memory flat in the number of accounts.
// Run: npm run build && node scripts/bench-accounts.mjs (npm run bench runs it). Prints; asserts nothing.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const root = new URL('..', import.meta.url).pathname;
const LATENCY_MS = 50;
// The SDK's Node 20 notice, once per process (server and client inherit it), is not part of the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

if (process.argv[2] === '--client') {
  // The measured process: one scan --accounts run, as the CLI runs it, against the loopback endpoint.
  const [, , , endpoint, accounts, outputDir] = process.argv;
  const { runScan } = await import(join(root, 'dist/cli/scan-run.js'));
  // Progress lines only with BENCH_VERBOSE; a failed account shows in the manifest's count either way.
  const io = { stdout: { write: () => true }, stderr: { write: (s) => (process.env.BENCH_VERBOSE ? process.stderr.write(s) : true) }, env: {}, cwd: root };
  const t = performance.now();
  const code = await runScan({
    format: 'table', failOn: 'none', snapshot: '', spec: 'shopflow', timeout: 600, outputDir, accounts,
    clientOptions: { endpoint, credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' }, maxAttempts: 3, requestTimeoutMs: 30_000, socketTimeoutMs: 30_000 },
  }, io);
  const { user, system } = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ code, wallMs: performance.now() - t, cpuMs: (user + system) / 1000, rssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
  process.exit(0);
}

const sizes = (process.env.BENCH_ACCOUNTS ?? '10,100').split(',').map(Number);
const dir = mkdtempSync(join(tmpdir(), 'infra-audit-bench-accounts-'));
const results = [];
try {
  for (const n of sizes) {
    const server = spawn(process.execPath, [join(root, 'scripts/bench-scan-server.mjs')], { env: { ...process.env, BENCH_ACCOUNTS: String(n), BENCH_LATENCY_MS: String(LATENCY_MS) }, stdio: ['pipe', 'pipe', 'inherit'] });
    const first = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('bench server: no answer in 120 s')), 120_000);
      createInterface({ input: server.stdout }).once('line', (line) => (clearTimeout(timer), resolve(JSON.parse(line))));
    });
    const ids = Array.from({ length: n }, (_, i) => String(200_000_000_000 + i));
    const accounts = join(dir, `accounts-${n}.json`);
    writeFileSync(accounts, JSON.stringify({ defaults: { role: 'infra-audit-readonly' }, accounts: ids.map((id) => ({ id })) }));
    const client = spawnSync(process.execPath, [new URL(import.meta.url).pathname, '--client', first.endpoint, accounts, join(dir, `out-${n}`)], { encoding: 'utf8', timeout: 600_000, stdio: ['ignore', 'pipe', 'inherit'] });
    server.stdin.end();
    const run = JSON.parse(client.stdout.trim().split('\n').pop() ?? '{}');
    const manifest = JSON.parse(readFileSync(join(dir, `out-${n}`, 'run.json'), 'utf8'));
    const complete = manifest.accounts.filter((a) => a.status === 'complete').length;
    results.push({ n, ...run, complete });
    console.log(`scan --accounts, ${n} ShopFlow accounts at ${LATENCY_MS} ms per call: ${(run.wallMs / 1000).toFixed(1)} s wall, ${(run.cpuMs / 1000).toFixed(1)} s CPU, ${run.rssMb.toFixed(0)} MB peak RSS, ${complete}/${n} complete, exit ${run.code}`);
  }
  if (results.length >= 2) {
    const [a, b] = [results[0], results.at(-1)];
    console.log(`memory ${a.n} -> ${b.n} accounts: x${(b.rssMb / a.rssMb).toFixed(2)} peak RSS for x${b.n / a.n} accounts (flat is x1)`);
  }
  const hundred = results.find((r) => r.n === 100);
  if (hundred && process.env.BENCH_GOALS_FILE) {
    writeFileSync(process.env.BENCH_GOALS_FILE, JSON.stringify([{ figure: 'scan --accounts, 100 ShopFlow accounts at 50 ms per call (issue 13)', value: hundred.wallMs / 1000, limit: 120, unit: 's' }]));
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
