// The Markdown summary of a merged multi-account report ($GITHUB_STEP_SUMMARY): the per-account table
// first, because across many accounts the first question is which ones need a look, then the findings
// by account. Bounded: GitHub takes at most 1 MiB per step summary, so findings beyond a cap are counted.
import { markdownCell as cell, markdownCode } from '../text/markdown.js';
import { subjectLabel } from '../engine/labels.js';
import { SEVERITY_RANK } from '../report/model.js';
import { byCodeUnits } from '../text/order.js';
import type { MultiAccount, MultiFinding, MultiReport, Verdict } from './types.js';

/** Rows of findings listed before the rest are only counted. */
export const MAX_FINDING_ROWS = 500;

const VERDICT_TEXT: Record<Verdict, string> = { pass: 'pass', fail: '**fail**', incomplete: '**INCOMPLETE**', error: '**ERROR**', missing: '**MISSING**' };

export function renderMultiMarkdown(report: MultiReport, opts: { maxFindingRows?: number } = {}): string {
  const out = [...header(report), ...accountTable(report), ...findings(report, opts.maxFindingRows ?? MAX_FINDING_ROWS)];
  if (report.warnings.length) out.push('## Warnings', '', ...report.warnings.map((w) => `- ${cell(w)}`), '');
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function header(report: MultiReport): string[] {
  const n = report.totals.accounts;
  const v = report.totals.verdicts;
  const lines = [`# infra-audit: ${n} account${n === 1 ? '' : 's'}`, '', `infra-audit ${report.tool.version}${report.shards ? ` · ${report.shards.merged.length} of ${report.shards.count} shards merged` : ''}`, ''];
  if (!report.complete) {
    const parts = [
      v.error && `${v.error} not audited`,
      v.incomplete && `${v.incomplete} audited incompletely`,
      v.missing && `${v.missing} missing from every merged run`,
      report.shards?.missing.length && `shard${report.shards.missing.length === 1 ? '' : 's'} ${report.shards.missing.join(', ')} of ${report.shards.count} not merged`,
    ].filter(Boolean);
    lines.push('> [!WARNING]', `> **INCOMPLETE**: ${parts.join('; ')}. Treat this as a partial audit: missing findings are not passes.`);
  } else if (v.fail) {
    lines.push('> [!CAUTION]', `> **Drift found** in ${v.fail} of ${n} accounts (${report.totals.results.fail} findings). Every account was audited completely.`);
  } else {
    lines.push('> [!NOTE]', `> **Complete**: all ${n} accounts match their spec for every rule that applied.`);
  }
  return [...lines, ''];
}

function accountTable(report: MultiReport): string[] {
  const holes = coverageHoles(report);
  const out = ['## Accounts', '', '| Account | Name | Verdict | Fail | Error | Pass | Coverage holes |', '| --- | --- | --- | ---: | ---: | ---: | --- |'];
  // Worst first, so the accounts that need a look lead the table.
  const order: Verdict[] = ['error', 'missing', 'incomplete', 'fail', 'pass'];
  const rows = [...report.accounts].sort((a, b) => order.indexOf(a.verdict) - order.indexOf(b.verdict) || byCodeUnits(a.accountId, b.accountId));
  for (const a of rows) {
    const s = a.summary;
    out.push(`| ${markdownCode(a.accountId)} | ${cell(a.name ?? '')} | ${VERDICT_TEXT[a.verdict]}${a.error ? ` (${cell(a.error.kind)})` : ''} | ${s.fail} | ${s.error} | ${s.pass} | ${cell(holesText(a, holes.get(a.accountId)))} |`);
  }
  return [...out, ''];
}

function coverageHoles(report: MultiReport): Map<string, string[]> {
  const holes = new Map<string, string[]>();
  for (const c of report.coverage) if (c.state !== 'read') holes.set(c.account, [...(holes.get(c.account) ?? []), `${c.service} ${c.region} ${c.state}`]);
  return holes;
}

function holesText(a: MultiAccount, holes: string[] | undefined): string {
  if (a.verdict === 'missing') return 'not in any merged run';
  if (a.verdict === 'error') return a.error?.message ?? 'not audited';
  if (!holes?.length) return a.gaps.length ? `${a.gaps.length} failed reads` : '';
  return holes.length > 5 ? `${holes.slice(0, 5).join(', ')} and ${holes.length - 5} more` : holes.join(', ');
}

function findings(report: MultiReport, maxRows: number): string[] {
  const open = report.accounts.flatMap((a) => a.findings.filter((f) => f.status === 'fail' && !f.suppression));
  const errors = report.accounts.flatMap((a) => a.findings.filter((f) => f.status === 'error'));
  const out: string[] = [];
  let budget = maxRows;
  const section = (title: string, rows: MultiFinding[], columns: string, row: (f: MultiFinding) => string) => {
    if (!rows.length) return;
    out.push(`## ${title} (${rows.length})`, '', columns, columns.replace(/[^|]+/g, ' --- '));
    const shown = rows.slice(0, Math.max(0, budget));
    for (const f of shown) out.push(row(f));
    budget -= shown.length;
    out.push('');
    if (shown.length < rows.length) out.push(`${rows.length - shown.length} more not listed here: see the JSON report.`, '');
  };
  section('Failures', open.sort(worstFirst), '| Account | Severity | Rule | Resource | Finding |',
    (f) => `| ${markdownCode(f.account)} | ${f.severity} | ${markdownCode(f.ruleId)} | ${cell(subjectLabel(f))} | ${cell(f.message)} |`);
  section('Could not check', errors.sort(worstFirst), '| Account | Rule | Resource | Reason |',
    (f) => `| ${markdownCode(f.account)} | ${markdownCode(f.ruleId)} | ${cell(subjectLabel(f))} | ${cell(f.reason ?? f.message)} |`);
  return out;
}

const worstFirst = (a: MultiFinding, b: MultiFinding) =>
  byCodeUnits(a.account, b.account) || SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.resource.id, b.resource.id);
