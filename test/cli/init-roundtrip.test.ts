// Issue 11's acceptance: `infra-audit init` on each bundled snapshot, then `check` with the spec it
// wrote: exit 0, every rule pass or skip with a reason. Every examples/*.snapshot.json is covered (a new
// example is too); one with failed reads is refused (exit 3) and nothing is written, since a baseline
// from a partial read would leave out what was not read.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';
import type { Snapshot } from '../../src/graph/types.js';

interface Result { ruleId: string; status: string; reason?: string }

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.snapshot.json')).map((f) => f.replace('.snapshot.json', '')).sort();
const snapshotOf = (name: string) => resolve(`examples/${name}.snapshot.json`);
const hasGaps = (name: string) => (JSON.parse(readFileSync(snapshotOf(name), 'utf8')) as Snapshot).gaps.length > 0;
/** The application is the file name's first word (ledgerly-drifted: ledgerly), tagged app=<it>. */
const appOf = (name: string) => name.split('-')[0]!;

async function initSpec(name: string): Promise<{ code: number; stderr: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'infra-audit-roundtrip-'));
  const run = await runCli(['init', '--snapshot', snapshotOf(name), '--tag', `app=${appOf(name)}`, '--output', 'spec.json'], { cwd: dir });
  return { code: run.code, stderr: run.stderr, file: join(dir, 'spec.json') };
}

async function check(snapshot: string, spec: string): Promise<{ code: number; results: Result[]; stderr: string }> {
  const run = await runCli(['check', '--snapshot', snapshotOf(snapshot), '--spec', spec, '--format', 'json']);
  return { code: run.code, stderr: run.stderr, results: run.stdout ? (JSON.parse(run.stdout) as { results: Result[] }).results : [] };
}

const failing = (results: Result[]) => [...new Set(results.filter((r) => r.status === 'fail').map((r) => r.ruleId))].sort();

describe('init, then check with the spec it wrote', () => {
  it('covers complete snapshots of more than one architecture, and a partial one', () => {
    const complete = EXAMPLES.filter((n) => !hasGaps(n));
    expect(new Set(complete.map(appOf)).size).toBeGreaterThan(1);
    expect(EXAMPLES.some(hasGaps)).toBe(true);
  });

  for (const name of EXAMPLES.filter((n) => !hasGaps(n))) {
    it(`${name}: exit 0, every rule pass or skip with a reason`, async () => {
      const spec = await initSpec(name);
      expect(spec.code, spec.stderr).toBe(0);
      const run = await check(name, spec.file);
      const notPassing = run.results.filter((r) => r.status !== 'pass' && !(r.status === 'skip' && (r.reason ?? '').trim() !== ''));
      expect(notPassing).toEqual([]);
      expect(run.code, run.stderr).toBe(0);
      expect(run.results.some((r) => r.ruleId === 'ecs-container-no-plaintext-credentials' && r.status === 'pass')).toBe(true);
    });
  }

  for (const name of EXAMPLES.filter(hasGaps)) {
    it(`${name}: reads failed, so init refuses (exit 3) and writes nothing`, async () => {
      const spec = await initSpec(name);
      expect(spec.code).toBe(3);
      expect(existsSync(spec.file)).toBe(false);
    });
  }

  it("the drifted ShopFlow's baseline accepts its API's plain-text DATABASE_URL by name, never by value", async () => {
    const spec = await initSpec('shopflow-drifted');
    const written = JSON.parse(readFileSync(spec.file, 'utf8'));
    expect(written.services.api.taskDefinition.acceptedPlaintextCredentials).toEqual(['DATABASE_URL']);
    expect(written.services.worker.taskDefinition.acceptedPlaintextCredentials).toBeUndefined();
  });
});

// The spec init wrote from a drifted snapshot, checked against its compliant twin: the baseline holds
// the drifted values, so the compliant account fails exactly where a planted drift is an exact or
// upper-bound value (fewer tasks' CPU, one NAT gateway, ...). A planted drift the compliant value
// still meets (a shorter backup retention is "at least", a single-AZ writer asks for nothing, a
// plain-text credential accepted by name is not required to be there) passes.
const PLANTED_FAILURES: Record<string, string[]> = {
  // Drifted: the API task 1024 CPU / 2048 MiB (compliant 512/1024), the data key's rotation off,
  // one NAT gateway (two), one read replica in us-east-1a (two, one in us-east-1b).
  shopflow: ['ecs-task-size', 'kms-data-keys', 'nat-gateway-count', 'rds-read-replicas'],
  // Drifted: the API task 1024 CPU / 2048 MiB (compliant 512/1024), the web log group kept 30 days
  // (90), the read replica in us-east-1a (us-east-1b).
  ledgerly: ['ecs-task-size', 'logs-api-log-group', 'rds-read-replicas'],
};

describe("the drifted snapshot's baseline, checked against the compliant snapshot", () => {
  it.each(Object.keys(PLANTED_FAILURES))('%s fails on exactly its planted differences', async (app) => {
    const spec = await initSpec(`${app}-drifted`);
    expect(spec.code, spec.stderr).toBe(0);
    const run = await check(`${app}-compliant`, spec.file);
    expect(run.code).toBe(1);
    expect(failing(run.results)).toEqual(PLANTED_FAILURES[app]);
    expect(run.results.filter((r) => r.status === 'error')).toEqual([]);
    // Each is a planted drift: the drifted snapshot fails the same rule against its architecture's own spec.
    const planted = await check(`${app}-drifted`, app);
    expect(failing(planted.results)).toEqual(expect.arrayContaining(PLANTED_FAILURES[app]!));
  });
});
