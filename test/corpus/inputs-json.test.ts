// The JSON reader underneath every input: positions with any line ends, duplicate keys, depth, and a
// position tree built only when a position is asked for (the happy path is JSON.parse and one scan).
import { describe, expect, it, vi } from 'vitest';

const parseTreeCalls = vi.hoisted(() => ({ count: 0 }));
vi.mock('jsonc-parser', async (importOriginal) => {
  const real = await importOriginal<typeof import('jsonc-parser')>();
  return { ...real, parseTree: (...args: Parameters<typeof real.parseTree>) => (parseTreeCalls.count++, real.parseTree(...args)) };
});

const { parseJson, MAX_DEPTH } = await import('../../src/input/json-source.js');
const { scanJson } = await import('../../src/input/json-scan.js');

const failure = (text: string) => {
  try {
    parseJson('f.json', text);
  } catch (err) {
    return (err as { format(): string }).format();
  }
  throw new Error('expected an InputError');
};

describe('positions', () => {
  const lines = ['{', '  "a": 1,', '  "b": {', '    "c": true', '  }', '}'];
  for (const [name, eol] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR', '\r']] as const) {
    it(`${name}: every pointer lands on its key's line and column`, () => {
      const source = parseJson('f.json', lines.join(eol));
      expect(source.locate('/a')).toEqual({ line: 2, column: 3, pointer: '/a' });
      expect(source.locate('/b/c')).toEqual({ line: 4, column: 5, pointer: '/b/c' });
      expect(source.locate('/b/missing')).toEqual({ line: 3, column: 3, pointer: '/b' });
      expect(source.lines('/b')).toEqual({ startLine: 3, endLine: 5 });
    });
    it(`${name}: a syntax error is reported on its own line`, () => {
      expect(failure(['{', '  "a": 1,', '  "b": ,', '}'].join(eol))).toMatch(/^f\.json:3:\d+: invalid JSON/);
    });
  }
  it('mixed line ends count each break once', () => {
    const source = parseJson('f.json', '{\r\n"a": 1,\r"b": 2,\n"c": 3}');
    expect(['/a', '/b', '/c'].map((p) => source.locate(p).line)).toEqual([2, 3, 4]);
  });
  it('a byte order mark is not a column', () => {
    expect(parseJson('f.json', '\uFEFF{"a": 1}').locate('/a')).toMatchObject({ line: 1, column: 2 });
  });
});

describe('what JSON.parse would accept silently', () => {
  const table: [string, string, RegExp][] = [
    ['a duplicate key', '{\n  "a": 1,\n  "a": 2\n}', /^f\.json:3:3: duplicate key "a" \(at \/a\)$/],
    ['a duplicate spelled with an escape', '{"a": 1, "\\u0061": 2}', /^f\.json:1:10: duplicate key "a" \(at \/a\)$/],
    ['a duplicate deep inside a list', '{"x": [{}, {"k": 1, "k": 1}]}', /duplicate key "k" \(at \/x\/1\/k\)$/],
    ['a duplicate among many keys', `{${Array.from({ length: 40 }, (_, i) => `"k${i}": ${i}`).join(', ')}, "k39": 0}`, /duplicate key "k39" \(at \/k39\)$/],
    ['a pointer key with / and ~', '{"a/b~c": 1, "a/b~c": 2}', /\(at \/a~1b~0c\)$/],
    ['nesting one past the limit', '['.repeat(MAX_DEPTH + 1) + ']'.repeat(MAX_DEPTH + 1), new RegExp(`nested more than ${MAX_DEPTH} levels deep`)],
  ];
  for (const [name, text, expected] of table) it(name, () => expect(failure(text)).toMatch(expected));

  it('the same key in sibling objects, quotes and braces inside strings, and nesting at the limit are fine', () => {
    expect(scanJson('{"a": {"k": 1}, "b": {"k": 2}}', MAX_DEPTH)).toBeUndefined();
    expect(scanJson('{"a": "}{][,\\"a\\":", "b": "\\\\"}', MAX_DEPTH)).toBeUndefined();
    expect(scanJson('['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH), MAX_DEPTH)).toBeUndefined();
  });
});

// The scan reuses its per-container state from one object (and one call) to the next: nothing seen
// in an earlier object or an earlier file may count in the next, and nothing may be forgotten.
describe('scans in a row', () => {
  const many = (prefix: string) => `{${Array.from({ length: 20 }, (_, i) => `"${prefix}${i}": ${i}`).join(', ')}}`;
  const table: { name: string; before: string; text: string; duplicate?: string }[] = [
    { name: 'keys of an earlier call at the same depth', before: '{"a": 1, "b": 2}', text: '{"b": 1}' },
    { name: 'keys of a large earlier object (a set) at the same depth', before: many('k'), text: '{"k3": 1, "x": 2}' },
    { name: 'a sibling after a large object', before: '[]', text: `[${many('k')}, {"k1": 1, "k2": 2}]` },
    { name: 'a duplicate after a large sibling', before: many('k'), text: `[${many('k')}, {"k1": 1, "k1": 2}]`, duplicate: '/1/k1' },
    { name: 'a duplicate in a large object after a small one', before: '{"k5": 1}', text: `{"o": ${many('k').slice(0, -1)}, "k5": 0}}`, duplicate: '/o/k5' },
    { name: 'one key spelled with two different escapes', before: '{"x": 1}', text: '{"x\\\\n": 1, "x\\u000a": 2, "x\\n": 3}', duplicate: '/x\n' },
  ];
  it.each(table)('$name', ({ before, text, duplicate }) => {
    scanJson(before, MAX_DEPTH);
    const problem = scanJson(text, MAX_DEPTH);
    if (duplicate === undefined) expect(problem).toBeUndefined();
    else expect(problem).toMatchObject({ pointer: duplicate, message: expect.stringMatching(/^duplicate key/) });
  });
});

describe('positions are computed on demand', () => {
  it('parsing a valid file builds no position tree; the first locate builds one, once', () => {
    parseTreeCalls.count = 0;
    const source = parseJson('f.json', JSON.stringify({ nodes: Array.from({ length: 1000 }, (_, i) => ({ id: `n${i}` })) }));
    expect(parseTreeCalls.count).toBe(0);
    expect(source.locate('/nodes/999/id').line).toBe(1);
    source.locate('/nodes/3');
    expect(parseTreeCalls.count).toBe(1);
  });
});
