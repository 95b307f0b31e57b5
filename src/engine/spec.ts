// The architecture spec: the document turned into data. Rules read it only through JSON pointers.
// A spec may `extend` another (a path relative to it, or a bundled spec's name) and override its
// values with JSON Merge Patch (RFC 7396): environments are overlays on one architecture.
import { realpath } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { readJson, type JsonSource } from '../input/json-source.js';
import { assertValid, schemaValidator } from '../input/schemas.js';
import { migrateV1 } from './spec-migrate.js';
import type { SpecV2 } from './spec-v2-schema.js';
import { specRelationProblem } from './spec-relations.js';
import { specV2RelationProblem } from './spec-v2-relations.js';
import { LayeredSource, mergePatch } from './spec-layers.js';
import { bundledSpecFile, bundledSpecList, bundledSpecName, isSpecName } from './bundled-specs.js';
import { citationProblem } from './spec-citations.js';

export interface SpecScope { tags?: Record<string, string>; namePrefix?: string }

export interface LoadedSpec {
  file: string;
  source: LayeredSource;
  /** Every file merged, base first, `file` last (just `file` when it extends nothing). */
  files: string[];
  value: Record<string, unknown> & { region: string; scope: SpecScope };
  /** What the reader should know about how the spec was read (a v1 spec migrated at load). */
  notices: string[];
}

/** Deeper than any environment needs (production <- staging <- a developer's own); a longer chain is a mistake. */
export const MAX_EXTENDS = 8;

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const layers = await readChain(file);
  const value = layers.reduce<unknown>((merged, layer) => mergePatch(merged, ownValues(layer.value)), {});
  const source = new LayeredSource(layers, value);
  if ((value as { specVersion?: unknown } | null)?.specVersion === 1) return migratedAtLoad(file, source, layers);
  assertValid('specV2', source);
  const problem = specV2RelationProblem(source.value as Record<string, unknown>) ?? citationProblem(source.value as Record<string, unknown>);
  if (problem) throw source.error(problem.pointer, problem.message);
  return { file, source, files: layers.map((l) => l.file), value: value as LoadedSpec['value'], notices: [] };
}

/** A v1 spec (every file of its chain v1) is checked as v1, then audited as the v2 spec `spec migrate` writes. */
function migratedAtLoad(file: string, source: LayeredSource, layers: JsonSource[]): LoadedSpec {
  assertValid('spec', source);
  const v1 = source.value as Record<string, unknown>;
  const problem = specRelationProblem(v1);
  if (problem) throw source.error(problem.pointer, problem.message);
  const value = migrateV1(v1) as unknown as LoadedSpec['value'];
  const notice = `${file} is specVersion 1: audited as the specVersion 2 spec it migrates to (infra-audit spec migrate ${file} --output NEW.json writes it out)`;
  return { file, source: new LayeredSource(layers, value), files: layers.map((l) => l.file), value, notices: [notice] };
}

/** The chain of files from the base to `file`, each read once; a cycle or an overlong chain is exit 2 at its `extends`. */
async function readChain(file: string): Promise<JsonSource[]> {
  const chain: JsonSource[] = [];
  const seen: string[] = [];
  for (let next: string | undefined = file; next; ) {
    const source = await readJson(next);
    chain.unshift(source);
    seen.push(await canonical(next));
    const ref = isObject(source.value) ? source.value.extends : undefined;
    if (ref === undefined) break;
    if (typeof ref !== 'string' || ref === '') throw source.error('/extends', 'must be a spec file (a path relative to this one) or a bundled spec\'s name');
    const target: string | undefined = isSpecName(ref) ? bundledSpecFile(ref) : resolve(dirname(next), ref);
    if (!target) throw source.error('/extends', `no bundled spec is named "${ref}" (bundled: ${bundledSpecList()}); a file next to this one is "./${ref}"`);
    const files = [...chain].reverse().map((s) => shown(s.file));
    if (seen.includes(await canonical(target))) throw source.error('/extends', `extends itself: ${[...files, shown(target)].join(' -> ')}`);
    if (chain.length >= MAX_EXTENDS) throw source.error('/extends', `a spec may extend at most ${MAX_EXTENDS - 1} others in a chain: ${[...files, shown(target)].join(' -> ')}`);
    next = target;
  }
  return chain;
}

// The same file under another name (a symbolic link, "./a/../b.json") is the same file.
const canonical = (file: string) => realpath(file).catch(() => resolve(file));
const shown = (file: string) => bundledSpecName(file) ?? file;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A layer's values without its `extends` (which names the base, and is not part of the architecture). */
function ownValues(value: unknown): unknown {
  if (!isObject(value) || !Object.hasOwn(value, 'extends')) return value;
  const { extends: _, ...rest } = value;
  return rest;
}

/** A v1 spec file read, checked as v1 and turned into v2 (`spec migrate`; loadSpec does the same for a v1 chain). */
export async function readV1AsV2(file: string): Promise<{ source: JsonSource; value: SpecV2 }> {
  const source = await readJson(file);
  const version = (source.value as { specVersion?: unknown } | null)?.specVersion;
  if (version === 2) throw source.error('/specVersion', 'is already 2: nothing to migrate');
  assertValid('spec', source);
  const problem = specRelationProblem(source.value);
  if (problem) throw source.error(problem.pointer, problem.message);
  const value = migrateV1(source.value as Record<string, unknown>);
  // The mapping's own check: what it writes is a valid v2 spec (a failure here is a bug, not bad input).
  if (!schemaValidator('specV2')(value)) throw new Error(`spec migration produced an invalid v2 spec: ${JSON.stringify(schemaValidator('specV2').errors)}`);
  return { source, value };
}
