// Usage and paths: what a tired operator types. Every case asserts the exit code, the message, that
// no stack trace is printed, and that nothing in its sandbox changed except what it asked to write
// (no temp file left either); device, FIFO and symlink cases also check the file type afterwards.
// The quoted cases of issue 7 are here verbatim: /dev/null as root, /dev/stdout, a FIFO with a reader,
// --json naming the input snapshot, diff --json OLD, flags given twice, --service bogus, --all=maybe.
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { chmod, link, lstat, mkdir, open, readFile, stat, symlink, writeFile, unlink } from 'node:fs/promises';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { EXAMPLE, changedEntries, fingerprint, removeSandboxes, runCli, sandbox, STACK_TRACE, TEMP_FILE, type CliRun } from './harness.js';

const run = promisify(execFile);
const isRoot = process.getuid?.() === 0;

interface Case {
  name: string;
  argv: (dir: string) => string[];
  /** Prepares the sandbox (which already holds snap.json = drifted, old.json = compliant, spec.json). */
  setup?: (dir: string) => Promise<void>;
  env?: (dir: string) => Record<string, string>;
  /** The exit code; a function when it depends on what the machine allows (a read-only directory as root). */
  code: number | ((dir: string) => Promise<number>);
  /** What stderr must say. */
  stderr: RegExp;
  stdout?: RegExp;
  /** Sandbox entries the run may create or change; everything else must stay as it was. */
  writes?: string[];
  /** More checks after the run: file types, contents. */
  after?: (dir: string, r: CliRun) => Promise<void>;
}

const check = (...more: string[]) => ['check', '--snapshot', 'snap.json', '--spec', 'spec.json', ...more];
const diff = (...more: string[]) => ['diff', 'old.json', 'snap.json', '--spec', 'spec.json', ...more];
const USAGE = 2;
const DRIFTED = 1;
const quiet = /^(?!.*internal error)/s;
const fileType = async (path: string) => {
  const st = await lstat(path);
  return st.isSymbolicLink() ? 'symlink' : st.isFIFO() ? 'fifo' : st.isCharacterDevice() ? 'char-device' : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
};
const json = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/** A directory this user cannot write into: mode 555, and immutable when root (root ignores modes). */
async function readOnlyDir(dir: string): Promise<void> {
  await mkdir(join(dir, 'ro'));
  await chmod(join(dir, 'ro'), 0o555);
  if (isRoot) await run('chattr', ['+i', join(dir, 'ro')]).catch(() => {});
}
/** Whether a file can really be created in `dir` (the expectation must follow what the machine allows). */
async function canCreateIn(dir: string): Promise<boolean> {
  const probe = join(dir, '.probe');
  try {
    await writeFile(probe, '');
    await unlink(probe);
    return true;
  } catch {
    return false;
  }
}
const immutableDirs: string[] = [];

/** A FIFO with a reader: the reader is opened without blocking and drained after the run. */
const readers = new Map<string, number>();
async function fifoWithReader(dir: string): Promise<void> {
  await run('mkfifo', [join(dir, 'pipe')]);
  const fh = await open(join(dir, 'pipe'), constants.O_RDONLY | constants.O_NONBLOCK);
  readers.set(dir, fh.fd);
  fhs.push(fh);
}
const fhs: Awaited<ReturnType<typeof open>>[] = [];
async function drain(dir: string): Promise<string> {
  const fd = readers.get(dir)!;
  const { readSync } = await import('node:fs');
  const buf = Buffer.alloc(1 << 20);
  let text = '';
  for (;;) {
    let n = 0;
    try {
      n = readSync(fd, buf, 0, buf.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') break;
      throw err;
    }
    if (n === 0) break;
    text += buf.subarray(0, n).toString('utf8');
  }
  return text;
}

const cases: Case[] = [
  // ---- flags the run could not honour ----
  { name: 'issue: --fail-on high --fail-on low (exited 0 on a drifted account)', argv: () => check('--fail-on', 'high', '--fail-on', 'low'), code: USAGE, stderr: /--fail-on was given 2 times \("high", "low"\); give it once/ },
  { name: 'issue: --spec with no value (fell back to the default spec)', argv: () => ['check', '--snapshot', 'snap.json', '--spec'], code: USAGE, stderr: /--spec needs a value/ },
  { name: '--spec= explicitly empty', argv: () => ['check', '--snapshot', 'snap.json', '--spec='], code: USAGE, stderr: /--spec needs a value/ },
  { name: '--spec followed by another flag', argv: () => ['check', '--snapshot', 'snap.json', '--spec', '--all'], code: USAGE, stderr: /--spec needs a value/ },
  { name: 'issue: --service bogus (reported "matches the spec")', argv: () => check('--service', 'bogus'), code: USAGE, stderr: /unknown service "bogus"/ },
  { name: '--service rds --service bogus', argv: () => check('--service', 'rds', '--service', 'bogus'), code: USAGE, stderr: /"bogus"/ },
  { name: 'issue: --all=maybe', argv: () => check('--all=maybe'), code: USAGE, stderr: /--all is a switch: give it alone or as --all=true\|false, not "maybe"/ },
  { name: '--allow-incomplete=yes', argv: () => check('--allow-incomplete=yes'), code: USAGE, stderr: /--allow-incomplete is a switch/ },
  { name: 'diff --graph-only=1', argv: () => diff('--graph-only=1'), code: USAGE, stderr: /--graph-only is a switch/ },
  { name: 'issue: --snapshot given twice (crashed with exit 70)', argv: () => check('--snapshot', 'old.json'), code: USAGE, stderr: /--snapshot was given 2 times \("snap.json", "old.json"\)/ },
  { name: '--format given twice', argv: () => check('--format', 'json', '--format', 'table'), code: USAGE, stderr: /--format was given 2 times/ },
  { name: '--json given twice', argv: () => check('--json', 'a.json', '--json', 'b.json'), code: USAGE, stderr: /--json was given 2 times/ },
  { name: '--rules given twice', argv: () => check('--rules', 'r1', '--rules', 'r2'), code: USAGE, stderr: /--rules was given 2 times/ },
  { name: '--json with no value', argv: () => check('--json', '--format', 'json'), code: USAGE, stderr: /--json needs a value/ },
  { name: '--rule with no value', argv: () => check('--rule'), code: USAGE, stderr: /--rule needs a value/ },
  { name: '--severity with no value', argv: () => check('--severity'), code: USAGE, stderr: /severity/ },
  { name: 'rules list --format twice', argv: () => ['rules', 'list', '--format', 'json', '--format', 'table'], code: USAGE, stderr: /--format was given 2 times/ },
  { name: 'spec validate --rules with no value', argv: () => ['spec', 'validate', 'spec.json', '--rules'], code: USAGE, stderr: /--rules needs a value/ },
  { name: 'diff --markdown twice', argv: () => diff('--markdown', 'a.md', '--markdown', 'b.md'), code: USAGE, stderr: /--markdown was given 2 times/ },
  { name: 'an unknown flag', argv: () => check('--jsno', 'x.json'), code: USAGE, stderr: /Unknown argument/ },
  { name: 'issue: a missing --rules directory (crashed with exit 70)', argv: () => check('--rules', 'no-such-rules'), code: USAGE, stderr: /no-such-rules: .*no such (file or )?directory/ },
  { name: 'control: --service twice is a list', argv: () => check('--service', 'rds', '--service', 'ecs'), code: DRIFTED, stderr: quiet, stdout: /FAIL/ },
  { name: 'control: --all=false is a boolean', argv: () => check('--all=false'), code: DRIFTED, stderr: quiet, stdout: /FAIL/ },

  // ---- outputs that would destroy an input ----
  { name: 'issue: --json naming the input snapshot', argv: () => check('--json', 'snap.json'), code: USAGE, stderr: /--json snap.json: is the --snapshot input \(snap.json\); writing it would destroy what this run reads/ },
  { name: '--json ./snap.json (another spelling of the input)', argv: () => check('--json', './snap.json'), code: USAGE, stderr: /is the --snapshot input/ },
  { name: '--json through a symlink to the input', setup: (d) => symlink('snap.json', join(d, 'alias.json')), argv: () => check('--json', 'alias.json'), code: USAGE, stderr: /--json alias.json: is the --snapshot input/, after: async (d) => expect(await fileType(join(d, 'alias.json'))).toBe('symlink') },
  { name: '--json a hard link to the input', setup: (d) => link(join(d, 'snap.json'), join(d, 'hard.json')), argv: () => check('--json', 'hard.json'), code: USAGE, stderr: /is the --snapshot input/ },
  { name: '--csv naming the input snapshot', argv: () => check('--csv', 'snap.json'), code: USAGE, stderr: /--csv snap.json: is the --snapshot input/ },
  { name: '--markdown naming the spec', argv: () => check('--markdown', 'spec.json'), code: USAGE, stderr: /--markdown spec.json: is the --spec input/ },
  { name: '--sarif naming the suppressions file', setup: (d) => writeFile(join(d, 'accepted.json'), '{"suppressions": []}\n'), argv: () => check('--suppressions', 'accepted.json', '--sarif', 'accepted.json'), code: USAGE, stderr: /--sarif accepted.json: is the --suppressions input/ },
  { name: '--markdown naming the --previous snapshot', argv: () => check('--previous', 'old.json', '--markdown', 'old.json'), code: USAGE, stderr: /--markdown old.json: is the --previous input/ },
  { name: '--json inside the --rules directory', setup: (d) => cpRules(d), argv: () => check('--rules', 'rules', '--json', 'rules/report.json'), code: USAGE, stderr: /--json rules\/report.json: is inside the --rules directory/ },
  { name: '--json naming the spec found in the working directory', setup: (d) => cpFile(EXAMPLE.spec, join(d, 'infra-audit.spec.json')), argv: () => ['check', '--snapshot', 'snap.json', '--json', 'infra-audit.spec.json'], code: USAGE, stderr: /is the --spec input/ },
  { name: 'issue: diff --json OLD', argv: () => diff('--json', 'old.json'), code: USAGE, stderr: /--json old.json: is the old snapshot input/ },
  { name: 'diff --markdown NEW', argv: () => diff('--markdown', 'snap.json'), code: USAGE, stderr: /--markdown snap.json: is the new snapshot input/ },
  { name: 'diff --graph-only --json naming the spec is allowed (the spec is not read)', argv: () => ['diff', 'old.json', 'snap.json', '--graph-only', '--json', 'out.json'], code: DRIFTED, stderr: quiet, writes: ['out.json'] },
  { name: 'collect --output naming its --spec (refused before any read)', argv: () => ['collect', '--spec', 'spec.json', '--output', 'spec.json'], code: USAGE, stderr: /--output spec.json: is the --spec input/ },
  { name: 'scan --output naming --previous (refused before any read)', argv: () => ['scan', '--spec', 'spec.json', '--previous', 'old.json', '--output', 'old.json'], code: USAGE, stderr: /--output old.json: is the --previous input/ },

  // ---- outputs that collide with each other ----
  { name: '--json and --sarif the same file', argv: () => check('--json', 'a.json', '--sarif', 'a.json'), code: USAGE, stderr: /--sarif a.json: is the same file as --json a.json/ },
  { name: '--json and --markdown the same existing file, spelled differently', setup: (d) => writeFile(join(d, 'a.out'), 'keep\n'), argv: () => check('--json', 'a.out', '--markdown', './a.out'), code: USAGE, stderr: /is the same file as --json a.out/ },
  { name: 'an output and a symlink to it', setup: (d) => symlink('a.out', join(d, 'b.out')), argv: () => check('--json', 'a.out', '--markdown', 'b.out'), code: USAGE, stderr: /--markdown b.out: is the same file as --json a.out/ },
  { name: 'scan --output and --json the same file', argv: () => ['scan', '--spec', 'spec.json', '--output', 'x.json', '--json', 'x.json'], code: USAGE, stderr: /--json x.json: is the same file as --output x.json/ },
  { name: '--json - and --markdown - both on stdout', argv: () => check('--json', '-', '--markdown', '-'), code: USAGE, stderr: /--markdown -: standard output is already taken/ },

  // ---- where an output cannot go ----
  { name: 'issue: --json into a missing directory', argv: () => check('--json', 'missing/report.json'), code: USAGE, stderr: /--json missing\/report.json: directory .*missing does not exist/ },
  { name: 'issue: --json naming a directory', setup: (d) => mkdir(join(d, 'out')), argv: () => check('--json', 'out'), code: USAGE, stderr: /--json out: is a directory; name a file/ },
  { name: '--json under a regular file', argv: () => check('--json', 'spec.json/report.json'), code: USAGE, stderr: /--json spec.json\/report.json: a part of the path is not a directory/ },
  {
    name: 'issue: --json into a read-only directory', setup: readOnlyDir, argv: () => check('--json', 'ro/report.json'),
    code: async (d) => ((await canCreateIn(join(d, 'ro'))) ? DRIFTED : USAGE), stderr: /^$|--json ro\/report.json: directory .*ro is not writable/, writes: ['ro/report.json'],
  },
  { name: '--json where the kernel refuses files (/sys)', argv: () => check('--json', '/sys/infra-audit-report.json'), code: USAGE, stderr: /--json \/sys\/infra-audit-report.json: (could not be written|directory \/sys is not writable)/ },
  { name: '--json with a name too long', argv: () => check('--json', `${'x'.repeat(300)}.json`), code: USAGE, stderr: /name is too long/ },
  { name: '--json through a symlink loop', setup: (d) => symlink('loop.json', join(d, 'loop.json')), argv: () => check('--json', 'loop.json'), code: USAGE, stderr: /--json loop.json: too many levels of symbolic links/, after: async (d) => expect(await fileType(join(d, 'loop.json'))).toBe('symlink') },
  { name: 'issue: a FIFO without a reader (would block forever)', setup: (d) => run('mkfifo', [join(d, 'pipe')]).then(() => {}), argv: () => check('--json', 'pipe'), code: USAGE, stderr: /--json pipe: is a FIFO with no reader/, after: async (d) => expect(await fileType(join(d, 'pipe'))).toBe('fifo') },
  {
    // A block device made in the sandbox (loop minor 250: no disk behind it), never a real disk.
    name: 'a block device is refused', setup: (d) => run('mknod', [join(d, 'blk'), 'b', '7', '250']).then(() => {}, () => {}), argv: () => check('--json', 'blk'),
    code: async (d) => ((await stat(join(d, 'blk')).catch(() => undefined))?.isBlockDevice() ? USAGE : DRIFTED), stderr: /^$|--json blk: is a block device/, writes: ['blk'],
  },

  // ---- all or nothing ----
  { name: 'one bad output: no other output is written', argv: () => check('--json', 'ok.json', '--markdown', 'missing/summary.md'), code: USAGE, stderr: /--markdown missing\/summary.md: directory/ },
  { name: 'an output that fails while writing: the others are not replaced, no temp file', setup: (d) => writeFile(join(d, 'ok.json'), 'old\n'), argv: () => check('--json', 'ok.json', '--sarif', '/sys/infra-audit.sarif'), code: USAGE, stderr: /--sarif \/sys\/infra-audit.sarif: / },

  // ---- outputs that must be written without being replaced ----
  {
    name: 'issue: --json /dev/null as root leaves the null device a device', argv: () => check('--json', '/dev/null'), code: DRIFTED, stderr: quiet,
    after: async () => expect((await stat('/dev/null')).isCharacterDevice()).toBe(true),
  },
  { name: '/dev/null for two outputs', argv: () => check('--json', '/dev/null', '--sarif', '/dev/null'), code: DRIFTED, stderr: quiet, after: async () => expect((await stat('/dev/null')).isCharacterDevice()).toBe(true) },
  {
    name: 'issue: --markdown /dev/stdout writes to stdout and leaves the symlink', argv: () => check('--markdown', '/dev/stdout', '--format', 'json'), code: DRIFTED, stderr: quiet,
    stdout: /^# infra-audit[\s\S]*"\$schema"/, after: async () => expect(await fileType('/dev/stdout')).toBe('symlink'),
  },
  { name: '--json - writes JSON to stdout', argv: () => check('--json', '-', '--format', 'markdown'), code: DRIFTED, stderr: quiet, stdout: /^\{\n {2}"\$schema"/ },
  {
    name: 'issue: a FIFO with a reader gets the report and stays a FIFO', setup: fifoWithReader, argv: () => check('--markdown', 'pipe'), code: DRIFTED, stderr: quiet,
    after: async (d) => {
      expect(await fileType(join(d, 'pipe'))).toBe('fifo');
      expect(await drain(d)).toMatch(/^# infra-audit/);
    },
  },
  {
    name: 'a symlink is written through: the link stays, the target gets the report', setup: async (d) => { await writeFile(join(d, 'target.json'), 'old\n'); await symlink('target.json', join(d, 'link.json')); },
    argv: () => check('--json', 'link.json'), code: DRIFTED, stderr: quiet, writes: ['target.json'],
    after: async (d) => {
      expect(await fileType(join(d, 'link.json'))).toBe('symlink');
      expect((await json(join(d, 'target.json'))).summary.fail).toBeGreaterThan(0);
    },
  },
  {
    name: 'a dangling symlink: its target is created, the link stays', setup: (d) => symlink('made.json', join(d, 'dangling.json')),
    argv: () => check('--json', 'dangling.json'), code: DRIFTED, stderr: quiet, writes: ['made.json'],
    after: async (d) => {
      expect(await fileType(join(d, 'dangling.json'))).toBe('symlink');
      expect(await fileType(join(d, 'made.json'))).toBe('file');
    },
  },
  {
    name: 'an existing file is replaced whole and keeps its mode', setup: async (d) => { await writeFile(join(d, 'report.json'), 'old\n'); await chmod(join(d, 'report.json'), 0o600); },
    argv: () => check('--json', 'report.json'), code: DRIFTED, stderr: quiet, writes: ['report.json'],
    after: async (d) => {
      expect((await stat(join(d, 'report.json'))).mode & 0o777).toBe(0o600);
      expect((await json(join(d, 'report.json'))).summary.fail).toBeGreaterThan(0);
    },
  },
  { name: 'three outputs at once', argv: () => check('--json', 'r.json', '--sarif', 'r.sarif', '--markdown', 'r.md'), code: DRIFTED, stderr: quiet, writes: ['r.json', 'r.sarif', 'r.md'] },
  {
    name: '$GITHUB_STEP_SUMMARY is appended to, as GitHub expects', setup: (d) => writeFile(join(d, 'step-summary.md'), '## From an earlier step\n'),
    env: (d) => ({ GITHUB_STEP_SUMMARY: join(d, 'step-summary.md') }), argv: () => check('--markdown', 'step-summary.md'), code: DRIFTED, stderr: quiet, writes: ['step-summary.md'],
    after: async (d) => expect(await readFile(join(d, 'step-summary.md'), 'utf8')).toMatch(/^## From an earlier step\n# infra-audit/),
  },
  {
    name: 'any other Markdown file is replaced, not appended to', setup: (d) => writeFile(join(d, 'summary.md'), '## Old\n'),
    env: (d) => ({ GITHUB_STEP_SUMMARY: join(d, 'step-summary.md') }), argv: () => check('--markdown', 'summary.md'), code: DRIFTED, stderr: quiet, writes: ['summary.md'],
    after: async (d) => expect(await readFile(join(d, 'summary.md'), 'utf8')).toMatch(/^# infra-audit/),
  },
  { name: 'diff --json and --markdown to new files', argv: () => diff('--json', 'd.json', '--markdown', 'd.md'), code: DRIFTED, stderr: quiet, writes: ['d.json', 'd.md'] },

  // ---- a previous snapshot that cannot be read: a warning and a note, the audit goes on ----
  {
    name: 'issue: a truncated --previous', setup: async (d) => writeFile(join(d, 'prev.json'), (await readFile(EXAMPLE.compliant, 'utf8')).slice(0, 500)),
    argv: () => check('--previous', 'prev.json', '--markdown', 'summary.md'), code: DRIFTED, stderr: /warning: cannot compare with the previous snapshot: \S*prev.json:\d+:\d+: invalid JSON/, writes: ['summary.md'],
    after: async (d) => expect(await readFile(join(d, 'summary.md'), 'utf8')).toMatch(/## Drift since the previous snapshot\n\n> \[!WARNING\]\n> The previous snapshot `prev.json` could not be read/),
  },
  {
    name: 'issue: a --previous of a newer schema version', setup: async (d) => writeFile(join(d, 'prev.json'), (await readFile(EXAMPLE.compliant, 'utf8')).replace('"schemaVersion": 1', '"schemaVersion": 99')),
    argv: () => check('--previous', 'prev.json', '--markdown', 'summary.md'), code: DRIFTED, stderr: /warning: cannot compare with the previous snapshot: \S*prev.json\S*: .*version/i, writes: ['summary.md'],
  },
  { name: 'outsider: --snapshot - (standard input) says inputs are files', argv: () => ['check', '--snapshot', '-', '--spec', 'spec.json'], code: USAGE, stderr: /-: cannot read file: no such file \(inputs are read from files, not standard input/ },
  { name: 'a missing --previous', argv: () => check('--previous', 'gone.json', '--fail-on', 'none'), code: 0, stderr: /warning: cannot compare with the previous snapshot: \S*gone.json: .*no such file/ },
  { name: 'a --previous that is a directory', setup: (d) => mkdir(join(d, 'prevdir')), argv: () => check('--previous', 'prevdir'), code: DRIFTED, stderr: /warning: cannot compare with the previous snapshot: .*prevdir/ },
];

async function cpRules(dir: string) {
  await run('cp', ['-r', EXAMPLE.rules, join(dir, 'rules')]);
}
async function cpFile(from: string, to: string) {
  await writeFile(to, await readFile(from));
}

afterAll(async () => {
  await Promise.all(fhs.map((f) => f.close().catch(() => {})));
  for (const d of immutableDirs) await run('chattr', ['-i', d]).catch(() => {});
  await removeSandboxes();
});

describe('usage and paths corpus', () => {
  it('has at least 50 cases', () => expect(cases.length).toBeGreaterThanOrEqual(50));

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = await sandbox({ 'snap.json': EXAMPLE.drifted, 'old.json': EXAMPLE.compliant, 'spec.json': EXAMPLE.spec });
    await c.setup?.(dir);
    if (c.setup === readOnlyDir) immutableDirs.push(join(dir, 'ro'));
    const expectedCode = typeof c.code === 'number' ? c.code : await c.code(dir);
    const before = await fingerprint(dir);

    const r = await runCli(c.argv(dir), { cwd: dir, ...(c.env && { env: c.env(dir) }) });

    expect({ code: r.code, stderr: r.stderr }).toMatchObject({ code: expectedCode });
    expect(r.stderr).toMatch(c.stderr);
    if (c.stdout) expect(r.stdout).toMatch(c.stdout);
    expect(r.stderr + r.stdout).not.toMatch(STACK_TRACE);
    expect(r.stderr).not.toMatch(/internal error/);
    const after = await fingerprint(dir);
    const allowed = expectedCode === USAGE ? [] : (c.writes ?? []);
    expect(changedEntries(before, after).filter((n) => !allowed.includes(n))).toEqual([]);
    expect([...after.keys()].filter((n) => TEMP_FILE.test(n))).toEqual([]);
    await c.after?.(dir, r);
  });
});
