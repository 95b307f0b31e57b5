// Acceptance: the built CLI in a REAL pseudo-terminal of 100 columns (util-linux `script`, no native
// modules). No table line is wider than the terminal, and no word is split across lines.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { PACKAGE_ROOT } from '../../src/input/package-root.js';
import type { AuditReport } from '../../src/report/model.js';

const COLUMNS = 100;

function inTerminal(command: string, env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    // `script` gives the command a pty; stty sets its size before the CLI asks for it.
    execFile('script', ['-qec', `stty cols ${COLUMNS} rows 50; ${command}`, '/dev/null'], { cwd: PACKAGE_ROOT, env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout) => {
      // Exit 1 (drift found) is expected; anything else is a failure of the run itself.
      if (err && (err as { code?: number }).code !== 1) reject(err);
      else resolve(stdout);
    });
  });
}

describe('the table in a real 100-column terminal', () => {
  it('fits the terminal, is coloured, and wraps only between words', async () => {
    expect(existsSync(join(PACKAGE_ROOT, 'dist/index.js')), 'run `npm run build` first').toBe(true);
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-tty-'));
    const report = join(dir, 'report.json');
    const out = await inTerminal(`node bin/infra-audit.js check --all --spec shopflow --snapshot examples/shopflow-drifted.snapshot.json --json ${report}`, { FORCE_COLOR: '', NO_COLOR: '' });
    const lines = out.replace(/\r/g, '').split('\n');

    expect(out).toContain('\x1b['); // a TTY gets colour
    const widths = lines.map((l) => stringWidth(stripAnsi(l)));
    expect(Math.max(...widths)).toBeLessThanOrEqual(COLUMNS);
    expect(Math.max(...widths)).toBeGreaterThan(COLUMNS - 20); // it used the width it was given

    // Every word of every detail the table shows stands whole on some line.
    const { results } = JSON.parse(await readFile(report, 'utf8')) as AuditReport;
    const shown = new Set(lines.flatMap((l) => stripAnsi(l).split(/\s+/)));
    const words = results.flatMap((r) => ((r.status === 'error' || r.status === 'skip' ? r.reason : r.message) ?? '').split(/\s+/).filter(Boolean));
    expect(words.length).toBeGreaterThan(results.length);
    expect(words.filter((w) => !shown.has(w))).toEqual([]);
  }, 60_000);
});
