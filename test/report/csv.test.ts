// CSV for spreadsheets: RFC 4180 quoting and no formula injection, whatever the account's names hold.
import { describe, expect, it } from 'vitest';
import { csvField, renderCsv } from '../../src/report/csv.js';
import { contextFor, loadExample } from './report-fixtures.js';
import { parseCsv } from './csv-reader.js';

describe('csvField', () => {
  it.each([
    ['plain', 'plain'],
    ['', ''],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['line\nbreak', '"line\nbreak"'],
    ['cr\rlf\r\n', '"cr\rlf\r\n"'],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', '"\'\r=1"'],
    ['a=b', 'a=b'],
    ['日本語, ok', '"日本語, ok"'],
  ])('%j -> %j', (input, expected) => {
    expect(csvField(input)).toBe(expected);
    // What a reader gets back is the escaped value: the text, with a leading ' when it could run.
    expect(parseCsv(csvField(input) + '\r\n')[0]).toEqual([/^[=+\-@\t\r]/.test(input) ? `'${input}` : input]);
  });
});

describe('renderCsv', () => {
  it('one row per result (passes, skips and errors too), columns aligned with the header', async () => {
    const ctx = await contextFor(await loadExample('partial'));
    const rows = parseCsv(renderCsv(ctx));
    expect(rows).toHaveLength(ctx.report.results.length + 1);
    const header = rows[0]!;
    expect(new Set(header).size).toBe(header.length);
    for (const [i, r] of ctx.report.results.entries()) {
      const row = Object.fromEntries(header.map((h, j) => [h, rows[i + 1]![j]]));
      expect(row).toMatchObject({ rule: r.ruleId, severity: r.severity, resource_id: r.resource.id });
      expect(row.status).toBe(r.suppression ? 'suppressed' : r.status);
    }
    // The one failure is the cost rule's info finding: even without Redis the estimate is above the document's total.
    expect(new Set(rows.slice(1).map((r) => r[header.indexOf('status')]))).toEqual(new Set(['pass', 'error', 'skip', 'fail']));
    expect(rows.slice(1).filter((r) => r[header.indexOf('status')] === 'fail').map((r) => r[header.indexOf('rule')])).toEqual(['cost-within-budget']);
  });

  it('a resource name built to inject a formula arrives as text', async () => {
    const ctx = await contextFor(await loadExample('drifted'));
    const r = ctx.report.results.find((x) => x.status === 'fail')!;
    r.resource = { ...r.resource, name: '=cmd|"/c calc"!A1' };
    r.message = '@evil, "quoted"\r\nnext line';
    const rows = parseCsv(renderCsv(ctx));
    const header = rows[0]!;
    const row = rows.find((x) => x[header.indexOf('resource')] === '\'=cmd|"/c calc"!A1')!;
    expect(row[header.indexOf('message')]).toBe('\'@evil, "quoted"\r\nnext line');
  });
});
