// A spec that extends another: each file's own text stays available, so a complaint about a merged
// value points at the file, line and column where that value was written (the overlay that set it,
// not the base it overrode), and SARIF regions land in the right file.
import { resolvePointer, type JsonSource, type Position } from '../input/json-source.js';
import type { InputError } from '../errors.js';

/** RFC 7396 JSON Merge Patch: objects merge key by key, null deletes, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const out: Record<string, unknown> = {};
  if (isObject(target)) for (const [k, v] of Object.entries(target)) define(out, k, v);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else define(out, k, mergePatch(Object.hasOwn(out, k) ? out[k] : undefined, v));
  }
  return out;
}

// A key such as "__proto__" (JSON.parse makes it an own property) stays a plain key.
const define = (o: Record<string, unknown>, k: string, value: unknown) => Object.defineProperty(o, k, { value, enumerable: true, writable: true, configurable: true });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class LayeredSource {
  /** `layers`: base first, the named file last; `value`: their merge. */
  constructor(readonly layers: readonly JsonSource[], readonly value: unknown) {}

  get file(): string {
    return this.layers[this.layers.length - 1]!.file;
  }

  /** The file that wrote the value at `pointer` (or, for an absent value, its nearest present parent). */
  origin(pointer: string): JsonSource {
    for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
      for (let i = this.layers.length - 1; i >= 0; i--) if (resolvePointer(this.layers[i]!.value, p) !== undefined) return this.layers[i]!;
      if (p === '') return this.layers[this.layers.length - 1]!;
    }
  }

  fileAt(pointer: string): string {
    return this.origin(pointer).file;
  }

  locate(pointer: string): Position & { pointer: string } {
    return this.origin(pointer).locate(pointer);
  }

  lines(pointer: string): { startLine: number; endLine: number } {
    return this.origin(pointer).lines(pointer);
  }

  error(pointer: string, message: string): InputError {
    return this.origin(pointer).error(pointer, message);
  }
}
