// scripts/refresh-prices.mjs on small offer files in the Price List Bulk API's shape (test/fixtures/
// offers/): it takes each key's on-demand price with its SKU and the offer's date, skips what is not
// that key (another region, engine or deployment option, a free tier), and writes a table the tool loads.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs script without declarations
import { buildTable } from '../../scripts/refresh-prices.mjs';
import { loadBundledPrices, loadPrices, priceOf } from '../../src/cost/prices.js';
import { root } from './shopflow.js';

const OFFERS = root('test/fixtures/offers');

describe('refresh-prices', () => {
  it("takes each key's on-demand price from the region's offer file, naming the SKU and the offer's date", async () => {
    const base = await loadBundledPrices();
    const table = buildTable({ offersDir: OFFERS, regions: ['us-east-1'], base });
    const east = table.regions['us-east-1'];
    expect(east['nat-gateway.hour']).toEqual({ usd: 0.045, unit: 'hour', source: 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json sku=NATHRS1', asOf: '2026-11-15' });
    expect(east['nat-gateway.gb'].usd).toBe(0.045);
    expect(east['rds.postgres.db.r6g.xlarge.single-az'].usd).toBe(0.449);
    expect(east['rds.postgres.db.r6g.xlarge.multi-az']).toMatchObject({ usd: 0.898, source: expect.stringContaining('sku=PGXL2') });
    expect(east['rds.storage.gp3.multi-az'].usd).toBe(0.23);
    // Past the free first million: $0.0000004 a request is $0.40 a million.
    expect(east['sqs.standard.million-requests'].usd).toBe(0.4);
    expect(table.asOf).toBe('2026-11-15');
  });

  it('leaves out what is not the key: another region, engine or deployment option, another product', async () => {
    const table = buildTable({ offersDir: OFFERS, regions: ['us-east-1'], base: await loadBundledPrices() });
    const sources = Object.values(table.regions['us-east-1']).map((p: any) => p.source).join(' ');
    for (const sku of ['NATUSW2', 'MYXL1', 'PGXL3', 'EIP1']) expect(sources).not.toContain(`sku=${sku}`);
    expect(Object.keys(table.regions['us-east-1'])).not.toContain('rds.mysql.db.r6g.xlarge.single-az');
  });

  it('prices nothing it has no offer file for: absent, never zero', async () => {
    const table = buildTable({ offersDir: OFFERS, regions: ['us-east-1', 'eu-west-3'], base: await loadBundledPrices() });
    expect(table.regions['eu-west-3']).toEqual({});
    expect(table.regions['us-east-1']['alb.hour']).toBeUndefined();
  });

  it('keeps the global prices with their own sources, and writes a table the tool loads', async () => {
    const base = await loadBundledPrices();
    const table = buildTable({ offersDir: OFFERS, regions: ['us-east-1'], base });
    const file = join(mkdtempSync(join(tmpdir(), 'refresh-')), 'aws-2026-11-15.json');
    writeFileSync(file, JSON.stringify(table, null, 2));
    const loaded = await loadPrices(file);
    expect(priceOf(loaded, 'global', 'route53.hosted-zone-month')).toEqual(priceOf(base, 'global', 'route53.hosted-zone-month'));
    expect(priceOf(loaded, 'us-east-1', 'elasticache.redis.cache.r6g.large')).toBeUndefined();
  });
});
