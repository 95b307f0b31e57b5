// JSON Schema validation that reports the first problem as an InputError with file:line:column and pointer.
// The validators are compiled at build time (scripts/build-validators.mjs): no run compiles a schema.
import type { ErrorObject, ValidateFunction } from 'ajv';
import * as compiled from './validators.generated.js';
import { resolvePointer, type LocatedJson } from './json-source.js';
import { regexProblem } from './regex.js';

export type SchemaName = 'spec' | 'specV2' | 'rule' | 'snapshot' | 'report' | 'suppressions' | 'multiReport' | 'runManifest' | 'accounts';

export function schemaValidator(name: SchemaName): ValidateFunction {
  return compiled[name] as ValidateFunction;
}

/** Throws an InputError at the most specific problem when `source` does not match the schema. */
export function assertValid(name: SchemaName, source: LocatedJson): void {
  const validate = schemaValidator(name);
  if (validate(source.value)) return;
  const error = mostSpecific(validate.errors ?? []);
  if (!error) throw source.error('', `does not match the ${name} schema`);
  const { pointer, message } = describe(error, source.value);
  throw source.error(pointer, message);
}

// With oneOf/anyOf ajv reports every branch; the deepest concrete complaint is the one a person can act
// on. A branch whose shape does not fit the value at all (a required or unknown property) is the wrong
// branch: its other complaints ("op must be one of ...") would mislead, so they are dropped first.
function mostSpecific(errors: ErrorObject[]): ErrorObject | undefined {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'not', 'if'].includes(e.keyword));
  const misfits = new Set(concrete.filter((e) => e.keyword === 'required' || e.keyword === 'additionalProperties').map(branchOf));
  const fitting = concrete.filter((e) => !misfits.has(branchOf(e)));
  const pool = fitting.length ? fitting : concrete.length ? concrete : errors;
  return [...pool].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b))[0];
}

/** The schema definition and the object it was applied to, e.g. "#/definitions/edgeCondition@/expect". */
function branchOf(e: ErrorObject): string | undefined {
  const m = /^(#\/definitions\/[^/]+)(\/properties\/[^/]+)?/.exec(e.schemaPath);
  if (!m) return undefined;
  const object = m[2] ? e.instancePath.slice(0, e.instancePath.lastIndexOf('/')) : e.instancePath;
  return `${m[1]}@${object}`;
}

const depth = (e: ErrorObject) => e.instancePath.split('/').length;
// Among equally deep errors prefer the ones that name what to fix.
const rank = (e: ErrorObject) => ['additionalProperties', 'required', 'enum', 'const', 'type', 'pattern'].indexOf(e.keyword) >>> 0;

function describe(e: ErrorObject, value: unknown): { pointer: string; message: string } {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${escape(String(p.additionalProperty))}`, message: `unknown property "${p.additionalProperty}"` };
    case 'required':
      return { pointer: e.instancePath, message: `missing required property "${p.missingProperty}"` };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'type':
      return { pointer: e.instancePath, message: `must be ${p.type}` };
    case 'pattern':
      return { pointer: e.instancePath, message: `must match the pattern ${p.pattern}` };
    case 'minItems':
      return { pointer: e.instancePath, message: `must have at least ${p.limit} item${p.limit === 1 ? '' : 's'}` };
    case 'format':
      if (p.format === 'regex') {
        const pattern = resolvePointer(value, e.instancePath);
        return { pointer: e.instancePath, message: `invalid regular expression ${JSON.stringify(pattern)}: ${regexProblem(String(pattern))}` };
      }
      return { pointer: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
    default:
      return { pointer: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  }
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
