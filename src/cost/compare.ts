// The estimate next to the document's cost table, category by category. Information, not a verdict:
// an estimate of list prices is not a bill, so a difference never fails anything.
import { COST_CATEGORIES, CATEGORY_KEYS, type CostCategory } from './categories.js';
import type { CostEstimate } from './model.js';
import type { SpecCost } from './spec-cost.js';

export interface ComparedLine {
  category: CostCategory;
  label: string;
  /** The document's line, when it has one. */
  documented?: number;
  /** The estimate's sum, when the category has in-scope resources (or a failed read). */
  estimated?: number;
  /** The estimate is a lower bound: a line not priced, or a read that failed. */
  atLeast: boolean;
  /** estimated - documented, when both are known. */
  difference?: number;
}

export interface CostComparison {
  lines: ComparedLine[];
  documentedTotal?: number;
  estimatedTotal: number;
  atLeast: boolean;
}

const cents = (n: number) => Math.round(n * 100) / 100;

export function compareCost(estimate: CostEstimate, cost: SpecCost | undefined): CostComparison {
  const lines = CATEGORY_KEYS.flatMap((category): ComparedLine[] => {
    const est = estimate.categories.find((c) => c.category === category);
    const doc = cost?.lines[category];
    if (!est && !doc) return [];
    const atLeast = !!est && (est.unpriced > 0 || est.gaps.length > 0);
    return [{
      category,
      label: doc?.label ?? COST_CATEGORIES[category].label,
      ...(doc && { documented: doc.monthly }),
      ...(est && { estimated: est.monthly }),
      atLeast,
      ...(doc && est && { difference: cents(est.monthly - doc.monthly) }),
    }];
  });
  return {
    lines,
    ...(cost && { documentedTotal: cost.total ?? cents(Object.values(cost.lines).reduce((s, l) => s + (l?.monthly ?? 0), 0)) }),
    estimatedTotal: estimate.total,
    atLeast: !estimate.complete,
  };
}
