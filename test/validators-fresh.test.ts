// The validators are compiled from schemas/*.json at build time (scripts/build-validators.mjs). A schema
// edited without regenerating them must fail the suite, and the check itself must be able to fail.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const NAMES = ['spec', 'spec-v2', 'rule', 'snapshot', 'report', 'suppressions', 'multi-report', 'run-manifest', 'accounts'];
const GENERATED = ['src/input/validators.generated.js', 'src/input/validators.generated.d.ts'];
/** The module's export of each schema: its name in camelCase (spec-v2 -> specV2). */
const EXPORTS = NAMES.map((n) => n.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase()));

/** A copy of the schemas and the generated file, so the check can run on a changed schema. */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'validators-'));
  for (const sub of ['schemas', 'src/input']) mkdirSync(join(dir, sub), { recursive: true });
  for (const n of NAMES) copyFileSync(join(root, `schemas/${n}.schema.json`), join(dir, `schemas/${n}.schema.json`));
  for (const f of GENERATED) copyFileSync(join(root, f), join(dir, f));
  return dir;
}
const check = (dir: string) => spawnSync(process.execPath, [join(root, 'scripts/build-validators.mjs'), '--check', '--root', dir], { encoding: 'utf8' });

test('the committed validators are generated from the current schemas', () => {
  const run = spawnSync(process.execPath, [join(root, 'scripts/build-validators.mjs'), '--check'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
});

test('a schema changed without regenerating fails the check; an unchanged copy passes it', () => {
  const dir = sandbox();
  expect(check(dir).status).toBe(0);
  const file = join(dir, 'schemas/suppressions.schema.json');
  const schema = JSON.parse(readFileSync(file, 'utf8'));
  schema.description = `${schema.description ?? ''} (changed)`;
  writeFileSync(file, JSON.stringify(schema));
  const run = check(dir);
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/validators\.generated\.js is stale/);
});

test('the generated types declare exactly the validators the module exports', async () => {
  const types = readFileSync(join(root, GENERATED[1]!), 'utf8');
  const declared = [...types.matchAll(/export declare const (\w+): ValidateFunction;/g)].map((m) => m[1]);
  const module = (await import('../src/input/validators.generated.js')) as Record<string, unknown>;
  expect(declared.sort()).toEqual([...EXPORTS].sort());
  expect(Object.keys(module).sort()).toEqual([...EXPORTS].sort());
  for (const n of EXPORTS) expect(typeof module[n], n).toBe('function');
});

test('the generated code is JavaScript that tsc never checks: no TypeScript twin to drift or to break the build', () => {
  expect(existsSync(join(root, 'src/input/validators.generated.ts'))).toBe(false);
  const tsconfig = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')) as { compilerOptions: { allowJs?: boolean; checkJs?: boolean } };
  expect(tsconfig.compilerOptions.allowJs ?? false).toBe(false);
});
