// The bundled price table: every price has a source and a date, every region a bundled spec names is
// priced, and a broken table is refused at the price to fix.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBundledPrices, loadPrices, priceOf } from '../../src/cost/prices.js';
import { BUNDLED_SPECS } from '../../src/engine/bundled-specs.js';
import { InputError } from '../../src/errors.js';
import { readFileSync } from 'node:fs';
import { root } from './shopflow.js';

const REQUIRED = ['nat-gateway.hour', 'nat-gateway.gb', 'alb.hour', 'alb.lcu-hour', 'fargate.vcpu-hour', 'fargate.gb-hour', 'rds.postgres.db.r6g.xlarge.single-az', 'rds.postgres.db.r6g.xlarge.multi-az', 'rds.storage.gp3.single-az', 'rds.storage.gp3.multi-az', 'elasticache.redis.cache.r6g.large', 's3.standard.gb-month', 'sqs.standard.million-requests'];

/** Every region a bundled spec (or an item of it) names. */
function bundledRegions(): string[] {
  const regions = new Set<string>();
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) (k === 'region' && typeof x === 'string' ? regions.add(x) : walk(x));
  };
  for (const file of Object.values(BUNDLED_SPECS)) walk(JSON.parse(readFileSync(root(file), 'utf8')));
  return [...regions];
}

describe('the bundled price table', () => {
  it('prices every kind the estimate needs in every region a bundled spec names, and the global services', async () => {
    const table = await loadBundledPrices();
    const regions = bundledRegions();
    expect(regions).toContain('us-east-1');
    for (const region of new Set([...regions, 'us-east-1', 'us-west-2'])) {
      for (const key of REQUIRED) expect(priceOf(table, region, key), `${region} ${key}`).toBeDefined();
    }
    for (const key of ['cloudfront.transfer-out.gb', 'waf.web-acl-month', 'waf.rule-month', 'route53.hosted-zone-month']) expect(priceOf(table, 'global', key)).toBeDefined();
  });

  it('says for every price where it comes from and when it was published', async () => {
    const table = await loadBundledPrices();
    for (const prices of Object.values(table.regions)) {
      for (const price of Object.values(prices)) {
        expect(price.source).toMatch(/^https:\/\/(aws\.amazon\.com\/|pricing\.us-east-1\.amazonaws\.com\/offers\/)/);
        expect(price.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
    expect(table.file).toMatch(/aws-\d{4}-\d{2}-\d{2}\.json$/);
  });

  it('has no price for what it does not know: absent, never zero', async () => {
    const table = await loadBundledPrices();
    expect(priceOf(table, 'us-east-1', 'rds.postgres.db.x9z.mega.single-az')).toBeUndefined();
    expect(priceOf(table, 'ap-south-7', 'alb.hour')).toBeUndefined();
    expect(priceOf(table, 'us-east-1', 'constructor')).toBeUndefined();
  });

  it('refuses a table whose price has no source, at that price, with its line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const file = join(dir, 'aws-2030-01-01.json');
    writeFileSync(file, JSON.stringify({ currency: 'USD', asOf: '2030-01-01', hoursPerMonth: 730, regions: { 'us-east-1': { 'alb.hour': { usd: 0.02, unit: 'hour', asOf: '2030-01-01' } } } }, null, 2));
    const err = await loadPrices(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).location).toMatchObject({ file, pointer: '/regions/us-east-1/alb.hour/source', line: 7 });
  });

  it('refuses a negative or non-numeric price', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'prices-'));
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ currency: 'USD', asOf: '2030-01-01', hoursPerMonth: 730, regions: { 'us-east-1': { 'alb.hour': { usd: '0.02', unit: 'hour', source: 'x', asOf: '2030-01-01' } } } }));
    await expect(loadPrices(file)).rejects.toMatchObject({ location: { pointer: '/regions/us-east-1/alb.hour/usd' } });
    writeFileSync(file, JSON.stringify({ currency: 'EUR', asOf: '2030-01-01', hoursPerMonth: 730, regions: {} }));
    await expect(loadPrices(file)).rejects.toMatchObject({ location: { pointer: '/currency' } });
  });
});
