// The price table: on-demand list prices shipped as data (data/prices/), never fetched at run time.
// A price that is not in the table is absent, never zero: the estimate says "not priced" instead.
import { readdirSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { packagePath } from '../input/package-root.js';
import { parseJson, readJson, type JsonSource } from '../input/json-source.js';

export interface Price {
  usd: number;
  /** What one `usd` buys: "hour", "GB-month", "node-hour". */
  unit: string;
  /** Where the figure comes from: a pricing page, or an offer file URL with the SKU. */
  source: string;
  /** The date the source published the figure. */
  asOf: string;
}

export interface PriceTable {
  currency: 'USD';
  asOf: string;
  hoursPerMonth: number;
  /** Region (or "global" for CloudFront, WAF on CloudFront, Route 53) -> price key -> price. */
  regions: Record<string, Record<string, Price>>;
  /** The file the table was read from. */
  file?: string;
}

export const PRICES_DIR = packagePath('data', 'prices');

/** The newest of the bundled tables (files are named aws-<date>.json, so the last name is the newest). */
function newestBundled(names: string[]): string {
  const newest = names.filter((n) => /^aws-\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort().at(-1);
  if (!newest) throw new Error(`no price table in ${PRICES_DIR}`);
  return packagePath('data', 'prices', newest);
}

export async function loadBundledPrices(): Promise<PriceTable> {
  return loadPrices(newestBundled(await readdir(PRICES_DIR)));
}

let bundled: PriceTable | undefined;

/** The bundled table, read once: for the engine, whose evaluation is synchronous (a cost rule needs it). */
export function bundledPricesSync(): PriceTable {
  if (!bundled) {
    const file = newestBundled(readdirSync(PRICES_DIR));
    bundled = checkPrices(parseJson(file, readFileSync(file, 'utf8')), file);
  }
  return bundled;
}

/** A price table file, checked enough that a wrong one is an error at its pointer, not a wrong estimate. */
export async function loadPrices(file: string): Promise<PriceTable> {
  return checkPrices(await readJson(file), file);
}

function checkPrices(source: JsonSource, file: string): PriceTable {
  const table = source.value as Partial<PriceTable> | null;
  const fail = (pointer: string, message: string): never => {
    throw source.error(pointer, message);
  };
  if (typeof table !== 'object' || table === null) return fail('', 'a price table must be an object');
  if (table.currency !== 'USD') fail('/currency', 'must be "USD"');
  if (typeof table.asOf !== 'string') fail('/asOf', 'must be the date the prices were published');
  if (typeof table.hoursPerMonth !== 'number' || table.hoursPerMonth <= 0) fail('/hoursPerMonth', 'must be a positive number');
  if (typeof table.regions !== 'object' || table.regions === null) return fail('/regions', 'must be an object of regions');
  for (const [region, prices] of Object.entries(table.regions)) {
    for (const [key, price] of Object.entries(prices ?? {})) {
      const at = `/regions/${region}/${key}`;
      if (typeof price?.usd !== 'number' || !Number.isFinite(price.usd) || price.usd < 0) fail(`${at}/usd`, 'must be a non-negative number');
      if (typeof price.source !== 'string' || !price.source) fail(`${at}/source`, 'every price names its source');
      if (typeof price.asOf !== 'string' || !price.asOf) fail(`${at}/asOf`, 'every price carries its date');
    }
  }
  return { ...(table as PriceTable), file };
}

/** The price, or undefined when the table has no such price (or no prices for the region at all). */
export function priceOf(table: PriceTable, region: string, key: string): Price | undefined {
  const prices = table.regions[region];
  return prices && Object.hasOwn(prices, key) ? prices[key] : undefined;
}

export const hasRegion = (table: PriceTable, region: string): boolean => Object.hasOwn(table.regions, region);
