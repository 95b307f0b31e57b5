// The table at any width: lines fit, words stay whole, colour follows severity; without a width
// (a pipe, a CI log) one finding is one line.
import { describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import { renderTable } from '../../src/report/table.js';
import { contextFor, loadExample } from './report-fixtures.js';
import type { ReportContext } from '../../src/report/model.js';

const words = (text: string) => text.split(/\s+/).filter(Boolean);

async function drifted(extra: Partial<ReportContext> = {}) {
  return contextFor(await loadExample('drifted'), extra);
}

describe('renderTable with a terminal width', () => {
  it.each([40, 60, 80, 100, 132, 200])('%i columns: no line wider, no word split', async (columns) => {
    const ctx = await drifted({ color: true });
    for (const r of ctx.report.results.slice(0, 3)) r.message += ' 日本語の説明 — wide characters count twice';
    const out = renderTable(ctx, { all: true, columns });
    const lines = out.split('\n');
    expect(Math.max(...lines.map((l) => stringWidth(stripAnsi(l))))).toBeLessThanOrEqual(columns);
    const shown = new Set(lines.flatMap((l) => words(stripAnsi(l))));
    const missing = ctx.report.results.flatMap((r) => words(r.status === 'error' || r.status === 'skip' ? (r.reason ?? r.message) : r.message)).filter((w) => stringWidth(w) < columns - 12 && !shown.has(w));
    expect(missing).toEqual([]);
  });

  it('a word longer than the line is the only thing ever broken', async () => {
    const ctx = await drifted();
    const long = 'x'.repeat(150);
    ctx.report.results.find((r) => r.status === 'fail')!.message = `before ${long} after`;
    const lines = renderTable(ctx, { columns: 80 }).split('\n');
    expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(80);
    expect(lines.join('').replace(/\s+/g, '')).toContain(long);
    expect(lines.some((l) => words(l).includes('before'))).toBe(true);
    expect(lines.some((l) => words(l).includes('after'))).toBe(true);
  });

  it('wide terminals keep the columns; narrow ones put the detail under its row', async () => {
    const wide = renderTable(await drifted(), { columns: 200 });
    expect(wide).toMatch(/^ {2}SEVERITY +RULE +RESOURCE +DETAIL$/m);
    const narrow = renderTable(await drifted(), { columns: 80 });
    expect(narrow).not.toMatch(/DETAIL/);
    expect(narrow).toMatch(/^ {2}high +rds-writer-multi-az {2}shopflow-db\n {12}shopflow-db: /m);
  });
});

describe('renderTable without a width (not a terminal)', () => {
  it('one line per finding, however long', async () => {
    const ctx = await drifted();
    const out = renderTable(ctx, {});
    const fails = ctx.report.results.filter((r) => r.status === 'fail');
    for (const r of fails) expect(out.split('\n').filter((l) => l.includes(r.message))).toHaveLength(1);
    expect(Math.max(...out.split('\n').map((l) => l.length))).toBeGreaterThan(120);
  });
});

describe('colour', () => {
  it('follows severity: critical and high are red, medium yellow, low cyan, info dim', async () => {
    const ctx = await drifted({ color: true });
    const [fail] = ctx.report.results.filter((r) => r.status === 'fail');
    const severities = ['critical', 'high', 'medium', 'low', 'info'] as const;
    ctx.report.results = severities.map((severity, i) => ({ ...fail!, severity, ruleId: `rule-${i}` }));
    const out = renderTable(ctx, {});
    const cell = (sev: string) => out.split('\n').find((l) => stripAnsi(l).trimStart().startsWith(sev))!.match(/^ {2}((?:\x1b\[\d+m)+)/)![1];
    expect(cell('critical')).toBe('\x1b[1m\x1b[31m');
    expect(cell('high')).toBe('\x1b[31m');
    expect(cell('medium')).toBe('\x1b[33m');
    expect(cell('low')).toBe('\x1b[36m');
    expect(cell('info')).toBe('\x1b[2m');
  });

  it('no escape codes at all without colour', async () => {
    expect(renderTable(await drifted({ color: false }), { all: true, columns: 100 })).not.toContain('\x1b');
  });
});
