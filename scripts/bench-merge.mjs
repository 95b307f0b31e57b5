#!/usr/bin/env node
// Benchmark of `infra-audit merge` (issue 13): 4 shard directories holding N accounts, each account's
// report the ShopFlow drifted example's (a ShopFlow-size account), merged into JSON, Markdown and SARIF
// files. Wall, CPU and peak RSS of the whole CLI at 10 and 100 accounts (BENCH_ACCOUNTS=10,100), and
// the RSS growth between them: whether memory stays flat in the number of accounts.
// Run: node scripts/bench-merge.mjs after `npm run build` (npm run bench runs it).
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audit, loadCheckInputs } from '../dist/index.js';
import { selectShard } from '../dist/multi/shard.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'bin/infra-audit.js');
const dir = mkdtempSync(join(tmpdir(), 'infra-audit-bench-merge-'));
const SHARDS = 4;

const inputs = await loadCheckInputs({ snapshotFile: join(root, 'examples/shopflow-drifted.snapshot.json'), specFile: join(root, 'spec.shopflow.json') });
const { report } = audit(inputs);
const reportText = JSON.stringify({ $schema: 'https://infra-audit.dev/schemas/report.schema.json', ...report }, null, 2);

function writeShards(base, n) {
  const ids = Array.from({ length: n }, (_v, i) => String(200000000000 + i * 7));
  const dirs = [];
  for (let s = 1; s <= SHARDS; s++) {
    const out = join(base, `shard-${s}`);
    mkdirSync(out, { recursive: true });
    const accounts = selectShard(ids, s, SHARDS);
    for (const id of accounts) {
      mkdirSync(join(out, id));
      writeFileSync(join(out, id, 'report.json'), reportText.split(report.account).join(id));
    }
    const coverage = ['ec2', 'ecs', 'elbv2', 'rds', 'elasticache'].map((service) => ({ region: 'us-east-1', service, state: 'read' }));
    writeFileSync(join(out, 'run.json'), JSON.stringify({ expectedAccounts: ids, shard: { index: s, count: SHARDS }, accounts: accounts.map((accountId) => ({ accountId, status: 'complete', coverage })) }));
    dirs.push(out);
  }
  return dirs;
}

function measured(args) {
  const usageFile = join(dir, 'usage.json');
  const child = spawnSync(process.execPath, ['--import', join(root, 'scripts/bench-usage.mjs'), ...args], {
    stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, BENCH_USAGE_FILE: usageFile }, timeout: 600_000,
  });
  if (child.status === null || child.status > 1) throw new Error(`merge exited ${child.status ?? child.signal}: ${child.stderr}`);
  return JSON.parse(readFileSync(usageFile, 'utf8'));
}

const counts = (process.env.BENCH_ACCOUNTS ?? '10,100').split(',').map(Number);
const byCount = new Map();
for (const n of counts) {
  const base = join(dir, String(n));
  const dirs = writeShards(base, n);
  const u = measured([cli, 'merge', ...dirs, '--json', join(base, 'merged.json'), '--markdown', join(base, 'summary.md'), '--sarif-dir', join(base, 'sarif'), '--spec', 'shopflow']);
  byCount.set(n, u);
  console.log(`merge ${n} accounts (${SHARDS} shards, ${(reportText.length / 1024).toFixed(0)} KB report each): wall ${(u.wallMs / 1000).toFixed(2)} s, CPU ${(u.cpuMs / 1000).toFixed(2)} s, max RSS ${u.maxRssMB.toFixed(0)} MB`);
  rmSync(base, { recursive: true, force: true });
}
const [lo, hi] = [byCount.get(counts[0]), byCount.get(counts.at(-1))];
if (lo && hi && counts.length > 1) console.log(`merge ${counts[0]} -> ${counts.at(-1)} accounts: RSS x${(hi.maxRssMB / lo.maxRssMB).toFixed(2)}, CPU x${(hi.cpuMs / lo.cpuMs).toFixed(1)}`);
rmSync(dir, { recursive: true, force: true });
