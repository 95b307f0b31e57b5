// The cost rule (C55): the estimate `infra-audit cost` prints against the spec's cost total, 5% tolerance.
// One NAT gateway costs $32.85 a month at the bundled table's $0.045/hour x 730 hours; the compliant
// ShopFlow example costs $2,645.09, above the document's $1,441 (the document underprices RDS and Redis: C60).
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { RuleResult } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/graph/types.js';
import { fromExample, onlyFail, testRule, type Case, type Fixture } from './rule-tester.js';

const COMPLIANT = JSON.parse(readFileSync(new URL('../../examples/shopflow-compliant.snapshot.json', import.meta.url), 'utf8')) as Snapshot;
const ASOF = '2025-06-01';

// The spec's stated usage (100 GB out of CloudFront, 500 GB in S3) is priced too: left out where a case prices the gateway alone.
const NO_USAGE = { '/cost/lines/cloudfront/usage': undefined, '/cost/lines/s3/usage': undefined };
const nat = (region?: string): Fixture => fromExample('ec2.nat-gateway', 'nat-0a9b8c7d6e5f4a3b2', {}, region ? { region } : {});
/** The whole compliant example, as collected. */
const shopflow = (more: Partial<Case> = {}): Omit<Case, 'name'> => ({
  nodes: COMPLIANT.nodes as unknown as Fixture[],
  edges: COMPLIANT.edges.map((e) => [e.from, e.type, e.to]),
  ...more,
});
/** The compliant example as the partial one's role reads it: Redis's replication groups denied. */
const withoutRedis = () => {
  const redis = new Set(COMPLIANT.nodes.filter((n) => n.type === 'elasticache.replication-group').map((n) => n.id));
  const all = shopflow({ gaps: [CACHE_GAP] });
  return { ...all, nodes: all.nodes.filter((n) => !redis.has(n.id!)), edges: all.edges!.filter(([f, , t]) => !redis.has(f) && !redis.has(t)) };
};
const CACHE_GAP = { service: 'elasticache', operation: 'DescribeReplicationGroups', code: 'AccessDeniedException', resourceTypes: ['elasticache.replication-group' as const] };

const judged = (status: string, expected: number, actual: number, lowerBound = false) => (rs: RuleResult[]) => {
  expect(rs).toHaveLength(1);
  expect(rs[0]).toMatchObject({
    status, severity: 'info', claims: ['C55'], expected, actual, specPointer: '/cost/total',
    check: { kind: 'cost', op: 'lte', tolerancePercent: 5, pricesAsOf: ASOF, lowerBound },
    subject: { kind: 'cost' }, resource: { id: '123456789012:all:cost', type: 'cost', region: 'all' },
  });
};

const message = (text: string) => (rs: RuleResult[]) => expect(onlyFail(rs).message).toBe(text);
const reason = (pattern: RegExp) => (rs: RuleResult[]) => {
  expect(rs).toHaveLength(1);
  expect(rs[0]!.reason).toMatch(pattern);
};
const both = (...checks: ((rs: RuleResult[]) => void)[]) => (rs: RuleResult[]) => checks.forEach((c) => c(rs));

testRule('cost-within-budget', {
  valid: [
    { name: 'one NAT gateway ($32.85) within a $100 total', nodes: [nat()], spec: { ...NO_USAGE, '/cost/total': 100 }, check: judged('pass', 100, 32.85) },
    { name: 'within the tolerance: $32.85 against $32 (at most $33.60)', nodes: [nat()], spec: { ...NO_USAGE, '/cost/total': 32 }, check: judged('pass', 32, 32.85) },
    { name: 'exactly at the tolerance: $32.85 against $31.29 (+5% = $32.85)', nodes: [nat()], spec: { ...NO_USAGE, '/cost/total': 31.29 }, check: judged('pass', 31.29, 32.85) },
    {
      name: 'no total stated: the sum of the lines ($1,441) is the total',
      nodes: [nat()],
      spec: { ...NO_USAGE, '/cost/total': undefined },
      check: (rs) => expect(rs[0]).toMatchObject({ status: 'pass', expected: 1441, specPointer: '/cost/lines' }),
    },
    { name: 'nothing in scope costs $0', nodes: [], spec: NO_USAGE, check: judged('pass', 1441, 0) },
    { name: 'the usage the spec states is priced: $32.85 + 100 GB out of CloudFront ($8.50) + 500 GB in S3 ($11.50)', nodes: [nat()], spec: { '/cost/total': 60 }, check: judged('pass', 60, 52.85) },
    { name: 'the compliant ShopFlow example within a $3,000 total', ...shopflow(), spec: { '/cost/total': 3000 }, check: judged('pass', 3000, 2645.09) },
  ],
  invalid: [
    {
      name: 'the compliant ShopFlow example is above the document\'s $1,441',
      ...shopflow(),
      check: both(
        judged('fail', 1441, 2645.09),
        message(`estimated monthly cost (on-demand list prices as of ${ASOF}) is $2,645.09, the architecture requires at most $1,513.05 (the documented $1,441.00 + 5%)`),
      ),
    },
    { name: 'a cent above the tolerance: $32.85 against $31.28 (+5% = $32.84)', nodes: [nat()], spec: { ...NO_USAGE, '/cost/total': 31.28 }, check: judged('fail', 31.28, 32.85) },
    {
      name: 'a total of $0: anything priced is above it',
      nodes: [nat()],
      spec: { ...NO_USAGE, '/cost/total': 0 },
      check: both(judged('fail', 0, 32.85), message(`estimated monthly cost (on-demand list prices as of ${ASOF}) is $32.85, the architecture requires at most $0.00 (the documented $0.00 + 5%)`)),
    },
    { name: 'the compliant example with Redis unread: $1,742.81 without it is already above $1,513.05', ...withoutRedis(), check: judged('fail', 1441, 1742.81, true) },
    {
      name: 'a read failed, yet what was priced is already above the total: certain, and says what it leaves out',
      nodes: [nat()],
      gaps: [CACHE_GAP],
      spec: { ...NO_USAGE, '/cost/total': 10 },
      check: both(
        judged('fail', 10, 32.85, true),
        message(`estimated monthly cost (on-demand list prices as of ${ASOF}) is at least $32.85, the architecture requires at most $10.50 (the documented $10.00 + 5%) (the estimate leaves out: ElastiCache: elasticache DescribeReplicationGroups failed in us-east-1 (AccessDeniedException): what it would have found is unknown)`),
      ),
    },
  ],
  skip: [
    { name: 'the spec has no cost table', nodes: [nat()], spec: { ...NO_USAGE, '/cost': undefined }, check: reason(/^not in this architecture$/) },
  ],
  error: [
    { name: 'a read failed and what was priced is within the total: never a pass', nodes: [nat()], spec: NO_USAGE, gaps: [CACHE_GAP], check: reason(/^the estimate is only a lower bound \(\$32\.85, within the spec's total of \$1441\.00\): ElastiCache: elasticache DescribeReplicationGroups failed/) },
    { name: 'the compliant example with Redis unread, within a $2,000 total', ...withoutRedis(), spec: { '/cost/total': 2000 }, check: reason(/^the estimate is only a lower bound \(\$1742\.81, within the spec's total of \$2000\.00\)/) },
    {
      name: 'the price table has no prices for the region the gateway is in',
      nodes: [nat('eu-west-1')],
      regions: ['us-east-1', 'eu-west-1'],
      check: reason(/nat-0a9b8c7d6e5f4a3b2 not priced \(the price table \(2025-06-01\) has no prices for region eu-west-1\)/),
    },
    {
      name: 'the spec\'s region was not collected: what runs there is unknown',
      nodes: [nat()],
      spec: { '/region': 'eu-west-1' },
      check: reason(/region eu-west-1, where the spec puts a network, was not collected/),
    },
    {
      name: 'a service on EC2 container instances is not priced',
      nodes: [fromExample('ecs.service', 'shopflow-api', { usesFargate: false })],
      check: reason(/shopflow-api not priced \(the service runs on EC2 container instances, which are not collected\)/),
    },
  ],
});
