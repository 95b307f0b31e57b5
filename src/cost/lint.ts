// The spec's cost table against its own topology (claim C60): a line that pays for fewer nodes than
// the spec draws, or less than the on-demand price of what the spec describes, is an inconsistency in
// the document itself, found without reading any account.
import type { SpecV2 } from '../engine/spec-v2-schema.js';
import { COST_CATEGORIES, type CostCategory } from './categories.js';
import { monthlyUnitPrice, type CostLine } from './model.js';
import type { PriceTable } from './prices.js';
import { cacheNodes, databaseInstances, estimateSpec } from './spec-estimate.js';
import type { SpecCostLine } from './spec-cost.js';

export interface CostProblem { pointer: string; message: string }

/** Documents round: a line within this fraction under the estimate is rounding, not a gap. */
export const ROUNDING = 0.05;

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function lintCost(spec: SpecV2, prices: PriceTable): CostProblem[] {
  const cost = spec.cost;
  if (!cost) return [];
  const problems: CostProblem[] = [];
  const estimate = estimateSpec(spec, prices);
  const lines = Object.entries(cost.lines) as [CostCategory, SpecCostLine][];
  for (const [category, line] of lines) {
    const at = `/cost/lines/${category}`;
    const section = COST_CATEGORIES[category].section;
    const items = (spec[section] ?? {}) as Record<string, Record<string, unknown>>;
    const unknownItem = (line.covers ?? []).findIndex((name) => !Object.hasOwn(items, name));
    if (unknownItem >= 0) {
      problems.push({ pointer: `${at}/covers/${unknownItem}`, message: `covers "${line.covers![unknownItem]}", which is not an item of ${section}` });
      continue;
    }
    const covered = line.covers ?? Object.keys(items);
    const own = estimate.filter((l) => l.category === category && (l.subject.id.startsWith(`${at}/`) || covered.some((name) => isUnder(l.subject.id, `/${section}/${name}`))));
    const problem = nodeProblem(category, line, covered, items, own) ?? priceProblem(line, own);
    if (problem) problems.push({ pointer: `${at}/monthly`, message: problem });
  }
  if (cost.total !== undefined) {
    const sum = lines.reduce((s, [, l]) => s + l.monthly, 0);
    if (Math.abs(sum - cost.total) >= 1) problems.push({ pointer: '/cost/total', message: `is ${usd(cost.total)} but the lines add up to ${usd(sum)}` });
  }
  return problems;
}

const isUnder = (id: string, prefix: string) => id === prefix || id.startsWith(`${prefix}/`);

/** A cache or database line that pays for fewer nodes than the one item it covers has. */
function nodeProblem(category: CostCategory, line: SpecCostLine, covered: string[], items: Record<string, Record<string, unknown>>, own: CostLine[]): string | undefined {
  if (covered.length !== 1 || (category !== 'elasticache' && category !== 'rds')) return undefined;
  const name = covered[0]!;
  const item = items[name]!;
  // The price of one node: a cache node, or one single-AZ instance of the database's class (storage aside).
  const unit = category === 'elasticache'
    ? own.find((l) => l.unit.includes('node-hour'))
    : own.find((l) => l.unit.includes('instance-hour') && l.subject.name !== name) ?? own.find((l) => l.unit.includes('instance-hour'));
  const unitMonthly = unit && monthlyUnitPrice(unit);
  if (!unit || !unitMonthly) return undefined;
  // A Multi-AZ RDS instance's price covers two instances (writer and standby); an Aurora instance's one.
  const perNode = category === 'rds' && item.multiAz && item.kind !== 'aurora-cluster' && unit.subject.name === name ? unitMonthly / 2 : unitMonthly;
  const paid = Math.floor(line.monthly / (perNode * (1 - ROUNDING)));
  const drawn = category === 'elasticache' ? cacheNodes(item) : databaseInstances(item);
  if (paid >= drawn) return undefined;
  const kind = category === 'elasticache' ? String(item.nodeType) : String(item.instanceClass);
  const shape = category === 'elasticache'
    ? `${item.shards ?? 1} shard(s) x (1 primary + ${item.replicasPerShard ?? 0} replica(s))`
    : item.kind === 'aurora-cluster'
      ? `an Aurora writer and ${drawn - 1} reader(s)`
      : `a writer${item.multiAz ? ', its Multi-AZ standby' : ''} and ${(item.readReplicas as { count?: number } | undefined)?.count ?? 0} read replica(s)`;
  const total = sumOf(own);
  return `${usd(line.monthly)} pays for about ${paid} ${kind} ${category === 'elasticache' ? 'node' : 'instance'}(s) at ${usd(perNode)} a month each, but ${COST_CATEGORIES[category].section}/${name} has ${drawn}: ${shape}${total.unpriced ? '' : `; on-demand that is ${usd(total.monthly)} a month`}`;
}

/** A line under the on-demand price of what it covers (only when everything it covers is priced). */
function priceProblem(line: SpecCostLine, own: CostLine[]): string | undefined {
  const total = sumOf(own);
  if (total.unpriced || total.monthly === 0) return undefined;
  if (line.monthly >= total.monthly * (1 - ROUNDING)) return undefined;
  return `${usd(line.monthly)} is below the on-demand price of what the spec describes for it: ${usd(total.monthly)} a month (${own.filter((l) => l.monthly).map((l) => l.description).join(', ')})`;
}

function sumOf(lines: CostLine[]) {
  return { monthly: Math.round(lines.reduce((s, l) => s + (l.monthly ?? 0), 0) * 100) / 100, unpriced: lines.filter((l) => l.monthly === null).length };
}
