// `infra-audit init --snapshot FILE --output SPEC --tag k=v | --name-prefix P`: a v2 spec of the
// scope's resources as a saved snapshot has them, a baseline for the team to edit toward its design.
// Without --snapshot the account is read first (scan-run.ts, runInitScan).
import { resolve } from 'node:path';
import { loadSnapshot } from '../graph/snapshot.js';
import { withOutputs } from './outputs.js';
import { checkInitArgs, initOutputs, writeInitSpec, type InitArgs } from './init-write.js';
import type { CliIO } from './io.js';

export function runInit(args: InitArgs & { snapshot: string }, io: CliIO): Promise<number> {
  checkInitArgs(args);
  return withOutputs(io, initOutputs(args), [['--snapshot', args.snapshot]], async (targets) => {
    const snapshot = await loadSnapshot(resolve(io.cwd, args.snapshot));
    return writeInitSpec(snapshot, args.snapshot, args, targets, io);
  });
}
