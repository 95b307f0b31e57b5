// The library's snapshot writer: the same checked writer as every CLI output (src/output/plan.ts and
// write.ts), so saveSnapshot() never replaces a directory, a device, a FIFO or a symlink, and a regular
// file appears whole or not at all.
import { serializeSnapshot } from '../graph/snapshot.js';
import { UsageError } from '../errors.js';
import { planOutputs, releaseTargets } from './plan.js';
import { writeOutputs } from './write.js';
import type { OutStream } from '../cli/io.js';
import type { Snapshot } from '../graph/types.js';

export interface SaveOptions {
  /** Where a relative `file` is resolved (default: the process's working directory). */
  cwd?: string;
  /** The stream `-` (or /dev/stdout) writes to; without one, standard output is refused. */
  stdout?: OutStream;
  signal?: AbortSignal;
}

export async function saveSnapshot(file: string, snapshot: Snapshot, opts: SaveOptions = {}): Promise<void> {
  const targets = await planOutputs([{ flag: 'saveSnapshot', path: file }], [], { cwd: opts.cwd ?? '.', env: {} });
  try {
    const stdout = opts.stdout ?? {
      write: () => {
        throw new UsageError(`saveSnapshot ${file}: standard output needs a stream (options.stdout)`);
      },
    };
    await writeOutputs(targets.map((target) => ({ target, content: serializeSnapshot(snapshot) })), { stdout, ...(opts.signal && { signal: opts.signal }) });
  } finally {
    await releaseTargets(targets);
  }
}
