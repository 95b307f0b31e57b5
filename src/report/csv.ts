// One CSV row per result, for spreadsheets: RFC 4180 (CRLF rows, fields with a comma, quote, CR or LF
// quoted, quotes doubled) with a header row. A field that a spreadsheet would run as a formula
// (leading = + - @, or tab/CR) is prefixed with ' (OWASP "CSV injection"): resource names and
// messages come from the account, and an audit report must not execute anything when opened.
import { formatExpected, formatValue, opOf } from '../engine/message.js';
import type { ReportContext, ReportedResult } from './model.js';

const COLUMNS: [header: string, cell: (r: ReportedResult) => unknown][] = [
  ['status', (r) => (r.suppression ? 'suppressed' : r.status)],
  ['severity', (r) => r.severity],
  ['rule', (r) => r.ruleId],
  ['claims', (r) => r.claims.join(' ')],
  ['resource', (r) => r.resource.name ?? ''],
  ['resource_id', (r) => r.resource.id],
  ['resource_type', (r) => r.resource.type],
  ['region', (r) => r.resource.region],
  ['message', (r) => r.message],
  ['expected', (r) => (r.status === 'fail' ? formatExpected(opOf(r.check).op, r.expected, opOf(r.check).negated) : '')],
  ['actual', (r) => (r.status === 'fail' ? formatValue(r.actual) : '')],
  ['reason', (r) => r.reason ?? ''],
  ['suppressed_by', (r) => r.suppression?.owner ?? ''],
  ['suppressed_until', (r) => r.suppression?.expires ?? ''],
  ['suppression_reason', (r) => r.suppression?.reason ?? ''],
];

export function renderCsv({ report }: ReportContext): string {
  const rows = [COLUMNS.map(([h]) => h), ...report.results.map((r) => COLUMNS.map(([, cell]) => String(cell(r))))];
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
