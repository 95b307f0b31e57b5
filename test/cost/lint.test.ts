// Claim C60: the document's cost table against its own topology. On ShopFlow the lint finds exactly
// the ElastiCache line (two nodes' worth for six nodes) and the RDS line (below the on-demand price of
// a Multi-AZ db.r6g.xlarge with two replicas and 500 GB gp3), and nothing else.
import { beforeAll, describe, expect, it } from 'vitest';
import { lintCost } from '../../src/cost/lint.js';
import { loadBundledPrices, priceOf, type PriceTable } from '../../src/cost/prices.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { DOCUMENT_COST, shopflowV2 } from './shopflow.js';

let table: PriceTable;
beforeAll(async () => {
  table = await loadBundledPrices();
});
const withLines = (lines: Record<string, unknown>, total?: number) => shopflowV2({ ...DOCUMENT_COST, lines: { ...DOCUMENT_COST.lines, ...lines }, ...(total !== undefined ? { total } : {}) } as never);

describe('spec lint of the cost table (C60)', () => {
  it("ShopFlow's spec with the document's table is valid v2", () => {
    expect(schemaValidator('specV2')(shopflowV2())).toBe(true);
  });

  it("finds exactly the ElastiCache and RDS lines of ShopFlow's table", () => {
    const problems = lintCost(shopflowV2(), table);
    expect(problems.map((p) => p.pointer)).toEqual(['/cost/lines/rds/monthly', '/cost/lines/elasticache/monthly']);
    const [rds, cache] = problems;
    expect(cache!.message).toMatch(/^\$300\.00 pays for about 2 cache\.r6g\.large node\(s\) .* caches\/[a-z0-9-]+ has 6: 2 shard\(s\) x \(1 primary \+ 2 replica\(s\)\)/);
    expect(rds!.message).toMatch(/^\$800\.00 pays for about 2 db\.r6g\.xlarge instance\(s\) .* databases\/[a-z0-9-]+ has 4: a writer, its Multi-AZ standby and 2 read replica\(s\)/);
    const onDemand = 2 * priceOf(table, 'us-east-1', 'rds.postgres.db.r6g.xlarge.multi-az')!.usd * 730 + 500 * 0.23 + 1000 * 0.115;
    expect(rds!.message).toContain(`on-demand that is $${onDemand.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
  });

  it('is quiet once the lines pay for what the topology has', () => {
    expect(lintCost(withLines({ elasticache: { monthly: 905 }, rds: { monthly: 1545 } }, 1441 - 300 - 800 + 905 + 1545), table)).toEqual([]);
  });

  it('flags a line below the on-demand price even when it pays for enough nodes of a cheaper kind', () => {
    // $700 buys four single-AZ db.r6g.xlarge hours' worth of instances but not the storage and Multi-AZ.
    const spec = withLines({ rds: { monthly: 1320 } }, 1961);
    const problems = lintCost(spec, table).filter((p) => p.pointer.startsWith('/cost/lines/rds'));
    expect(problems).toEqual([{ pointer: '/cost/lines/rds/monthly', message: expect.stringMatching(/^\$1,320\.00 is below the on-demand price of what the spec describes for it: \$1,541\.08/) }]);
  });

  it('counts the nodes of the topology the spec has, not a fixed shape', () => {
    const spec = shopflowV2();
    const cache = Object.values(spec.caches!)[0]!;
    cache.shards = 1;
    cache.replicasPerShard = 1;
    const problems = lintCost(spec, table).map((p) => p.pointer);
    expect(problems).not.toContain('/cost/lines/elasticache/monthly');
    cache.shards = 3;
    expect(lintCost(spec, table).find((p) => p.pointer === '/cost/lines/elasticache/monthly')?.message).toMatch(/has 6: 3 shard\(s\) x \(1 primary \+ 1 replica\(s\)\)/);
  });

  it('rounding in the document is not an inconsistency', () => {
    const exact = 6 * priceOf(table, 'us-east-1', 'elasticache.redis.cache.r6g.large')!.usd * 730;
    expect(lintCost(withLines({ elasticache: { monthly: Math.floor(exact * 0.97) } }, undefined), table).map((p) => p.pointer)).not.toContain('/cost/lines/elasticache/monthly');
  });

  it('flags a total that is not the sum of the lines', () => {
    expect(lintCost(withLines({}, 1500), table)).toContainEqual({ pointer: '/cost/total', message: 'is $1,500.00 but the lines add up to $1,441.00' });
  });

  it('flags a line that covers an item the section does not have', () => {
    expect(lintCost(withLines({ elasticache: { monthly: 905, covers: [Object.keys(shopflowV2().caches!)[0]!, 'sessions'] } }), table)).toContainEqual({ pointer: '/cost/lines/elasticache/covers/1', message: 'covers "sessions", which is not an item of caches' });
  });

  it('cannot judge a line whose topology it cannot price, and says nothing rather than guess', () => {
    const spec = shopflowV2();
    Object.values(spec.caches!)[0]!.nodeType = 'cache.x9z.mega';
    expect(lintCost(spec, table).map((p) => p.pointer)).not.toContain('/cost/lines/elasticache/monthly');
  });

  it('a spec without a cost section has nothing to lint', () => {
    expect(lintCost(shopflowV2(null), table)).toEqual([]);
  });
});

describe('spec lint of an Aurora cluster line', () => {
  it('counts the writer and its readers (Multi-AZ is a reader there) and flags a line that pays for fewer', async () => {
    const { readFileSync } = await import('node:fs');
    const { root } = await import('./shopflow.js');
    const ledgerly = JSON.parse(readFileSync(root('specs/ledgerly.json'), 'utf8'));
    const perInstance = priceOf(table, 'us-east-1', 'rds.aurora-postgresql.db.r6g.large')!.usd * 730;
    const lint = (monthly: number) => lintCost({ ...ledgerly, cost: { currency: 'USD', lines: { rds: { monthly } } } }, table);
    expect(lint(Math.ceil(2 * perInstance))).toEqual([]);
    expect(lint(Math.round(perInstance))).toEqual([{ pointer: '/cost/lines/rds/monthly', message: expect.stringMatching(/pays for about 1 db\.r6g\.large instance\(s\) .* databases\/main has 2: an Aurora writer and 1 reader\(s\)/) }]);
  });
});
