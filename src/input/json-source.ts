// JSON files that remember where every value came from, so any complaint about an input can name
// file, line, column and JSON pointer. Built on jsonc-parser's syntax tree (strict JSON: no comments).
import { readFile } from 'node:fs/promises';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { InputError } from '../errors.js';

export interface Position { line: number; column: number }

export class JsonSource {
  private lineStarts: number[] | undefined;

  constructor(readonly file: string, readonly text: string, readonly value: unknown, private readonly tree: JsonNode) {}

  /** 1-based line and column of the value at `pointer`; the nearest existing parent when it is absent. */
  locate(pointer: string): Position & { pointer: string } {
    let path = pointerToPath(pointer);
    for (;;) {
      const node = findNodeAtLocation(this.tree, path);
      if (node) {
        // A property's value: point at the key, which is where a reader looks.
        const at = node.parent?.type === 'property' ? node.parent : node;
        return { ...this.position(at.offset), pointer: pathToPointer(path) };
      }
      if (path.length === 0) return { line: 1, column: 1, pointer: '' };
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

  position(offset: number): Position {
    const starts = (this.lineStarts ??= computeLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  }
}

export function parseJson(file: string, text: string): JsonSource {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  if (first || !tree) {
    const offset = first?.offset ?? 0;
    const probe = new JsonSource(file, text, undefined, { type: 'null', offset: 0, length: 0 } as JsonNode);
    const where = probe.position(offset);
    const reason = first ? describeParseError(first.error) : 'the file is empty';
    throw new InputError(`invalid JSON: ${reason}`, { file, line: where.line, column: where.column, pointer: '' });
  }
  return new JsonSource(file, text, JSON.parse(text), tree);
}

export async function readJson(file: string): Promise<JsonSource> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
    throw new InputError(`cannot read file: ${why}`, { file });
  }
  return parseJson(file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

function describeParseError(code: number): string {
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

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
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

/** Resolve a JSON pointer in a plain value; `undefined` when it does not resolve. */
export function resolvePointer(value: unknown, pointer: string): unknown {
  let current: unknown = value;
  for (const part of pointerToPath(pointer)) {
    if (current === null || typeof current !== 'object') return undefined;
    const key = String(part);
    // RFC 6901: a list is indexed by numbers only ("length" is not a member of a JSON array).
    if (Array.isArray(current) ? typeof part !== 'number' || part >= current.length : !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
