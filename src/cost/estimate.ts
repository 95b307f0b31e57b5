// The live estimate: the in-scope resources of a snapshot, priced line by line on-demand. Only the
// configuration is priced (what runs, how big, how many); usage the account does not tell is priced
// only as the spec's cost lines state it, and otherwise named as left out.
import { Graph } from '../graph/graph.js';
import type { GraphNode, Snapshot } from '../graph/types.js';
import { computeScope } from '../engine/scope.js';
import type { SpecScope } from '../engine/spec.js';
import { COST_CATEGORIES, type CostCategory } from './categories.js';
import { auroraInstanceLines, cacheLines, fargateLines, hostedZoneLines, loadBalancerLines, natLines, rdsInstanceLines, statedUsageLines, usageOnlyLines, webAclLines, type Subject } from './components.js';
import { pricedLine, summarizeLines, type CostEstimate, type CostLine } from './model.js';
import type { PriceTable } from './prices.js';
import type { SpecCost } from './spec-cost.js';

/** The resource types each category prices: a failed read of one leaves the category unknown. */
export const CATEGORY_TYPES: Record<CostCategory, readonly string[]> = {
  'ecs-fargate': ['ecs.service', 'ecs.task-definition'],
  rds: ['rds.db-instance', 'rds.db-cluster'],
  elasticache: ['elasticache.replication-group'],
  cloudfront: ['cloudfront.distribution'],
  waf: ['wafv2.web-acl'],
  s3: ['s3.bucket'],
  'load-balancer': ['elbv2.load-balancer'],
  'nat-gateway': ['ec2.nat-gateway'],
  route53: ['route53.hosted-zone'],
  sqs: ['sqs.queue'],
};

export interface LiveInput {
  snapshot: Snapshot;
  /** The spec's region, scope and cost table; its sections, when given, name the regions items live in. */
  spec: { region: string; scope: SpecScope; cost?: SpecCost } & Record<string, unknown>;
  prices: PriceTable;
}

export function estimateLive({ snapshot, spec, prices }: LiveInput): CostEstimate {
  const graph = Graph.of(snapshot);
  const inScope = computeScope(graph, spec.scope);
  const nodes = (type: string) => graph.ofType(type).filter((n) => inScope.has(n.id));
  const subject = (n: GraphNode): Subject => ({ id: n.id, name: n.name, region: n.region });
  const p = <T>(n: GraphNode) => n.props as T;
  const lines: CostLine[] = [];

  for (const n of nodes('ecs.service')) {
    const svc = p<{ usesFargate: boolean; desiredCount: number }>(n);
    if (!svc.usesFargate) {
      lines.push(pricedLine({ category: 'ecs-fargate', subject: subject(n), description: `${svc.desiredCount} task(s) on EC2`, quantity: svc.desiredCount }, undefined, 'the service runs on EC2 container instances, which are not collected'));
      continue;
    }
    const taskDef = graph.neighbours(n.id, 'runs')[0];
    const size = taskDef ? p<{ cpu: number | null; memory: number | null }>(taskDef) : { cpu: null, memory: null };
    lines.push(...fargateLines(prices, subject(n), svc.desiredCount, size.cpu, size.memory));
  }

  for (const n of nodes('rds.db-instance')) {
    const db = p<{ engine: string; instanceClass: string; multiAz: boolean; storageType: string; allocatedStorageGb: number; dbClusterIdentifier: string | null }>(n);
    if (db.dbClusterIdentifier) {
      // An Aurora instance is billed by the hour whatever its role; other cluster kinds are not in the table.
      lines.push(...(db.engine.startsWith('aurora')
        ? auroraInstanceLines(prices, subject(n), db.engine, db.instanceClass)
        : [pricedLine({ category: 'rds', subject: subject(n), description: `${db.instanceClass} (${db.engine}) in cluster ${db.dbClusterIdentifier}`, quantity: 1 }, undefined, 'Multi-AZ DB clusters are not in the price table')]));
      continue;
    }
    lines.push(...rdsInstanceLines(prices, subject(n), { engine: db.engine, instanceClass: db.instanceClass, multiAz: db.multiAz, storageType: db.storageType, storageGb: db.allocatedStorageGb }));
  }

  for (const n of nodes('elasticache.replication-group')) {
    const rg = p<{ engine: string; cacheNodeType: string; numNodeGroups: number; minReplicasPerNodeGroup: number; nodeGroups: { replicaCount: number }[] }>(n);
    const nodeCount = rg.nodeGroups.length ? rg.nodeGroups.reduce((sum, g) => sum + 1 + g.replicaCount, 0) : rg.numNodeGroups * (1 + rg.minReplicasPerNodeGroup);
    lines.push(...cacheLines(prices, subject(n), rg.engine, rg.cacheNodeType, nodeCount));
  }

  for (const n of nodes('ec2.nat-gateway')) {
    const nat = p<{ state: string; availabilityMode: string; availabilityZones: string[] }>(n);
    // Deleted and failed gateways bill nothing.
    if (nat.state !== 'available' && nat.state !== 'pending') continue;
    const regional = nat.availabilityMode === 'regional';
    const count = regional ? Math.max(1, nat.availabilityZones.length) : 1;
    lines.push(...natLines(prices, subject(n), count, regional ? ` (regional, priced per zone it serves: ${nat.availabilityZones.join(', ')})` : ''));
  }

  for (const n of nodes('elbv2.load-balancer')) lines.push(...loadBalancerLines(prices, subject(n), p<{ type: string }>(n).type));
  for (const n of nodes('wafv2.web-acl')) lines.push(...webAclLines(prices, subject(n), p<{ ruleCount: number }>(n).ruleCount));
  for (const n of nodes('route53.hosted-zone')) lines.push(...hostedZoneLines(prices, subject(n)));
  for (const n of nodes('cloudfront.distribution')) lines.push(...usageOnlyLines('cloudfront', subject(n), 'distribution'));
  for (const n of nodes('s3.bucket')) lines.push(...usageOnlyLines('s3', subject(n), 'bucket'));
  for (const n of nodes('sqs.queue')) lines.push(...usageOnlyLines('sqs', subject(n), 'queue'));

  lines.push(...statedUsage(spec, prices));
  return summarizeLines(lines, prices, gapsByCategory(snapshot, spec));
}

/** The usage the spec's cost lines state, priced where the table prices that usage. */
export function statedUsage(spec: { region: string; cost?: SpecCost }, prices: PriceTable): CostLine[] {
  const out: CostLine[] = [];
  for (const [category, specLine] of Object.entries(spec.cost?.lines ?? {}) as [CostCategory, NonNullable<SpecCost['lines'][CostCategory]>][]) {
    if (!specLine.usage) continue;
    const region = category === 'cloudfront' ? 'global' : spec.region;
    out.push(...statedUsageLines(prices, category, { id: `/cost/lines/${category}/usage`, name: 'usage stated by the spec', region }, specLine.usage));
  }
  return out;
}

/** Categories of global resources (CloudFront, WAF on CloudFront, Route 53): collected whatever the regions. */
const GLOBAL_CATEGORIES: readonly CostCategory[] = ['cloudfront', 'waf', 'route53'];

function gapsByCategory(snapshot: Snapshot, spec: LiveInput['spec']): Partial<Record<CostCategory, string[]>> {
  const out: Partial<Record<CostCategory, string[]>> = {};
  for (const [category, types] of Object.entries(CATEGORY_TYPES) as [CostCategory, readonly string[]][]) {
    const gaps = snapshot.gaps.filter((g) => g.resourceTypes.some((t) => types.includes(t)));
    const unread = GLOBAL_CATEGORIES.includes(category) ? [] : uncollectedRegions(snapshot, spec, COST_CATEGORIES[category].section);
    const reasons = [
      ...gaps.map((g) => `${g.service} ${g.operation} failed in ${g.region} (${g.code}): what it would have found is unknown`),
      ...unread.map((r) => `region ${r}, where the spec puts ${category === 'nat-gateway' ? 'a network' : 'an item'}, was not collected: what runs there is unknown`),
    ];
    if (reasons.length) out[category] = reasons;
  }
  return out;
}

/** The regions the spec's items of `section` live in (an item's own, else the spec's) that the snapshot did not read. */
function uncollectedRegions(snapshot: Snapshot, spec: LiveInput['spec'], section: string): string[] {
  const items = spec[section];
  if (!items || typeof items !== 'object') return [];
  const regions = Object.values(items as Record<string, { region?: unknown }>).map((item) => (typeof item?.region === 'string' ? item.region : spec.region));
  return [...new Set(regions)].filter((r) => !snapshot.meta.regions.includes(r)).sort();
}
