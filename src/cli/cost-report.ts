// The estimate of a snapshot, written as `infra-audit cost` prints it: shared by `cost --snapshot FILE`
// (cost.ts) and `cost` on a live scan (scan-run.ts), so both print the same thing the same way.
import { estimateLive } from '../cost/estimate.js';
import { compareCost } from '../cost/compare.js';
import { lintCost } from '../cost/lint.js';
import { renderCost } from '../cost/render.js';
import type { PriceTable } from '../cost/prices.js';
import { asSpecV2 } from '../cost/spec-value.js';
import type { LoadedSpec } from '../engine/spec.js';
import type { Snapshot } from '../graph/types.js';
import { EXIT } from '../errors.js';
import { writeOutputs } from '../output/write.js';
import type { Target } from '../output/plan.js';
import { writeOptions, type Named } from './outputs.js';
import type { CliIO } from './io.js';

export interface CostOutputArgs { format?: 'table' | 'json'; json?: string }

/** The --json file and stdout a cost run writes (checked before any work). */
export const costOutputs = (args: CostOutputArgs): Named[] => [['--json', args.json], ['stdout', '-']];

/** Estimates, writes stdout and --json, and returns the exit code: 3 when the total is a lower bound. */
export async function writeCost(snapshot: Snapshot, spec: LoadedSpec, prices: PriceTable, args: CostOutputArgs, targets: Target[], io: CliIO): Promise<number> {
  const v2 = asSpecV2(spec.value);
  const estimate = estimateLive({ snapshot, spec: v2, prices });
  const comparison = compareCost(estimate, v2.cost);
  // The document's own inconsistencies (claim C60) are information, like every difference here.
  const documentInconsistencies = lintCost(v2, prices);
  const json = `${JSON.stringify({ application: v2.application, account: snapshot.meta.account, regions: snapshot.meta.regions, estimate, comparison, documentInconsistencies }, null, 2)}\n`;
  const heading = `Monthly cost of ${v2.application} in account ${snapshot.meta.account} (${snapshot.meta.regions.join(', ')})`;
  const text = args.format === 'json' ? json : renderCost(estimate, comparison, heading, documentInconsistencies);
  await writeOutputs(targets.map((target) => ({ target, content: target.flag === '--json' ? json : text })), writeOptions(io));
  return estimate.complete ? EXIT.ok : EXIT.incomplete;
}
