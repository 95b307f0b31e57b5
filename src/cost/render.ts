// The cost estimate as text: the comparison first (the document's table, line by line), then every
// priced line with its quantity and unit price, then what is not priced and why.
import type { CostComparison } from './compare.js';
import type { CostEstimate } from './model.js';
import type { CostProblem } from './lint.js';

const usd = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
const signed = (n: number) => (n > 0 ? `+${usd(n)}` : n < 0 ? `-${usd(-n)}` : usd(0));

/** Columns padded to their widest cell: the first `left` columns to the left, the rest (amounts) to the right. */
function columns(rows: string[][], left = 1): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((cell, i) => (i < left ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

/** A unit price as the table states it (up to six decimals: Fargate bills $0.004445 a GB-hour). */
const unitPrice = (n: number) => `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 6 })}`;

/**
 * The document's table against its own architecture (claim C60), one line per problem under the
 * comparison, so a reader of the estimate sees which documented line cannot be right whatever the account holds.
 */
function problemLines(problems: readonly CostProblem[], comparison: CostComparison): string[] {
  if (!problems.length) return [];
  // The line's label as the table above shows it (the document's own words).
  const label = (pointer: string) => {
    const category = /^\/cost\/lines\/([^/]+)/.exec(pointer)?.[1];
    return comparison.lines.find((l) => l.category === category)?.label ?? 'Total';
  };
  return ['', "The document's cost table disagrees with its own architecture (claim C60; `infra-audit spec lint` says where):",
    ...problems.map((p) => `  ${label(p.pointer)}: ${p.message} (spec ${p.pointer})`)];
}

export function renderCost(estimate: CostEstimate, comparison: CostComparison, heading: string, problems: readonly CostProblem[] = []): string {
  const out: string[] = [heading, `On-demand list prices as of ${estimate.prices.asOf}, ${estimate.hoursPerMonth} hours a month; an estimate, not a bill.`, ''];
  const rows = [['Category', 'Estimate', 'Document', 'Difference']];
  for (const l of comparison.lines) {
    rows.push([
      l.label,
      l.estimated === undefined ? 'none in scope' : `${l.atLeast ? '>= ' : ''}${usd(l.estimated)}`,
      l.documented === undefined ? '-' : usd(l.documented),
      l.difference === undefined || l.atLeast ? '-' : signed(l.difference),
    ]);
  }
  rows.push([
    'Total',
    `${comparison.atLeast ? '>= ' : ''}${usd(comparison.estimatedTotal)}`,
    comparison.documentedTotal === undefined ? '-' : usd(comparison.documentedTotal),
    comparison.documentedTotal === undefined || comparison.atLeast ? '-' : signed(Math.round((comparison.estimatedTotal - comparison.documentedTotal) * 100) / 100),
  ]);
  out.push(columns(rows), ...problemLines(problems, comparison), '', 'Lines:');
  const lineRows = estimate.lines.map((l) => [
    `  ${l.category}`,
    `${l.subject.name} (${l.subject.region})`,
    l.description,
    l.unitPrice === null ? '' : `${unitPrice(l.unitPrice)} / ${l.unit}${l.hours ? ` x ${l.hours} h` : ''}`,
    l.monthly === null ? 'not priced' : usd(l.monthly),
  ]);
  if (lineRows.length) out.push(columns(lineRows, 4));
  const unpriced = estimate.lines.filter((l) => l.monthly === null);
  if (unpriced.length) out.push('', 'Not priced (the total is a lower bound):', ...unpriced.map((l) => `  ${l.subject.name}: ${l.notPriced}`));
  const gaps = estimate.categories.flatMap((c) => c.gaps.map((g) => `  ${c.label}: ${g}`));
  if (gaps.length) out.push('', 'Unknown (a read failed; the total is a lower bound):', ...gaps);
  out.push('', 'Left out by design (usage the configuration does not tell):', ...estimate.categories.map((c) => `  ${c.label}: ${c.excludes}`));
  return `${out.join('\n')}\n`;
}
