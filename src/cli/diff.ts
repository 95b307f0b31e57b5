// `infra-audit diff OLD NEW`: what drifted between two snapshots — resources and relations, and (unless
// --graph-only) the audit's findings, both runs audited with the same spec and rules.
//
// Exit codes: 0 nothing changed; 1 a resource or relation was added, removed or changed, or a finding
// is new or resolved; 2 bad input; 3 the findings comparison is incomplete (a rule could not be checked
// in either run because of a read failure) — checked before 1, as in `check`. With --graph-only there
// is no findings comparison, so no 3: unread resources are listed as "not compared", never as changes.
import { resolve } from 'node:path';
import { DEFAULT_RULES_DIR, loadRules } from '../engine/load-rules.js';
import { loadSpec } from '../engine/spec.js';
import { EXIT } from '../errors.js';
import { loadSnapshot } from '../graph/snapshot.js';
import { writeOutputs } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { withOutputs, writeOptions, type NamedInput } from './outputs.js';
import { diffSnapshots, type AuditWith } from '../diff/snapshots.js';
import { renderDiffJson, renderDiffMarkdown, renderDiffTable, type DiffReport } from '../diff/render.js';
import { specFileOf } from './spec-file.js';
import { useColor, type CliIO } from './io.js';

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
      loadSpec(specFileOf(args.spec, io)),
      loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined),
    ]);
    audited = { spec, rules };
  }
  return diffSnapshots({ file: args.old, snapshot: before }, { file: args.new, snapshot: after }, audited);
}

export function runDiff(args: DiffArgs, io: CliIO): Promise<number> {
  const inputs: NamedInput[] = [['old snapshot', args.old], ['new snapshot', args.new]];
  if (!args.graphOnly) inputs.push(['--spec', specFileOf(args.spec, io)], ['--rules', args.rules ?? DEFAULT_RULES_DIR, true]);
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
