// `infra-audit spec migrate FILE [--output NEW]`: a specVersion 1 spec rewritten as specVersion 2
// (docs/spec-v2.md). Prints it, or writes it through the checked writer; an existing file is replaced
// only with --force, because a spec is something a team wrote and the tool did not.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readV1AsV2 } from '../engine/spec.js';
import { UsageError } from '../errors.js';
import { writeOutputs } from '../output/write.js';
import { withOutputs, writeOptions } from './outputs.js';
import type { CliIO } from './io.js';

export async function runSpecMigrate(args: { file: string; output?: string; force?: boolean }, io: CliIO): Promise<number> {
  return withOutputs(io, [['--output', args.output ?? '-']], [['spec', args.file]], async (targets) => {
    for (const t of targets) {
      if (t.kind === 'replace' && !args.force && existsSync(t.file)) throw new UsageError(`--output ${args.output}: exists; the migration never replaces a file without --force`);
    }
    const { value } = await readV1AsV2(resolve(io.cwd, args.file));
    await writeOutputs(targets.map((target) => ({ target, content: `${JSON.stringify(value, null, 2)}\n` })), writeOptions(io));
    if (args.output && args.output !== '-') io.stderr.write(`${args.file}: written as specVersion 2 to ${args.output}\n`);
    return 0;
  });
}
