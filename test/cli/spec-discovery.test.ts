// Which spec a run audits against: never a silent default. --spec names a file or a bundled spec;
// else the nearest infra-audit.spec.json at or above the working directory; else exit 2 saying how
// to get one. Whatever was used, the report's header names it.
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { discoverSpec } from '../../src/cli/spec-file.js';
import { packagePath } from '../../src/input/package-root.js';

const SNAPSHOT = packagePath('examples/shopflow-drifted.snapshot.json');
const SHOPFLOW = readFileSync(packagePath('spec.shopflow.json'), 'utf8');
const root = mkdtempSync(join(tmpdir(), 'infra-audit-discovery-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** A fresh directory under the temporary root, with `files` (relative path -> content) written into it. */
function tree(files: Record<string, string> = {}): string {
  const dir = join(root, `t${n++}`);
  mkdirSync(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const checkJson = (cwd: string, ...more: string[]) => runCli(['check', '--snapshot', SNAPSHOT, '--format', 'json', ...more], { cwd });

describe('no silent default', () => {
  it('outside the repository with no spec anywhere above: exit 2, saying how to get one, writing nothing', async () => {
    const dir = tree();
    expect(discoverSpec(dir), 'a spec above the temporary directory would make this test meaningless').toBeUndefined();
    const run = await runCli(['check', '--snapshot', SNAPSHOT, '--json', 'report.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no infra-audit.spec.json in ${dir} or any directory above it`);
    expect(run.stderr).toMatch(/--spec FILE, or --spec shopflow/);
    expect(run.stdout).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  });

  it.each([['scan'], ['collect', '--output', 'x.json'], ['diff', SNAPSHOT, SNAPSHOT], ['rules', 'explain', 'rds-writer-multi-az'], ['spec', 'validate']])(
    '%s with no spec: exit 2 before any work',
    async (...argv) => {
      const dir = tree();
      const run = await runCli(argv, { cwd: dir });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toMatch(/no spec: there is no infra-audit\.spec\.json/);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it('diff --graph-only needs no spec', async () => {
    const run = await runCli(['diff', SNAPSHOT, SNAPSHOT, '--graph-only'], { cwd: tree() });
    expect(run.code, run.stderr).toBe(0);
  });
});

describe('discovery, as ESLint finds its config', () => {
  it('finds the spec in a parent directory, and the report names the file it used', async () => {
    const dir = tree({ 'infra-audit.spec.json': SHOPFLOW, 'a/b/c/.keep': '' });
    const run = await checkJson(join(dir, 'a/b/c'));
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).spec).toEqual({ file: join(dir, 'infra-audit.spec.json'), application: 'shopflow' });
    const table = await runCli(['check', '--snapshot', SNAPSHOT], { cwd: dir });
    expect(table.stdout.split('\n')[1]).toBe('spec infra-audit.spec.json');
  });

  it('the nearest one wins', async () => {
    const near = JSON.parse(SHOPFLOW);
    near.application = 'nearer';
    const dir = tree({ 'infra-audit.spec.json': SHOPFLOW, 'a/infra-audit.spec.json': JSON.stringify(near), 'a/b/.keep': '' });
    const run = await checkJson(join(dir, 'a/b'));
    expect(JSON.parse(run.stdout).spec.file).toBe(join(dir, 'a/infra-audit.spec.json'));
    expect(JSON.parse(run.stdout).spec.application).toBe('nearer');
  });

  it('other spec-looking names are not picked up (only infra-audit.spec.json)', async () => {
    const run = await checkJson(tree({ 'spec.shopflow.json': SHOPFLOW, 'spec.json': SHOPFLOW }));
    expect(run.code).toBe(2);
  });

  it('a directory by that name is an error naming it, not skipped in favour of a parent spec', async () => {
    const dir = tree({ 'infra-audit.spec.json': SHOPFLOW });
    mkdirSync(join(dir, 'sub/infra-audit.spec.json'), { recursive: true });
    const run = await checkJson(join(dir, 'sub'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'sub/infra-audit.spec.json')}: cannot read file: is a directory`);
  });

  it('a FIFO by that name: exit 2 at once, never waiting for a writer', async () => {
    const dir = tree();
    execFileSync('mkfifo', [join(dir, 'infra-audit.spec.json')]);
    const run = await checkJson(dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/infra-audit\.spec\.json: cannot read file: is a FIFO/);
  });

  it('a symbolic-link loop or a dangling link by that name: exit 2 naming it', async () => {
    const loop = tree();
    symlinkSync('infra-audit.spec.json', join(loop, 'infra-audit.spec.json'));
    const looped = await checkJson(loop);
    expect(looped.code).toBe(2);
    expect(looped.stderr).toMatch(/infra-audit\.spec\.json: cannot read file: too many symbolic links/);

    const dangling = tree();
    symlinkSync('nowhere.json', join(dangling, 'infra-audit.spec.json'));
    const missing = await checkJson(dangling);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/infra-audit\.spec\.json: cannot read file: no such file/);
  });
});

describe('--spec', () => {
  it('a bundled spec by name: the report says it is the bundled one', async () => {
    const dir = tree();
    const run = await checkJson(dir, '--spec', 'shopflow');
    expect(run.code, run.stderr).toBe(1);
    expect(JSON.parse(run.stdout).spec).toMatchObject({ bundled: 'shopflow', file: packagePath('spec.shopflow.json') });
    const table = await runCli(['check', '--snapshot', SNAPSHOT, '--spec', 'shopflow'], { cwd: dir });
    expect(table.stdout.split('\n')[1]).toBe('spec shopflow (bundled)');
    const markdown = await runCli(['check', '--snapshot', SNAPSHOT, '--spec', 'shopflow', '--format', 'markdown'], { cwd: dir });
    expect(markdown.stdout).toContain('Spec `shopflow (bundled)`');
    const sarif = JSON.parse((await runCli(['check', '--snapshot', SNAPSHOT, '--spec', 'shopflow', '--format', 'sarif'], { cwd: dir })).stdout);
    expect(sarif.runs[0].properties).toMatchObject({ spec: 'spec.shopflow.json', bundledSpec: 'shopflow' });
  });

  it('an unknown name: exit 2 listing the bundled ones and how to name a file of that name', async () => {
    const dir = tree({ shopflo: SHOPFLOW });
    const run = await checkJson(dir, '--spec', 'shopflo');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--spec shopflo: no bundled spec has that name \(did you mean --spec shopflow\? bundled: shopflow\b.*\); a file in this directory is --spec \.\/shopflo/);
    expect((await checkJson(dir, '--spec', './shopflo')).code).toBe(1);
  });

  it('outsider: a v2 spec of another architecture with no sections is audited: every section rule skips, saying why', async () => {
    const dir = tree({ 'orders.json': '{"specVersion": 2, "application": "orders", "region": "us-east-1", "scope": {"tags": {"app": "orders"}}}' });
    const run = await checkJson(dir, '--spec', 'orders.json', '--all');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const results = JSON.parse(run.stdout).results as { ruleId: string; status: string; reason?: string }[];
    const skipped = results.filter((r) => r.status === 'skip');
    expect(skipped.length).toBeGreaterThan(60);
    for (const r of skipped) expect(r.reason, r.ruleId).toBe('not in this architecture');
    // Every rule reads a section but one: the containers no service item lists are held to no accepted
    // credential, and with no service items and no resource in scope there is nothing to hold.
    expect(results.filter((r) => r.status !== 'skip').map((r) => `${r.ruleId} ${r.status}`)).toEqual(['ecs-container-no-plaintext-credentials-unlisted pass']);
  });

  it('outsider: a bundled name in the wrong case is not a file: exit 2 suggesting the name', async () => {
    const dir = tree({});
    const run = await checkJson(dir, '--spec', 'Shopflow');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--spec Shopflow: no such file; did you mean the bundled --spec shopflow\b/);
    // A file of that name is still read as the file.
    const named = tree({ Shopflow: SHOPFLOW });
    expect((await checkJson(named, '--spec', 'Shopflow')).code).toBe(1);
  });

  it('a path wins over discovery', async () => {
    const other = JSON.parse(SHOPFLOW);
    other.application = 'other';
    const dir = tree({ 'infra-audit.spec.json': SHOPFLOW, 'other.json': JSON.stringify(other) });
    expect(JSON.parse((await checkJson(dir, '--spec', 'other.json')).stdout).spec.application).toBe('other');
  });
});

describe('a scope that matches nothing', () => {
  const foreign = JSON.parse(SHOPFLOW);
  foreign.application = 'payroll';
  foreign.scope = { tags: { app: 'payroll' } };
  const dir = tree({ 'infra-audit.spec.json': JSON.stringify(foreign) });

  it('says so in one line, first, before the per-rule lines', async () => {
    const run = await runCli(['check', '--snapshot', SNAPSHOT], { cwd: dir });
    const lines = run.stdout.split('\n');
    expect(lines[3]).toMatch(/^No resource in this snapshot matches the spec's scope \(tag app=payroll\): every expected resource below is missing/);
    expect(lines.filter((l) => l.includes("matches the spec's scope"))).toHaveLength(1);
    const json = JSON.parse((await checkJson(dir)).stdout);
    expect(json.scope).toEqual({ description: 'tag app=payroll', matchedAny: false });
    const markdown = (await runCli(['check', '--snapshot', SNAPSHOT, '--format', 'markdown'], { cwd: dir })).stdout;
    expect(markdown.indexOf("matches the spec's scope")).toBeLessThan(markdown.indexOf('| Outcome |'));
  });

  it('with a failed read, it never says the scope alone explains the missing resources', async () => {
    const run = await runCli(['check', '--snapshot', packagePath('examples/shopflow-partial.snapshot.json')], { cwd: dir });
    expect(run.code).toBe(3);
    const line = run.stdout.split('\n').find((l) => l.includes("matches the spec's scope")) ?? '';
    expect(line).toMatch(/^No resource this audit could read matches the spec's scope \(tag app=payroll\), but 2 reads of the account failed/);
    expect(run.stdout).not.toContain('for that reason alone');
  });

  it('a scope that matches says nothing of the kind', async () => {
    const run = await runCli(['check', '--snapshot', SNAPSHOT, '--spec', 'shopflow'], { cwd: dir });
    expect(run.stdout).not.toMatch(/matches the spec's scope/);
    expect(JSON.parse((await checkJson(dir, '--spec', 'shopflow')).stdout).scope).toEqual({ description: 'tag app=shopflow, or a name starting with shopflow', matchedAny: true });
  });
});
