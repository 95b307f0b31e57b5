// A cost rule (claim C55): the monthly estimate `infra-audit cost` prints (snapshot x price table x the
// spec's stated usage, src/cost/estimate.ts), compared with the spec's cost total. Nothing here reads the
// account: the estimate is the snapshot's. An estimate that misses something is a lower bound, so it can
// prove the cost is above the total but never that it is within it (error, not pass).
import { compareCost } from '../cost/compare.js';
import { estimateLive } from '../cost/estimate.js';
import type { CostEstimate } from '../cost/model.js';
import type { PriceTable } from '../cost/prices.js';
import { asSpecV2 } from '../cost/spec-value.js';
import type { Snapshot } from '../graph/types.js';
import type { Check, Status } from './types.js';

export interface CostOutcome {
  status: Status;
  check?: Check;
  expected?: number;
  actual?: number;
  specPointer?: string;
  reason?: string;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function judgeCost(tolerancePercent: number, snapshot: Snapshot, specValue: Record<string, unknown>, prices: PriceTable): CostOutcome {
  const spec = asSpecV2(specValue);
  // Like any rule about a section the spec leaves out.
  if (!spec.cost) return { status: 'skip', reason: 'not in this architecture' };
  const estimate = estimateLive({ snapshot, spec, prices });
  const documented = compareCost(estimate, spec.cost).documentedTotal!;
  const limit = cents(documented * (1 + tolerancePercent / 100));
  const above = estimate.total > limit;
  const lowerBound = !estimate.complete;
  const specPointer = spec.cost.total === undefined ? '/cost/lines' : '/cost/total';
  const judged = { check: { kind: 'cost', op: 'lte', tolerancePercent, pricesAsOf: estimate.prices.asOf, lowerBound } as const, expected: documented, actual: estimate.total, specPointer };
  if (!lowerBound) return { status: above ? 'fail' : 'pass', ...judged };
  const missing = whatIsMissing(estimate);
  // Even the part that could be priced is above the total: the failure is certain, the rest only adds to it.
  if (above) return { status: 'fail', ...judged, reason: `the estimate leaves out: ${missing}` };
  return { status: 'error', reason: `the estimate is only a lower bound ($${estimate.total.toFixed(2)}, within the spec's total of $${documented.toFixed(2)}): ${missing}` };
}

/** Why an estimate is a lower bound: the lines not priced and the reads that failed, each once. */
function whatIsMissing(estimate: CostEstimate): string {
  const unpriced = estimate.lines.filter((l) => l.monthly === null).map((l) => `${l.subject.name} not priced (${l.notPriced})`);
  const unknown = estimate.categories.flatMap((c) => c.gaps.map((g) => `${c.label}: ${g}`));
  return [...new Set([...unpriced, ...unknown])].join('; ');
}
