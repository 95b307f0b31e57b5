// The bad-input corpus harness, shared by the input corpus (inputs*.test.ts) and the usage-and-paths
// corpus. Each case gets a directory with its own copies of every input and runs the real CLI
// in-process. A bad input must always produce: exit 2, one line `file:line:column: message (at
// /pointer)` on stderr, no stack trace, nothing on stdout, no output file, and every file in the
// directory (inputs and a pre-existing bystander) byte-for-byte unchanged (expectRefused). Usage and
// path cases fingerprint every entry (content, mode, file type, link target) before and after, so a
// case may allow the outputs it asked for and nothing else (fingerprint, changedEntries).
import { createHash } from 'node:crypto';
import { cp, lstat, mkdtemp, readdir, readFile, readlink, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { expect } from 'vitest';
import { runCli, type CliRun } from '../cli/run-cli.js';

export { runCli, type CliRun };

export const ROOT = new URL('../..', import.meta.url).pathname;
export const repoFile = (...parts: string[]) => join(ROOT, ...parts);
export const EXAMPLE = {
  compliant: repoFile('examples/shopflow-compliant.snapshot.json'),
  drifted: repoFile('examples/shopflow-drifted.snapshot.json'),
  partial: repoFile('examples/shopflow-partial.snapshot.json'),
  spec: repoFile('spec.shopflow.json'),
  rules: repoFile('rules'),
};

/** Where the error must point: a JSON pointer (and optionally line/column), or only the file. */
export interface Expected {
  /** The JSON pointer after "(at ...)", or a function of the bad text; null: the file itself is refused. */
  pointer: string | null | ((text: string) => string);
  message: RegExp;
  line?: number | ((text: string) => number);
  column?: number;
}

export interface CaseDir {
  dir: string;
  /** Writes a file (relative to the case directory) and returns its absolute path. */
  write(rel: string, content: string | Buffer): Promise<string>;
}

export interface Prepared {
  argv: string[];
  /** The file the error must name. */
  file: string;
  /** The bad text, for pointers and lines that depend on it. */
  text?: string;
}

const OUTPUTS = ['out.json', 'out.sarif', 'out.md'];

export async function newCaseDir(parent: string): Promise<CaseDir> {
  const dir = await mkdtemp(join(parent, 'case-'));
  // A bystander: nothing a failed run does may touch it.
  await writeFile(join(dir, 'bystander.txt'), 'keep me\n');
  return {
    dir,
    write: async (rel, content) => {
      const file = join(dir, rel);
      await writeFile(file, content);
      return file;
    },
  };
}

/** The output flags every `check` case passes: none of these files may appear. */
export const outputFlags = (dir: string) => ['--json', join(dir, OUTPUTS[0]!), '--sarif', join(dir, OUTPUTS[1]!), '--markdown', join(dir, OUTPUTS[2]!)];

/** Copies of the repository's inputs into the case directory, so the hash covers them. */
export async function copyInputs(dir: string, what: { rules?: boolean } = {}): Promise<{ snapshot: string; drifted: string; spec: string; rules: string }> {
  const snapshot = join(dir, 'compliant.snapshot.json');
  const drifted = join(dir, 'drifted.snapshot.json');
  const spec = join(dir, 'spec.json');
  const rules = join(dir, 'rules');
  await cp(repoFile('examples/shopflow-compliant.snapshot.json'), snapshot);
  await cp(repoFile('examples/shopflow-drifted.snapshot.json'), drifted);
  await cp(repoFile('spec.shopflow.json'), spec);
  if (what.rules) await cp(repoFile('rules'), rules, { recursive: true });
  return { snapshot, drifted, spec, rules };
}

/** Files above this are compared by inode, size and change times (any write moves them), not read. */
const HASH_CONTENT_BELOW = 4 * 1024 * 1024;

/**
 * What each entry under `dir` is, by path: `file <mode> <sha256>`, `link -> target`, `fifo <mode>`,
 * `dir <mode>`. Links are not followed and FIFOs never opened; files above HASH_CONTENT_BELOW are
 * described by inode, size and times instead of read.
 */
export async function fingerprint(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (at: string): Promise<void> => {
    for (const name of (await readdir(at)).sort()) {
      const path = join(at, name);
      const rel = relative(dir, path);
      const st = await lstat(path);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out.set(rel, `link -> ${await readlink(path)}`);
      else if (st.isFIFO()) out.set(rel, `fifo ${mode}`);
      else if (st.isDirectory()) {
        out.set(rel, `dir ${mode}`);
        await walk(path);
      } else if (st.isFile() && st.size < HASH_CONTENT_BELOW) out.set(rel, `file ${mode} ${createHash('sha256').update(await readFile(path)).digest('hex')}`);
      else if (st.isFile()) out.set(rel, `file ${mode} ${st.ino} ${st.size} ${st.mtimeMs} ${st.ctimeMs}`);
      else out.set(rel, `other ${st.mode.toString(8)}`);
    }
  };
  await walk(dir);
  return out;
}

/** One digest of the whole tree under `dir`. */
export async function hashTree(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const [rel, what] of await fingerprint(dir)) hash.update(`${rel}\0${what}\0`);
  return hash.digest('hex');
}

/** Entries that appeared, disappeared or changed between two fingerprints. */
export function changedEntries(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/** A Node or V8 stack frame line: what a user must never see for a usage problem. */
export const STACK_TRACE = /\n\s+at .+:\d+:\d+\)?/;

/** Temp files the output writer names `.<file>.<hex>.tmp`. */
export const TEMP_FILE = /(^|\/)\.[^/]+\.[0-9a-f]{12}\.tmp$/;

const sandboxes: string[] = [];

/** A fresh directory with copies of the given files: { name in sandbox: source path }. removeSandboxes() deletes them. */
export async function sandbox(copies: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'infra-audit-corpus-'));
  sandboxes.push(dir);
  for (const [name, source] of Object.entries(copies)) await cp(source, join(dir, name), { recursive: true });
  return dir;
}

export async function removeSandboxes(): Promise<void> {
  await Promise.all(sandboxes.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

const POSITIONED = /^infra-audit: (.+?):(\d+):(\d+): (.+) \(at (.*)\)\n$/s;
const FILE_ONLY = /^infra-audit: (.+?): (.+)\n$/s;

/** Runs a prepared case and asserts everything a bad input must produce. */
export async function expectRefused(caseDir: CaseDir, prepared: Prepared, expected: Expected): Promise<CliRun> {
  const before = await hashTree(caseDir.dir);
  const run = await runCli(prepared.argv, { cwd: caseDir.dir });

  expect(run.code, run.stderr).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).not.toMatch(STACK_TRACE);
  expect(run.stderr).not.toMatch(/internal error/);
  expect(run.stderr.split('\n').length, run.stderr).toBe(2); // one line

  const text = prepared.text ?? '';
  const pointer = typeof expected.pointer === 'function' ? expected.pointer(text) : expected.pointer;
  if (pointer === null) {
    const m = run.stderr.match(FILE_ONLY);
    expect(m, run.stderr).not.toBeNull();
    expect(m![1]).toBe(prepared.file);
    expect(m![2]).toMatch(expected.message);
  } else {
    const m = run.stderr.match(POSITIONED);
    expect(m, run.stderr).not.toBeNull();
    const [, where, line, column, message, at] = m!;
    expect(where).toBe(prepared.file);
    expect(message!).toMatch(expected.message);
    expect(at).toBe(pointer === '' ? '/' : pointer);
    expect(Number(line)).toBeGreaterThanOrEqual(1);
    expect(Number(column)).toBeGreaterThanOrEqual(1);
    const wantLine = typeof expected.line === 'function' ? expected.line(text) : expected.line;
    if (wantLine !== undefined) expect(Number(line), run.stderr).toBe(wantLine);
    if (expected.column !== undefined) expect(Number(column), run.stderr).toBe(expected.column);
    if (wantLine === undefined && pointer !== '' && text) {
      // The reported line holds the key of the value the pointer names.
      const key = pointer.split('/').pop()!.replace(/~1/g, '/').replace(/~0/g, '~');
      if (!/^\d+$/.test(key)) expect(text.split(/\r\n|\r|\n/)[Number(line) - 1], run.stderr).toContain(`"${key}"`);
    }
  }

  const entries = await readdir(caseDir.dir);
  for (const out of OUTPUTS) expect(entries).not.toContain(out);
  expect(entries.filter((e) => e.includes('.tmp'))).toEqual([]);
  expect(await hashTree(caseDir.dir)).toBe(before);
  return run;
}

/** The line (1-based) of the first occurrence of `needle` in `text`. */
export const lineOf = (text: string, needle: string) => {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`corpus case: ${JSON.stringify(needle)} is not in the text`);
  return text.slice(0, at).split('\n').length;
};
