// What an estimate is made of: lines (one priced quantity of one resource or spec item), summed per
// category. A line the price table cannot price has `monthly: null` and says why: never $0, so a total
// that misses something says "at least".
import { COST_CATEGORIES, CATEGORY_KEYS, type CostCategory } from './categories.js';
import type { Price, PriceTable } from './prices.js';

export interface CostLine {
  category: CostCategory;
  /** The resource (its ARN, name, region) or spec item (its pointer) the line prices. */
  subject: { id: string; name: string; region: string };
  /** What is priced, e.g. "db.r6g.xlarge Multi-AZ instance-hours". */
  description: string;
  quantity: number;
  unit: string;
  /** Null when the table has no price for it (then `notPriced` says why). */
  unitPrice: number | null;
  /** For an hourly price: the hours a month it runs (monthly = quantity x unitPrice x hours). */
  hours?: number;
  monthly: number | null;
  source?: string;
  notPriced?: string;
}

export interface CategoryTotal {
  category: CostCategory;
  label: string;
  /** The sum of the priced lines. */
  monthly: number;
  /** Lines that could not be priced: `monthly` is then a lower bound. */
  unpriced: number;
  /** Reads that failed for this category's resource types: what they would have found is unknown. */
  gaps: string[];
  /** What the estimate leaves out by design (usage it cannot read). */
  excludes: string;
}

export interface CostEstimate {
  currency: 'USD';
  hoursPerMonth: number;
  prices: { file?: string; asOf: string };
  lines: CostLine[];
  categories: CategoryTotal[];
  total: number;
  /** False when a line is not priced or a read failed: the total is then a lower bound. */
  complete: boolean;
}

/** What each category's estimate leaves out: usage, which a configuration does not tell. */
export const EXCLUDES: Record<CostCategory, string> = {
  'ecs-fargate': "tasks at the service's desired count around the clock, Linux/x86 on-demand (no Spot, no Savings Plans); extra ephemeral storage not priced",
  rds: 'instance-hours and allocated storage; an Aurora cluster volume and its I/O, backup storage beyond the free allowance, provisioned IOPS/throughput and data transfer not priced',
  elasticache: 'node-hours; backup storage and data transfer not priced',
  cloudfront: "no monthly charge; data transfer priced only as far as the spec's cost line states it; requests not priced",
  waf: 'web ACLs and their rules a month; requests not priced',
  s3: "storage priced only as far as the spec's cost line states it (bucket sizes are not read); requests and transfer not priced",
  'load-balancer': 'load balancer hours; capacity units (LCU) not priced',
  'nat-gateway': "gateway hours; data processed priced only as far as the spec's cost line states it",
  route53: 'hosted zones a month; queries not priced',
  sqs: 'no monthly charge; requests not priced',
};

const cents = (n: number) => Math.round(n * 100) / 100;

/** A line priced from the table: `quantity` of `price`, for `hours` a month when the price is hourly. */
export function pricedLine(base: Omit<CostLine, 'unitPrice' | 'monthly' | 'unit' | 'source' | 'hours'>, price: Price | undefined, missing: string, hours?: number): CostLine {
  if (!price) return { ...base, unit: '', unitPrice: null, monthly: null, notPriced: missing };
  return { ...base, unit: price.unit, unitPrice: price.usd, ...(hours !== undefined && { hours }), monthly: cents(base.quantity * price.usd * (hours ?? 1)), source: `${price.source} (${price.asOf})` };
}

/** A line's price for one unit for the whole month. */
export const monthlyUnitPrice = (line: CostLine): number | null => (line.unitPrice === null ? null : line.unitPrice * (line.hours ?? 1));

/** A line for something that has no charge of its own (its usage is what costs). */
export const freeLine = (base: Omit<CostLine, 'unitPrice' | 'monthly' | 'unit'>, unit: string): CostLine => ({ ...base, unit, unitPrice: 0, monthly: 0 });

export function summarizeLines(lines: CostLine[], table: PriceTable, gapsByCategory: Partial<Record<CostCategory, string[]>> = {}): CostEstimate {
  const categories = CATEGORY_KEYS.flatMap((category): CategoryTotal[] => {
    const own = lines.filter((l) => l.category === category);
    const gaps = gapsByCategory[category] ?? [];
    if (!own.length && !gaps.length) return [];
    return [{
      category,
      label: COST_CATEGORIES[category].label,
      monthly: cents(own.reduce((sum, l) => sum + (l.monthly ?? 0), 0)),
      unpriced: own.filter((l) => l.monthly === null).length,
      gaps,
      excludes: EXCLUDES[category],
    }];
  });
  return {
    currency: 'USD',
    hoursPerMonth: table.hoursPerMonth,
    prices: { ...(table.file && { file: table.file }), asOf: table.asOf },
    lines,
    categories,
    total: cents(categories.reduce((sum, c) => sum + c.monthly, 0)),
    complete: categories.every((c) => c.unpriced === 0 && c.gaps.length === 0),
  };
}
