// JSON files that can say where every value came from, so any complaint about an input can name file,
// line, column and JSON pointer. The happy path is JSON.parse plus one linear scan (json-scan.ts); the
// jsonc-parser position tree is built only when something asks for a position.
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { InputError } from '../errors.js';
import { scanJson } from './json-scan.js';
import { readBoundedText, SIZE_LIMITS } from './read-bounded.js';
import { lineColumnAt } from '../text/position.js';

export interface Position { line: number; column: number }

/** Deeper than any spec, rule, snapshot or suppressions file needs; shallow enough for recursive code. */
export const MAX_DEPTH = 64;

export class JsonSource {
  private lineStarts: number[] | undefined;
  private scanned = 0;
  private treeCache: JsonNode | undefined;

  constructor(readonly file: string, readonly text: string, readonly value: unknown) {}

  private get tree(): JsonNode {
    return (this.treeCache ??= parseTree(this.text, [], { disallowComments: true, allowTrailingComma: false }) ?? { type: 'null', offset: 0, length: 0 } as JsonNode);
  }

  /** 1-based line and column of the value at `pointer`; the nearest existing parent when it is absent. */
  locate(pointer: string): Position & { pointer: string } {
    const at = this.offsetOf(pointer);
    return { ...this.position(at.offset), pointer: at.pointer };
  }

  /** Character offset of the value at `pointer` (of its key, for a property), or of its nearest existing parent. */
  offsetOf(pointer: string): { offset: number; pointer: string } {
    let path = pointerToPath(pointer);
    for (;;) {
      const node = findNodeAtLocation(this.tree, path);
      if (node) {
        // A property's value: point at the key, which is where a reader looks.
        const at = node.parent?.type === 'property' ? node.parent : node;
        return { offset: at.offset, pointer: pathToPointer(path) };
      }
      if (path.length === 0) return { offset: 0, pointer: '' };
      path = path.slice(0, -1);
    }
  }

  /** 1-based line numbers spanned by the value at `pointer` (for SARIF regions). */
  lines(pointer: string): { startLine: number; endLine: number } {
    const node = findNodeAtLocation(this.tree, pointerToPath(pointer)) ?? this.tree;
    const at = node.parent?.type === 'property' ? node.parent : node;
    return { startLine: this.position(at.offset).line, endLine: this.position(node.offset + node.length).line };
  }

  error(pointer: string, message: string): InputError {
    const where = this.locate(pointer);
    return new InputError(message, { file: this.file, line: where.line, column: where.column, pointer });
  }

  /** An error at a character offset (for problems found before any tree exists). */
  errorAt(offset: number, pointer: string, message: string): InputError {
    return new InputError(message, { file: this.file, ...this.position(offset), pointer });
  }

  /** Line breaks are LF, CRLF or a lone CR, as editors count them. Scans only as far as `offset`. */
  position(offset: number): Position {
    const starts = (this.lineStarts ??= [0]);
    this.scanned = extendLineStarts(this.text, starts, this.scanned, offset);
    return lineColumnAt(starts, offset);
  }
}

/** What a parsed input offers the checks after parsing: its value, and errors placed at a pointer. */
export interface LocatedJson {
  readonly file: string;
  readonly value: unknown;
  error(pointer: string, message: string): InputError;
}

export function parseJson(file: string, raw: string): JsonSource {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  const source = new JsonSource(file, text, undefined);
  if (firstNonSpace(text) < 0) throw source.errorAt(0, '', 'invalid JSON: the file is empty');
  let value: unknown;
  let parsed = true;
  try {
    value = JSON.parse(text);
  } catch {
    parsed = false;
  }
  // Depth first: it keeps jsonc-parser (recursive) away from text nested deep enough to overflow it.
  const problem = scanJson(text, MAX_DEPTH);
  if (problem && (parsed || problem.message.startsWith('nested'))) throw source.errorAt(problem.offset, problem.pointer, problem.message);
  if (!parsed) throw syntaxError(source);
  return new JsonSource(file, text, value);
}

function syntaxError(source: JsonSource): InputError {
  const errors: ParseError[] = [];
  parseTree(source.text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  return source.errorAt(first?.offset ?? 0, '', `invalid JSON: ${first ? describeParseError(first.error) : 'not valid JSON'}`);
}

/** Reads a JSON input with its kind's size cap (see read-bounded.ts). */
export async function readJson(file: string, maxBytes: number = SIZE_LIMITS.document): Promise<JsonSource> {
  return parseJson(file, await readBoundedText(file, maxBytes));
}

// JSON's four whitespace characters only; a native search, since a file may be megabytes of them.
const firstNonSpace = (text: string) => text.search(/[^ \t\n\r]/);

export function describeParseError(code: number): string {
  const name = printParseErrorCode(code);
  const readable: Record<string, string> = {
    InvalidSymbol: 'unexpected character',
    InvalidNumberFormat: 'malformed number',
    PropertyNameExpected: 'expected a property name in double quotes',
    ValueExpected: 'expected a value',
    ColonExpected: 'expected ":"',
    CommaExpected: 'expected "," or a closing bracket',
    CloseBraceExpected: 'expected "}"',
    CloseBracketExpected: 'expected "]"',
    EndOfFileExpected: 'unexpected content after the JSON value',
    InvalidCommentToken: 'comments are not allowed in JSON',
    UnexpectedEndOfComment: 'unterminated comment',
    UnexpectedEndOfString: 'unterminated string',
    UnexpectedEndOfNumber: 'unterminated number',
    InvalidUnicode: 'invalid unicode escape',
    InvalidEscapeCharacter: 'invalid escape character',
    InvalidCharacter: 'invalid character in string',
  };
  return readable[name] ?? name;
}

/** Adds the starts of lines beginning at or before `offset`; returns how far the text has been scanned. */
function extendLineStarts(text: string, starts: number[], from: number, offset: number): number {
  let i = from;
  for (; i < text.length && i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return Math.max(i, from);
}

export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part));
}

export function pathToPointer(path: readonly (string | number)[]): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

// Rules resolve the same few spec pointers once per resource: parse each once. Bounded, as pointers
// come from input files.
const parsedPointers = new Map<string, readonly (string | number)[]>();
const PARSED_POINTERS_KEPT = 4096;

function cachedPath(pointer: string): readonly (string | number)[] {
  let path = parsedPointers.get(pointer);
  if (!path) {
    if (parsedPointers.size >= PARSED_POINTERS_KEPT) parsedPointers.clear();
    parsedPointers.set(pointer, (path = pointerToPath(pointer)));
  }
  return path;
}

/** Resolve a JSON pointer in a plain value; `undefined` when it does not resolve. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const part of cachedPath(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = String(part);
    // RFC 6901: a list is indexed by numbers only ("length" is not a member of a JSON array).
    if (Array.isArray(current) ? typeof part !== 'number' || part >= current.length : !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
