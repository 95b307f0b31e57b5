// Every text a reader sees is rendered: no rule title, message or remediation reaches the terminal,
// the Markdown summary or the HTML page with a literal template placeholder ("network {item} has ..."),
// for either bundled architecture, compliant or drifted, with --all listing passes and skips too.
// (SARIF rule descriptors keep {item} on purpose: one descriptor serves every item; each result's
// message is rendered.)
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packagePath } from '../../src/input/package-root.js';
import { runCli } from '../cli/run-cli.js';

const PLACEHOLDER = /\{(item|spec|resource|finding|expected|actual|path)\b[^}]*\}/g;
const CASES: [string, string, string][] = [
  ['shopflow', 'shopflow', 'shopflow-drifted'],
  ['shopflow', 'shopflow', 'shopflow-compliant'],
  ['ledgerly', packagePath('specs/ledgerly.json'), 'ledgerly-drifted'],
  ['ledgerly', packagePath('specs/ledgerly.json'), 'ledgerly-compliant'],
];

describe.each(CASES)('%s: %s against %s', (_app, spec, example) => {
  it('the terminal, Markdown and HTML outputs hold no unrendered placeholder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'titles-'));
    const md = join(dir, 'summary.md');
    const html = join(dir, 'report.html');
    const sarif = join(dir, 'audit.sarif');
    const run = await runCli(['check', '--spec', spec, '--snapshot', packagePath('examples', `${example}.snapshot.json`), '--all', '--markdown', md, '--html', html, '--sarif', sarif]);
    expect(run.stderr).toBe('');
    expect([0, 1]).toContain(run.code);
    for (const [name, text] of [['terminal', run.stdout], ['markdown', readFileSync(md, 'utf8')], ['html', readFileSync(html, 'utf8')]] as const) {
      expect(text.match(PLACEHOLDER) ?? [], name).toEqual([]);
    }
    const results = (JSON.parse(readFileSync(sarif, 'utf8')) as { runs: { results: { message: { text: string } }[] }[] }).runs[0]!.results;
    expect(results.flatMap((r) => r.message.text.match(PLACEHOLDER) ?? [])).toEqual([]);
  });
});

it("a forEach rule's title names the result's own item", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'titles-'));
  const md = join(dir, 'summary.md');
  await runCli(['check', '--spec', 'shopflow', '--snapshot', packagePath('examples/shopflow-drifted.snapshot.json'), '--markdown', md]);
  const summary = readFileSync(md, 'utf8');
  expect(summary).toMatch(/The writer of database main keeps automated backups/);
  expect(summary).not.toContain('database {item}');
});
