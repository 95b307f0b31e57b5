// `infra-audit spec migrate`: ShopFlow's v1 spec becomes the documented v2 spec, every v1 value lands
// somewhere, bad v1 input is refused at its line and pointer (exit 2, no stack), and the output never
// replaces the input nor, without --force, any file that already exists.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { migrateV1 } from '../../src/engine/spec-migrate.js';
import { schemaValidator } from '../../src/input/schemas.js';

const v1Text = readFileSync('test/fixtures/spec.shopflow.v1.json', 'utf8');
const v1 = () => JSON.parse(v1Text) as Record<string, any>;
const documented = JSON.parse(/```json\n([\s\S]*?)```/.exec(readFileSync('docs/spec-v2.md', 'utf8'))![1]!);
const tmp = () => mkdtemp(join(tmpdir(), 'infra-audit-migrate-'));
async function withSpec(value: unknown | string): Promise<{ dir: string; file: string }> {
  const dir = await tmp();
  const file = join(dir, 'spec.json');
  await writeFile(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return { dir, file };
}

/** Every leaf value of a JSON value, as a multiset of JSON texts. */
function leaves(value: unknown, out: string[] = []): string[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) for (const v of Object.values(value)) leaves(v, out);
  else out.push(JSON.stringify(value));
  return out;
}

describe('spec migrate', () => {
  it('turns the ShopFlow v1 spec into the documented v2 spec, on stdout', async () => {
    const run = await runCli(['spec', 'migrate', 'test/fixtures/spec.shopflow.v1.json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(documented);
  });

  it('keeps every v1 value (each v1 leaf appears in the v2 spec)', () => {
    const before = v1();
    const after = migrateV1(before);
    const remaining = leaves(after);
    for (const leaf of leaves({ ...before, specVersion: undefined, $schema: undefined, network: { ...before.network, vpcCount: undefined }, dns: { ...before.dns, publicHostedZones: undefined } })) {
      if (leaf === undefined) continue;
      const at = remaining.indexOf(leaf);
      expect(at, `v1 value ${leaf} is not in the v2 spec`).toBeGreaterThanOrEqual(0);
      remaining.splice(at, 1);
    }
  });

  it('counts become items: two VPCs, no hosted zone', () => {
    const spec = v1();
    spec.network.vpcCount = 2;
    spec.dns.publicHostedZones = 0;
    const v2 = migrateV1(spec) as Record<string, any>;
    expect(Object.keys(v2.networks)).toEqual(['main', 'vpc-2']);
    expect(v2.dns).toBeUndefined();
    expect(schemaValidator('specV2')(v2)).toBe(true);
  });

  it('writes --output, then refuses to replace it without --force', async () => {
    const dir = await tmp();
    const out = join(dir, 'spec.v2.json');
    const first = await runCli(['spec', 'migrate', join(process.cwd(), 'test/fixtures/spec.shopflow.v1.json'), '--output', out]);
    expect(first.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(documented);
    await writeFile(out, 'the team wrote this');
    const again = await runCli(['spec', 'migrate', join(process.cwd(), 'test/fixtures/spec.shopflow.v1.json'), '--output', out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/exists.*--force/);
    expect(await readFile(out, 'utf8')).toBe('the team wrote this');
    const forced = await runCli(['spec', 'migrate', join(process.cwd(), 'test/fixtures/spec.shopflow.v1.json'), '--output', out, '--force']);
    expect(forced.code).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(documented);
  });

  it('never writes over its input, even with --force', async () => {
    const { file } = await withSpec(v1Text);
    const run = await runCli(['spec', 'migrate', file, '--output', file, '--force']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/input/);
    expect(await readFile(file, 'utf8')).toBe(v1Text);
  });

  it('bad v1 input: exit 2 with file:line:column and the pointer, no stack trace', async () => {
    const cases: [string, (s: Record<string, any>) => unknown, RegExp][] = [
      ['unknown key', (s) => (s.database.multiAZ = true), /\(at \/database\/multiAZ\)/],
      ['wrong type', (s) => (s.scaling.minTasks = 'two'), /\(at \/scaling\/minTasks\)/],
      ['broken relation', (s) => (s.scaling.desiredTasks = 40), /desiredTasks 40 is outside.*\(at \/scaling\/desiredTasks\)/],
      ['missing section', (s) => delete s.cache, /cache/],
    ];
    for (const [what, change, message] of cases) {
      const spec = v1();
      change(spec);
      const { file } = await withSpec(spec);
      const run = await runCli(['spec', 'migrate', file]);
      expect(run.code, what).toBe(2);
      expect(run.stdout, what).toBe('');
      expect(run.stderr, what).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: `));
      expect(run.stderr, what).toMatch(message);
      expect(run.stderr, what).not.toMatch(/\n\s+at /);
    }
  });

  it('refuses what is not a v1 spec: invalid JSON, a v2 spec, another version', async () => {
    const broken = await withSpec('{"specVersion": 1,');
    expect((await runCli(['spec', 'migrate', broken.file])).stderr).toMatch(/:1:\d+: invalid JSON/);
    const v2 = await withSpec(documented);
    const already = await runCli(['spec', 'migrate', v2.file]);
    expect(already.code).toBe(2);
    expect(already.stderr).toMatch(/already 2.*\(at \/specVersion\)/);
    const v3 = await withSpec({ ...v1(), specVersion: 3 });
    expect((await runCli(['spec', 'migrate', v3.file])).code).toBe(2);
  });

  it('the frozen v1 schema has no key the mapping does not place: the fixture sets every one, and each value lands in v2', () => {
    // "keeps every v1 value" above covers every key of the schema only while the fixture sets them all.
    const schema = JSON.parse(readFileSync('schemas/spec.schema.json', 'utf8'));
    const keys: string[] = [];
    const walk = (node: Record<string, any>, at: string): void => {
      for (const [k, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, any>>)) {
        keys.push(`${at}/${k}`);
        walk(sub, `${at}/${k}`);
      }
    };
    walk(schema, '');
    const at = (p: string) => p.split('/').slice(1).reduce<any>((o, k) => (o == null ? undefined : o[k]), v1());
    // `extends` names a base file: it is not a value of the architecture, and a chain is migrated merged.
    expect(keys.filter((k) => at(k) === undefined)).toEqual(['/extends']);
    expect(keys.length).toBe(124);
  });
});

describe('a v1 spec given to check', () => {
  const snapshot = join(process.cwd(), 'examples/shopflow-drifted.snapshot.json');
  const check = (spec: string) => runCli(['check', '--snapshot', snapshot, '--spec', spec, '--format', 'json', '--all']);

  it('the bundled ShopFlow spec is the documented v2 spec, plus what no v1 spec had: the cost table, the cites and the document\'s path in the repository', () => {
    // A v1 `document` was a name for people; the bundled spec names the copy it ships, which its cites quote.
    const { cost, document, ...bundled } = JSON.parse(readFileSync('spec.shopflow.json', 'utf8'), (key, value) => (key === 'cite' ? undefined : value));
    expect({ ...bundled, document: documented.document }).toEqual(documented);
    expect(cost.total).toBe(1441);
    expect(document).toBe('docs/examples/shopflow-architecture.md');
  });

  it('is migrated when loaded: the same results as its migrated file, and one notice on stderr', async () => {
    const { dir, file } = await withSpec(v1Text);
    const out = join(dir, 'spec.v2.json');
    expect((await runCli(['spec', 'migrate', file, '--output', out])).code).toBe(0);
    const [old, migrated] = await Promise.all([check(file), check(out)]);
    expect(old.code).toBe(1);
    expect(old.code).toBe(migrated.code);
    const results = (run: { stdout: string }) => JSON.parse(run.stdout).results;
    expect(results(old)).toEqual(results(migrated));
    expect(old.stderr.trim().split('\n')).toEqual([`infra-audit: warning: ${file} is specVersion 1: audited as the specVersion 2 spec it migrates to (infra-audit spec migrate ${file} --output NEW.json writes it out)`]);
    expect(migrated.stderr).toBe('');
  });

  it('a v1 spec that breaks a v1 relation is still refused at its v1 pointer, exit 2', async () => {
    const bad = v1();
    bad.scaling.desiredTasks = 50;
    const { file } = await withSpec(bad);
    const run = await check(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/desiredTasks 50 is outside minTasks\.\.maxTasks.*\(at \/scaling\/desiredTasks\)/);
  });
});
