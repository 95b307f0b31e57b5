// Environments: a spec may extend another (a path relative to it, or a bundled name) and override its
// values as an RFC 7396 JSON Merge Patch. Errors point at the file that wrote the bad value; chains are
// bounded and cycles are exit 2 naming the files.
import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSpec, MAX_EXTENDS } from '../../src/engine/spec.js';
import { mergePatch } from '../../src/engine/spec-layers.js';
import { InputError } from '../../src/errors.js';
import { packagePath } from '../../src/input/package-root.js';
import { runCli } from '../cli/run-cli.js';

const SHOPFLOW = packagePath('spec.shopflow.json');
const root = mkdtempSync(join(tmpdir(), 'infra-audit-extends-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
function dirWith(files: Record<string, unknown>): string {
  const dir = join(root, `d${n++}`);
  mkdirSync(dir);
  for (const [name, value] of Object.entries(files)) writeFileSync(join(dir, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2) + '\n');
  return dir;
}

async function loadError(file: string): Promise<InputError> {
  const err = await loadSpec(file).then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

/** 1-based line of the first line of `file` containing `text`. */
const lineOf = (file: string, text: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('mergePatch is RFC 7396', () => {
  // Appendix A of RFC 7396, every example.
  it.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, want) => {
    expect(mergePatch(target, patch)).toEqual(want);
  });

  it('keeps "__proto__" a plain key and never touches the inputs', () => {
    const target = { a: { b: 1 } };
    const patch = JSON.parse('{"__proto__": {"polluted": true}, "a": {"c": 2}}');
    const out = mergePatch(target, patch) as Record<string, unknown>;
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(target).toEqual({ a: { b: 1 } });
  });
});

describe('extends', () => {
  it('a path relative to the extending file: the overlay wins, objects merge, lists replace', async () => {
    const dir = dirWith({ 'staging.json': { extends: '../base/prod.json', databases: { main: { multiAz: false } }, edge: { site: { viewerProtocolPolicies: ['https-only'] } } } });
    mkdirSync(join(root, 'base'), { recursive: true });
    writeFileSync(join(root, 'base/prod.json'), readFileSync(SHOPFLOW));
    const spec = await loadSpec(join(dir, 'staging.json'));
    expect((spec.value.databases as Record<string, unknown>).main).toMatchObject({ multiAz: false, instanceClass: 'db.r6g.xlarge' });
    expect((spec.value.edge as { site: { viewerProtocolPolicies: string[] } }).site.viewerProtocolPolicies).toEqual(['https-only']);
    expect(spec.value).not.toHaveProperty('extends');
    expect(spec.files).toEqual([join(root, 'base/prod.json'), join(dir, 'staging.json')]);
  });

  it('a bad value in the overlay is reported at the overlay\'s line, column and pointer', async () => {
    const dir = dirWith({ 'staging.json': '{\n  "extends": "shopflow",\n  "databases": { "main": {\n    "multiAz": "no"\n  } }\n}\n' });
    const err = await loadError(join(dir, 'staging.json'));
    expect(err.location).toEqual({ file: join(dir, 'staging.json'), line: 4, column: 5, pointer: '/databases/main/multiAz' });
    expect(err.message).toMatch(/must be boolean/);
  });

  it('a bad value the overlay did not touch is reported in the base file that holds it', async () => {
    const base = JSON.parse(readFileSync(SHOPFLOW, 'utf8'));
    base.databases.main.instanceClass = 'huge';
    const dir = dirWith({ 'base.json': base, 'staging.json': { extends: './base.json', databases: { main: { multiAz: false } } } });
    const err = await loadError(join(dir, 'staging.json'));
    expect(err.location).toMatchObject({ file: join(dir, 'base.json'), line: lineOf(join(dir, 'base.json'), '"instanceClass"'), pointer: '/databases/main/instanceClass' });
  });

  it('removing a required value with null is reported where the null was written', async () => {
    const dir = dirWith({ 'staging.json': '{\n  "extends": "shopflow",\n  "services": { "api": { "taskDefinition": { "family": null } } }\n}\n' });
    const err = await loadError(join(dir, 'staging.json'));
    expect(err.location).toMatchObject({ file: join(dir, 'staging.json'), line: 3, pointer: '/services/api/taskDefinition' });
    expect(err.message).toMatch(/missing required property "family"/);
  });

  it('an overlay that deletes the region is told region is missing, in the overlay', async () => {
    const dir = dirWith({ 'staging.json': '{\n  "extends": "shopflow",\n  "region": null\n}\n' });
    const err = await loadError(join(dir, 'staging.json'));
    expect(err.message).toMatch(/missing required property "region"/);
    expect(err.message).not.toMatch(/extends/);
    // The object that lacks it, in the file that removed it (the family case above: the same).
    expect(err.location).toMatchObject({ file: join(dir, 'staging.json'), line: 1, pointer: '' });
  });

  it('a cycle is exit 2 at the extends that closes it, naming every file', async () => {
    const dir = dirWith({ 'a.json': { extends: './b.json' }, 'b.json': { extends: './a.json' } });
    const err = await loadError(join(dir, 'a.json'));
    expect(err.location).toMatchObject({ file: join(dir, 'b.json'), pointer: '/extends' });
    expect(err.message).toBe(`extends itself: ${join(dir, 'a.json')} -> ${join(dir, 'b.json')} -> ${join(dir, 'a.json')}`);

    const self = dirWith({ 'me.json': { extends: 'me.json' } });
    expect((await loadError(join(self, 'me.json'))).message).toMatch(/^extends itself: /);

    const linked = dirWith({ 'real.json': { extends: './link.json' } });
    symlinkSync('real.json', join(linked, 'link.json'));
    expect((await loadError(join(linked, 'real.json'))).message).toMatch(/^extends itself: /);
  });

  it(`a chain longer than ${MAX_EXTENDS} files is exit 2; ${MAX_EXTENDS} is fine`, async () => {
    const chain = (length: number) => {
      const files: Record<string, unknown> = { 'f0.json': JSON.parse(readFileSync(SHOPFLOW, 'utf8')) };
      for (let i = 1; i < length; i++) files[`f${i}.json`] = { extends: `./f${i - 1}.json` };
      return join(dirWith(files), `f${length - 1}.json`);
    };
    await expect(loadSpec(chain(MAX_EXTENDS))).resolves.toBeDefined();
    const err = await loadError(chain(MAX_EXTENDS + 1));
    expect(err.message).toMatch(new RegExp(`at most ${MAX_EXTENDS - 1} others`));
    expect(err.location.pointer).toBe('/extends');
  });

  it.each([
    [{ extends: 'shopflo' }, /no bundled spec is named "shopflo" \(bundled: shopflow, .*\); a file next to this one is "\.\/shopflo"/],
    [{ extends: 42 }, /must be a spec file/],
    [{ extends: '' }, /must be a spec file/],
  ])('extends %j: exit 2 at /extends', async (overlay, message) => {
    const dir = dirWith({ 'x.json': overlay });
    const err = await loadError(join(dir, 'x.json'));
    expect(err.message).toMatch(message);
    expect(err.location).toMatchObject({ file: join(dir, 'x.json'), pointer: '/extends' });
  });

  it('a base that does not exist names the base file', async () => {
    const dir = dirWith({ 'x.json': { extends: './gone.json' } });
    const err = await loadError(join(dir, 'x.json'));
    expect(err.format()).toBe(`${join(dir, 'gone.json')}: cannot read file: no such file`);
  });
});

describe('the bundled ShopFlow environments', () => {
  it('staging and development are overlays, and the report says what each extends', async () => {
    const run = await runCli(['check', '--snapshot', packagePath('examples/shopflow-compliant.snapshot.json'), '--spec', 'shopflow-development', '--format', 'json'], { cwd: root });
    const report = JSON.parse(run.stdout);
    expect(report.spec).toMatchObject({ bundled: 'shopflow-development', extends: [SHOPFLOW, packagePath('specs/shopflow-staging.json')] });
    const table = await runCli(['check', '--snapshot', packagePath('examples/shopflow-compliant.snapshot.json'), '--spec', 'shopflow-staging'], { cwd: root });
    expect(table.stdout.split('\n')[1]).toBe('spec shopflow-staging (bundled), extending shopflow (bundled)');
  });

  it('SARIF points a finding at the file that wrote the value it contradicts', async () => {
    const dir = dirWith({ 'infra-audit.spec.json': '{\n  "extends": "shopflow",\n  "databases": { "main": {\n    "backupRetentionDays": 9\n  } }\n}\n' });
    const run = await runCli(['check', '--snapshot', packagePath('examples/shopflow-drifted.snapshot.json'), '--format', 'sarif'], { cwd: dir });
    type Location = { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } };
    const results = JSON.parse(run.stdout).runs[0].results as { ruleId: string; locations: Location[]; relatedLocations?: Location[] }[];
    const retention = results.find((r) => r.ruleId === 'rds-backup-retention')!.locations[0]!.physicalLocation;
    expect(retention).toMatchObject({ artifactLocation: { uri: 'infra-audit.spec.json' }, region: { startLine: 4 } });
    // The base wrote (and cites) multiAz: shown on the document's line, the base's spec line related.
    const multiAz = results.find((r) => r.ruleId === 'rds-writer-multi-az')!;
    expect(multiAz.locations[0]!.physicalLocation.artifactLocation.uri).toBe('docs/examples/shopflow-architecture.md');
    expect(multiAz.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe('spec.shopflow.json');
  });
});
