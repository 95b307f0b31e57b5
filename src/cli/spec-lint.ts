// `infra-audit spec lint [FILE]`: the document's internal inconsistencies, found in the spec alone
// (no account): a cost line that pays for fewer nodes than the topology has, or less than the
// on-demand price of what the spec describes (claim C60). Exit 1 when it finds any.
import { loadSpec } from '../engine/spec.js';
import { EXIT } from '../errors.js';
import { lintCost } from '../cost/lint.js';
import { loadBundledPrices } from '../cost/prices.js';
import { asSpecV2 } from '../cost/spec-value.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';

export async function lintSpec(args: { file?: string }, io: CliIO): Promise<number> {
  const spec = await loadSpec(specFileOf(args.file, io));
  const prices = await loadBundledPrices();
  const problems = lintCost(asSpecV2(spec.value), prices);
  for (const p of problems) io.stdout.write(`${spec.source.error(p.pointer, p.message).format()} [C60]\n`);
  const shown = args.file ?? spec.file;
  io.stderr.write(problems.length
    ? `${shown}: ${problems.length} inconsistenc${problems.length === 1 ? 'y' : 'ies'} between the cost table and the topology (prices as of ${prices.asOf})\n`
    : `${shown}: no inconsistency found (prices as of ${prices.asOf})\n`);
  return problems.length ? EXIT.findings : EXIT.ok;
}
