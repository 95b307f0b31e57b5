// The Markdown summary for $GITHUB_STEP_SUMMARY: what a person reads first in the nightly job.
// Failures are grouped by the architecture document's claims, because that is how the team talks.
import { opOf, plainExpected, plainValue, resultTitle, resultWords } from '../engine/message.js';
import { subjectLabel as resourceLabel } from '../engine/labels.js';
import { SEVERITY_RANK, driftCount, emptyScopeLine, notesText, specLabel, type ReportContext, type ReportedResult } from './model.js';
import { byCodeUnits } from '../text/order.js';
import { markdownCell as cell, markdownCode } from '../text/markdown.js';
import { renderMermaid } from '../diagram/mermaid.js';

export function renderMarkdown(ctx: ReportContext, drift?: unknown): string {
  const out: string[] = [...header(ctx), ...counts(ctx), ...architecture(ctx), ...failures(ctx), ...couldNotCheck(ctx), ...suppressed(ctx)];
  if (ctx.report.warnings.length) out.push('## Warnings', '', ...ctx.report.warnings.map((w) => `- ${cell(w)}`), '');
  const driftMarkdown = driftText(drift);
  if (driftMarkdown !== undefined) out.push('## Drift since the previous snapshot', '', driftMarkdown.trimEnd(), '');
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function header({ report, baseDir }: ReportContext): string[] {
  const lines = [
    `# infra-audit: ${cell(report.spec.application || 'spec')}`,
    '',
    `Account ${markdownCode(report.account)} · ${report.regions.map(markdownCode).join(', ') || 'no regions'} · snapshot ${report.snapshot.startedAt} – ${report.snapshot.finishedAt} · infra-audit ${report.tool.version}`,
    '',
    `Spec ${markdownCode(specLabel(report.spec, baseDir))}`,
    '',
  ];
  const emptyScope = emptyScopeLine(report);
  if (emptyScope) lines.push('> [!WARNING]', `> ${cell(emptyScope)}`, '');
  const errors = report.summary.error;
  const reads = report.gaps.length;
  if (!report.complete) {
    const why = errors
      ? `${errors} check${errors === 1 ? '' : 's'} could not read what ${errors === 1 ? 'it' : 'they'} needed.`
      : `${reads} read${reads === 1 ? '' : 's'} of the account failed (see Read failures).`;
    lines.push(
      '> [!WARNING]',
      `> **INCOMPLETE**: ${why} Treat this as a partial audit: missing findings are not passes.` +
        (report.summary.fail ? ` ${report.summary.fail} finding${report.summary.fail === 1 ? '' : 's'} so far.` : ''),
    );
  } else if (driftCount(report.results) > 0) {
    lines.push('> [!CAUTION]', `> **Drift found**: ${report.summary.fail} finding${report.summary.fail === 1 ? '' : 's'} against the spec. The audit is complete.`);
  } else {
    lines.push('> [!NOTE]', `> **Complete**: the account matches the spec for every rule that applied.${notesText(report.results)}`);
  }
  return [...lines, ''];
}

function counts({ report }: ReportContext): string[] {
  const s = report.summary;
  return ['| Outcome | Count |', '| --- | ---: |', `| fail | ${s.fail} |`, `| error | ${s.error} |`, `| suppressed | ${s.suppressed} |`, `| pass | ${s.pass} |`, `| skip | ${s.skip} |`,
    // A filter never makes rules vanish silently.
    ...(report.filtered?.rules.length ? [`| rules excluded by filter | ${report.filtered.rules.length} |`] : []), ''];
}

/** The in-scope architecture as Mermaid (GitHub renders it), split to stay within GitHub's per-diagram limits. */
function architecture({ diagram }: ReportContext): string[] {
  if (!diagram || !diagram.groups.length) return [];
  const { diagrams, droppedLinks } = renderMermaid(diagram);
  const out = ['## Architecture', '', 'The in-scope resources as read, each marked by its worst outcome: red fails, orange could not be read, dashed is expected by the spec and missing.', ''];
  if (diagrams.length > 1) {
    out.push(`> [!NOTE]`, `> Drawn as ${diagrams.length} diagrams to stay within GitHub's limits (50,000 characters and 500 arrows per diagram)${droppedLinks ? `; ${droppedLinks} arrow${droppedLinks === 1 ? '' : 's'} between them not drawn` : ''}.`, '');
  }
  for (const n of diagram.notes) out.push(`> ${cell(n)}`, '');
  for (const d of diagrams) {
    if (diagrams.length > 1) out.push(`### ${cell(d.title)}`, '');
    out.push('```mermaid', d.text.trimEnd(), '```', '');
  }
  return out;
}

function failures(ctx: ReportContext): string[] {
  const open = ctx.report.results.filter((r) => r.status === 'fail' && !r.suppression);
  if (!open.length) return [];
  // A result that proves several claims wrong is listed under each of them.
  const byClaim = new Map<string, ReportedResult[]>();
  for (const r of open) for (const claim of r.claims.length ? r.claims : ['(no claim)']) byClaim.set(claim, [...(byClaim.get(claim) ?? []), r]);
  const out = [`## Failures (${open.length})`, ''];
  for (const claim of [...byClaim.keys()].sort(byCodeUnits)) {
    const rows = byClaim.get(claim)!.sort(worstFirst);
    out.push(`### ${cell(claim)}`, '', '| Severity | Rule | Resource | Expected | Actual |', '| --- | --- | --- | --- | --- |');
    for (const r of rows) out.push(`| ${r.severity} | ${ruleLabel(ctx, r)} | ${cell(resourceLabel(r))} | ${cell(expectedText(r))} | ${cell(r.check?.kind === 'cost' ? resultWords(r).actual : plainValue(r.actual))} |`);
    out.push('');
  }
  return out;
}

function couldNotCheck(ctx: ReportContext): string[] {
  const { report } = ctx;
  const errors = report.results.filter((r) => r.status === 'error').sort(worstFirst);
  const out: string[] = [];
  if (errors.length) {
    out.push(`## Could not check (${errors.length})`, '', '| Rule | Resource | Reason |', '| --- | --- | --- |');
    for (const r of errors) out.push(`| ${ruleLabel(ctx, r)} | ${cell(resourceLabel(r))} | ${cell(r.reason ?? r.message)} |`);
    out.push('');
  }
  if (report.gaps.length) {
    out.push(`## Read failures (${report.gaps.length})`, '', '| Service | Operation | Region | Code |', '| --- | --- | --- | --- |');
    for (const g of report.gaps) out.push(`| ${cell(g.service)} | ${cell(g.operation)} | ${cell(g.region)} | ${cell(g.code)} |`);
    out.push('');
  }
  return out;
}

function suppressed(ctx: ReportContext): string[] {
  const rows = ctx.report.results.filter((r) => r.suppression).sort(worstFirst);
  if (!rows.length) return [];
  const out = [`## Suppressed (${rows.length})`, '', '| Rule | Resource | Owner | Expires | Reason |', '| --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const s = r.suppression!;
    out.push(`| ${ruleLabel(ctx, r)} | ${cell(resourceLabel(r))} | ${cell(s.owner)} | ${cell(s.expires)} | ${cell(s.reason)} |`);
  }
  return [...out, ''];
}

/** The drift hook: `infra-audit diff` hands over its own Markdown. */
function driftText(drift: unknown): string | undefined {
  if (drift && typeof drift === 'object' && typeof (drift as { markdown?: unknown }).markdown === 'string') return (drift as { markdown: string }).markdown;
  return undefined;
}

function ruleLabel(ctx: ReportContext, r: ReportedResult): string {
  const rule = ctx.rules.get(r.ruleId)?.rule;
  return rule ? `${cell(resultTitle(rule, ctx.spec.value, r.item))} (${markdownCode(r.ruleId)})` : markdownCode(r.ruleId);
}

function expectedText(r: ReportedResult): string {
  if (r.check?.kind === 'cost') return resultWords(r).expected;
  const { op, negated } = opOf(r.check);
  return plainExpected(op, r.expected, negated);
}

const worstFirst = (a: ReportedResult, b: ReportedResult) =>
  SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.resource.id, b.resource.id);
