// The terminal report: failures and errors first, worst first, one line each; passes and skips as
// counts unless asked for. Colour only on a TTY and never when NO_COLOR is set (decided by the caller).
import { formatExpected, formatValue } from '../engine/message.js';
import { SEVERITY_RANK, type ReportContext, type ReportedResult } from './model.js';

const ANSI = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36, magenta: 35 } as const;
type Paint = (style: keyof typeof ANSI, text: string) => string;

export function renderTable(ctx: ReportContext, opts: { all?: boolean } = {}): string {
  const paint: Paint = ctx.color ? (style, text) => `\x1b[${ANSI[style]}m${text}\x1b[0m` : (_s, text) => text;
  const { report } = ctx;
  const lines: string[] = [];
  lines.push(
    paint('bold', `infra-audit ${report.tool.version}`) +
      ` · ${report.spec.application || 'spec'} · account ${report.account} · ${report.regions.join(', ')} · snapshot ${report.snapshot.finishedAt}`,
  );

  const sections: { title: string; style: keyof typeof ANSI; rows: ReportedResult[] }[] = [
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
    const rows = [...section.rows].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || a.ruleId.localeCompare(b.ruleId) || a.resource.id.localeCompare(b.resource.id));
    lines.push('', paint(section.style, paint('bold', `${section.title} (${rows.length})`)));
    const cells = rows.map((r) => [r.severity, r.ruleId, resourceLabel(r), detail(r)]);
    const widths = [0, 1, 2].map((i) => Math.max(...cells.map((c) => c[i]!.length), ['SEVERITY', 'RULE', 'RESOURCE'][i]!.length));
    const pad = (c: string[]) => c.slice(0, 3).map((x, i) => x.padEnd(widths[i]!)).join('  ');
    lines.push(paint('dim', '  ' + pad(['SEVERITY', 'RULE', 'RESOURCE', '']) + '  DETAIL'));
    for (const c of cells) lines.push('  ' + paint(section.style, c[0]!.padEnd(widths[0]!)) + '  ' + pad(c).slice(widths[0]! + 2) + '  ' + c[3]);
  }

  if (report.gaps.length) {
    lines.push('', paint('yellow', paint('bold', `READ FAILURES (${report.gaps.length})`)));
    for (const g of report.gaps) lines.push(`  ${g.service}:${g.operation} in ${g.region}: ${g.code}`);
  }

  const s = report.summary;
  const verdict = !report.complete ? paint('yellow', 'INCOMPLETE') : s.fail > 0 ? paint('red', 'DRIFT FOUND') : paint('green', 'MATCHES THE SPEC');
  lines.push(
    '',
    `${verdict}  ${s.pass} pass · ${s.fail} fail · ${s.error} error · ${s.skip} skip${s.suppressed ? ` · ${s.suppressed} suppressed` : ''}` +
      (opts.all ? '' : paint('dim', '   (--all lists passes and skips)')),
  );
  for (const w of report.warnings) lines.push(paint('yellow', `warning: ${w}`));
  return lines.join('\n') + '\n';
}

function resourceLabel(r: ReportedResult): string {
  if (r.resource.name) return r.resource.name;
  // Rule-level results (counts, missing resources, composites): say what and where.
  if (r.resource.type === 'composite') return '(several tiers)';
  return `${r.resource.type} in ${r.resource.region}`;
}

function detail(r: ReportedResult): string {
  if (r.status === 'error' || r.status === 'skip') return r.reason ?? r.message;
  if (r.status === 'pass') return r.message;
  const found = r.path ? `${r.path}: ${formatValue(r.actual)} (expected ${formatExpected(r.op, r.expected)})` : '';
  const why = r.suppression ? ` [suppressed by ${r.suppression.owner} until ${r.suppression.expires}: ${r.suppression.reason}]` : '';
  return `${r.message}${found && !r.message.includes(formatValue(r.actual)) ? ` — ${found}` : ''}${why}`;
}
