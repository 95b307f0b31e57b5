// The library's saveSnapshot goes through the checked writer: it never replaces what it did not
// create (a directory, a FIFO, a symlink), writes a regular file whole, and leaves no temp file behind.
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, readlink, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rm } from 'node:fs/promises';
import { saveSnapshot } from '../../src/index.js';
import { loadSnapshot, serializeSnapshot } from '../../src/graph/snapshot.js';
import { UsageError } from '../../src/errors.js';
import type { Snapshot } from '../../src/graph/types.js';

const snapshot: Snapshot = {
  schemaVersion: 1,
  meta: { tool: { name: 'infra-audit', version: '0.0.0' }, account: '123456789012', regions: ['us-east-1'], startedAt: '2026-11-20T02:00:00Z', finishedAt: '2026-11-20T02:00:41Z' },
  nodes: [], edges: [], gaps: [],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-save-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('saveSnapshot', () => {
  it('writes a new file that loads back, and replaces an old one whole', async () => {
    const file = join(dir, 'new.snapshot.json');
    await saveSnapshot(file, snapshot);
    expect(await loadSnapshot(file)).toEqual(snapshot);
    await writeFile(file, 'old');
    await saveSnapshot(file, snapshot);
    expect(await readFile(file, 'utf8')).toBe(serializeSnapshot(snapshot));
  });

  it('writes through a symlink: the link stays, its target gets the snapshot', async () => {
    const target = join(dir, 'target.json');
    const link = join(dir, 'link.json');
    await writeFile(target, 'old');
    await symlink(target, link);
    await saveSnapshot(link, snapshot);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readlink(link)).toBe(target);
    expect(await readFile(target, 'utf8')).toBe(serializeSnapshot(snapshot));
  });

  const refused: [string, () => Promise<string>, RegExp][] = [
    ['a directory', async () => { const d = join(dir, 'a-dir'); await mkdir(d); return d; }, /is a directory/],
    ['a missing directory', async () => join(dir, 'nope', 'x.json'), /does not exist/],
    ['a FIFO nobody reads', async () => { const f = join(dir, 'fifo'); execFileSync('mkfifo', [f]); return f; }, /FIFO with no reader/],
    ['standard output without a stream', async () => '-', /standard output needs a stream/],
  ];
  it.each(refused)('refuses %s with a usage error, and leaves nothing behind', async (_what, make, message) => {
    const path = await make();
    const before = await readdir(dir);
    const err = await saveSnapshot(path, snapshot).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UsageError);
    expect((err as Error).message).toMatch(message);
    expect(await readdir(dir)).toEqual(before);
  });

  it('writes to a stream given for standard output', async () => {
    let out = '';
    await saveSnapshot('-', snapshot, { stdout: { write: (chunk: string) => (out += chunk) } });
    expect(out).toBe(serializeSnapshot(snapshot));
  });
});
