// The architecture spec: the document turned into data. Rules read it only through JSON pointers.
import { readJson, type JsonSource } from '../input/json-source.js';
import { assertValid, schemaValidator } from '../input/schemas.js';
import { migrateV1, unmappedV1Key } from './spec-migrate.js';
import type { SpecV2 } from './spec-v2-schema.js';
import { specRelationProblem } from './spec-relations.js';

export interface SpecScope { tags?: Record<string, string>; namePrefix?: string }

export interface LoadedSpec {
  file: string;
  source: JsonSource;
  value: Record<string, unknown> & { region: string; scope: SpecScope };
}

export async function loadSpec(file: string): Promise<LoadedSpec> {
  const source = await readJson(file);
  assertValid('spec', source);
  const problem = specRelationProblem(source.value);
  if (problem) throw source.error(problem.pointer, problem.message);
  return { file, source, value: source.value as LoadedSpec['value'] };
}

/** A v1 spec file read, checked as v1 and turned into v2 (`spec migrate`; loadSpec once v2 ships). */
export async function readV1AsV2(file: string): Promise<{ source: JsonSource; value: SpecV2 }> {
  const source = await readJson(file);
  const version = (source.value as { specVersion?: unknown } | null)?.specVersion;
  if (version === 2) throw source.error('/specVersion', 'is already 2: nothing to migrate');
  assertValid('spec', source);
  const problem = unmappedV1Key(source.value as Record<string, unknown>) ?? specRelationProblem(source.value);
  if (problem) throw source.error(problem.pointer, problem.message);
  const value = migrateV1(source.value as Record<string, unknown>);
  // The mapping's own check: what it writes is a valid v2 spec (a failure here is a bug, not bad input).
  if (!schemaValidator('specV2')(value)) throw new Error(`spec migration produced an invalid v2 spec: ${JSON.stringify(schemaValidator('specV2').errors)}`);
  return { source, value };
}
