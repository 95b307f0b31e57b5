// `infra-audit spec check-doc [--spec S]`: is every quote the spec cites still in the architecture
// document? A quote that is gone means the document changed and the spec did not: exit 1, naming the
// cite (file:line:column of the spec) and the value it was cited for. An unreadable document is exit 2.
import { isAbsolute, relative } from 'node:path';
import { loadSpec } from '../engine/spec.js';
import { checkCitations } from '../engine/spec-citations.js';
import { EXIT } from '../errors.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';

export async function checkDoc(args: { spec?: string }, io: CliIO): Promise<number> {
  const spec = await loadSpec(specFileOf(args.spec, io));
  const shown = (file: string) => { const rel = relative(io.cwd, file); return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file; };
  const { document, citations } = await checkCitations(spec);
  if (!document) {
    io.stderr.write(`${shown(spec.file)}: cites nothing in its document (no \`cite\`): nothing to check\n`);
    return EXIT.ok;
  }
  const doc = shown(document);
  let stale = 0;
  for (const c of citations) {
    const quote = JSON.stringify(c.quote);
    if (!c.found) {
      stale++;
      io.stdout.write(`${spec.source.error(c.at, `not in the document: ${quote}, cited for ${c.value}, is no longer in ${doc}`).format()}\n`);
      continue;
    }
    // An overlay that set the value itself is not what the base quoted: the quote stays, it anchors nothing.
    const setter = spec.source.fileAt(c.value);
    const unused = setter !== spec.source.fileAt(c.at) ? ` (not anchoring: ${shown(setter)} sets the value)` : '';
    io.stdout.write(`${doc}:${c.found.line}:${c.found.column}: found ${quote}, cited for ${c.value}${unused}\n`);
  }
  const count = `${citations.length} quote${citations.length === 1 ? '' : 's'}`;
  io.stderr.write(stale
    ? `${shown(spec.file)}: ${stale} of ${count} no longer in ${doc}: the document changed and the spec did not\n`
    : `${shown(spec.file)}: all ${count} found in ${doc}\n`);
  return stale ? EXIT.findings : EXIT.ok;
}
