// What `infra-audit init` does once it has a snapshot (read from a file, or just collected): the spec
// of the scope's resources, written through the checked writer. Shared by init.ts (from a file) and
// scan-run.ts (from a live scan), so neither command imports the other.
import { existsSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { initSpec } from '../engine/spec-init.js';
import { CollectionError, UsageError } from '../errors.js';
import { packagePath } from '../input/package-root.js';
import { writeOutputs } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { writeOptions } from './outputs.js';
import type { CliIO } from './io.js';
import type { Snapshot } from '../graph/types.js';

export interface InitArgs {
  output: string;
  tag?: string[];
  namePrefix?: string;
  application?: string;
  /** The first is the spec's region (a live scan reads them all). */
  region?: string[];
  force?: boolean;
}

/** The outputs init names, for withOutputs (which checks them before any work). */
export const initOutputs = (args: InitArgs): [string, string][] => [['--output', args.output]];

/** `--tag KEY=VALUE` (repeatable) as the scope's tags; the same key twice with two values is refused. */
export function parseTags(tags: readonly string[] = []): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const tag of tags) {
    const eq = tag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--tag ${JSON.stringify(tag)}: write it as KEY=VALUE (e.g. --tag app=shopflow)`);
    const [key, value] = [tag.slice(0, eq), tag.slice(eq + 1)];
    if (Object.hasOwn(out, key) && out[key] !== value) throw new UsageError(`--tag ${key} is given twice with different values (${out[key]}, ${value}); a resource carries one`);
    out[key] = value;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Checked before a snapshot is read or collected: a bad scope must not cost a scan. */
export function checkInitArgs(args: InitArgs): void {
  parseTags(args.tag);
  if (!args.tag?.length && !args.namePrefix) throw new UsageError("say which resources are the application's: --tag KEY=VALUE (repeatable) and/or --name-prefix PREFIX");
}

export async function writeInitSpec(snapshot: Snapshot, from: string, args: InitArgs, targets: Target[], io: CliIO): Promise<number> {
  // A read that failed would make the baseline silently leave out what it could not see.
  if (snapshot.gaps.length) {
    const reads = snapshot.gaps.map((g) => `${g.service}:${g.operation} in ${g.region} (${g.code})`).join(', ');
    throw new CollectionError(`${from}: ${snapshot.gaps.length} read(s) failed when it was taken: ${reads}; a spec from it would leave out what could not be read, so none was written. Collect again once the reads succeed`);
  }
  const [target] = targets;
  if (target?.kind === 'replace' && !args.force && existsSync(target.file)) {
    throw new UsageError(`--output ${args.output}: exists; init never replaces a file without --force`);
  }
  const tags = parseTags(args.tag);
  const { spec, items, inScope } = initSpec(snapshot, {
    scope: { ...(tags && { tags }), ...(args.namePrefix && { namePrefix: args.namePrefix }) },
    ...(args.application !== undefined && { application: args.application }),
    ...(args.region?.[0] !== undefined && { region: args.region[0] }),
    schemaRef: schemaRef(target, io),
  });
  await writeOutputs([{ target: target!, content: `${JSON.stringify(spec, null, 2)}\n` }], writeOptions(io));
  const where = target?.kind === 'stdout' ? 'standard output' : args.output;
  io.stderr.write(
    `infra-audit: wrote ${where}: a specVersion 2 spec of ${items} item(s) from ${inScope} in-scope resource(s) of ${spec.application} in ${spec.region}. ` +
      `It states the account as it is today: edit it toward the design, then run infra-audit check --spec ${target?.kind === 'stdout' || target?.kind === 'direct' ? 'FILE' : args.output}\n`,
  );
  return 0;
}

/** The bundled v2 schema, relative to where the spec is written (so an editor finds it), in / form. */
function schemaRef(target: Target | undefined, io: CliIO): string {
  const dir = target && target.kind !== 'stdout' ? dirname(resolve(io.cwd, target.path)) : io.cwd;
  const path = relative(dir, packagePath('schemas', 'spec-v2.schema.json')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}
