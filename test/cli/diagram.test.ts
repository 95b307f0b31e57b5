// `infra-audit diagram` and the Markdown summary's diagram, through the real CLI entry point.
import { afterAll, describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE, removeSandboxes, runCli, sandbox } from '../corpus/harness.js';

afterAll(removeSandboxes);

const fences = (md: string) => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('infra-audit diagram', () => {
  it('prints the drifted example as Mermaid, exit 0', async () => {
    const run = await runCli(['diagram', '--snapshot', EXAMPLE.drifted, '--spec', 'shopflow']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^%% infra-audit: architecture\nflowchart TB\n/);
    expect(run.stdout).toMatch(/n\d+\["shopflow-db<br\/>database instance<br\/>\d+ failing"\]/);
    expect(run.stdout).not.toContain('billing');
  });

  it('writes --output and prints nothing; --format markdown fences it for GitHub', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const run = await runCli(['diagram', '--snapshot', 'snap.json', '--spec', 'shopflow', '--output', 'arch.md', '--format', 'markdown'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    const md = await readFile(join(dir, 'arch.md'), 'utf8');
    expect(fences(md)).toHaveLength(1);
    expect(fences(md)[0]).toContain('flowchart TB');
  });

  it('never writes its output over an input', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const before = await readFile(join(dir, 'snap.json'), 'utf8');
    const run = await runCli(['diagram', '--snapshot', 'snap.json', '--spec', 'shopflow', '--output', 'snap.json'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^infra-audit: /);
    expect(await readFile(join(dir, 'snap.json'), 'utf8')).toBe(before);
  });

  it('an incomplete audit still draws, marks what could not be read, and exits 3', async () => {
    const run = await runCli(['diagram', '--snapshot', EXAMPLE.partial, '--spec', 'shopflow']);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('the audit is incomplete');
    expect(run.stdout).toMatch(/\["Redis replication groups<br\/>could not read<br\/>\d+ could not read"\]/);
    expect(run.stdout).toMatch(/class [n0-9,]+ error\n/);
  });

  it('--previous marks what disappeared; an unreadable previous snapshot is a warning, not a failure', async () => {
    const dir = await sandbox({ 'old.json': EXAMPLE.compliant, 'new.json': EXAMPLE.drifted });
    const run = await runCli(['diagram', '--snapshot', 'new.json', '--previous', 'old.json', '--spec', 'shopflow'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/\["shopflow-db-replica-2<br\/>database instance<br\/>disappeared/);
    await writeFile(join(dir, 'broken.json'), '{"schemaVersion": 1, "meta": ');
    const broken = await runCli(['diagram', '--snapshot', 'new.json', '--previous', 'broken.json', '--spec', 'shopflow'], { cwd: dir });
    expect(broken.code).toBe(0);
    expect(broken.stderr).toMatch(/warning: cannot compare with the previous snapshot: .*broken\.json/);
    expect(broken.stdout).not.toContain('disappeared<br');
  });

  it('bad input: a clear error with the file, exit 2, no stack trace', async () => {
    const dir = await sandbox();
    await writeFile(join(dir, 'bad.json'), '{"schemaVersion": 1,\n  "meta": 7}');
    const run = await runCli(['diagram', '--snapshot', 'bad.json', '--spec', 'shopflow'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^infra-audit: .*bad\.json:\d+:\d+: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });
});

describe('the Markdown summary draws the architecture', () => {
  it('has a ```mermaid section under GitHub\'s limits, the same picture `diagram` prints', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const check = await runCli(['check', '--snapshot', 'snap.json', '--spec', 'shopflow', '--markdown', 'summary.md'], { cwd: dir });
    expect(check.code).toBe(1);
    const md = await readFile(join(dir, 'summary.md'), 'utf8');
    expect(md).toContain('## Architecture');
    const [diagram] = fences(md);
    expect(diagram!.length).toBeLessThanOrEqual(50_000);
    const printed = await runCli(['diagram', '--snapshot', 'snap.json', '--spec', 'shopflow'], { cwd: dir });
    expect(diagram).toBe(printed.stdout);
    // Before the failures: the picture first, then the rows.
    expect(md.indexOf('## Architecture')).toBeLessThan(md.indexOf('## Failures'));
  });
});

describe('check --html', () => {
  it('writes the page beside the other outputs, and never over an input', async () => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted });
    const run = await runCli(['check', '--snapshot', 'snap.json', '--spec', 'shopflow', '--html', 'report.html', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(1);
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<svg ');
    const clash = await runCli(['check', '--snapshot', 'snap.json', '--spec', 'shopflow', '--html', 'snap.json'], { cwd: dir });
    expect(clash.code).toBe(2);
  });
});
