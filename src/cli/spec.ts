// `infra-audit spec validate [FILE]`: the spec's shape, and that every value the rules read is there.
import { resolve } from 'node:path';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec } from '../engine/spec.js';
import { resolvePointer } from '../input/json-source.js';
import { specFileOf } from './spec-file.js';
import { specPointers } from '../engine/spec-pointers.js';
import type { CliIO } from './io.js';

export async function validateSpec(args: { file?: string; rules?: string }, io: CliIO): Promise<number> {
  const file = specFileOf(args.file, io);
  const spec = await loadSpec(file);
  const rules = await loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined);
  for (const { rule } of rules) {
    for (const pointer of specPointers(rule)) {
      // A section the spec leaves out (no `dr`) is "not in this architecture"; values inside items are optional.
      const section = pointer.split('/')[1] ?? '';
      if (!Object.hasOwn(spec.value, section)) continue;
      if (resolvePointer(spec.value, pointer) === undefined && !isExistsProbe(rule.when, pointer)) {
        throw spec.source.error(pointer, `rule ${rule.id} reads ${pointer}, which this spec does not define`);
      }
    }
  }
  io.stdout.write(`${args.file ?? file}: valid (${rules.length} rules, every spec value they read is present)\n`);
  return 0;
}

// A `when` that asks whether a value exists may point at an absent one.
function isExistsProbe(when: unknown, pointer: string): boolean {
  return JSON.stringify(when ?? null).includes(`{"spec":"${pointer}","op":"exists"`);
}
