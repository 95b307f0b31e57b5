// `infra-audit init` through the real CLI: a spec written from each bundled snapshot, and nothing
// written (exit 2 or 3, no stack) for a scope that matches nothing, a snapshot with failed reads, a
// scope not given, or an output that is a directory, a FIFO nobody reads, the input, or an existing
// file (replaced only with --force, a symbolic link staying a link).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from './run-cli.js';
import { initSpec } from '../../src/engine/spec-init.js';
import { schemaValidator } from '../../src/input/schemas.js';
import type { Snapshot } from '../../src/graph/types.js';

const example = (name: string) => resolve(`examples/${name}.snapshot.json`);
const tmp = () => mkdtemp(join(tmpdir(), 'infra-audit-init-'));
const init = (dir: string, ...args: string[]) => runCli(['init', ...args], { cwd: dir });

describe('infra-audit init --snapshot', () => {
  // Every bundled snapshot: the application is the file name's first word (shopflow-drifted: shopflow).
  const bundled = readdirSync('examples').filter((f) => f.endsWith('.snapshot.json')).map((f) => f.replace('.snapshot.json', ''));
  it('has bundled snapshots of more than one architecture to run on', () => {
    expect(new Set(bundled.map((n) => n.split('-')[0])).size).toBeGreaterThan(1);
  });
  for (const name of bundled.filter((n) => !(JSON.parse(readFileSync(example(n), 'utf8')) as Snapshot).gaps.length)) {
    const app = name.split('-')[0]!;
    it(`writes the v2 spec of ${name}'s application`, async () => {
      const dir = await tmp();
      const run = await init(dir, '--snapshot', example(name), '--tag', `app=${app}`, '--output', 'spec.json');
      expect(run.stderr).toMatch(new RegExp(`wrote spec\\.json: a specVersion 2 spec of \\d+ item\\(s\\) from \\d+ in-scope resource\\(s\\) of ${app} in `));
      expect(run.code).toBe(0);
      const written = JSON.parse(readFileSync(join(dir, 'spec.json'), 'utf8'));
      expect(schemaValidator('specV2')(written)).toBe(true);
      // What the library gives, plus the schema an editor finds from where the file is.
      const snapshot = JSON.parse(readFileSync(example(name), 'utf8')) as Snapshot;
      const { $schema, ...rest } = written;
      expect(rest).toEqual(initSpec(snapshot, { scope: { tags: { app } } }).spec);
      expect(existsSync(resolve(dir, $schema))).toBe(true);
    });
  }

  it('prints the spec with --output -, and takes the scope from a name prefix', async () => {
    const dir = await tmp();
    const run = await init(dir, '--snapshot', example('shopflow-compliant'), '--name-prefix', 'shopflow', '--application', 'shop', '--output', '-');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ application: 'shop', scope: { namePrefix: 'shopflow' } });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing when the scope matches no resource (exit 2, saying so)', async () => {
    const dir = await tmp();
    const run = await init(dir, '--snapshot', example('shopflow-compliant'), '--tag', 'app=nobody', '--output', 'spec.json');
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('no resource in the snapshot belongs to the scope (tag app=nobody)');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes nothing from a snapshot whose reads failed (exit 3, naming them)', async () => {
    const dir = await tmp();
    const run = await init(dir, '--snapshot', example('shopflow-partial'), '--tag', 'app=shopflow', '--output', 'spec.json');
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/read\(s\) failed when it was taken: elasticache:Describe\w+ in us-east-1 \(AccessDeniedException\)/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a missing or malformed scope and an unusable application name before reading anything', async () => {
    const dir = await tmp();
    const base = ['--snapshot', example('shopflow-compliant'), '--output', 'spec.json'];
    for (const [args, message] of [
      [[], /--tag KEY=VALUE \(repeatable\) and\/or --name-prefix PREFIX/],
      [['--tag', 'app'], /--tag "app": write it as KEY=VALUE/],
      [['--tag', '=shopflow'], /write it as KEY=VALUE/],
      [['--tag', 'app=a', '--tag', 'app=b'], /--tag app is given twice with different values/],
      [['--tag', 'app=shopflow', '--application', 'Shop Flow'], /--application "Shop Flow": must be lowercase/],
      [['--tag', 'app=shopflow', '--region', 'moon-1'], /--region "moon-1": not a region name/],
    ] as const) {
      const run = await init(dir, ...base, ...args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('needs a region to read the account when no snapshot is given', async () => {
    const run = await init(await tmp(), '--tag', 'app=shopflow', '--output', 'spec.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('init without --snapshot reads the account: name its region with --region');
  });

  it('never replaces an existing spec without --force; with it, a link stays a link and its target gets the spec', async () => {
    const dir = await tmp();
    writeFileSync(join(dir, 'team.json'), '{"hand": "written"}\n');
    symlinkSync('team.json', join(dir, 'link.json'));
    const args = ['--snapshot', example('shopflow-compliant'), '--tag', 'app=shopflow'];
    for (const output of ['team.json', 'link.json']) {
      const run = await init(dir, ...args, '--output', output);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`--output ${output}: exists; init never replaces a file without --force`);
    }
    expect(readFileSync(join(dir, 'team.json'), 'utf8')).toBe('{"hand": "written"}\n');
    expect((await init(dir, ...args, '--output', 'link.json', '--force')).code).toBe(0);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'link.json'))).toBe('team.json');
    expect(JSON.parse(readFileSync(join(dir, 'team.json'), 'utf8')).specVersion).toBe(2);
  });

  it('refuses an output that is a directory, a FIFO nobody reads, or the snapshot itself', async () => {
    const dir = await tmp();
    mkdirSync(join(dir, 'out'));
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    writeFileSync(join(dir, 'snap.json'), readFileSync(example('shopflow-compliant')));
    const args = ['--snapshot', 'snap.json', '--tag', 'app=shopflow', '--force'];
    for (const [output, message] of [
      ['out', '--output out: is a directory; name a file'],
      ['fifo', '--output fifo: is a FIFO with no reader; start the reader first'],
      ['snap.json', '--output snap.json: is the --snapshot input (snap.json); writing it would destroy what this run reads'],
    ] as const) {
      const run = await init(dir, ...args, '--output', output);
      expect(run.code, output).toBe(2);
      expect(run.stderr).toContain(message);
    }
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
    expect(readFileSync(join(dir, 'snap.json'))).toEqual(readFileSync(example('shopflow-compliant')));
  });
});

// Outsider try: --output /dev/null wrote to the device and then suggested `check --spec /dev/null`.
it('an output that is a device is written, and the next step names a spec FILE, not the device', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'infra-audit-init-dev-'));
  const run = await init(dir, '--snapshot', example('ledgerly-drifted'), '--output', '/dev/null', '--tag', 'app=ledgerly');
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toContain('check --spec FILE');
  expect(run.stderr).not.toContain('--spec /dev/null');
});
