// `infra-audit diff OLD NEW`: what drifted between two snapshots — resources and relations, and (unless
// --graph-only) the audit's findings, both runs audited with the same spec and rules.
//
// Exit codes: 0 nothing changed; 1 a resource or relation was added, removed or changed, or a finding
// is new or resolved; 2 bad input; 3 the findings comparison is incomplete (a rule could not be checked
// in either run because of a read failure) — checked before 1, as in `check`. With --graph-only there
// is no findings comparison, so no 3: unread resources are listed as "not compared", never as changes.
import { resolve } from 'node:path';
import { audit } from '../audit.js';
import { DEFAULT_RULES_DIR, loadRules } from '../engine/load-rules.js';
import { loadSpec, type LoadedSpec } from '../engine/spec.js';
import type { LoadedRule } from '../engine/types.js';
import { EXIT } from '../errors.js';
import { loadSnapshot } from '../graph/snapshot.js';
import { writeOutputs } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { withOutputs, writeOptions, type NamedInput } from './outputs.js';
import { TOOL } from '../version.js';
import { diffFindings, findingsChanged } from '../diff/findings-diff.js';
import { diffGraphs, graphChanged } from '../diff/graph-diff.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffTable, type DiffReport, type SnapshotInfo } from '../diff/render.js';
import { defaultSpecFile } from './default-spec.js';
import { useColor, type CliIO } from './io.js';
import type { CommandExtension } from './extensions.js';
import type { Snapshot } from '../graph/types.js';

export type DiffFormat = 'table' | 'json' | 'markdown';

export interface DiffArgs {
  old: string;
  new: string;
  format: DiffFormat;
  json?: string;
  markdown?: string;
  spec?: string;
  rules?: string;
  graphOnly?: boolean;
}

export async function buildDiff(args: DiffArgs, io: CliIO): Promise<DiffReport> {
  const [before, after] = await Promise.all([loadSnapshot(resolve(io.cwd, args.old)), loadSnapshot(resolve(io.cwd, args.new))]);
  let audited: AuditWith | undefined;
  if (!args.graphOnly) {
    const [spec, rules] = await Promise.all([
      loadSpec(args.spec ? resolve(io.cwd, args.spec) : defaultSpecFile(io)),
      loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined),
    ]);
    audited = { spec, rules };
  }
  return diffSnapshots({ file: args.old, snapshot: before }, { file: args.new, snapshot: after }, audited);
}

export interface AuditWith { spec: LoadedSpec; rules: LoadedRule[] }

/** The drift between two loaded snapshots; with a spec and rules, the findings' drift too. */
export function diffSnapshots(old: { file: string; snapshot: Snapshot }, now: { file: string; snapshot: Snapshot }, audited?: AuditWith): DiffReport {
  const graph = diffGraphs(old.snapshot, now.snapshot);
  let findings: DiffReport['findings'] = null;
  if (audited) {
    // Only the spec and rules are shared: a caller's object may carry a snapshot of its own, which must
    // not stand in for the one being audited (check --previous once compared a snapshot with itself).
    const run = (snapshot: Snapshot) => audit({ snapshot, spec: audited.spec, rules: audited.rules }).report.results;
    findings = { spec: audited.spec.file, ...diffFindings(run(old.snapshot), run(now.snapshot)) };
  }
  return {
    tool: TOOL,
    old: infoOf(old.file, old.snapshot),
    new: infoOf(now.file, now.snapshot),
    graph,
    findings,
    changed: graphChanged(graph) || (findings !== null && findingsChanged(findings)),
    complete: !old.snapshot.gaps.length && !now.snapshot.gaps.length && !graph.unread.length && (findings?.complete ?? true),
  };
}

export function runDiff(args: DiffArgs, io: CliIO): Promise<number> {
  const inputs: NamedInput[] = [['old snapshot', args.old], ['new snapshot', args.new]];
  if (!args.graphOnly) inputs.push(['--spec', args.spec ?? defaultSpecFile(io)], ['--rules', args.rules ?? DEFAULT_RULES_DIR, true]);
  return withOutputs(io, [['--json', args.json], ['--markdown', args.markdown]], inputs, async (targets) => {
    const diff = await buildDiff(args, io);
    const render: Record<DiffFormat, (color: boolean) => string> = {
      table: (color) => renderDiffTable(diff, { color }),
      json: () => renderDiffJson(diff),
      markdown: () => renderDiffMarkdown(diff),
    };
    const content = (t: Target) => (t.flag === '--json' ? render.json(false) : render.markdown(false));
    await writeOutputs(targets.map((target) => ({ target, content: content(target) })), writeOptions(io));
    io.stdout.write(render[args.format](args.format === 'table' && useColor(io)));
    return diffExitCode(diff);
  });
}

export function diffExitCode(diff: DiffReport): number {
  if (diff.findings && !diff.findings.complete) return EXIT.incomplete;
  return diff.changed ? EXIT.findings : EXIT.ok;
}

function infoOf(file: string, s: Snapshot): SnapshotInfo {
  return { file, account: s.meta.account, regions: s.meta.regions, finishedAt: s.meta.finishedAt, gaps: s.gaps };
}

export const diffCommand: CommandExtension = (y, select) =>
  y.command(
    'diff <old> <new>',
    'What drifted between two snapshots: resources, relations and findings',
    (z) =>
      z
        .positional('old', { type: 'string', demandOption: true, describe: 'The earlier snapshot' })
        .positional('new', { type: 'string', demandOption: true, describe: 'The later snapshot' })
        .option('format', { choices: ['table', 'json', 'markdown'] as const, default: 'table' as const, describe: 'What to print on stdout' })
        .option('json', { type: 'string', describe: 'Also write the JSON diff (schemas/diff.schema.json) to this file' })
        .option('markdown', { type: 'string', describe: 'Also write a Markdown summary to this file' })
        .option('spec', { type: 'string', describe: 'Architecture spec for the findings comparison (default: ./spec.shopflow.json, else the bundled one)' })
        .option('rules', { type: 'string', describe: 'Directory of rule files (default: the bundled rules)' })
        .option('graph-only', { type: 'boolean', default: false, describe: 'Compare resources and relations only, not findings' })
        .example('$0 diff yesterday.json today.json', 'Resources and findings that changed overnight')
        .epilog('Exit: 0 no change · 1 something changed · 2 invalid input · 3 a finding could not be compared (read failures)'),
    (a) => select((io) => runDiff(a as unknown as DiffArgs, io))(),
  );
