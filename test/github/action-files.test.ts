// action.yml and every workflow under examples/ against GitHub's schemas (SchemaStore's
// github-action and github-workflow schemas, through @action-validator/core), plus what the schemas
// cannot say: every action pinned by full commit SHA with its version in a comment, the permissions
// the nightly job needs, and the action's conditions that keep an incomplete audit out of code
// scanning and out of the baseline.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
