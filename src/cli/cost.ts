// `infra-audit cost --snapshot FILE [--spec SPEC]`: the monthly on-demand cost of the in-scope
// resources, line by line, next to the spec's cost table. Information: differences never fail; a
// read that failed or a line that could not be priced makes the total a lower bound (exit 3).
// Without --snapshot the account is read first (scan-run.ts, runCostScan); both write through cost-report.ts.
import { resolve } from 'node:path';
import { loadSnapshot } from '../graph/snapshot.js';
import { loadSpec } from '../engine/spec.js';
import { loadBundledPrices, loadPrices } from '../cost/prices.js';
import { withOutputs } from './outputs.js';
import { specFileOf } from './spec-file.js';
import { costOutputs, writeCost, type CostOutputArgs } from './cost-report.js';
import type { CliIO } from './io.js';

export interface CostArgs extends CostOutputArgs { snapshot: string; spec?: string; prices?: string }

export function runCost(args: CostArgs, io: CliIO): Promise<number> {
  const specFile = specFileOf(args.spec, io);
  return withOutputs(io, costOutputs(args), [['--snapshot', args.snapshot], ['--spec', specFile], ['--prices', args.prices]], async (targets) => {
    const [snapshot, spec, prices] = await Promise.all([
      loadSnapshot(resolve(io.cwd, args.snapshot)),
      loadSpec(specFile),
      args.prices ? loadPrices(resolve(io.cwd, args.prices)) : loadBundledPrices(),
    ]);
    return writeCost(snapshot, spec, prices, args, targets, io);
  });
}
