// The output directory of a multi-account run. It is created by the run or was written by an earlier
// one (it holds the marker): anything else that is not empty is someone else's and is refused unless
// --force. No symlink is followed out of it: the directory, each account's directory and each file
// are checked or replaced in place (temp file + rename replaces a link, never writes through it).
import { randomBytes } from 'node:crypto';
import { lstat, mkdir, readdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from '../errors.js';

/** Left in every output directory the tool creates or writes, so a later run knows it may replace it. */
export const OUTPUT_MARKER = '.infra-audit-output';

export async function prepareOutputDir(dir: string, opts: { force?: boolean; flag?: string } = {}): Promise<void> {
  const flag = opts.flag ?? '--output-dir';
  const stat = await lstat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return undefined;
    throw new UsageError(`${flag} ${dir}: cannot be examined (${err.code})`);
  });
  if (!stat) {
    await mkdir(dir, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
      throw new UsageError(`${flag} ${dir}: cannot be created (${err.code})`);
    });
  } else {
    if (stat.isSymbolicLink()) throw new UsageError(`${flag} ${dir}: is a symbolic link; name the directory itself`);
    if (!stat.isDirectory()) throw new UsageError(`${flag} ${dir}: exists and is not a directory`);
    const entries = await readdir(dir);
    if (entries.length && !entries.includes(OUTPUT_MARKER) && !opts.force) {
      throw new UsageError(`${flag} ${dir}: is not empty and was not written by infra-audit; name an empty or new directory, or pass --force to write into it`);
    }
  }
  await writeFile(join(dir, OUTPUT_MARKER), 'Written by infra-audit scan --accounts; a later run may replace the files in this directory.\n', { flag: 'w' });
}

/** Writes files into `<dir>/<accountId>/`, each whole or not at all. */
export async function writeAccountFiles(dir: string, accountId: string, files: { name: string; content: string }[]): Promise<void> {
  if (!/^\d{12}$/.test(accountId)) throw new Error(`not an account id: ${accountId}`);
  const accountDir = join(dir, accountId);
  const stat = await lstat(accountDir).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? undefined : Promise.reject(err)));
  if (stat && !stat.isDirectory()) throw new Error(`${accountDir} exists and is not a directory${stat.isSymbolicLink() ? ' (a symbolic link, not followed)' : ''}`);
  if (!stat) await mkdir(accountDir);
  for (const f of files) await replaceFile(join(accountDir, f.name), f.content);
}

/** A temp file beside the target (exclusive create: never an existing file or link), renamed over it. */
export async function replaceFile(file: string, content: string): Promise<void> {
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temp, content, { flag: 'wx', mode: 0o644 });
    await rename(temp, file);
  } catch (err) {
    await unlink(temp).catch(() => {});
    throw err;
  }
}
