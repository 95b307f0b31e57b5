// `check` parsed without yargs (src/cli/check-argv.ts) must be yargs, exactly, wherever it answers:
// over hand-picked and generated command lines, every line it takes yargs accepts too, with the same
// arguments for the handler; what it declines (undefined) goes to yargs, which keeps its messages.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { plainCheckArgs } from '../../src/cli/check-argv.js';
import { COMMANDS, type CommandDef } from '../../src/cli/commands.js';
import { parseAndRun } from '../../src/cli/main.js';
import { joinDashValues } from '../../src/cli/strict-flags.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** What yargs hands check's handler (camelCase keys, no undefined), or its complaint. */
async function throughYargs(argv: string[]): Promise<{ args?: Record<string, unknown>; stderr: string }> {
  let captured: Record<string, unknown> | undefined;
  const commands: CommandDef[] = COMMANDS.map((c) => (c.command === 'check' ? { ...c, run: async (a) => ((captured = a), 0) } : c));
  let stderr = '';
  const sink = { write: (s: string) => ((stderr += s), true) };
  await parseAndRun(joinDashValues(argv), { stdout: { write: () => true }, stderr: sink, env: {}, cwd: ROOT } as never, commands);
  if (!captured) return { stderr };
  const args = Object.fromEntries(Object.entries(captured).filter(([k, v]) => k !== '_' && k !== '$0' && !k.includes('-') && v !== undefined));
  return { args, stderr };
}

const COMMON: string[][] = [
  ['check', '--snapshot', 'snap.json'],
  ['check', '--snapshot=snap.json', '--format', 'json'],
  ['check', '--snapshot', 'snap.json', '--spec', 'spec.json', '--rules', 'rules', '--fail-on', 'none'],
  ['check', '--snapshot', 's.json', '--json', 'r.json', '--sarif', 'a.sarif', '--markdown', 'm.md', '--csv', 'c.csv'],
  ['check', '--snapshot', 's.json', '--json', '-', '--format', 'sarif', '--allow-incomplete'],
  ['check', '--all', '--snapshot', 's.json', '--severity', 'high', '--category', 'x/y'],
  ['check', '--snapshot', 's.json', '--rule', 'a', '--rule', 'b', '--service', 'ec2', '--exclude-rule', 'c', '--exclude-service', 'rds'],
  ['check', '--snapshot', 's.json', '--suppressions', 'sup.json', '--previous', 'old.json', '--fail-on=critical'],
  ['check', '--snapshot', '123', '--category', 'a=b', '--spec=x=y.json'],
];

// Lines the plain parser must leave to yargs (errors, short flags, shapes it does not take).
const DECLINED: string[][] = [
  ['check'],
  ['check', '--format', 'json'],
  ['check', '--snapshot'],
  ['check', '--snapshot', ''],
  ['check', '--snapshot', 'a', '--snapshot', 'b'],
  ['check', '--snapshot', 's', '--format', 'yaml'],
  ['check', '--snapshot', 's', '--fail-on', 'severe'],
  ['check', '--snapshot', 's', '--all', 'true'],
  ['check', '--snapshot', 's', '--all=false'],
  ['check', '--snapshot', 's', '--no-all'],
  ['check', '--snapshot', 's', '--rule', 'a', 'b'],
  ['check', '--snapshot', 's', 'extra'],
  ['check', '--snapshot', 's', '-h'],
  ['check', '--snapshot', 's', '--help'],
  ['check', '--snapshot', 's', '--failOn', 'none'],
  ['check', '--snapshot', 's', '--unknown', 'x'],
  ['check', '--snapshot', 's', '--', '--json'],
  ['check', '--snapshot', '-x'],
  ['scan', '--snapshot', 's'],
];

// Generated lines: check, then words drawn from flags, values and odd tokens (a fixed seed).
function generated(count: number): string[][] {
  const pool = [
    '--snapshot', '--format', '--json', '--sarif', '--markdown', '--csv', '--fail-on', '--rule', '--service', '--exclude-rule',
    '--exclude-service', '--severity', '--spec', '--rules', '--all', '--category', '--suppressions', '--previous', '--allow-incomplete',
    's.json', 'json', 'table', 'none', 'low', 'high', 'ec2', '-', '', 'true', '--snapshot=s.json', '--format=markdown', '--all=true',
    '--json=-', '--rule=x', '-v', '--version', 'x y',
  ];
  let seed = 12345;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: count }, () => ['check', '--snapshot', 's.json', ...Array.from({ length: Math.floor(next() * 7) }, () => pool[Math.floor(next() * pool.length)]!)]);
}

describe('check parsed without yargs', () => {
  it.each(COMMON.map((argv) => [argv.join(' '), argv] as const))('takes %s, with the arguments yargs gives', async (_, argv) => {
    const plain = plainCheckArgs(joinDashValues(argv));
    expect(plain).toBeDefined();
    const yargs = await throughYargs(argv);
    expect(yargs.stderr).toBe('');
    expect(plain).toEqual(yargs.args);
  });

  it.each(DECLINED.map((argv) => [argv.join(' '), argv] as const))('leaves %s to yargs', (_, argv) => {
    expect(plainCheckArgs(joinDashValues(argv))).toBeUndefined();
  });

  it('agrees with yargs on every generated line it takes, and takes some of them', async () => {
    let taken = 0;
    for (const argv of generated(300)) {
      const plain = plainCheckArgs(joinDashValues(argv));
      if (!plain) continue;
      taken++;
      const yargs = await throughYargs(argv);
      expect({ argv, stderr: yargs.stderr, args: plain }).toEqual({ argv, stderr: '', args: yargs.args });
    }
    expect(taken).toBeGreaterThan(20);
  }, 120_000);

  it('the CLI runs check without loading yargs or unused renderers, and still reports a bad line through yargs', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['--import', './test/fixtures/log-imports.mjs', 'bin/infra-audit.js', 'check', ...args], { cwd: ROOT, encoding: 'utf8' });
    const plain = run(['--snapshot', 'examples/shopflow-drifted.snapshot.json', '--spec', 'shopflow', '--format', 'json', '--fail-on', 'none']);
    expect(plain.status).toBe(0);
    expect(JSON.parse(plain.stdout).results.length).toBeGreaterThan(0);
    expect(plain.stderr).toContain('/dist/cli/check.js');
    expect(plain.stderr).not.toMatch(/node_modules\/yargs/);
    // Renderers load per format: a JSON run loads no table and none of its text-width libraries.
    expect(plain.stderr).toContain('/dist/report/json.js');
    expect(plain.stderr).not.toMatch(/report\/(table|sarif|markdown|csv)\.js|string-width|wrap-ansi/);
    const bad = run(['--snapshot', 'examples/shopflow-drifted.snapshot.json', '--format', 'yaml']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/node_modules\/yargs/);
    expect(bad.stderr).toContain('Invalid values');
  });
});
