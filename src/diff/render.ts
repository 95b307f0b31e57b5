// The diff report (schemas/diff.schema.json) and its three renderings: terminal table, JSON, Markdown.
import { formatValue } from '../engine/message.js';
import { subjectLabel, typeLabel } from '../engine/labels.js';
import { markdownCell, markdownCode } from '../text/markdown.js';
import { SEVERITY_RANK } from '../report/model.js';
import type { Gap, GraphEdge } from '../graph/types.js';
import type { FindingsDiff, Finding } from './findings-diff.js';
import type { GraphDiff, NodeRef } from './graph-diff.js';
import { byCodeUnits } from '../text/order.js';

export interface SnapshotInfo { file: string; account: string; regions: string[]; finishedAt: string; gaps: Gap[] }

export interface DiffReport {
  tool: { name: string; version: string };
  old: SnapshotInfo;
  new: SnapshotInfo;
  graph: GraphDiff;
  /** Both snapshots audited with the same spec and rules; null with --graph-only. */
  findings: (FindingsDiff & { spec: string }) | null;
  /** A resource or relation added, removed or changed, or a finding new or resolved. */
  changed: boolean;
  /** False when a snapshot has read failures or regions the other lacks, or a finding could not be compared. */
  complete: boolean;
}

export function renderDiffJson(diff: DiffReport): string {
  return JSON.stringify({ $schema: 'https://infra-audit.dev/schemas/diff.schema.json', ...diff }, null, 2) + '\n';
}

const ANSI = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

export function renderDiffTable(diff: DiffReport, opts: { color?: boolean } = {}): string {
  const paint = opts.color ? (style: keyof typeof ANSI, text: string) => `\x1b[${ANSI[style]}m${text}\x1b[0m` : (_s: keyof typeof ANSI, text: string) => text;
  const { graph, findings } = diff;
  const lines = [paint('bold', `infra-audit diff`) + ` · old ${diff.old.file} (${diff.old.finishedAt}) → new ${diff.new.file} (${diff.new.finishedAt})`];
  const section = (title: string, style: keyof typeof ANSI, rows: string[]) => {
    if (rows.length) lines.push('', paint(style, paint('bold', `${title} (${rows.length})`)), ...rows);
  };
  const nodeRows = (mark: string, nodes: NodeRef[]) => aligned(nodes.map((n) => [typeWords(n), n.name, n.id])).map((r) => `  ${mark} ${r}`);

  section('RESOURCES ADDED', 'green', nodeRows('+', graph.added));
  section('RESOURCES REMOVED', 'red', nodeRows('-', graph.removed));
  if (graph.changed.length) {
    lines.push('', paint('yellow', paint('bold', `RESOURCES CHANGED (${graph.changed.length})`)));
    for (const c of graph.changed) {
      lines.push(`  ~ ${typeWords(c)}  ${c.name}  ${paint('dim', c.id)}`);
      for (const p of c.changes) lines.push(`      ${p.path}: ${formatValue(p.before)} → ${formatValue(p.after)}`);
    }
  }
  section('RELATIONS ADDED', 'green', graph.edges.added.map((e) => `  + ${edgeText(e)}`));
  section('RELATIONS REMOVED', 'red', graph.edges.removed.map((e) => `  - ${edgeText(e)}`));
  section('NOT COMPARED (one snapshot could not see it)', 'yellow', graph.unread.map((u) => `  ? ${typeWords(u)}  ${u.name}: only in the ${u.presentIn} snapshot; ${u.why}`));

  if (findings) {
    const rows = (fs: Finding[]) => aligned(sortFindings(fs).map((f) => [f.severity, f.ruleId, subjectLabel(f), f.message])).map((r) => `  ${r}`);
    section('NEW FINDINGS', 'red', rows(findings.new));
    section('RESOLVED FINDINGS', 'green', rows(findings.resolved));
    section('STILL OPEN', 'dim', rows(findings.stillOpen));
    section('UNKNOWN (could not check in one run)', 'yellow',
      aligned(sortFindings(findings.unknown).map((u) => [u.ruleId, subjectLabel(u), `${u.before ?? 'absent'} → ${u.after ?? 'absent'}`, u.reason])).map((r) => `  ${r}`));
  }
  const gapRows = [
    ...diff.old.gaps.map((g) => `  old: ${gapText(g)}`),
    ...diff.new.gaps.map((g) => `  new: ${gapText(g)}`),
  ];
  section('READ FAILURES', 'yellow', gapRows);

  const verdict = findings && !findings.complete ? paint('yellow', 'INCOMPLETE') : diff.changed ? paint('red', 'CHANGED') : paint('green', 'NO CHANGE');
  lines.push('', `${verdict}  ${summaryText(diff)}`);
  return lines.join('\n') + '\n';
}

/** Markdown, self-contained so it can be appended to the check's Markdown summary. */
export const DRIFT_HEADING = '## Drift since the previous snapshot';

export function renderDiffMarkdown(diff: DiffReport): string {
  return `${DRIFT_HEADING}\n\n${renderDiffMarkdownBody(diff)}`;
}

/** The drift section without its heading: the audit's Markdown summary adds its own. */
export function renderDiffMarkdownBody(diff: DiffReport): string {
  const { graph, findings } = diff;
  const out = [
    `Old: ${markdownCode(diff.old.file)} (${diff.old.finishedAt}) · New: ${markdownCode(diff.new.file)} (${diff.new.finishedAt})`,
    '',
    `**${findings && !findings.complete ? 'Incomplete' : diff.changed ? 'Changed' : 'No change'}:** ${summaryText(diff)}`,
  ];
  if (!diff.complete) out.push('', '> **Warning:** this comparison is incomplete: a snapshot has read failures or regions the other lacks (see below).');
  // Rows hold Markdown already: text through markdownCell, identifiers through markdownCode.
  const table = (title: string, head: string[], rows: string[][]) => {
    if (!rows.length) return;
    out.push('', `### ${title} (${rows.length})`, '', `| ${head.join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`);
    for (const r of rows) out.push(`| ${r.join(' | ')} |`);
  };
  const cell = markdownCell;
  const code = markdownCode;
  if (findings) {
    const rows = (fs: Finding[]) => sortFindings(fs).map((f) => [f.severity, code(f.ruleId), cell(subjectLabel(f)), cell(f.message)]);
    table('New findings', ['Severity', 'Rule', 'Resource', 'Message'], rows(findings.new));
    table('Resolved findings', ['Severity', 'Rule', 'Resource', 'Message'], rows(findings.resolved));
    table('Findings that could not be compared', ['Rule', 'Resource', 'Before → after', 'Why'],
      sortFindings(findings.unknown).map((u) => [code(u.ruleId), cell(subjectLabel(u)), `${u.before ?? 'absent'} → ${u.after ?? 'absent'}`, cell(u.reason)]));
  }
  const nodeRows = (ns: NodeRef[]) => ns.map((n) => [cell(typeWords(n)), cell(n.name), code(n.id)]);
  table('Resources added', ['Type', 'Name', 'Id'], nodeRows(graph.added));
  table('Resources removed', ['Type', 'Name', 'Id'], nodeRows(graph.removed));
  table('Resources changed', ['Resource', 'Property', 'Before', 'After'],
    graph.changed.flatMap((c) => c.changes.map((p) => [cell(`${typeWords(c)} ${c.name}`), code(p.path), code(formatValue(p.before)), code(formatValue(p.after))])));
  const edgeRows = (es: GraphEdge[]) => es.map((e) => [code(e.from), cell(e.type), code(e.to)]);
  table('Relations added', ['From', 'Relation', 'To'], edgeRows(graph.edges.added));
  table('Relations removed', ['From', 'Relation', 'To'], edgeRows(graph.edges.removed));
  table('Not compared', ['Type', 'Name', 'Only in', 'Why'], graph.unread.map((u) => [cell(typeWords(u)), cell(u.name), u.presentIn, cell(u.why)]));
  table('Read failures', ['Snapshot', 'Read', 'Region', 'Code'], [
    ...diff.old.gaps.map((g) => ['old', code(`${g.service}:${g.operation}`), cell(g.region), cell(g.code)]),
    ...diff.new.gaps.map((g) => ['new', code(`${g.service}:${g.operation}`), cell(g.region), cell(g.code)]),
  ]);
  return out.join('\n') + '\n';
}

function summaryText({ graph, findings }: DiffReport): string {
  const relations = graph.edges.added.length + graph.edges.removed.length;
  const parts = [`${graph.added.length} added · ${graph.removed.length} removed · ${graph.changed.length} changed · ${relations} relation(s) changed`];
  if (graph.unread.length) parts.push(`${graph.unread.length} not compared`);
  if (findings) parts.push(`findings: ${findings.new.length} new · ${findings.resolved.length} resolved · ${findings.stillOpen.length} still open · ${findings.unknown.length} unknown`);
  return parts.join(' · ');
}

function aligned(rows: string[][]): string[] {
  if (!rows.length) return [];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  // The last column is free text: never padded.
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(widths[i]!) : c)).join('  '));
}

const sortFindings = <T extends Finding>(fs: T[]) =>
  [...fs].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.ruleId, b.ruleId) || byCodeUnits(a.resource.id, b.resource.id));
/** A resource type in words ("database instance"), as every report names types. */
const typeWords = (n: { type: string }) => typeLabel(n.type, false);
const edgeText = (e: GraphEdge) => `${e.from} --${e.type}--> ${e.to}`;
const gapText = (g: Gap) => `${g.service}:${g.operation} in ${g.region}: ${g.code}`;
