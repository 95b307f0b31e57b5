// `infra-audit cost --snapshot FILE [--spec SPEC]`: the monthly on-demand cost of the in-scope
// resources, line by line, next to the spec's cost table. Information: differences never fail; a
// read that failed or a line that could not be priced makes the total a lower bound (exit 3).
import { resolve } from 'node:path';
import { loadSnapshot } from '../graph/snapshot.js';
import { loadSpec } from '../engine/spec.js';
import { EXIT } from '../errors.js';
import { estimateLive } from '../cost/estimate.js';
import { compareCost } from '../cost/compare.js';
import { lintCost } from '../cost/lint.js';
import { renderCost } from '../cost/render.js';
import { loadBundledPrices, loadPrices } from '../cost/prices.js';
import { asSpecV2 } from '../cost/spec-value.js';
import { writeOutputs } from '../output/write.js';
import { withOutputs, writeOptions } from './outputs.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';

export interface CostArgs { snapshot: string; spec?: string; prices?: string; format?: 'table' | 'json'; json?: string }

export function runCost(args: CostArgs, io: CliIO): Promise<number> {
  const specFile = specFileOf(args.spec, io);
  return withOutputs(io, [['--json', args.json], ['stdout', '-']], [['--snapshot', args.snapshot], ['--spec', specFile], ['--prices', args.prices]], async (targets) => {
    const [snapshot, spec, prices] = await Promise.all([
      loadSnapshot(resolve(io.cwd, args.snapshot)),
      loadSpec(specFile),
      args.prices ? loadPrices(resolve(io.cwd, args.prices)) : loadBundledPrices(),
    ]);
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
  });
}
