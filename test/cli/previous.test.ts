// `check --previous` makes the same findings comparison as `diff` (it once compared the new snapshot
// with itself: 12 new findings showed as "12 still open"). Both directions over the bundled examples:
// the drift section of the check's Markdown is the diff's own Markdown, and the counts agree with the
// diff's JSON.
import { afterAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXAMPLE, removeSandboxes, runCli, sandbox } from '../corpus/harness.js';

afterAll(removeSandboxes);

const DRIFT = '## Drift since the previous snapshot\n\n';

/** The drift section of an audit summary: from its heading to the next top-level section (or the end). */
function driftSection(markdown: string): string {
  const start = markdown.indexOf(DRIFT);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = markdown.slice(start + DRIFT.length);
  const next = body.search(/^## /m);
  return (next === -1 ? body : body.slice(0, next)).trimEnd();
}

describe.each([
  ['compliant -> drifted', 'compliant', 'drifted'],
  ['drifted -> compliant', 'drifted', 'compliant'],
  ['compliant -> partial', 'compliant', 'partial'],
] as const)('check --previous agrees with diff: %s', (_name, before, now) => {
  it('same new / resolved / still open, same drift text', async () => {
    const dir = await sandbox({ 'old.json': EXAMPLE[before], 'new.json': EXAMPLE[now], 'spec.json': EXAMPLE.spec });
    const diff = await runCli(['diff', 'old.json', 'new.json', '--spec', 'spec.json', '--json', 'diff.json', '--markdown', 'diff.md'], { cwd: dir });
    const check = await runCli(['check', '--snapshot', 'new.json', '--previous', 'old.json', '--spec', 'spec.json', '--markdown', 'summary.md'], { cwd: dir });
    expect(diff.stderr).toBe('');
    expect(check.stderr).toBe('');

    const { findings } = JSON.parse(await readFile(join(dir, 'diff.json'), 'utf8'));
    const summary = await readFile(join(dir, 'summary.md'), 'utf8');
    const counts = `findings: ${findings.new.length} new · ${findings.resolved.length} resolved · ${findings.stillOpen.length} still open · ${findings.unknown.length} unknown`;
    expect(driftSection(summary)).toContain(counts);
    expect(driftSection(summary)).toBe(driftSection(await readFile(join(dir, 'diff.md'), 'utf8')));
  });
});

it('the planted drifts are new one way and resolved the other, never "still open"', async () => {
  const dir = await sandbox({ 'c.json': EXAMPLE.compliant, 'd.json': EXAMPLE.drifted, 'spec.json': EXAMPLE.spec });
  const forward = await runCli(['check', '--snapshot', 'd.json', '--previous', 'c.json', '--spec', 'spec.json', '--format', 'markdown'], { cwd: dir });
  const back = await runCli(['check', '--snapshot', 'c.json', '--previous', 'd.json', '--spec', 'spec.json', '--format', 'markdown'], { cwd: dir });
  const failures = Number(/FAIL (\d+)|(\d+) finding/.exec(forward.stdout)?.slice(1).find(Boolean));
  expect(failures).toBeGreaterThan(0);
  // The cost rule's info finding is on both sides (both accounts cost more than the document's table): still open.
  expect(forward.stdout).toContain(`findings: ${failures - 1} new · 0 resolved · 1 still open`);
  expect(back.stdout).toContain(`findings: 0 new · ${failures - 1} resolved · 1 still open`);
});
