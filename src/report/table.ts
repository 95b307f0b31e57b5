// The terminal report: failures and errors first, worst first; passes and skips as counts unless
// asked for. On a terminal (`columns` given) every line fits its width: cells wrap at word
// boundaries (wrap-ansi and string-width know ANSI codes and wide characters). Without a width
// (a pipe or a CI log) each finding stays on one line, so grep and log viewers see whole rows.
// Colour only on a TTY and never when NO_COLOR is set (decided by the caller).
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import wrapAnsi from 'wrap-ansi';
import { SEVERITY_RANK, driftCount, emptyScopeLine, infoNoteCount, specLabel, type ReportContext, type ReportedResult } from './model.js';
import { subjectLabel } from '../engine/labels.js';
import type { Severity } from '../engine/types.js';
import { byCodeUnits } from '../text/order.js';

const ANSI = { red: 31, yellow: 33, green: 32, blue: 34, dim: 2, bold: 1, cyan: 36, magenta: 35 } as const;
type Style = keyof typeof ANSI;
type Paint = (styles: Style[], text: string) => string;

/** Severity decides a finding's colour: a low finding must not shout like a critical one. */
const SEVERITY_STYLE: Record<Severity, Style[]> = { critical: ['bold', 'red'], high: ['red'], medium: ['yellow'], low: ['cyan'], info: ['dim'] };

/** Below this many columns for DETAIL, a finding's detail goes on its own lines under its row. */
const MIN_DETAIL_COLUMN = 40;
const INDENT = '  ';

export interface TableOptions {
  all?: boolean;
  /** The terminal's width; absent means "not a terminal": no wrapping. */
  columns?: number;
}

export function renderTable(ctx: ReportContext, opts: TableOptions = {}): string {
  const paint: Paint = ctx.color ? (styles, text) => (text ? `${styles.map((s) => `\x1b[${ANSI[s]}m`).join('')}${text}\x1b[0m` : text) : (_s, text) => text;
  const width = opts.columns && opts.columns >= 20 ? opts.columns : undefined;
  const wrap = (text: string, indent = ''): string[] => (width ? wrapAnsi(text, width - stringWidth(indent), { hard: true, trim: true }).split('\n').map((l, i) => (i ? indent : '') + l) : [text]);
  const { report } = ctx;
  const lines: string[] = [];
  lines.push(
    ...wrap(`${paint(['bold'], `infra-audit ${report.tool.version}`)} · ${report.spec.application || 'spec'} · account ${report.account} · ${report.regions.join(', ')} · snapshot ${report.snapshot.finishedAt}`, INDENT),
    ...wrap(`spec ${specLabel(report.spec, ctx.baseDir)}`, INDENT),
  );
  const emptyScope = emptyScopeLine(report);
  if (emptyScope) lines.push('', ...wrap(paint(['yellow', 'bold'], emptyScope), INDENT));

  const sections: { title: string; style: Style; rows: ReportedResult[] }[] = [
    { title: 'FAIL', style: 'red', rows: report.results.filter((r) => r.status === 'fail' && !r.suppression) },
    { title: 'ERROR (could not check)', style: 'yellow', rows: report.results.filter((r) => r.status === 'error') },
    { title: 'SUPPRESSED', style: 'magenta', rows: report.results.filter((r) => r.suppression) },
  ];
  if (opts.all) {
    sections.push({ title: 'SKIP', style: 'dim', rows: report.results.filter((r) => r.status === 'skip') });
    sections.push({ title: 'PASS', style: 'green', rows: report.results.filter((r) => r.status === 'pass') });
  }

  for (const section of sections) {
    if (!section.rows.length) continue;
    const rows = [...section.rows].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.resource.id, b.resource.id));
    lines.push('', paint([section.style, 'bold'], `${section.title} (${rows.length})`));
    const severityStyle = (r: ReportedResult): Style[] => (r.status === 'pass' ? ['green'] : r.status === 'skip' ? ['dim'] : SEVERITY_STYLE[r.severity]);
    lines.push(...renderRows(rows, width, paint, severityStyle));
  }

  if (report.gaps.length) {
    lines.push('', paint(['yellow', 'bold'], `READ FAILURES (${report.gaps.length})`));
    for (const g of report.gaps) lines.push(...wrap(`${INDENT}${g.service}:${g.operation} in ${g.region}: ${g.code}`, INDENT.repeat(2)));
  }

  const s = report.summary;
  const notes = infoNoteCount(report.results);
  const verdict = !report.complete ? paint(['yellow'], 'INCOMPLETE') : driftCount(report.results) > 0 ? paint(['red'], 'DRIFT FOUND') : paint(['green'], 'MATCHES THE SPEC');
  const filtered = report.filtered?.rules.length;
  lines.push(
    '',
    ...wrap(
      `${verdict}  ${s.pass} pass · ${s.fail} fail${notes ? ` (${notes} info)` : ''} · ${s.error} error · ${s.skip} skip${s.suppressed ? ` · ${s.suppressed} suppressed` : ''}` +
        (filtered ? ` · ${filtered} rule${filtered === 1 ? '' : 's'} excluded by filter` : '') +
        (opts.all ? '' : paint(['dim'], '   (--all lists passes and skips)')),
      INDENT,
    ),
  );
  for (const w of report.warnings) lines.push(...wrap(paint(['yellow'], `warning: ${w}`), INDENT));
  return lines.join('\n') + '\n';
}

/**
 * Rows as columns SEVERITY, RULE, RESOURCE, DETAIL. With a width, DETAIL wraps inside its column;
 * when the fixed columns leave it too little room, each row's detail goes on the lines below it.
 */
function renderRows(rows: ReportedResult[], width: number | undefined, paint: Paint, severityStyle: (r: ReportedResult) => Style[]): string[] {
  const cells = rows.map((r) => ({ r, fixed: [r.severity, r.ruleId, subjectLabel(r)], detail: detail(r) }));
  const widths = [0, 1, 2].map((i) => Math.max(stringWidth(['SEVERITY', 'RULE', 'RESOURCE'][i]!), ...cells.map((c) => stringWidth(c.fixed[i]!))));
  const fixedWidth = INDENT.length + widths.reduce((a, w) => a + w + 2, 0);
  const row = (fixed: string[], style: Style[] | undefined) =>
    INDENT + fixed.map((x, i) => (i === 0 && style ? paint(style, x) : x) + ' '.repeat(Math.max(0, widths[i]! - stringWidth(x)))).join('  ');
  const out: string[] = [];

  // Columns only when DETAIL has room for its longest word: a word is never broken if it can be avoided.
  const longestWord = Math.max(0, ...cells.flatMap((c) => stripAnsi(c.detail).split(/\s+/).map((w) => stringWidth(w))));
  if (!width || width - fixedWidth >= Math.max(MIN_DETAIL_COLUMN, longestWord)) {
    const detailWidth = width ? width - fixedWidth : undefined;
    out.push(paint(['dim'], row(['SEVERITY', 'RULE', 'RESOURCE'], undefined) + '  DETAIL'));
    for (const c of cells) {
      const [first = '', ...rest] = detailWidth ? wrapAnsi(c.detail, detailWidth, { hard: true, trim: true }).split('\n') : [c.detail];
      out.push(`${row(c.fixed, severityStyle(c.r))}  ${first}`, ...rest.map((l) => ' '.repeat(fixedWidth) + l));
    }
    return out;
  }

  // Narrow terminal: "severity  rule  resource" on one line (wrapped if even that is too wide),
  // the detail below it, indented under the rule.
  const under = ' '.repeat(INDENT.length + widths[0]! + 2);
  for (const c of cells) {
    const severity = `${INDENT}${paint(severityStyle(c.r), c.fixed[0]!)}${' '.repeat(widths[0]! - stringWidth(c.fixed[0]!))}  `;
    out.push(...wrapAnsi(`${c.fixed[1]}  ${c.fixed[2]}`, width - under.length, { hard: true, trim: true }).split('\n').map((l, i) => (i ? under : severity) + l));
    out.push(...wrapAnsi(c.detail, width - under.length, { hard: true, trim: true }).split('\n').map((l) => under + l));
  }
  return out;
}

function detail(r: ReportedResult): string {
  const text = r.status === 'error' || r.status === 'skip' ? (r.reason ?? r.message) : r.message;
  const why = r.suppression ? ` [suppressed by ${r.suppression.owner} until ${r.suppression.expires}: ${r.suppression.reason}]` : '';
  return text + why;
}
