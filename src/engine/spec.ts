// The architecture spec: the document turned into data. Rules read it only through JSON pointers.
import { readJson, type JsonSource } from '../input/json-source.js';
import { assertValid } from '../input/schemas.js';
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
