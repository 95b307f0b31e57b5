// Every output path is checked before any work, so a run never ends by destroying something or by
// failing to write after minutes of reading: an output must not be an input or another output, and
// it must be somewhere we can write. How each one will be written is decided here too (see Target).
import { constants } from 'node:fs';
import { access, lstat, open, readlink, realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/** A path the user named for an output, with the flag that named it (for messages). */
export interface OutputRequest { flag: string; path: string }
/** A path the run reads. `dir` inputs (the rules directory) also may not contain an output. */
export interface InputRequest { flag: string; path: string; dir?: boolean }

/**
 * How an output is written:
 * - `replace`: a regular file (or a new one), written to a temp file beside it and renamed into place.
 *   `file` is the real path, so a symlink stays a link and its target gets the content.
 * - `direct`: a device, a FIFO or a stream path (/dev/stdout, /dev/fd/N): opened and written, never replaced.
 * - `append`: the GitHub step summary ($GITHUB_STEP_SUMMARY), which GitHub expects steps to append to.
 * - `stdout`: `-` or /dev/stdout: this run's standard output, written through the stream it already has
 *   (reopening it would start at offset 0 and overwrite what else it printed into a file).
 *
 * A `direct` target is opened here and stays open until written (a FIFO's reader sees end-of-file when
 * the last writer closes): call releaseTargets when the run ends, however it ends.
 */
export type Target =
  | { flag: string; path: string; kind: 'replace'; file: string; mode?: number }
  | { flag: string; path: string; kind: 'direct'; file: string; fd: FileHandle }
  | { flag: string; path: string; kind: 'append'; file: string }
  | { flag: string; path: string; kind: 'stdout' };

const MAX_LINKS = 40;

export async function planOutputs(outputs: OutputRequest[], inputs: InputRequest[], opts: { cwd: string; env: Record<string, string | undefined> }): Promise<Target[]> {
  const inputIds = await Promise.all(inputs.map(async (i) => ({ ...i, id: await identity(resolve(opts.cwd, i.path)) })));
  const rulesDirs = await Promise.all(inputs.filter((i) => i.dir).map(async (i) => {
    const real = await realpath(resolve(opts.cwd, i.path)).catch(() => undefined);
    return { ...i, ...(real && { real }) };
  }));
  const summaryId = opts.env.GITHUB_STEP_SUMMARY ? await identity(resolve(opts.cwd, opts.env.GITHUB_STEP_SUMMARY)) : undefined;
  const targets: Target[] = [];
  try {
    await planEach(outputs, inputIds, rulesDirs, summaryId, opts.cwd, targets);
  } catch (err) {
    await releaseTargets(targets);
    throw err;
  }
  return targets;
}

async function planEach(
  outputs: OutputRequest[], inputIds: (InputRequest & { id: string })[], rulesDirs: (InputRequest & { real?: string })[],
  summaryId: string | undefined, cwd: string, targets: Target[],
): Promise<void> {
  const seen: { flag: string; path: string; id: string; shared: boolean }[] = [];
  for (const out of outputs) {
    const fail = (why: string) => new UsageError(`${out.flag} ${out.path}: ${why}`);
    if (STDOUT_PATH.test(out.path === '-' ? '-' : resolve(cwd, out.path))) {
      if (seen.some((s) => s.id === 'stdout')) throw fail('standard output is already taken by another output');
      seen.push({ ...out, id: 'stdout', shared: false });
      targets.push({ ...out, kind: 'stdout' });
      continue;
    }
    const { target, id, shared } = await resolveTarget(out, resolve(cwd, out.path), fail);
    const input = inputIds.find((i) => i.id === id);
    if (input && !shared) throw fail(`is the ${input.flag} input (${input.path}); writing it would destroy what this run reads`);
    const inRules = target.kind !== 'stdout' && rulesDirs.find((d) => d.real && (target.file + sep).startsWith(d.real + sep));
    if (inRules) throw fail(`is inside the ${inRules.flag} directory (${inRules.path}), which is read as rules`);
    const twin = seen.find((s) => s.id === id);
    if (twin && !(shared && twin.shared)) throw fail(`is the same file as ${twin.flag} ${twin.path}; name different files`);
    seen.push({ ...out, id, shared });
    targets.push(target.kind === 'replace' && id === summaryId ? { ...out, kind: 'append', file: target.file } : target);
  }
}

/** `dev:ino` for what exists (so a symlink, `./x` and a hard link all match x), else the real path it would get. */
async function identity(abs: string): Promise<string> {
  try {
    const st = await stat(abs);
    return `ino:${st.dev}:${st.ino}`;
  } catch {
    return `path:${await newFilePath(abs).catch(() => abs)}`;
  }
}

/** Where a file that does not exist yet would be created: the real directory, following a dangling link. */
async function newFilePath(abs: string): Promise<string> {
  let path = abs;
  for (let i = 0; i < MAX_LINKS; i++) {
    const st = await lstat(path).catch(() => undefined);
    if (!st?.isSymbolicLink()) return join(await realpath(dirname(path)), basename(path));
    path = resolve(dirname(path), await readlink(path));
  }
  throw Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' });
}

// Paths the kernel resolves to an open descriptor: writing through them must use that descriptor,
// never rename over what it points at (a shell's `> out.txt` would lose everything else printed).
const STREAM_PATH = /^\/(?:dev\/(?:stdout|stderr|stdin|fd\/\d+)|proc\/(?:self|\d+)\/fd\/\d+)$/;
const STDOUT_PATH = /^(?:-|\/dev\/stdout|\/dev\/fd\/1|\/proc\/self\/fd\/1)$/;

async function resolveTarget(out: OutputRequest, abs: string, fail: (why: string) => UsageError): Promise<{ target: Target; id: string; shared: boolean }> {
  let st: Stats;
  try {
    st = await stat(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw fail(reason(code));
    return { target: { ...out, kind: 'replace', file: await newFileTarget(abs, fail) }, id: `path:${await newFilePath(abs)}`, shared: false };
  }
  const id = `ino:${st.dev}:${st.ino}`;
  if (st.isDirectory()) throw fail('is a directory; name a file');
  if (st.isBlockDevice()) throw fail('is a block device; refusing to write a report onto it');
  if (st.isSocket()) throw fail('is a socket; name a file, a FIFO or -');
  if (st.isFile() && !STREAM_PATH.test(abs)) {
    const file = await realpath(abs);
    await mustAccess(file, fail, 'is read-only');
    await mustAccess(dirname(file), fail, `cannot be replaced: its directory ${dirname(file)} is not writable`);
    return { target: { ...out, kind: 'replace', file, mode: st.mode & 0o7777 }, id, shared: false };
  }
  await mustAccess(abs, fail, 'is not writable');
  // Character devices (/dev/null, a terminal) may take several outputs; nothing there can be destroyed.
  return { target: { ...out, kind: 'direct', file: abs, fd: await openDirect(abs, fail) }, id, shared: st.isCharacterDevice() };
}

async function newFileTarget(abs: string, fail: (why: string) => UsageError): Promise<string> {
  let file: string;
  try {
    file = await newFilePath(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(code === 'ENOENT' ? `directory ${dirname(abs)} does not exist` : reason(code));
  }
  const dir = dirname(file);
  if (!(await stat(dir)).isDirectory()) throw fail(`${dir} is not a directory`);
  await mustAccess(dir, fail, `directory ${dir} is not writable`);
  return file;
}

async function mustAccess(path: string, fail: (why: string) => UsageError, why: string): Promise<void> {
  await access(path, constants.W_OK).catch(() => {
    throw fail(why);
  });
}

/** Closes what planOutputs opened. Safe to call more than once. */
export async function releaseTargets(targets: readonly Target[]): Promise<void> {
  await Promise.all(targets.map((t) => (t.kind === 'direct' ? t.fd.close().catch(() => {}) : undefined)));
}

/**
 * Opened without blocking: a FIFO nobody reads would otherwise block the run forever (ENXIO tells us).
 * O_APPEND: a stream path may lead to a file a shell opened for us; never truncate what it holds.
 */
async function openDirect(abs: string, fail: (why: string) => UsageError): Promise<FileHandle> {
  try {
    return await open(abs, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_APPEND);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw fail(code === 'ENXIO' ? 'is a FIFO with no reader; start the reader first' : reason(code));
  }
}

export function reason(code: string | undefined): string {
  switch (code) {
    case 'ENOTDIR': return 'a part of the path is not a directory';
    case 'EACCES': case 'EPERM': return 'permission denied';
    case 'ELOOP': return 'too many levels of symbolic links';
    case 'ENAMETOOLONG': return 'the name is too long';
    case 'EROFS': return 'the file system is read-only';
    case 'ENOSPC': return 'no space left on the device';
    case 'ENXIO': return 'nothing is reading it';
    case 'EPIPE': return 'the reader went away';
    default: return `cannot write there (${code ?? 'unknown error'})`;
  }
}
