// Reading an input file without trusting it: only regular files (a FIFO or device could block or never
// end), never more than a size cap (a read stops one byte past it), and text that is valid UTF-8.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';

const MiB = 1024 * 1024;

/** The most a file of each kind may hold. Snapshots stay below V8's largest string (~512 MiB). */
export const SIZE_LIMITS = { snapshot: 256 * MiB, document: 16 * MiB } as const;

export async function readBoundedText(file: string, maxBytes: number): Promise<string> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever, before we can refuse it.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(`cannot read file: ${describeErrno(err)}`, { file });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new InputError('cannot read file: is a directory', { file });
    if (!stat.isFile()) throw new InputError(`cannot read file: is ${kindOf(stat)}, not a regular file`, { file });
    if (stat.size > maxBytes) throw tooLarge(file, maxBytes);
    const bytes = await readAtMost(handle, stat.size, maxBytes);
    if (bytes.length > maxBytes) throw tooLarge(file, maxBytes);
    return decodeUtf8(file, bytes);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read file: ${describeErrno(err)}`, { file });
  } finally {
    await handle.close();
  }
}

// The file may grow between stat and read: read until end of file or one byte past the cap.
async function readAtMost(handle: import('node:fs/promises').FileHandle, expected: number, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const want = Math.min(Math.max(expected - total, 0) + 64 * 1024, maxBytes + 1 - total);
    if (want <= 0) break;
    const chunk = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(chunk, 0, want, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

function decodeUtf8(file: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (isUtf8(bytes)) return text;
  // The first replacement character the decoder produced is where the bad bytes are.
  const at = text.indexOf('\uFFFD');
  const before = text.slice(0, Math.max(at, 0));
  const line = before.split(/\r\n|\r|\n/).length;
  const column = before.length - Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  throw new InputError('the file is not UTF-8 text', { file, line, column, pointer: '' });
}

function tooLarge(file: string, maxBytes: number): InputError {
  return new InputError(`the file is larger than ${maxBytes / MiB} MiB, the most this input may be`, { file, line: 1, column: 1, pointer: '' });
}

function kindOf(stat: import('node:fs').Stats): string {
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

function describeErrno(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a parent of it is not a directory';
  if (code === 'ELOOP') return 'too many symbolic links';
  return String(code ?? (err as Error)?.message ?? err);
}
