// @ts-check
// Rebuilds the price table (data/prices/aws-<date>.json) from AWS Price List Bulk API offer files.
// Never run by tests against the network, and never at run time: download the offer files first.
//
//   for o in AmazonEC2 AWSELB AmazonECS AmazonRDS AmazonElastiCache AmazonS3 AWSQueueService; do
//     for r in us-east-1 us-west-2; do
//       mkdir -p offers/$o/$r
//       curl -fsSL https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/$o/current/$r/index.json -o offers/$o/$r/index.json
//     done
//   done
//   node scripts/refresh-prices.mjs --offers offers --regions us-east-1,us-west-2
//
// (The EC2 offer file is several GB: the region's file is what is needed, not the global one.) Every
// price names its offer file and SKU and carries the offer's publication date. The global prices
// (CloudFront, WAF, Route 53 — their offers have no per-region file of the same shape) are kept from
// the current table with their own sources and dates. A key the offers do not price is left out:
// the estimate then says "not priced", never $0.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const OFFER_URL = (offer, region) => `https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/${offer}/current/${region}/index.json`;
const ends = (suffix) => (a) => typeof a.usagetype === 'string' && a.usagetype.endsWith(suffix);

/**
 * What each table key is in the offer files: the offer, a product test, the unit, and a factor from
 * the offer's unit to the table's (SQS prices per request; the table per million).
 * @type {{ offer: string, key: (p: {productFamily?: string, attributes: Record<string, string>}) => string | undefined, unit: string, factor?: number, tier?: 'first' | 'paid' }[]}
 */
export const MATCHERS = [
  { offer: 'AmazonEC2', key: (p) => (p.productFamily === 'NAT Gateway' && ends('NatGateway-Hours')(p.attributes) ? 'nat-gateway.hour' : undefined), unit: 'hour' },
  { offer: 'AmazonEC2', key: (p) => (p.productFamily === 'NAT Gateway' && ends('NatGateway-Bytes')(p.attributes) ? 'nat-gateway.gb' : undefined), unit: 'GB processed' },
  { offer: 'AWSELB', key: (p) => (p.productFamily === 'Load Balancer-Application' && ends('LoadBalancerUsage')(p.attributes) ? 'alb.hour' : undefined), unit: 'hour' },
  { offer: 'AWSELB', key: (p) => (p.productFamily === 'Load Balancer-Application' && ends('LCUUsage')(p.attributes) ? 'alb.lcu-hour' : undefined), unit: 'LCU-hour' },
  { offer: 'AWSELB', key: (p) => (p.productFamily === 'Load Balancer-Network' && ends('LoadBalancerUsage')(p.attributes) ? 'nlb.hour' : undefined), unit: 'hour' },
  { offer: 'AmazonECS', key: (p) => (ends('Fargate-vCPU-Hours:perCPU')(p.attributes) ? 'fargate.vcpu-hour' : undefined), unit: 'vCPU-hour (Linux/x86)' },
  { offer: 'AmazonECS', key: (p) => (ends('Fargate-GB-Hours')(p.attributes) ? 'fargate.gb-hour' : undefined), unit: 'GB-hour (Linux/x86)' },
  {
    offer: 'AmazonRDS',
    unit: 'instance-hour',
    key: ({ productFamily, attributes: a }) =>
      productFamily === 'Database Instance' && a.databaseEngine === 'PostgreSQL' && /^(Single|Multi)-AZ$/.test(a.deploymentOption ?? '') && a.instanceType
        ? `rds.postgres.${a.instanceType}.${a.deploymentOption.toLowerCase()}`
        : undefined,
  },
  {
    offer: 'AmazonRDS',
    unit: 'GB-month',
    key: ({ productFamily, attributes: a }) => {
      const type = { 'General Purpose-GP3': 'gp3', 'General Purpose': 'gp2' }[a.volumeType ?? ''];
      return productFamily === 'Database Storage' && type && ['PostgreSQL', 'Any'].includes(a.databaseEngine) && /^(Single|Multi)-AZ$/.test(a.deploymentOption ?? '')
        ? `rds.storage.${type}.${a.deploymentOption.toLowerCase()}`
        : undefined;
    },
  },
  { offer: 'AmazonElastiCache', unit: 'node-hour', key: ({ productFamily, attributes: a }) => (productFamily === 'Cache Instance' && a.cacheEngine === 'Redis' && a.instanceType ? `elasticache.redis.${a.instanceType}` : undefined) },
  { offer: 'AmazonS3', unit: 'GB-month (first 50 TB)', tier: 'first', key: ({ productFamily, attributes: a }) => (productFamily === 'Storage' && a.volumeType === 'Standard' ? 's3.standard.gb-month' : undefined) },
  { offer: 'AWSQueueService', unit: 'million requests', factor: 1e6, tier: 'paid', key: ({ attributes: a }) => (a.queueType === 'Standard' && ends('Requests-Tier1')(a) ? 'sqs.standard.million-requests' : undefined) },
  { offer: 'AWSQueueService', unit: 'million requests', factor: 1e6, tier: 'paid', key: ({ attributes: a }) => (a.queueType === 'FIFO (first-in, first-out)' && ends('Requests-FIFO-Tier1')(a) ? 'sqs.fifo.million-requests' : undefined) },
];

/**
 * The on-demand price of one SKU: its price dimension of the tier asked for (`first`: the range
 * starting at 0; `paid`: the first range with a non-zero price, past a free tier).
 * @param {any} offer
 * @param {string} sku
 * @param {'first' | 'paid'} tier
 */
function onDemandUsd(offer, sku, tier) {
  const terms = Object.values(offer.terms?.OnDemand?.[sku] ?? {});
  const dims = terms.flatMap((t) => Object.values(/** @type {any} */ (t).priceDimensions ?? {}));
  const priced = dims.map((d) => ({ begin: Number(d.beginRange ?? 0), usd: Number(d.pricePerUnit?.USD) })).filter((d) => Number.isFinite(d.usd)).sort((a, b) => a.begin - b.begin);
  const pick = tier === 'paid' ? priced.find((d) => d.usd > 0) : priced.find((d) => d.begin === 0);
  return pick?.usd;
}

/**
 * The regional prices of one offer file.
 * @param {any} offer the parsed offer file
 * @param {string} region
 */
export function pricesFromOffer(offer, region) {
  /** @type {Record<string, {usd: number, unit: string, source: string, asOf: string}>} */
  const out = {};
  const asOf = String(offer.publicationDate ?? '').slice(0, 10);
  for (const [sku, product] of Object.entries(offer.products ?? {})) {
    const attributes = product.attributes ?? {};
    if (attributes.regionCode !== undefined && attributes.regionCode !== region) continue;
    for (const m of MATCHERS) {
      if (m.offer !== offer.offerCode) continue;
      const key = m.key({ productFamily: product.productFamily, attributes });
      if (!key) continue;
      const usd = onDemandUsd(offer, sku, m.tier ?? 'first');
      if (usd === undefined) continue;
      // Two SKUs for one key (a licence or edition this table does not tell apart): keep the cheaper, a lower bound.
      const price = Math.round(usd * (m.factor ?? 1) * 1e6) / 1e6;
      if (out[key] && out[key].usd <= price) continue;
      out[key] = { usd: price, unit: m.unit, source: `${OFFER_URL(offer.offerCode, region)} sku=${sku}`, asOf };
    }
  }
  return out;
}

/**
 * The whole table from a directory of offer files laid out as <offerCode>/<region>/index.json.
 * @param {{ offersDir: string, regions: string[], base: any }} opts `base`: the current table (its global prices are kept)
 */
export function buildTable({ offersDir, regions, base }) {
  /** @type {Record<string, Record<string, any>>} */
  const out = {};
  let newest = '';
  for (const region of regions) {
    out[region] = {};
    for (const offerCode of new Set(MATCHERS.map((m) => m.offer))) {
      const file = join(offersDir, offerCode, region, 'index.json');
      if (!existsSync(file)) continue;
      const prices = pricesFromOffer(JSON.parse(readFileSync(file, 'utf8')), region);
      Object.assign(out[region], prices);
      for (const p of Object.values(prices)) if (p.asOf > newest) newest = p.asOf;
    }
    out[region] = Object.fromEntries(Object.entries(out[region]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return {
    $comment: 'On-demand list prices (USD), rebuilt by scripts/refresh-prices.mjs from the AWS Price List Bulk API offer files each regional price names (SKU and publication date); the global prices are carried over from the previous table with their own sources.',
    currency: 'USD',
    asOf: newest || base.asOf,
    hoursPerMonth: 730,
    regions: { ...out, ...(base.regions?.global && { global: base.regions.global }) },
  };
}

function main(argv) {
  const arg = (name) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const offersDir = arg('offers');
  if (!offersDir) {
    console.error('usage: node scripts/refresh-prices.mjs --offers DIR [--regions us-east-1,us-west-2] [--out FILE]');
    process.exit(2);
  }
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const dir = join(root, 'data', 'prices');
  const current = readdirSync(dir).filter((n) => /^aws-\d{4}-\d{2}-\d{2}\.json$/.test(n)).sort().at(-1);
  const base = current ? JSON.parse(readFileSync(join(dir, current), 'utf8')) : { regions: {} };
  const regions = (arg('regions') ?? Object.keys(base.regions).filter((r) => r !== 'global').join(',')).split(',').filter(Boolean);
  const table = buildTable({ offersDir, regions, base });
  const out = arg('out') ?? join(dir, `aws-${table.asOf}.json`);
  writeFileSync(out, `${JSON.stringify(table, null, 2)}\n`);
  console.log(`wrote ${out}: ${regions.map((r) => `${r} ${Object.keys(table.regions[r] ?? {}).length} prices`).join(', ')}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
