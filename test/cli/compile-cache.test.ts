// bin/compile-cache.js: Node >= 22.1 keeps compiled code on disk; Node 20 has no cache, and a cache
// that cannot be written must never cost the run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error bin/ is plain JavaScript without types
import { enableCompileCache } from '../../bin/compile-cache.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'infra-audit-compile-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('enableCompileCache', () => {
  it('does nothing on a Node without a compile cache', () => {
    expect(enableCompileCache({})).toBe('unsupported');
  });

  it('reports a cache that throws as failed instead of throwing', () => {
    expect(enableCompileCache({ enableCompileCache: () => { throw new Error('EACCES'); } })).toBe('failed');
  });

  it("passes on Node's own status", () => {
    expect(enableCompileCache({ enableCompileCache: () => ({ status: 2, message: 'cannot write' }) })).toBe(2);
  });

  it('a cache directory that cannot be created does not change the run', () => {
    // A regular file where the cache directory would go: no directory can be made under it.
    const blocker = join(dir, 'not-a-directory');
    writeFileSync(blocker, 'x');
    const args = [join(ROOT, 'bin/infra-audit.js'), 'check', '--snapshot', join(ROOT, 'examples/shopflow-drifted.snapshot.json'), '--spec', join(ROOT, 'spec.shopflow.json'), '--format', 'json'];
    const plain = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_DISABLE_COMPILE_CACHE: '1' } });
    const blocked = spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, NODE_COMPILE_CACHE: join(blocker, 'cache') } });
    expect(plain.status).toBe(1);
    expect(blocked.status).toBe(plain.status);
    expect(blocked.stderr).toBe(plain.stderr);
    expect(JSON.parse(blocked.stdout).summary).toEqual(JSON.parse(plain.stdout).summary);
  }, 60_000);
});
