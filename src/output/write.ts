// Writes every output of a run, or none of the files it would replace: all temp files first, then
// all renames. The temp-and-rename step is synchronous on purpose: a signal handler runs only between
// event-loop turns, so SIGINT can never leave a temp file behind or a rename half done.
import { renameSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { UsageError } from '../errors.js';
import { reason, type Target } from './plan.js';
import type { OutStream } from '../cli/io.js';

export interface Output { target: Target; content: string }

export interface WriteOptions {
  stdout: OutStream;
  signal?: AbortSignal;
  /** How long a device or FIFO may refuse to take data (a reader that stopped reading). */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 30_000;
const RETRY_MS = 10;

export async function writeOutputs(outputs: Output[], opts: WriteOptions): Promise<void> {
  opts.signal?.throwIfAborted();
  // Streams first: if a reader went away, no file has been replaced yet.
  for (const { target, content } of outputs) {
    if (target.kind === 'stdout') opts.stdout.write(content);
    else if (target.kind === 'direct') await writeDirect(target, content, opts);
    opts.signal?.throwIfAborted();
  }
  replaceAll(outputs);
}

function replaceAll(outputs: Output[]): void {
  const temps: { temp: string; target: Target & { file: string } }[] = [];
  let current: Target | undefined;
  try {
    for (const { target, content } of outputs) {
      current = target;
      if (target.kind !== 'replace') continue;
      const temp = join(dirname(target.file), `.${basename(target.file)}.${randomBytes(6).toString('hex')}.tmp`);
      temps.push({ temp, target });
      writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx', mode: target.mode ?? 0o644 });
    }
    for (const { target, content } of outputs) {
      current = target;
      if (target.kind === 'append') writeFileSync(target.file, content, { encoding: 'utf8', flag: 'a' });
    }
    for (const { temp, target } of temps) {
      current = target;
      renameSync(temp, target.file);
    }
  } catch (err) {
    for (const { temp } of temps) {
      try {
        unlinkSync(temp);
      } catch {
        // Already renamed into place, or never created.
      }
    }
    throw writeError(current!, err);
  }
}

/** A device or FIFO, opened by the plan: written until done, or until the deadline if the reader stops taking data. */
async function writeDirect(target: Target & { kind: 'direct' }, content: string, opts: WriteOptions): Promise<void> {
  const deadline = Date.now() + (opts.deadlineMs ?? DEFAULT_DEADLINE_MS);
  const data = Buffer.from(content, 'utf8');
  try {
    for (let done = 0; done < data.length; ) {
      try {
        done += writeSync(target.fd.fd, data, done);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        if (Date.now() > deadline) throw Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' });
        await sleep(RETRY_MS, undefined, opts.signal ? { signal: opts.signal } : {});
      }
    }
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw writeError(target, err);
  }
}

function writeError(target: Target, err: unknown): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (!code) return err;
  const why = code === 'ETIMEDOUT' ? 'the reader stopped taking data' : reason(code);
  return new UsageError(`${target.flag} ${target.path}: could not be written (${why})`);
}
