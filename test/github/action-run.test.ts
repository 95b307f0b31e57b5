// The action's audit step (scripts/github-action.mjs) run as GitHub runs it: a child process with
// INPUT_* variables, $GITHUB_OUTPUT and $GITHUB_STEP_SUMMARY files, auditing the bundled example
// snapshots offline (the `snapshot` input) through the real bin/ and dist/ (npm test builds dist/).
// What it must get right: SARIF and a new baseline only from a complete audit (exit 0/1), the summary
// appended exactly once with the drift in it once, and no file of an earlier run passed off as this one's.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { AwsLoopbackServer } from '../loopback/aws-server.js';

const ROOT = join(import.meta.dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'github-action.mjs');
const SPEC = join(ROOT, 'spec.shopflow.json');
const example = (name: string) => join(ROOT, 'examples', `shopflow-${name}.snapshot.json`);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

interface ActionRun {
  code: number | null;
  log: string;
  outputs: Record<string, string>;
  summary: string;
  dir: string;
}

/** One run of the audit step in a fresh workspace; `prepare` may lay files there first. */
async function runStep(inputs: Record<string, string>, prepare?: (dir: string) => void, extraEnv: Record<string, string> = {}): Promise<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'infra-audit-action-'));
  dirs.push(dir);
  prepare?.(dir);
  const files = { GITHUB_OUTPUT: join(dir, 'github-output'), GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md') };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: dir, NO_COLOR: '1', ...files, ...extraEnv };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name}`] = value;
  const child = spawn(process.execPath, [SCRIPT], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (c) => (log += c));
  child.stderr.on('data', (c) => (log += c));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const outputs = Object.fromEntries(
    readFileSync(files.GITHUB_OUTPUT, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { code, log, outputs, summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'), dir };
}

const count = (text: string, part: string) => text.split(part).length - 1;

// Each case runs the CLI once (about 1.5 s alone, far more on a loaded machine): few cases, each asserting a lot.
describe.concurrent('the action audit step', { timeout: 90_000 }, () => {
  it.for([
    // [example, the baseline from the last complete run (none: the first night), exit code, complete]
    ['compliant', undefined, '0', 'true'],
    ['drifted', 'compliant', '1', 'true'],
    ['partial', 'compliant', '3', 'false'],
  ] as const)('%s example after baseline %s: exit %s, complete %s', async ([name, before, code, complete], { expect }) => {
    const kept = before && readFileSync(example(before), 'utf8');
    const run = await runStep({ SNAPSHOT: example(name), SPEC, BASELINE_DIR: 'baseline' }, (dir) => {
      if (!kept) return;
      mkdirSync(join(dir, 'baseline'));
      writeFileSync(join(dir, 'baseline', 'snapshot.json'), kept);
    });
    expect(run.code).toBe(0); // the step itself succeeds; the action's last step gives the verdict
    expect(run.outputs['exit-code']).toBe(code);
    expect(run.outputs.complete).toBe(complete);
    expect(run.outputs.report).toBe(join(run.dir, 'infra-audit-results', 'report.json'));
    expect(existsSync(run.outputs.report!)).toBe(true);
    expect(run.outputs.snapshot).toBe(example(name));

    // The summary is appended once, with the drift since the baseline in it once.
    expect(count(run.summary, '# infra-audit:')).toBe(1);
    expect(count(run.summary, '## Drift since')).toBe(kept ? 1 : 0);
    if (!kept) expect(run.log).toMatch(/::notice::.*no previous snapshot at .*baseline\/snapshot\.json \(first run\?\)/);

    // SARIF and a new baseline only from a complete audit; an incomplete one keeps the old baseline.
    const sarif = join(run.dir, 'infra-audit-results', 'infra-audit.sarif');
    const baseline = join(run.dir, 'baseline', 'snapshot.json');
    expect(run.outputs.sarif).toBe(complete === 'true' ? sarif : '');
    expect(existsSync(sarif)).toBe(complete === 'true');
    expect(run.outputs.baseline).toBe(complete === 'true' ? baseline : '');
    expect(readFileSync(baseline, 'utf8')).toBe(complete === 'true' ? readFileSync(example(name), 'utf8') : kept);
  });

  it.for([
    ['no spec', { SNAPSHOT: example('drifted') }],
    ['a spec that is not JSON', { SNAPSHOT: example('drifted'), SPEC: 'bad-spec.json' }],
    ['a snapshot that does not exist', { SNAPSHOT: 'missing.json', SPEC }],
  ] as Array<[string, Record<string, string>]>)('%s: exit 2, incomplete, and nothing of an earlier run passes for this one', async ([, inputs], { expect }) => {
    const run = await runStep({ ...inputs, BASELINE_DIR: 'baseline' }, (dir) => {
      writeFileSync(join(dir, 'bad-spec.json'), '{ "region": ');
      mkdirSync(join(dir, 'infra-audit-results'));
      for (const f of ['summary.md', 'infra-audit.sarif', 'report.json']) writeFileSync(join(dir, 'infra-audit-results', f), 'from last week');
    });
    expect(run.code).toBe(0);
    expect(run.outputs['exit-code']).toBe('2');
    expect(run.outputs.complete).toBe('false');
    expect(run.outputs).toMatchObject({ report: '', sarif: '', summary: '', baseline: '' });
    expect(run.summary).not.toMatch(/from last week/);
    expect(run.summary).toMatch(/did not run to the end \(exit 2\)/);
    expect(existsSync(join(run.dir, 'baseline'))).toBe(false);
  });

  it('refuses inputs that read AWS together with a saved snapshot', async ({ expect }) => {
    const run = await runStep({ SNAPSHOT: example('drifted'), SPEC, REGIONS: 'us-east-1', ROLE_ARN: 'arn:aws:iam::123456789012:role/a' });
    expect(run.log).toMatch(/::error::infra-audit: regions, role-arn read AWS; they don't go with snapshot/);
    expect(run.outputs).toMatchObject({ 'exit-code': '2', complete: 'false', report: '' });
  });

  it('refuses an output path that would forge another step output', async ({ expect }) => {
    const forged = 'snap.json\nsarif=forged.sarif';
    const run = await runStep({ SNAPSHOT: forged }, (dir) => writeFileSync(join(dir, forged), '{}'));
    expect(run.code).not.toBe(0);
    expect(run.outputs).toEqual({});
  });
});

describe('the action audit step reading AWS (a loopback server)', () => {
  it('passes regions, role and external id to scan, and a refused identity is no complete audit', { timeout: 90_000 }, async ({ expect }) => {
    const server = await AwsLoopbackServer.start();
    try {
      server.on('sts:AssumeRole', { error: 'AccessDenied', message: 'not for this test' });
      const aws = { AWS_ENDPOINT_URL: server.endpoint, AWS_ACCESS_KEY_ID: 'AKIDLOOPBACK', AWS_SECRET_ACCESS_KEY: 'loopback-secret', AWS_REGION: 'us-east-1' };
      const inputs = { SPEC, REGIONS: 'us-east-1, eu-west-1\nus-west-2', ROLE_ARN: 'arn:aws:iam::123456789012:role/audit', EXTERNAL_ID: 'nightly-7', BASELINE_DIR: 'baseline' };
      const run = await runStep(inputs, undefined, aws);

      expect(run.log).toMatch(/^infra-audit scan --output \S+snapshot\.json .*--role-arn arn:aws:iam::123456789012:role\/audit --external-id \*\*\* --region us-east-1 --region eu-west-1 --region us-west-2$/m);
      expect(run.log).not.toMatch(/nightly-7/);
      const assumed = server.requestsFor('sts:AssumeRole');
      expect(assumed.length).toBeGreaterThan(0);
      expect(assumed[0]!.params).toMatchObject({ RoleArn: 'arn:aws:iam::123456789012:role/audit', ExternalId: 'nightly-7' });
      expect(run.outputs.complete).toBe('false');
      expect(['2', '3']).toContain(run.outputs['exit-code']);
      expect(run.outputs).toMatchObject({ sarif: '', baseline: '' });
      expect(existsSync(join(run.dir, 'baseline'))).toBe(false);
    } finally {
      await server.close();
    }
  });
});
