// action.yml and every workflow under examples/ against GitHub's schemas (SchemaStore's
// github-action and github-workflow schemas, through @action-validator/core), plus what the schemas
// cannot say: every action pinned by full commit SHA with its version in a comment, the permissions
// the nightly job needs, and the action's conditions that keep an incomplete audit out of code
// scanning and out of the baseline.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { validateAction, validateWorkflow, type ValidationState } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = join(import.meta.dirname, '..', '..');
const ACTION = readFileSync(join(ROOT, 'action.yml'), 'utf8');

function workflowFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}
const WORKFLOWS = workflowFiles(join(ROOT, 'examples'));

/** Every error, nested ones included, as "path: detail" lines (readable when a test fails). */
function errors(state: ValidationState): string[] {
  const out: string[] = [];
  const walk = (list: ValidationState['errors']) => {
    for (const e of list) {
      out.push(`${'path' in e ? e.path : ''}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`);
      if ('states' in e && e.states) for (const s of e.states) walk(s.errors);
    }
  };
  walk(state.errors);
  return out;
}

/** `uses:` references that are not a local action and not pinned as `@<40 hex> # vX.Y.Z`. */
function unpinned(yamlText: string): string[] {
  return yamlText
    .split('\n')
    .filter((line) => /^\s*(-\s+)?uses:/.test(line))
    .map((line) => line.replace(/^\s*(-\s+)?uses:\s*/, '').trim())
    .filter((ref) => !ref.startsWith('./') && !/^[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/.test(ref));
}

describe('action.yml and the example workflows pass GitHub schemas', () => {
  it('finds the example workflows', () => {
    expect(WORKFLOWS.map((f) => f.slice(ROOT.length + 1))).toContain(join('examples', 'github', 'nightly-audit.yml'));
  });

  it('action.yml is a valid action', () => {
    expect(errors(validateAction(ACTION))).toEqual([]);
  });

  it.each(WORKFLOWS)('%s is a valid workflow', (file) => {
    expect(errors(validateWorkflow(readFileSync(file, 'utf8')))).toEqual([]);
  });

  // The validator must be able to say no: each of these is a real mistake.
  it.each([
    ['no runs', 'name: x\ndescription: y\n'],
    ['a composite run step without shell', 'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n'],
    ['an unknown runtime', "name: x\ndescription: y\nruns:\n  using: node12x\n  main: index.js\n"],
    ['an input with an unknown key', 'name: x\ndescription: y\ninputs:\n  a:\n    descripton: typo\nruns:\n  using: composite\n  steps: []\n'],
    ['broken YAML', 'name: x\ndescription: y: z\n'],
  ])('rejects an action with %s', (_, text) => {
    expect(errors(validateAction(text)).length).toBeGreaterThan(0);
  });

  it.each([
    ['no jobs', 'on: push\n'],
    ['a job with both runs-on and uses', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    uses: o/r/.github/workflows/w.yml@main\n'],
    ['an unknown permission', 'on: push\npermissions:\n  secrets: read\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'],
    ['a step with both uses and run', 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: a/b@v1\n        run: echo\n'],
    ['an unknown trigger', 'on: nightly\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo\n'],
  ])('rejects a workflow with %s', (_, text) => {
    expect(errors(validateWorkflow(text)).length).toBeGreaterThan(0);
  });
});

describe('every action is pinned by full commit SHA', () => {
  it.each([['action.yml', ACTION], ...WORKFLOWS.map((f) => [f.slice(ROOT.length + 1), readFileSync(f, 'utf8')])])('%s', (_, text) => {
    expect(text).toMatch(/uses:/);
    expect(unpinned(text)).toEqual([]);
  });

  it.each([
    'actions/checkout@v4',
    'actions/checkout@main',
    'actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83dd',
    'actions/checkout@de0fac2e4500dabe0009e67214ff5f5447ce83d # v6.0.2',
  ])('rejects uses: %s', (ref) => {
    expect(unpinned(`steps:\n  - uses: ${ref}\n`)).toEqual([ref]);
  });
});

describe('the nightly workflow', () => {
  const nightly = parse(readFileSync(join(ROOT, 'examples', 'github', 'nightly-audit.yml'), 'utf8'));
  const steps: Array<Record<string, any>> = nightly.jobs.audit.steps;

  it('asks for exactly the permissions a private repository needs', () => {
    expect(nightly.permissions).toEqual({ actions: 'read', contents: 'read', 'id-token': 'write', 'security-events': 'write' });
  });

  it('runs the action once, and no second drift step or summary append', () => {
    expect(steps.filter((s) => /\/infra-audit@/.test(s.uses ?? ''))).toHaveLength(1);
    expect(steps.filter((s) => /GITHUB_STEP_SUMMARY|infra-audit diff/.test(s.run ?? ''))).toEqual([]);
  });

  it('installs nothing from the npm registry by name', () => {
    expect(steps.filter((s) => /npm (install|i)\b|npx /.test(s.run ?? ''))).toEqual([]);
  });
});

describe('action.yml', () => {
  const action = parse(ACTION);
  const steps: Array<Record<string, any>> = action.runs.steps;
  const step = (uses: string) => steps.find((s) => (s.uses ?? '').startsWith(uses))!;

  it('runs on Node 24 and installs from its own checkout with the lock file', () => {
    expect(step('actions/setup-node@').with['node-version']).toBe(24);
    const install = steps.find((s) => /npm ci/.test(s.run ?? ''))!;
    expect(install['working-directory']).toBe('${{ github.action_path }}');
    expect(install.run).toMatch(/npm ci --ignore-scripts/);
  });

  it('uploads SARIF and keeps the baseline only from a complete audit', () => {
    expect(step('github/codeql-action/upload-sarif@').if).toMatch(/steps\.audit\.outputs\.sarif != ''/);
    expect(step('actions/cache/save@').if).toBe("steps.audit.outputs.baseline != ''");
  });

  it('passes every input to the audit step through env, never pasted into the script', () => {
    const audit = steps.find((s) => s.id === 'audit')!;
    expect(audit.run).not.toMatch(/\$\{\{/);
    for (const name of Object.keys(action.inputs)) {
      if (name === 'upload-sarif' || name === 'baseline-key') continue; // read by the action's own conditions
      expect(audit.env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`]).toBe(`\${{ inputs.${name} }}`);
    }
  });

  it('declares every output it promises from the audit step', () => {
    for (const [name, out] of Object.entries<{ value: string }>(action.outputs)) {
      expect(out.value).toBe(`\${{ steps.audit.outputs.${name} }}`);
    }
  });
});

describe('the multi-account workflow (examples/github/org-audit.yml)', () => {
  const text = readFileSync(join(ROOT, 'examples', 'github', 'org-audit.yml'), 'utf8');
  const wf = parse(text);
  const allSteps = (job: string): Array<Record<string, any>> => wf.jobs[job].steps;

  it('is among the validated workflows', () => {
    expect(WORKFLOWS).toContain(join(ROOT, 'examples', 'github', 'org-audit.yml'));
  });

  it('runs the shards as a matrix with max-parallel, not cancelling each other, and SHARDS matching it', () => {
    const { strategy } = wf.jobs.shard;
    expect(strategy.matrix.shard).toEqual([1, 2, 3, 4]);
    expect(strategy['max-parallel']).toBeGreaterThan(0);
    expect(strategy['fail-fast']).toBe(false);
    expect(Number(wf.env.SHARDS)).toBe(strategy.matrix.shard.length);
    const scan = allSteps('shard').find((s) => /scan --accounts/.test(s.run ?? ''))!;
    expect(scan.run).toContain('--shard "${{ matrix.shard }}/$SHARDS"');
    expect(scan.run).toContain('--output-dir "shard-${{ matrix.shard }}"');
  });

  it('gets AWS credentials through OIDC only', () => {
    expect(wf.permissions['id-token']).toBe('write');
    const creds = allSteps('shard').find((s) => (s.uses ?? '').startsWith('aws-actions/configure-aws-credentials@'))!;
    expect(Object.keys(creds.with)).not.toContain('aws-access-key-id');
    expect(text).not.toMatch(/secrets\./);
  });

  it('merges even when a shard failed, expecting every account, into the step summary', () => {
    expect(wf.jobs.merge.needs).toBe('shard');
    expect(wf.jobs.merge.if).toBe('always()');
    const merge = allSteps('merge').find((s) => /infra-audit\.js merge/.test(s.run ?? ''))!;
    expect(merge.run).toContain('--accounts accounts.json');
    expect(merge.run).toContain('--markdown "$GITHUB_STEP_SUMMARY"');
    expect(merge.run).toContain('--sarif-dir merged/sarif');
    const download = allSteps('merge').find((s) => (s.uses ?? '').startsWith('actions/download-artifact@'))!;
    expect(download.with.pattern).toBe('infra-audit-shard-*');
    const upload = allSteps('shard').find((s) => (s.uses ?? '').startsWith('actions/upload-artifact@'))!;
    expect(upload.with.name).toBe('infra-audit-shard-${{ matrix.shard }}');
  });

  it('uploads each SARIF file (at most 20 runs, GitHub\'s limit) with upload-sarif and no category override', () => {
    const job = wf.jobs['upload-sarif'];
    expect(job.strategy.matrix.chunk).toBe('${{ fromJSON(needs.merge.outputs.chunks) }}');
    const upload = job.steps.find((s: Record<string, any>) => (s.uses ?? '').startsWith('github/codeql-action/upload-sarif@'));
    expect(upload.with).toEqual({ sarif_file: 'merged/sarif/infra-audit-${{ matrix.chunk }}.sarif' });
  });

  it('fails the run unless the merge exited 0', () => {
    expect(wf.jobs.verdict.if).toBe('always()');
    expect(wf.jobs.verdict.steps.at(-1).run).toContain('test "$CODE" = 0');
  });
});

describe('the AWS Batch example (examples/aws-batch/)', () => {
  const dir = join(ROOT, 'examples', 'aws-batch');
  const schema = JSON.parse(readFileSync(join(import.meta.dirname, 'aws-batch.schema.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
  const jobDefinition = JSON.parse(readFileSync(join(dir, 'job-definition.json'), 'utf8'));
  const submit = JSON.parse(readFileSync(join(dir, 'submit-shards.json'), 'utf8'));

  it.each([['job-definition.json', jobDefinition], ['submit-shards.json', submit]])('%s has the shape of its AWS Batch API request', (_f, body) => {
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each<[string, (b: any) => void]>([
    ['an unknown container key', (b) => (b.containerProperties.memorySize = 2048)],
    ['no type', (b) => delete b.type],
    ['a memory that is not a number', (b) => (b.containerProperties.resourceRequirements[1].value = '2 GB')],
    ['a job role that is not a role ARN', (b) => (b.containerProperties.jobRoleArn = 'infra-audit-hub')],
  ])('the schema refuses a job definition with %s', (_what, mutate) => {
    const body = structuredClone(jobDefinition);
    mutate(body);
    expect(validate(body)).toBe(false);
  });

  it('the array size is the SHARD_COUNT each child is told', () => {
    const count = (env: Array<{ name: string; value: string }>) => env.find((e) => e.name === 'SHARD_COUNT')!.value;
    expect(Number(count(submit.containerOverrides.environment))).toBe(submit.arrayProperties.size);
    expect(Number(count(jobDefinition.containerProperties.environment))).toBe(submit.arrayProperties.size);
    expect(jobDefinition.containerProperties.command[0]).toMatch(/examples\/aws-batch\/run-shard\.sh$/);
  });

  const wrapper = (env: Record<string, string>) => {
    const stub = join(mkdtempSync(join(tmpdir(), 'batch-')), 'infra-audit');
    writeFileSync(stub, '#!/bin/sh\necho "$@" >&2\nexit 3\n', { mode: 0o755 });
    return spawnSync('sh', [join(dir, 'run-shard.sh')], { encoding: 'utf8', env: { PATH: process.env.PATH!, INFRA_AUDIT: stub, ACCOUNTS_FILE: 'accounts.json', OUTPUT_DIR: '/nonexistent/out', ...env } });
  };

  it.each([[0, 1], [1, 2], [3, 4]])('array index %i (0-based) audits --shard %i/4 and passes scan\'s exit code on', (index, shard) => {
    const run = wrapper({ AWS_BATCH_JOB_ARRAY_INDEX: String(index), SHARD_COUNT: '4' });
    expect(run.stderr.trim()).toBe(`scan --accounts accounts.json --shard ${shard}/4 --output-dir /nonexistent/out`);
    expect(run.status).toBe(3);
  });

  it.each([
    [{ AWS_BATCH_JOB_ARRAY_INDEX: '4', SHARD_COUNT: '4' }, 'array index 4 is outside SHARD_COUNT 4'],
    [{ SHARD_COUNT: '4' }, 'AWS_BATCH_JOB_ARRAY_INDEX must be a number'],
    [{ AWS_BATCH_JOB_ARRAY_INDEX: '1', SHARD_COUNT: 'four' }, 'SHARD_COUNT must be a number'],
    [{ AWS_BATCH_JOB_ARRAY_INDEX: '-1', SHARD_COUNT: '4' }, 'AWS_BATCH_JOB_ARRAY_INDEX must be a number'],
  ])('refuses %j with exit 2: %s', (env, message) => {
    const run = wrapper(env);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('scan --accounts');
  });
});
