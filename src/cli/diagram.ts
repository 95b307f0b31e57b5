// `infra-audit diagram --snapshot FILE [--spec SPEC] [--previous OLD] [--output FILE]`: the snapshot's
// in-scope architecture as Mermaid, each component marked by its worst outcome against the spec, and
// with --previous what appeared or disappeared since. Several diagrams when one would exceed GitHub's
// limits (stderr says so); --format markdown wraps each in a ```mermaid fence under a heading.
//
// Exit codes: 0 drawn; 2 bad input; 3 the audit behind the picture is incomplete (a read failed), as
// in `check`: the picture is still written, and it marks what could not be read.
import { resolve } from 'node:path';
import { audit, loadCheckInputs } from '../audit.js';
import { DEFAULT_RULES_DIR } from '../engine/load-rules.js';
import { EXIT } from '../errors.js';
import { writeOutputs } from '../output/write.js';
import { buildDiagram } from '../diagram/layout.js';
import { renderMermaid } from '../diagram/mermaid.js';
import { loadPrevious } from '../diff/drift.js';
import { markdownCell } from '../text/markdown.js';
import { withOutputs, writeOptions } from './outputs.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';

export interface DiagramArgs {
  snapshot: string;
  spec?: string;
  rules?: string;
  previous?: string;
  output?: string;
  format: 'mermaid' | 'markdown';
}

export function runDiagram(args: DiagramArgs, io: CliIO): Promise<number> {
  const specFile = specFileOf(args.spec, io);
  const inputs: [string, string | undefined, boolean?][] = [['--snapshot', args.snapshot], ['--spec', specFile], ['--rules', args.rules ?? DEFAULT_RULES_DIR, true], ['--previous', args.previous]];
  return withOutputs(io, [['--output', args.output]], inputs, async (targets) => {
    const loaded = await loadCheckInputs({ snapshotFile: resolve(io.cwd, args.snapshot), specFile, ...(args.rules && { rulesDir: resolve(io.cwd, args.rules) }) });
    const previous = args.previous ? await loadPrevious(resolve(io.cwd, args.previous), args.previous) : undefined;
    if (previous && 'unreadable' in previous) io.stderr.write(`infra-audit: warning: cannot compare with the previous snapshot: ${previous.unreadable}; nothing is marked as appeared or disappeared\n`);
    const { report } = audit(loaded);
    const model = buildDiagram({
      snapshot: loaded.snapshot, results: report.results, scope: loaded.spec.value.scope,
      ...(previous && 'snapshot' in previous && { previous: previous.snapshot }),
    });
    const { diagrams, droppedLinks } = renderMermaid(model);
    if (diagrams.length > 1) {
      io.stderr.write(`infra-audit: drawn as ${diagrams.length} diagrams to stay within GitHub's limits (50,000 characters and 500 arrows per diagram)${droppedLinks ? `; ${droppedLinks} arrow(s) between them are not drawn` : ''}\n`);
    }
    for (const note of model.notes) io.stderr.write(`infra-audit: note: ${note}\n`);
    if (!report.complete) io.stderr.write('infra-audit: the audit is incomplete: components that could not be read are marked "could not read"\n');
    const text = args.format === 'markdown'
      ? diagrams.map((d) => `${diagrams.length > 1 ? `### ${markdownCell(d.title)}\n\n` : ''}\`\`\`mermaid\n${d.text}\`\`\`\n`).join('\n')
      : diagrams.map((d) => d.text).join('\n');
    await writeOutputs(targets.map((target) => ({ target, content: text })), writeOptions(io));
    if (!targets.length) io.stdout.write(text);
    return report.complete ? EXIT.ok : EXIT.incomplete;
  });
}
