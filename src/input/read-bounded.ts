// Reading an input file without trusting it: only regular files (a FIFO or device could block or never
// end), never more than a size cap (a read stops one byte past it), and text that is valid UTF-8.
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';

const MiB = 1024 * 1024;

/**
 * The most a file of each kind may hold. A large snapshot is parsed from bytes (json-chunked.ts), never
 * as one string, so it may pass V8's longest string (~512 MiB): a million resources take ~750 MiB.
 */
export const SIZE_LIMITS = { snapshot: 1536 * MiB, document: 16 * MiB } as const;

export async function readBoundedText(file: string, maxBytes: number): Promise<string> {
  return decodeUtf8(file, await readBoundedBytes(file, maxBytes));
}

/**
 * The file's bytes, NOT yet checked to be UTF-8: the caller decodes them in pieces and checks each with
 * `decodedUtf8` (one pass instead of two over a file of hundreds of megabytes).
 */
export async function readBoundedBytes(file: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever, before we can refuse it.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(`cannot read file: ${describeErrno(err)}${stdinHint(file, err)}`, { file });
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) throw new InputError('cannot read file: is a directory', { file });
    if (!stat.isFile()) throw new InputError(`cannot read file: is ${kindOf(stat)}, not a regular file`, { file });
    if (stat.size > maxBytes) throw tooLarge(file, maxBytes);
    const bytes = await readAtMost(handle, stat.size, maxBytes);
    if (bytes.length > maxBytes) throw tooLarge(file, maxBytes);
    return bytes;
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
    // One read moves at most 1 GiB (the system call's limit is just under 2 GiB).
    const want = Math.min(Math.max(expected - total, 0) + 64 * 1024, maxBytes + 1 - total, 1024 * MiB);
    if (want <= 0) break;
    const chunk = Buffer.allocUnsafe(want);
    const { bytesRead } = await handle.read(chunk, 0, want, null);
    if (bytesRead === 0) break;
    chunks.push(bytesRead === want ? chunk : chunk.subarray(0, bytesRead));
    total += bytesRead;
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

export function decodeUtf8(file: string, bytes: Buffer): string {
  const text = bytes.toString('utf8');
  if (!decodedUtf8(text, bytes)) throw notUtf8(file, bytes);
  return text;
}

/**
 * Whether `text`, decoded from `bytes`, was valid UTF-8. The decoder turns every bad sequence into
 * U+FFFD, so text without one needs no second pass (for ASCII text V8 answers without scanning);
 * a real U+FFFD in the file costs the exact check.
 */
export function decodedUtf8(text: string, bytes: Uint8Array): boolean {
  return !text.includes('\uFFFD') || isUtf8(bytes);
}

// Where the first bad bytes are: found window by window, so a huge file is never decoded whole.
export function notUtf8(file: string, bytes: Buffer): InputError {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const window = 1 << 20;
  let start = 0;
  for (; start + window < bytes.length; start += window) {
    try {
      decoder.decode(bytes.subarray(start, start + window), { stream: true });
    } catch {
      break;
    }
  }
  // The bad bytes are in this window (or cut by its start, or an unfinished last character): back up to
  // the start of the character the window may have cut, then find the first replacement character.
  let from = start;
  for (let k = 0; k < 3 && from > 0 && (bytes[from]! & 0xc0) === 0x80; k++) from--;
  const text = bytes.toString('utf8', from, Math.min(bytes.length, start + window));
  const at = from + Buffer.byteLength(text.slice(0, Math.max(text.indexOf('\uFFFD'), 0)));
  return new InputError('the file is not UTF-8 text', { file, ...positionAtByte(bytes, at), pointer: '' });
}

/** 1-based line and column (in UTF-16 units, as editors count) of a byte offset; LF, CRLF or CR end a line. */
export function positionAtByte(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    const c = bytes[i];
    if (c === 0x0a || (c === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: bytes.toString('utf8', lineStart, offset).length + 1 };
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

// "-" means standard input to many tools; inputs here are files only (a pipe could block or never end).
function stdinHint(file: string, err: unknown): string {
  const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
  return missing && /(^|[\\/])-$/.test(file) ? ' (inputs are read from files, not standard input: save it to a file first)' : '';
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
