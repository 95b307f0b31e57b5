// loadSuppressions: schema and calendar checks, each problem at file:line:column and JSON pointer.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { InputError } from '../../src/errors.js';
import { loadSuppressions } from '../../src/suppress/load.js';
import { entry, lineOf, writeTemp } from './helpers.js';

async function loadError(name: string, content: unknown): Promise<{ error: InputError; text: string }> {
  const file = await writeTemp(name, content);
  const error = await loadSuppressions(file).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return { error: error as InputError, text: await readFile(file, 'utf8') };
}

describe('loadSuppressions', () => {
  it('loads entries with their index and line', async () => {
    const file = await writeTemp('ok.json', { $schema: '../schemas/suppressions.schema.json', suppressions: [entry(), entry({ rule: 'rds-*' })] });
    const text = await readFile(file, 'utf8');
    const loaded = await loadSuppressions(file, 'ok.json');
    expect(loaded.label).toBe('ok.json');
    expect(loaded.entries.map((e) => [e.index, e.rule])).toEqual([[0, 'rds-writer-multi-az'], [1, 'rds-*']]);
    expect(loaded.entries[0]!.line).toBe(lineOf(text, '{\n      "rule"'));
    expect(loaded.entries[1]!.line).toBeGreaterThan(loaded.entries[0]!.line);
  });

  it('accepts an empty list', async () => {
    expect((await loadSuppressions(await writeTemp('empty.json', { suppressions: [] }))).entries).toEqual([]);
  });

  const bad: { name: string; content: unknown; pointer: string; message: RegExp; line?: string }[] = [
    { name: 'bad date format', content: { suppressions: [entry({ expires: '24/11/2026' })] }, pointer: '/suppressions/0/expires', message: /pattern|format/, line: '"expires"' },
    { name: 'no such day', content: { suppressions: [entry(), entry({ expires: '2026-02-30' })] }, pointer: '/suppressions/1/expires', message: /date/, line: '"2026-02-30"' },
    { name: 'unknown property', content: { suppressions: [entry({ ticket: 'OPS-1' })] }, pointer: '/suppressions/0/ticket', message: /unknown property "ticket"/, line: '"ticket"' },
    { name: 'missing reason', content: { suppressions: [{ ...entry(), reason: undefined }] }, pointer: '/suppressions/0', message: /missing required property "reason"/ },
    { name: 'empty owner', content: { suppressions: [entry({ owner: '' })] }, pointer: '/suppressions/0/owner', message: /must/ },
    { name: 'a misspelt top-level key', content: { supressions: [] }, pointer: '/supressions', message: /unknown property "supressions"/ },
    { name: 'invalid JSON', content: '{\n  "suppressions": [,]\n}\n', pointer: '', message: /invalid JSON/ },
  ];
  for (const b of bad) {
    it(`rejects: ${b.name}`, async () => {
      const { error, text } = await loadError(`${b.name.replace(/\W+/g, '-')}.json`, b.content);
      expect(error.message, error.format()).toMatch(b.message);
      expect(error.location.pointer).toBe(b.pointer);
      expect(error.format()).toMatch(/^\/.+:\d+:\d+: /);
      if (b.line) expect(error.location.line).toBe(lineOf(text, b.line === '"expires"' ? '"expires": "24/11/2026"' : b.line));
    });
  }
});
