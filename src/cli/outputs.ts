// The CLI's side of src/output: which flags name outputs and inputs, checked together before any work.
import { planOutputs, releaseTargets, type Target } from '../output/plan.js';
import type { CliIO } from './io.js';

/** [flag, path as given]; an absent path (flag not given) is left out. */
export type Named = [flag: string, path: string | undefined];
/** [flag, path, is a directory read as a whole]. */
export type NamedInput = [flag: string, path: string | undefined, dir?: boolean];

/** Checks every output against the inputs and each other before any work, runs `use`, then releases what was opened. */
export async function withOutputs<T>(io: CliIO, outputs: Named[], inputs: NamedInput[], use: (targets: Target[]) => Promise<T>): Promise<T> {
  const targets = await planOutputs(
    outputs.filter((o): o is [string, string] => o[1] !== undefined).map(([flag, path]) => ({ flag, path })),
    inputs.filter((i) => i[1] !== undefined).map(([flag, path, dir]) => ({ flag, path: path!, ...(dir && { dir }) })),
    { cwd: io.cwd, env: io.env },
  );
  try {
    return await use(targets);
  } finally {
    await releaseTargets(targets);
  }
}

/** What every command passes to writeOutputs: its stdout and the interruption signal. */
export const writeOptions = (io: CliIO) => ({ stdout: io.stdout, ...(io.signal && { signal: io.signal }) });
