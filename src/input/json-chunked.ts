// A JSON file too large to hold as one string (V8 stops near 512 MiB; a million-resource snapshot is
// ~750 MiB): the outer containers are walked in the bytes, and each value below them (one resource,
// one edge) is decoded and parsed on its own, with the same checks as a whole small file (json-scan.ts:
// duplicate keys, depth). Positions are computed only for an error, from the recorded member offsets.
import { parseTree, type ParseError } from 'jsonc-parser';
import { isUtf8 } from 'node:buffer';
import { InputError } from '../errors.js';
import { scanJson } from './json-scan.js';
import { JsonSource, MAX_DEPTH, parseJson, describeParseError, pathToPointer, pointerToPath, type LocatedJson } from './json-source.js';
import { decodeUtf8, decodedUtf8, notUtf8, positionAtByte, readBoundedBytes } from './read-bounded.js';

/** From this size on a file is parsed in pieces; below it, as one string (json-source.ts). */
export const CHUNKED_FROM = 64 * 1024 * 1024;

/** Reads a JSON input that may be larger than a string can be. */
export async function readLargeJson(file: string, maxBytes: number, chunkedFrom = CHUNKED_FROM): Promise<LocatedJson> {
  const bytes = await readBoundedBytes(file, maxBytes);
  return bytes.length < chunkedFrom ? parseJson(file, decodeUtf8(file, bytes)) : new ChunkedJson(file, bytes);
}

/** Containers this shallow are walked byte by byte; everything deeper is parsed whole (JSON.parse). */
const WALKED_DEPTH = 2;

/** Where a value is in the bytes: `at` is its key for a property (where a reader looks), else its start. */
interface Shape {
  at: number;
  start: number;
  end: number;
  members?: Map<string, Shape> | Shape[];
}

const enum Byte { Quote = 0x22, Comma = 0x2c, Colon = 0x3a, Backslash = 0x5c, OpenBrace = 0x7b, CloseBrace = 0x7d, OpenBracket = 0x5b, CloseBracket = 0x5d }

export class ChunkedJson implements LocatedJson {
  readonly value: unknown;
  private readonly shape: Shape;

  /** `bytes` need not be valid UTF-8: each piece is checked as it is decoded (the walker accepts only ASCII between them). */
  constructor(readonly file: string, private readonly bytes: Buffer) {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const walker = new Walker(file, bytes, start);
    try {
      const first = walker.skipSpace(start);
      if (first >= bytes.length) throw walker.errorAtByte(start, '', 'invalid JSON: the file is empty');
      const { value, shape, end } = walker.value(first, first, 0, []);
      const rest = walker.skipSpace(end);
      if (rest < bytes.length) throw walker.errorAtByte(rest, '', 'invalid JSON: unexpected content after the JSON value');
      this.value = value;
      this.shape = shape;
    } catch (err) {
      // A file that is not UTF-8 is reported as such, whatever the walker tripped on first.
      if (err instanceof InputError && !isUtf8(bytes)) throw notUtf8(file, bytes);
      throw err;
    }
  }

  error(pointer: string, message: string): InputError {
    const { offset } = this.offsetOf(pointer);
    return new InputError(message, { file: this.file, ...positionAtByte(this.bytes, offset), pointer });
  }

  /** Byte offset of the value at `pointer`, or of its nearest existing parent. */
  private offsetOf(pointer: string): { offset: number } {
    const path = pointerToPath(pointer);
    let shape = this.shape;
    for (let i = 0; i < path.length; i++) {
      const members = shape.members;
      if (!members) {
        // A parsed-whole value: locate inside its own text, then count its bytes.
        const text = this.bytes.toString('utf8', shape.start, shape.end);
        const inner = new JsonSource(this.file, text, undefined).offsetOf(pathToPointer(path.slice(i)));
        return { offset: inner.pointer === '' ? shape.at : shape.start + Buffer.byteLength(text.slice(0, inner.offset)) };
      }
      const next = Array.isArray(members) ? (typeof path[i] === 'number' ? members[path[i] as number] : undefined) : members.get(String(path[i]));
      if (!next) break;
      shape = next;
    }
    return { offset: shape.at };
  }
}

class Walker {
  constructor(readonly file: string, readonly bytes: Buffer, readonly textStart: number) {}

  errorAtByte(offset: number, pointer: string, message: string): InputError {
    return new InputError(message, { file: this.file, ...this.position(offset), pointer });
  }

  private position(offset: number) {
    // A byte order mark is not a character of the first line.
    const p = positionAtByte(this.bytes, offset);
    return this.textStart && p.line === 1 ? { line: 1, column: p.column - 1 } : p;
  }

  skipSpace(i: number): number {
    const b = this.bytes;
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
    return i;
  }

  /** The value starting at byte `i` (its key at `at`), `depth` containers deep. */
  value(i: number, at: number, depth: number, parent: (string | number)[], key?: string | number): { value: unknown; shape: Shape; end: number } {
    const c = this.bytes[i];
    // The path of a walked container is kept; an element's is built only for an error.
    const path = () => (key === undefined ? parent : [...parent, key]);
    if (depth < WALKED_DEPTH && c === Byte.OpenBrace) return this.object(i, at, depth, path());
    if (depth < WALKED_DEPTH && c === Byte.OpenBracket) return this.array(i, at, depth, path());
    return this.whole(i, at, depth, path);
  }

  private object(start: number, at: number, depth: number, path: (string | number)[]) {
    if (depth >= MAX_DEPTH) throw this.errorAtByte(start, pathToPointer(path), `nested more than ${MAX_DEPTH} levels deep`);
    const value: Record<string, unknown> = {};
    const members = new Map<string, Shape>();
    let i = this.skipSpace(start + 1);
    if (this.bytes[i] === Byte.CloseBrace) return { value, shape: { at, start, end: i + 1, members }, end: i + 1 };
    for (;;) {
      if (this.bytes[i] !== Byte.Quote) throw this.syntax(i, 'expected a property name in double quotes');
      const keyEnd = this.stringEnd(i);
      const key = JSON.parse(this.text(i, keyEnd)) as string;
      if (members.has(key)) throw this.errorAtByte(i, pathToPointer([...path, key]), `duplicate key "${key}"`);
      const colon = this.skipSpace(keyEnd);
      if (this.bytes[colon] !== Byte.Colon) throw this.syntax(colon, 'expected ":"');
      const member = this.value(this.requireValue(colon + 1), i, depth + 1, path, key);
      // Defined, not assigned: a key "__proto__" is data, as JSON.parse makes it.
      Object.defineProperty(value, key, { value: member.value, enumerable: true, writable: true, configurable: true });
      members.set(key, member.shape);
      i = this.skipSpace(member.end);
      if (this.bytes[i] === Byte.CloseBrace) return { value, shape: { at, start, end: i + 1, members }, end: i + 1 };
      if (this.bytes[i] !== Byte.Comma) throw this.syntax(i, 'expected "," or a closing bracket');
      i = this.skipSpace(i + 1);
    }
  }

  private array(start: number, at: number, depth: number, path: (string | number)[]) {
    if (depth >= MAX_DEPTH) throw this.errorAtByte(start, pathToPointer(path), `nested more than ${MAX_DEPTH} levels deep`);
    const value: unknown[] = [];
    const members: Shape[] = [];
    let i = this.skipSpace(start + 1);
    if (this.bytes[i] === Byte.CloseBracket) return { value, shape: { at, start, end: i + 1, members }, end: i + 1 };
    for (;;) {
      const item = this.value(this.requireValue(i), i, depth + 1, path, value.length);
      value.push(item.value);
      members.push(item.shape);
      i = this.skipSpace(item.end);
      if (this.bytes[i] === Byte.CloseBracket) return { value, shape: { at, start, end: i + 1, members }, end: i + 1 };
      if (this.bytes[i] !== Byte.Comma) throw this.syntax(i, 'expected "," or a closing bracket');
      i = this.skipSpace(i + 1);
    }
  }

  /** A value parsed as a whole: its own text gets the checks a whole file gets, at its depth. */
  private whole(start: number, at: number, depth: number, path: () => (string | number)[]) {
    const end = this.valueEnd(start);
    const text = this.text(start, end);
    const problem = scanJson(text, MAX_DEPTH, depth);
    const absolute = (offset: number) => start + Buffer.byteLength(text.slice(0, offset));
    const pointer = () => pathToPointer(path());
    if (problem?.message.startsWith('nested')) throw this.errorAtByte(absolute(problem.offset), pointer() + problem.pointer, problem.message);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      const errors: ParseError[] = [];
      parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
      const first = errors[0];
      throw this.errorAtByte(absolute(first?.offset ?? 0), '', `invalid JSON: ${first ? describeParseError(first.error) : 'not valid JSON'}`);
    }
    if (problem) throw this.errorAtByte(absolute(problem.offset), pointer() + problem.pointer, problem.message);
    return { value, shape: { at, start, end }, end };
  }

  /** The bytes from `start` to `end` as text, which must be valid UTF-8. */
  private text(start: number, end: number): string {
    const text = this.bytes.toString('utf8', start, end);
    if (!decodedUtf8(text, this.bytes.subarray(start, end))) throw notUtf8(this.file, this.bytes);
    return text;
  }

  private requireValue(i: number): number {
    const at = this.skipSpace(i);
    const c = this.bytes[at];
    if (at >= this.bytes.length || c === Byte.Comma || c === Byte.CloseBrace || c === Byte.CloseBracket) throw this.syntax(at, 'expected a value');
    return at;
  }

  /** One past the value that starts at `start`: strings skipped natively, brackets counted. */
  private valueEnd(start: number): number {
    const b = this.bytes;
    const n = b.length;
    let open = 0;
    for (let i = start; i < n; i++) {
      const c = b[i]!;
      if (c === Byte.Quote) {
        i = this.stringEnd(i) - 1;
        if (open === 0) return i + 1;
      } else if (c === Byte.OpenBrace || c === Byte.OpenBracket) open++;
      else if (c === Byte.CloseBrace || c === Byte.CloseBracket) {
        if (open === 0) return i;
        if (--open === 0) return i + 1;
      } else if (open === 0 && (c === Byte.Comma || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09)) return i;
    }
    return n;
  }

  /** One past the quote that closes the string starting at `start`. */
  private stringEnd(start: number): number {
    const b = this.bytes;
    let at = start;
    for (;;) {
      at = b.indexOf(Byte.Quote, at + 1);
      if (at < 0) throw this.syntax(start, 'unterminated string');
      let backslashes = 0;
      while (b[at - 1 - backslashes] === Byte.Backslash) backslashes++;
      if (backslashes % 2 === 0) return at + 1;
    }
  }

  private syntax(offset: number, what: string): InputError {
    return this.errorAtByte(Math.min(offset, this.bytes.length), '', `invalid JSON: ${what}`);
  }
}
