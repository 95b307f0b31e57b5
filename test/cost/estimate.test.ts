// The live estimate, category by category, from the price table's own figures: the ShopFlow example
// priced as its configuration says, things the table cannot price shown as "not priced" (never $0),
// and a failed read making the category unknown rather than cheap.
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateLive } from '../../src/cost/estimate.js';
import { loadBundledPrices, priceOf, type PriceTable } from '../../src/cost/prices.js';
import type { CostEstimate } from '../../src/cost/model.js';
import type { Snapshot } from '../../src/graph/types.js';
import { exampleSnapshot, shopflowV2 } from './shopflow.js';

let table: PriceTable;
beforeAll(async () => {
  table = await loadBundledPrices();
});
const usd = (region: string, key: string) => priceOf(table, region, key)!.usd;
const H = 730;
const round = (n: number) => Math.round(n * 100) / 100;
const category = (e: CostEstimate, c: string) => e.categories.find((x) => x.category === c);
const linesOf = (e: CostEstimate, c: string) => e.lines.filter((l) => l.category === c);

function edit(snapshot: Snapshot, name: string, props: Record<string, unknown>, extra: Partial<Snapshot['nodes'][number]> = {}): Snapshot {
  const copy = structuredClone(snapshot);
  const node = copy.nodes.find((n) => n.name === name)!;
  Object.assign(node.props, props, {});
  Object.assign(node, extra);
  return copy;
}

describe('estimateLive on the ShopFlow example', () => {
  const estimate = () => estimateLive({ snapshot: exampleSnapshot('compliant'), spec: shopflowV2(), prices: table });

  it('prices the database as a Multi-AZ writer, two single-AZ replicas and their gp3 storage', () => {
    const e = estimate();
    const expected = usd('us-east-1', 'rds.postgres.db.r6g.xlarge.multi-az') * H + 2 * usd('us-east-1', 'rds.postgres.db.r6g.xlarge.single-az') * H + 500 * usd('us-east-1', 'rds.storage.gp3.multi-az') + 2 * 500 * usd('us-east-1', 'rds.storage.gp3.single-az');
    expect(category(e, 'rds')!.monthly).toBeCloseTo(expected, 1);
    // billing-db belongs to another application: not priced here.
    expect(linesOf(e, 'rds').map((l) => l.subject.name)).not.toContain('billing-db');
    expect(new Set(linesOf(e, 'rds').map((l) => l.subject.name))).toEqual(new Set(['shopflow-db', 'shopflow-db-replica-1', 'shopflow-db-replica-2']));
  });

  it('prices every cache node: two shards of a primary and two replicas', () => {
    const e = estimate();
    const [line] = linesOf(e, 'elasticache');
    expect(line).toMatchObject({ quantity: 6, unitPrice: usd('us-east-1', 'elasticache.redis.cache.r6g.large'), hours: H, monthly: round(6 * usd('us-east-1', 'elasticache.redis.cache.r6g.large') * H) });
  });

  it("prices Fargate tasks from the service's desired count and its task definition's size", () => {
    const e = estimate();
    const perTask = (cpu: number, mem: number) => (cpu / 1024) * usd('us-east-1', 'fargate.vcpu-hour') * H + (mem / 1024) * usd('us-east-1', 'fargate.gb-hour') * H;
    expect(category(e, 'ecs-fargate')!.monthly).toBeCloseTo(4 * perTask(512, 1024) + 2 * perTask(256, 512), 1);
  });

  it('prices NAT gateways, the load balancer, the web ACL with its rules and the hosted zone', () => {
    const e = estimate();
    const inScopeNats = linesOf(e, 'nat-gateway').length;
    expect(inScopeNats).toBeGreaterThanOrEqual(2);
    expect(category(e, 'nat-gateway')!.monthly).toBeCloseTo(inScopeNats * usd('us-east-1', 'nat-gateway.hour') * H, 1);
    expect(category(e, 'load-balancer')!.monthly).toBeCloseTo(usd('us-east-1', 'alb.hour') * H, 1);
    expect(category(e, 'waf')!.monthly).toBeCloseTo(usd('global', 'waf.web-acl-month') + 4 * usd('global', 'waf.rule-month'), 2);
    expect(category(e, 'route53')!.monthly).toBeCloseTo(usd('global', 'route53.hosted-zone-month'), 2);
  });

  it("prices usage only as the spec's cost lines state it, and says what it leaves out", () => {
    const e = estimate();
    expect(category(e, 's3')!.monthly).toBeCloseTo(500 * usd('us-east-1', 's3.standard.gb-month'), 2);
    expect(category(e, 'cloudfront')!.monthly).toBeCloseTo(100 * usd('global', 'cloudfront.transfer-out.gb'), 2);
    expect(category(e, 'sqs')).toMatchObject({ monthly: 0, excludes: expect.stringContaining('requests not priced') });
    const without = estimateLive({ snapshot: exampleSnapshot('compliant'), spec: shopflowV2(null), prices: table });
    expect(category(without, 's3')!.monthly).toBe(0);
    expect(category(without, 's3')!.excludes).toMatch(/bucket sizes are not read/);
  });

  it('is complete when every line is priced and every read succeeded; the total is the sum of the categories', () => {
    const e = estimate();
    expect(e.complete).toBe(true);
    expect(e.total).toBeCloseTo(e.categories.reduce((s, c) => s + c.monthly, 0), 2);
    expect(e.prices.asOf).toBe(table.asOf);
  });
});

describe('what the estimate cannot price', () => {
  it('an instance class the table does not know is "not priced", never $0, and the total becomes a lower bound', () => {
    const snapshot = edit(exampleSnapshot('compliant'), 'shopflow-db-replica-1', { instanceClass: 'db.x9z.mega' });
    const e = estimateLive({ snapshot, spec: shopflowV2(), prices: table });
    const line = e.lines.find((l) => l.subject.name === 'shopflow-db-replica-1' && l.description.includes('db.x9z.mega'))!;
    expect(line).toMatchObject({ monthly: null, unitPrice: null });
    expect(line.notPriced).toMatch(/no price for postgres db\.x9z\.mega Single-AZ in us-east-1/);
    expect(category(e, 'rds')!.unpriced).toBe(1);
    expect(e.complete).toBe(false);
  });

  it('a cache node type or engine the table does not know is not priced', () => {
    const e = estimateLive({ snapshot: edit(exampleSnapshot('compliant'), 'shopflow-redis', { engine: 'valkey' }), spec: shopflowV2(), prices: table });
    expect(linesOf(e, 'elasticache')[0]).toMatchObject({ monthly: null, quantity: 6 });
  });

  it('a region without prices is a gap in the estimate, not a zero', () => {
    const snapshot = structuredClone(exampleSnapshot('compliant'));
    for (const n of snapshot.nodes) if (n.region === 'us-east-1') n.region = 'ap-south-7';
    const e = estimateLive({ snapshot, spec: shopflowV2(), prices: table });
    const regional = e.lines.filter((l) => l.subject.region === 'ap-south-7');
    expect(regional.length).toBeGreaterThan(5);
    for (const l of regional.filter((x) => x.unitPrice !== 0)) expect(l).toMatchObject({ monthly: null, notPriced: expect.stringMatching(/no prices for region ap-south-7/) });
    expect(e.complete).toBe(false);
  });

  it('a service on EC2 container instances and a task definition without task-level size are not priced', () => {
    let snapshot = edit(exampleSnapshot('compliant'), 'shopflow-worker', { usesFargate: false, launchType: 'EC2' });
    snapshot = edit(snapshot, 'shopflow-api:42', { cpu: null, memory: null });
    const e = estimateLive({ snapshot, spec: shopflowV2(), prices: table });
    const reasons = linesOf(e, 'ecs-fargate').map((l) => l.notPriced);
    expect(reasons).toEqual(expect.arrayContaining([expect.stringMatching(/EC2 container instances/), expect.stringMatching(/no task-level cpu and memory/)]));
    expect(category(e, 'ecs-fargate')).toMatchObject({ monthly: 0, unpriced: 2 });
  });

  it('a deleted NAT gateway bills nothing; a regional one is priced per zone it serves', () => {
    const base = exampleSnapshot('compliant');
    const before = linesOf(estimateLive({ snapshot: base, spec: shopflowV2(), prices: table }), 'nat-gateway');
    const name = before[0]!.subject.name;
    const deleted = linesOf(estimateLive({ snapshot: edit(base, name, { state: 'deleted' }), spec: shopflowV2(), prices: table }), 'nat-gateway');
    expect(deleted.map((l) => l.subject.name)).toEqual(before.slice(1).map((l) => l.subject.name));
    const regional = edit(base, name, { availabilityMode: 'regional', availabilityZones: ['us-east-1a', 'us-east-1b', 'us-east-1c'] });
    const line = linesOf(estimateLive({ snapshot: regional, spec: shopflowV2(), prices: table }), 'nat-gateway').find((l) => l.subject.name === name)!;
    expect(line).toMatchObject({ quantity: 3, monthly: round(3 * usd('us-east-1', 'nat-gateway.hour') * H) });
  });
});

describe('a read that failed', () => {
  it('leaves its category unknown (a lower bound), never "none": the partial example could not read ElastiCache', () => {
    const e = estimateLive({ snapshot: exampleSnapshot('partial'), spec: shopflowV2(), prices: table });
    const cache = category(e, 'elasticache')!;
    expect(cache.gaps).toEqual([expect.stringMatching(/elasticache DescribeReplicationGroups failed in us-east-1 \(AccessDeniedException\)/)]);
    expect(cache.monthly).toBe(0);
    expect(e.complete).toBe(false);
  });

  it('a failed read of another service does not touch the category', () => {
    const e = estimateLive({ snapshot: exampleSnapshot('partial'), spec: shopflowV2(), prices: table });
    expect(category(e, 'rds')!.gaps).toEqual([]);
  });
});

describe('an Aurora cluster (the bundled Ledgerly example)', () => {
  it('prices every instance of the cluster at its class, writer and reader alike, and no storage', async () => {
    const { readFileSync } = await import('node:fs');
    const { root } = await import('./shopflow.js');
    const spec = JSON.parse(readFileSync(root('specs/ledgerly.json'), 'utf8'));
    const snapshot = JSON.parse(readFileSync(root('examples/ledgerly-compliant.snapshot.json'), 'utf8'));
    const e = estimateLive({ snapshot, spec, prices: table });
    const rds = linesOf(e, 'rds');
    expect(rds.length).toBeGreaterThanOrEqual(2);
    for (const l of rds) expect(l).toMatchObject({ unitPrice: usd('us-east-1', 'rds.aurora-postgresql.db.r6g.large'), quantity: 1, hours: H });
    expect(category(e, 'rds')!.excludes).toMatch(/Aurora cluster volume and its I\/O/);
  });
});
