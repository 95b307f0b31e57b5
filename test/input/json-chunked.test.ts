// A snapshot too large for one string is parsed in pieces (json-chunked.ts). Both paths must agree:
// on the value, on the audit it gives, and on every error (message, line, column, pointer).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { audit, loadCheckInputs } from '../../src/audit.js';
import { InputError } from '../../src/errors.js';
import { loadSnapshot } from '../../src/graph/snapshot.js';
import { writeSyntheticSnapshot, IN_SCOPE_EVERY } from '../../scripts/synthetic-snapshot.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;
const CHUNKED = 0;
const WHOLE = Number.POSITIVE_INFINITY;
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-chunked-'));
});

async function fileWith(name: string, content: string | Buffer): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

async function failure(file: string, chunkedFrom: number): Promise<InputError> {
  const err = await loadSnapshot(file, chunkedFrom).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `loading ${file} must fail`).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('a generated snapshot read in pieces', () => {
  it('gives the same value and the same audit as the whole-string path', async () => {
    const file = join(dir, 'synthetic.snapshot.json');
    const nodes = writeSyntheticSnapshot(file, 3000);
    const [whole, chunked] = [await loadSnapshot(file, WHOLE), await loadSnapshot(file, CHUNKED)];
    expect(chunked.nodes).toHaveLength(nodes);
    expect(chunked).toEqual(whole);
    const spec = join(ROOT, 'spec.shopflow.json');
    const inputs = await loadCheckInputs({ snapshotFile: file, specFile: spec });
    const a = audit(inputs).report.results;
    const b = audit({ ...inputs, snapshot: chunked }).report.results;
    expect(b).toEqual(a);
    // The generator's scope: one copy of the example in IN_SCOPE_EVERY is ShopFlow's.
    expect(a.some((r) => r.resource.id.endsWith(`-c${IN_SCOPE_EVERY}`))).toBe(true);
    expect(a.some((r) => r.resource.id.endsWith('-c1'))).toBe(false);
  });
});

// Each bad text is refused by both paths at the same place with the same words.
const example = JSON.parse(await (await import('node:fs/promises')).readFile(join(ROOT, 'examples/shopflow-drifted.snapshot.json'), 'utf8'));
const pretty = (v: unknown) => JSON.stringify(v, null, 2);
const deep = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
// One ECS service in 20 subnets (past the short-list size of the duplicate-edge index), then a repeat.
function hubWithRepeat() {
  const service = example.nodes.find((n: { type: string }) => n.type === 'ecs.service');
  const subnet = example.nodes.find((n: { type: string }) => n.type === 'ec2.subnet');
  const subnets = Array.from({ length: 20 }, (_, i) => ({ ...subnet, id: `${subnet.id}-hub${i}` }));
  const hub = subnets.map((n) => ({ type: 'in-subnet', from: service.id, to: n.id }));
  const edges = [...example.edges, ...hub, hub[17]];
  return { snapshot: { ...example, nodes: [...example.nodes, ...subnets], edges }, repeat: edges.length - 1, first: edges.length - 4 };
}

const withByte = (text: string, at: number, bytes: number[]) => Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);

// A resource whose string holds a real U+FFFD (so the exact check runs on its bytes).
const withNote = pretty(example).replace('"region": "us-east-1",', '"region": "us-east-1", "note": "\ufffd",');

const cases: { name: string; text: () => string | Buffer; pointer?: string; message: RegExp }[] = [
  { name: 'a duplicate key inside a resource', text: () => pretty(example).replace('"region": "us-east-1",', '"region": "us-east-1", "region": "us-east-1",'), pointer: '/nodes/0/region', message: /duplicate key "region"/ },
  { name: 'a duplicate key spelled with an escape', text: () => pretty(example).replace('"region": "us-east-1",', '"region": "us-east-1", "\\u0072egion": "x",'), pointer: '/nodes/0/region', message: /duplicate key "region"/ },
  { name: 'a duplicate top-level key', text: () => pretty(example).replace('{\n', '{\n  "gaps": [],\n'), pointer: '/gaps', message: /duplicate key "gaps"/ },
  { name: 'a duplicate key in meta', text: () => pretty(example).replace('"meta": {', '"meta": { "account": "123456789012",'), pointer: '/meta/account', message: /duplicate key "account"/ },
  { name: 'nesting past the limit inside a resource', text: () => pretty(example).replace('"props": {', `"props": { "deep": ${deep(70)},`), pointer: '/nodes/0/props/deep' + '/0'.repeat(60), message: /nested more than 64 levels deep/ },
  { name: 'a syntax error inside a resource', text: () => pretty(example).replace('"region": "us-east-1",', '"region": "us-east-1" "x": 1,'), message: /invalid JSON/ },
  { name: 'a trailing comma inside a resource', text: () => pretty(example).replace('"tags": {}', '"tags": {"a": "b",}'), message: /invalid JSON/ },
  { name: 'a duplicate node id', text: () => pretty({ ...example, nodes: [...example.nodes, example.nodes[3]] }), pointer: `/nodes/${example.nodes.length}/id`, message: /duplicate node id/ },
  { name: 'a repeated edge from a resource with many', text: () => pretty(hubWithRepeat().snapshot), pointer: `/edges/${hubWithRepeat().repeat}`, message: new RegExp(`duplicate edge: the same in-subnet edge as /edges/${hubWithRepeat().first}$`) },
  { name: 'an edge to a missing node', text: () => pretty({ ...example, edges: [{ ...example.edges[0], to: 'arn:nowhere' }, ...example.edges.slice(1)] }), pointer: '/edges/0/to', message: /is not a node of this snapshot/ },
  { name: 'a schema error deep in a resource', text: () => pretty({ ...example, nodes: [example.nodes[0], { ...example.nodes[1], colour: 'red' }, ...example.nodes.slice(2)] }), pointer: '/nodes/1/colour', message: /unknown property "colour"/ },
  { name: 'a key "__proto__" is data, not a prototype', text: () => pretty(example).replace('"props": {', '"props": { "__proto__": {"x": 1},'), message: /./ },
  { name: 'CRLF line ends and a byte order mark', text: () => '\ufeff' + pretty({ ...example, nodes: [...example.nodes, example.nodes[5]] }).replace(/\n/g, '\r\n'), pointer: `/nodes/${example.nodes.length}/id`, message: /duplicate node id/ },
  { name: 'a bad UTF-8 byte', text: () => Buffer.concat([Buffer.from(pretty(example).slice(0, 5000)), Buffer.from([0xff]), Buffer.from(pretty(example).slice(5000))]), pointer: '', message: /not UTF-8/ },
  // Each piece is checked as it is decoded (no separate pass over the file): a bad byte anywhere is found.
  { name: 'a bad UTF-8 byte between resources', text: () => withByte(pretty(example), pretty(example).indexOf('\n    {', pretty(example).indexOf('"nodes"')) + 1, [0xc0]), pointer: '', message: /not UTF-8/ },
  { name: 'a bad UTF-8 byte in a top-level key', text: () => withByte(pretty(example), pretty(example).indexOf('"meta"') + 2, [0xe2, 0x28]), pointer: '', message: /not UTF-8/ },
  { name: 'a bad UTF-8 byte after a real U+FFFD in one resource', text: () => withByte(withNote, withNote.indexOf('"note": "\ufffd') + 10, [0xff]), pointer: '', message: /not UTF-8/ },
  { name: 'content after the value', text: () => pretty(example) + '\n{}', pointer: '', message: /unexpected content after the JSON value/ },
  { name: 'an empty file', text: () => ' \n ', pointer: '', message: /the file is empty/ },
];

describe('text that is valid UTF-8', () => {
  it('keeps a real U+FFFD and other non-ASCII characters, in both paths', async () => {
    const name = 'caf\u00e9 \ufffd \u{1F600}';
    const text = pretty({ ...example, nodes: [{ ...example.nodes[0], name }, ...example.nodes.slice(1)] });
    const file = await fileWith('real-replacement-character.json', text);
    const [whole, chunked] = [await loadSnapshot(file, WHOLE), await loadSnapshot(file, CHUNKED)];
    expect(chunked.nodes[0]!.name).toBe(name);
    expect(chunked).toEqual(whole);
  });
});

describe('errors from a snapshot read in pieces', () => {
  it.each(cases)('$name: the same error as the whole-string path', async ({ name, text, pointer, message }) => {
    const file = await fileWith(`${name.replace(/\W+/g, '-')}.json`, text());
    const whole = await failure(file, WHOLE);
    const chunked = await failure(file, CHUNKED);
    expect(chunked.message).toMatch(message);
    if (pointer !== undefined) expect(chunked.location.pointer).toBe(pointer);
    expect({ message: chunked.message, ...chunked.location }).toEqual({ message: whole.message, ...whole.location });
  });

  // What the outer walk finds itself (between resources) has its own words; the place must be exact.
  const outer: { name: string; text: string; line: number; column: number; message: RegExp }[] = [
    { name: 'a missing comma between resources', text: '{"nodes": [\n  {"a": 1}\n  {"b": 2}\n]}', line: 3, column: 3, message: /expected "," or a closing bracket/ },
    { name: 'a missing colon', text: '{\n"nodes" [] }', line: 2, column: 9, message: /expected ":"/ },
    { name: 'a key without quotes', text: '{\n  nodes: [] }', line: 2, column: 3, message: /property name in double quotes/ },
    { name: 'a trailing comma between resources', text: '{"nodes": [\n  1,\n]}', line: 3, column: 1, message: /expected a value/ },
    { name: 'an unterminated key', text: '{\n  "nodes', line: 2, column: 3, message: /unterminated string/ },
    { name: 'a cut-off file', text: '{"nodes": [\n  {"a": 1},', line: 2, column: 12, message: /expected a value/ },
    { name: 'an unclosed outer object', text: '{"nodes": []', line: 1, column: 13, message: /expected "," or a closing bracket/ },
  ];
  it.each(outer)('$name: refused at line $line, column $column', async ({ name, text, line, column, message }) => {
    const err = await failure(await fileWith(`outer-${name.replace(/\W+/g, '-')}.json`, text), CHUNKED);
    expect(err.message).toMatch(message);
    expect(err.location).toMatchObject({ line, column });
    // The whole-string path refuses it too (with jsonc-parser's words).
    await failure(join(dir, `outer-${name.replace(/\W+/g, '-')}.json`), WHOLE);
  });
});
