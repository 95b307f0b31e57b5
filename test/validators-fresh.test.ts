// The validators are compiled from schemas/*.json at build time (scripts/build-validators.mjs). A schema
// edited without regenerating them must fail the suite, and the check itself must be able to fail.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const NAMES = ['spec', 'spec-v2', 'rule', 'snapshot', 'report', 'suppressions'];

/** A copy of the schemas and the generated file, so the check can run on a changed schema. */
function sandbox(): string {
  const dir = mkdtempSync(join(tmpdir(), 'validators-'));
  for (const sub of ['schemas', 'src/input']) mkdirSync(join(dir, sub), { recursive: true });
  for (const n of NAMES) copyFileSync(join(root, `schemas/${n}.schema.json`), join(dir, `schemas/${n}.schema.json`));
  copyFileSync(join(root, 'src/input/validators.generated.ts'), join(dir, 'src/input/validators.generated.ts'));
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
  expect(run.stderr).toMatch(/validators\.generated\.ts is stale/);
});
