// The multi-account examples' infra-audit command lines run as their job would run them, through the
// real bin/ and dist/ (npm test builds dist/): the matrix workflow's shard and merge steps
// (examples/github/org-audit.yml) with bash, and the AWS Batch child (examples/aws-batch/run-shard.sh)
// with sh. The schemas (action-files.test.ts) say a file is well formed; only running the commands says
// infra-audit accepts them. Nothing here reaches AWS: a scan stops at its accounts file, before any call.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { selectShard } from '../../src/multi/shard.js';
import { accountIds, runOf, writeRunDir, type Plan } from '../multi/runs.js';

const ROOT = join(import.meta.dirname, '..', '..');
const workflow = parse(readFileSync(join(ROOT, 'examples', 'github', 'org-audit.yml'), 'utf8'));
/** The workflow's `env:` (SHARDS), as the runner passes it: strings. */
const workflowEnv: Record<string, string> = Object.fromEntries(Object.entries(workflow.env ?? {}).map(([k, v]) => [k, String(v)]));
const stepRunning = (job: string, pattern: RegExp): string => {
  const step = (workflow.jobs[job].steps as Array<{ run?: string }>).find((s) => pattern.test(s.run ?? ''));
  if (!step?.run) throw new Error(`no step of job ${job} runs ${pattern}`);
  return step.run;
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A job's workspace: the repository's checkout of infra-audit at .infra-audit, as the workflow makes it. */
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'infra-audit-org-'));
  dirs.push(dir);
  symlinkSync(ROOT, join(dir, '.infra-audit'));
  writeFileSync(join(dir, 'github-output'), '');
  writeFileSync(join(dir, 'step-summary.md'), '');
  return dir;
}

/** Runs a step's script as GitHub runs `run:` on Linux (bash -e), `${{ expression }}`s replaced first. */
function runStep(dir: string, script: string, expressions: Record<string, string>, env: Record<string, string> = {}) {
  const text = script.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (whole, expr: string) => {
    if (!(expr in expressions)) throw new Error(`the test does not know ${whole}`);
    return expressions[expr]!;
  });
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', text], {
    cwd: dir, encoding: 'utf8',
    env: { PATH: process.env.PATH!, HOME: dir, NO_COLOR: '1', GITHUB_OUTPUT: join(dir, 'github-output'), GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'), ...workflowEnv, ...env },
  });
  const outputs = Object.fromEntries(readFileSync(join(dir, 'github-output'), 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  return { status: run.status, stderr: run.stderr, stdout: run.stdout, outputs };
}

/** An accounts file whose second account id is not 12 digits: scan stops there, exit 2, before any call. */
const BAD_ACCOUNTS = '{\n  "defaults": { "role": "infra-audit-readonly" },\n  "accounts": [\n    { "id": "123456789012" },\n    { "id": "42" }\n  ]\n}\n';

describe('examples/github/org-audit.yml, run', () => {
  it('the shard step\'s scan is a command line infra-audit accepts: it gets as far as reading accounts.json', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'accounts.json'), BAD_ACCOUNTS);
    const run = runStep(dir, stepRunning('shard', /scan --accounts/), { 'matrix.shard': '2' });
    expect(run.stderr).toMatch(/accounts\.json:5:\d+: must match the pattern .* \(at \/accounts\/1\/id\)/);
    expect(run.stderr).not.toMatch(/--format|--shard|goes with|Unknown argument/);
    // 2 is neither drift nor incomplete: the shard job fails with it, and says so to the merge.
    expect(run.status).toBe(2);
    expect(run.outputs.code).toBe('2');
  });

  it('the merge step merges the shard artifacts against accounts.json: the summary, the report and the SARIF chunks the upload matrix reads', async () => {
    const dir = workspace();
    const ids = accountIds(24);
    const plan: Plan = Object.fromEntries(ids.map((id, i) => [id, i % 3 ? 'compliant' : 'drifted']));
    for (let i = 1; i <= 4; i++) {
      const share = Object.fromEntries(selectShard(ids, i, 4).map((id) => [id, plan[id]!]));
      writeRunDir(join(dir, 'shards', `infra-audit-shard-${i}`), await runOf(share, { expected: ids, shard: { index: i, count: 4 } }));
    }
    writeFileSync(join(dir, 'accounts.json'), JSON.stringify({ defaults: { role: 'infra-audit-readonly', spec: 'shopflow' }, accounts: ids.map((id) => ({ id })) }));
    const run = runStep(dir, stepRunning('merge', /infra-audit\.js merge/), {});
    expect(run.stderr).toBe('');
    expect(run.outputs.code).toBe('1'); // drift in 8 accounts, every account audited
    expect(JSON.parse(run.outputs.chunks!)).toEqual(['1', '2']);
    for (const chunk of JSON.parse(run.outputs.chunks!) as string[]) {
      const upload = (workflow.jobs['upload-sarif'].steps as Array<{ with?: { sarif_file?: string } }>).find((s) => s.with?.sarif_file)!.with!.sarif_file!;
      expect(existsSync(join(dir, upload.replace('${{ matrix.chunk }}', chunk)))).toBe(true);
    }
    expect(readdirSync(join(dir, 'merged', 'sarif'))).toHaveLength(2);
    expect(JSON.parse(readFileSync(join(dir, 'merged', 'report.json'), 'utf8')).totals.accounts).toBe(24);
    expect(readFileSync(join(dir, 'step-summary.md'), 'utf8')).toMatch(/^# infra-audit: 24 accounts/);
  });

  it('the merge step with a shard that never reported: its accounts are missing, exit 3', async () => {
    const dir = workspace();
    const ids = accountIds(12);
    for (const i of [1, 2, 4]) {
      const share = Object.fromEntries(selectShard(ids, i, 4).map((id) => [id, 'compliant' as const]));
      writeRunDir(join(dir, 'shards', `infra-audit-shard-${i}`), await runOf(share, { expected: ids, shard: { index: i, count: 4 } }));
    }
    writeFileSync(join(dir, 'accounts.json'), JSON.stringify({ defaults: { role: 'infra-audit-readonly' }, accounts: ids.map((id) => ({ id })) }));
    const run = runStep(dir, stepRunning('merge', /infra-audit\.js merge/), {});
    expect(run.outputs.code).toBe('3');
    expect(run.stderr).toContain('shard 3/4 not merged');
    for (const id of selectShard(ids, 3, 4)) expect(run.stderr).toContain(`account ${id} is expected but in no merged run`);
  });
});

describe('examples/aws-batch/run-shard.sh, run', () => {
  it('its scan is a command line infra-audit accepts: it gets as far as reading the accounts file', () => {
    const dir = workspace();
    writeFileSync(join(dir, 'accounts.json'), BAD_ACCOUNTS);
    const cli = join(dir, 'infra-audit');
    writeFileSync(cli, `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'bin', 'infra-audit.js')}" "$@"\n`, { mode: 0o755 });
    const run = spawnSync('sh', [join(ROOT, 'examples', 'aws-batch', 'run-shard.sh')], {
      cwd: dir, encoding: 'utf8',
      env: { PATH: process.env.PATH!, HOME: dir, INFRA_AUDIT: cli, ACCOUNTS_FILE: 'accounts.json', OUTPUT_DIR: join(dir, 'out'), AWS_BATCH_JOB_ARRAY_INDEX: '0', SHARD_COUNT: '4' },
    });
    expect(run.stderr).toMatch(/accounts\.json:5:\d+: must match the pattern .* \(at \/accounts\/1\/id\)/);
    expect(run.stderr).not.toMatch(/--format|--shard|goes with|Unknown argument/);
    expect(run.status).toBe(2);
  });
});
