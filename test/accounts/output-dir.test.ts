// The output directory: created by the run, or one an earlier run wrote (marker); anything else that is
// not empty is refused unless --force; no symlink is followed out of it.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, prepareOutputDir, writeAccountFiles } from '../../src/accounts/output-dir.js';
import { UsageError } from '../../src/errors.js';

const temp = () => mkdtempSync(join(tmpdir(), 'output-dir-'));
const ID = '123456789012';

describe('the output directory', () => {
  it('is created with its marker; a later run may write into it again', async () => {
    const dir = join(temp(), 'a', 'b');
    await prepareOutputDir(dir);
    expect(readdirSync(dir)).toEqual([OUTPUT_MARKER]);
    await writeAccountFiles(dir, ID, [{ name: 'report.json', content: '{}' }]);
    await prepareOutputDir(dir);
    await writeAccountFiles(dir, ID, [{ name: 'report.json', content: '{"again":1}' }]);
    expect(readFileSync(join(dir, ID, 'report.json'), 'utf8')).toBe('{"again":1}');
  });

  it('a non-empty directory infra-audit did not write is refused unless --force', async () => {
    const dir = temp();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(prepareOutputDir(dir)).rejects.toThrow(/is not empty and was not written by infra-audit.*--force/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
    await prepareOutputDir(dir, { force: true });
    expect(readdirSync(dir).sort()).toEqual([OUTPUT_MARKER, 'notes.txt']);
  });

  it('a symlink or a file named as the directory is refused', async () => {
    const real = temp();
    const link = join(temp(), 'link');
    symlinkSync(real, link);
    await expect(prepareOutputDir(link)).rejects.toThrow(UsageError);
    await expect(prepareOutputDir(link)).rejects.toThrow(/symbolic link/);
    expect(readdirSync(real)).toEqual([]);
    const file = join(temp(), 'file');
    writeFileSync(file, 'x');
    await expect(prepareOutputDir(file)).rejects.toThrow(/not a directory/);
  });

  it("an account directory that is a symlink is not written through; a file that is one is replaced, not followed", async () => {
    const dir = temp();
    await prepareOutputDir(dir);
    const outside = temp();
    symlinkSync(outside, join(dir, ID));
    await expect(writeAccountFiles(dir, ID, [{ name: 'report.json', content: '{}' }])).rejects.toThrow(/symbolic link, not followed/);
    expect(readdirSync(outside)).toEqual([]);

    const other = '210987654321';
    mkdirSync(join(dir, other));
    const victim = join(outside, 'victim.json');
    writeFileSync(victim, 'keep');
    symlinkSync(victim, join(dir, other, 'snapshot.json'));
    await writeAccountFiles(dir, other, [{ name: 'snapshot.json', content: '{"snapshot":1}' }]);
    expect(readFileSync(victim, 'utf8')).toBe('keep');
    expect(lstatSync(join(dir, other, 'snapshot.json')).isSymbolicLink()).toBe(false);
    expect(readFileSync(join(dir, other, 'snapshot.json'), 'utf8')).toBe('{"snapshot":1}');
    // No temp file is left behind.
    expect(readdirSync(join(dir, other))).toEqual(['snapshot.json']);
    expect(existsSync(join(dir, other, 'report.json'))).toBe(false);
  });
});
