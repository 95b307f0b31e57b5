// `infra-audit spec check-doc`: every quote a spec cites is still in its document (exit 0), a quote that
// is gone is exit 1 naming the cite and the value, and a document that cannot be read is exit 2.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { packagePath } from '../../src/input/package-root.js';

const DOC = 'docs/examples/shopflow-architecture.md';
const docLine = (needle: string) => readFileSync(packagePath(DOC), 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;
const checkDoc = (spec: string, cwd = process.cwd()) => runCli(['spec', 'check-doc', '--spec', spec], { cwd });

/** A directory holding a small spec that cites `design.md`, and the document itself when `doc` is given. */
async function citing(cite: Record<string, unknown>, doc?: string, spec: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'infra-audit-check-doc-'));
  await writeFile(join(dir, 'spec.json'), JSON.stringify({
    specVersion: 2, application: 'x', region: 'us-east-1', scope: { namePrefix: 'x' }, document: 'design.md',
    databases: { main: { multiAz: true, backupRetentionDays: 7, cite } },
    ...spec,
  }, null, 2));
  if (doc !== undefined) await writeFile(join(dir, 'design.md'), doc);
  return dir;
}

describe('spec check-doc on the bundled specs', () => {
  it('finds every quote of the ShopFlow spec in its document, at its line: exit 0', async () => {
    const run = await checkDoc('shopflow');
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines.every((l) => l.startsWith(`${DOC}:`) && l.includes(': found '))).toBe(true);
    const cited = new Set(lines.map((l) => / cited for (\S+)/.exec(l)![1]));
    expect(cited.size).toBeGreaterThanOrEqual(15);
    expect(lines).toContain(`${DOC}:${docLine('Multi-AZ:           Enabled')}:4: found "Multi-AZ: Enabled", cited for /databases/main/multiAz`);
    expect(run.stderr).toMatch(/^spec\.shopflow\.json: all \d+ quotes found in docs\/examples\/shopflow-architecture\.md\n$/);
  });

  it('an overlay that changes a cited value keeps the quote but says it no longer anchors that value', async () => {
    const run = await checkDoc('shopflow-staging');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('found "Multi-AZ: Enabled", cited for /databases/main/multiAz (not anchoring: specs/shopflow-staging.json sets the value)');
    expect(run.stdout).toMatch(/found "Backup Retention: 7 days", cited for \/databases\/main\/backupRetentionDays\n/);
  });

  it('with the document edited and the spec not: exit 1, naming the cite (spec file, line, pointer) and the value', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-check-doc-'));
    await mkdir(join(dir, 'docs/examples'), { recursive: true });
    copyFileSync(packagePath('spec.shopflow.json'), join(dir, 'spec.shopflow.json'));
    const edited = readFileSync(packagePath(DOC), 'utf8').replace('Multi-AZ:           Enabled', 'Multi-AZ:           Disabled');
    await writeFile(join(dir, DOC), edited);
    const run = await checkDoc('./spec.shopflow.json', dir);
    expect(run.code).toBe(1);
    const specLine = readFileSync(packagePath('spec.shopflow.json'), 'utf8').split('\n').findIndex((l) => l.includes('"/multiAz": "Multi-AZ: Enabled"')) + 1;
    const stale = run.stdout.split('\n').filter((l) => l.includes('not in the document'));
    expect(stale).toEqual([
      `${join(dir, 'spec.shopflow.json')}:${specLine}:9: not in the document: "Multi-AZ: Enabled", cited for /databases/main/multiAz, is no longer in ${DOC} (at /databases/main/cite/~1multiAz)`,
    ]);
    expect(run.stderr).toMatch(/1 of \d+ quotes no longer in docs\/examples\/shopflow-architecture\.md: the document changed and the spec did not/);
  });
});

describe('spec check-doc on bad input', () => {
  it.each([
    { name: 'a quote the document does not have', cite: { '/multiAz': 'Multi-AZ: Enabled' }, doc: 'Multi-AZ: Disabled\n', code: 1, out: /not in the document: "Multi-AZ: Enabled", cited for \/databases\/main\/multiAz/ },
    { name: 'a quote with regex metacharacters, absent as written', cite: { '/multiAz': 'Multi.AZ (Enabled)?' }, doc: 'MultiXAZ Enabled\n', code: 1, out: /not in the document: "Multi\.AZ \(Enabled\)\?"/ },
    { name: 'a quote with regex metacharacters, present as written', cite: { '/multiAz': 'Multi.AZ (Enabled)?' }, doc: 'x Multi.AZ (Enabled)? y\n', code: 0, out: /design\.md:1:3: found/ },
    { name: 'a CRLF document', cite: { '/multiAz': 'Multi-AZ: Enabled', '/backupRetentionDays': 'Backup Retention: 7 days' }, doc: '# RDS\r\n\r\n  Multi-AZ:    Enabled\r\n  Backup Retention:\r\n    7 days\r\n', code: 0, out: /design\.md:3:3: found "Multi-AZ: Enabled"[^\n]*\ndesign\.md:4:3: found "Backup Retention: 7 days"/ },
  ])('$name: exit $code', async ({ cite, doc, code, out }) => {
    const dir = await citing(cite, doc);
    const run = await checkDoc('./spec.json', dir);
    expect(run.code, run.stderr).toBe(code);
    expect(run.stdout).toMatch(out);
  });

  const unreadable: { name: string; make: (dir: string) => Promise<unknown>; message: RegExp }[] = [
    { name: 'a missing document', make: async () => undefined, message: /no such file/ },
    { name: 'a directory', make: (dir) => mkdir(join(dir, 'design.md')), message: /is a directory/ },
    { name: 'a FIFO nobody writes to', make: async (dir) => execFileSync('mkfifo', [join(dir, 'design.md')]), message: /FIFO/ },
    { name: 'a huge document (read no further than the cap)', make: async (dir) => { await writeFile(join(dir, 'design.md'), ''); await truncate(join(dir, 'design.md'), 64 * 1024 * 1024); }, message: /larger than 4 MiB/ },
    { name: 'a document that is not UTF-8', make: (dir) => writeFile(join(dir, 'design.md'), Buffer.from([0x4d, 0xff, 0xfe, 0x0a])), message: /not UTF-8/ },
  ];
  it.each(unreadable)('$name: exit 2 at the spec\'s document, no stack trace', async ({ make, message }) => {
    const dir = await citing({ '/multiAz': 'Multi-AZ: Enabled' });
    await make(dir);
    const run = await checkDoc('./spec.json', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`spec\\.json:\\d+:\\d+: the document ${join(dir, 'design.md').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} cannot be read: `));
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toContain('(at /document)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).toBe('');
  });

  it.each([
    { name: 'a cite without a document', spec: { document: undefined }, cite: { '/multiAz': 'x' }, message: /names no `document`.*\(at \/databases\/main\/cite\/~1multiAz\)/ },
    { name: 'a cite of a value the item does not set', spec: {}, cite: { '/storageEncrypted': 'x' }, message: /cites \/databases\/main\/storageEncrypted, which this spec does not set \(at \/databases\/main\/cite\/~1storageEncrypted\)/ },
    { name: 'an over-long quote', spec: {}, cite: { '/multiAz': 'x'.repeat(301) }, message: /cite/ },
    { name: 'a blank quote', spec: {}, cite: { '/multiAz': '   ' }, message: /cite\/~1multiAz/ },
    { name: 'too many quotes for a value', spec: {}, cite: { '/multiAz': Array.from({ length: 9 }, (_, i) => `q${i}`) }, message: /cite\/~1multiAz/ },
    { name: 'a key that is not a pointer', spec: {}, cite: { multiAz: 'x' }, message: /cite/ },
  ])('$name: exit 2 with file:line:column and pointer', async ({ spec, cite, message }) => {
    const dir = await citing(cite, 'x\n', spec);
    const run = await checkDoc('./spec.json', dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/spec\.json:\d+:\d+: /);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('a spec that cites nothing: exit 0, nothing to check, the document not read', async () => {
    const dir = await citing({}, undefined, { databases: { main: { multiAz: true } } });
    const run = await checkDoc('./spec.json', dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('nothing to check');
  });
});
