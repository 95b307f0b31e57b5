// How each kind of thing is priced, shared by the live estimate (resources) and the spec's own
// estimate (items): so the lint and the estimate cannot price the same database two ways.
import type { CostCategory } from './categories.js';
import { freeLine, pricedLine, type CostLine } from './model.js';
import { hasRegion, priceOf, type PriceTable } from './prices.js';

export type Subject = CostLine['subject'];

/** The price of `key` in `region` with the reason it is missing, if it is. */
function lookup(table: PriceTable, region: string, key: string, what: string) {
  const price = priceOf(table, region, key);
  const missing = hasRegion(table, region)
    ? `the price table (${table.asOf}) has no price for ${what} in ${region}`
    : `the price table (${table.asOf}) has no prices for region ${region}`;
  return { price, missing };
}

/** A price per hour (or per month when `monthly`) times a quantity, as one line. */
function line(table: PriceTable, category: CostCategory, subject: Subject, key: string, what: string, quantity: number, description: string, hourly = true): CostLine {
  const { price, missing } = lookup(table, subject.region, key, what);
  return pricedLine({ category, subject, description, quantity }, price, missing, hourly ? table.hoursPerMonth : undefined);
}

export function fargateLines(table: PriceTable, subject: Subject, tasks: number, cpuUnits: number | null, memoryMiB: number | null): CostLine[] {
  if (cpuUnits === null || memoryMiB === null) {
    return [pricedLine({ category: 'ecs-fargate', subject, description: `${tasks} task(s)`, quantity: tasks }, undefined, 'the task definition sets no task-level cpu and memory, which Fargate bills')];
  }
  const vcpu = cpuUnits / 1024;
  const gb = memoryMiB / 1024;
  return [
    line(table, 'ecs-fargate', subject, 'fargate.vcpu-hour', 'Fargate vCPU', tasks * vcpu, `${tasks} task(s) x ${vcpu} vCPU`),
    line(table, 'ecs-fargate', subject, 'fargate.gb-hour', 'Fargate memory', tasks * gb, `${tasks} task(s) x ${gb} GB`),
  ];
}

/** One RDS instance (a Multi-AZ one's standby included in its Multi-AZ price) and its storage. */
export function rdsInstanceLines(
  table: PriceTable,
  subject: Subject,
  db: { engine: string; instanceClass: string; multiAz: boolean; storageType: string; storageGb: number },
): CostLine[] {
  const az = db.multiAz ? 'multi-az' : 'single-az';
  const azWords = db.multiAz ? 'Multi-AZ' : 'Single-AZ';
  const instance = line(table, 'rds', subject, `rds.${db.engine}.${db.instanceClass}.${az}`, `${db.engine} ${db.instanceClass} ${azWords}`, 1, `${db.instanceClass} ${azWords} (${db.engine})`);
  const storage = line(table, 'rds', subject, `rds.storage.${db.storageType}.${az}`, `${db.storageType} storage ${azWords}`, db.storageGb, `${db.storageGb} GB ${db.storageType} ${azWords}`, false);
  return [instance, storage];
}

/** One Aurora instance (writer or reader: each is billed alike); the cluster volume is usage, not read. */
export function auroraInstanceLines(table: PriceTable, subject: Subject, engine: string, instanceClass: string, instances = 1): CostLine[] {
  return [line(table, 'rds', subject, `rds.${engine}.${instanceClass}`, `${engine} ${instanceClass}`, instances, `${instances} x ${instanceClass} (${engine}, Aurora Standard)`)];
}

export function cacheLines(table: PriceTable, subject: Subject, engine: string, nodeType: string, nodes: number): CostLine[] {
  return [line(table, 'elasticache', subject, `elasticache.${engine}.${nodeType}`, `${engine} ${nodeType} nodes`, nodes, `${nodes} x ${nodeType} (${engine})`)];
}

export const natLines = (table: PriceTable, subject: Subject, gateways: number, note = ''): CostLine[] => [
  line(table, 'nat-gateway', subject, 'nat-gateway.hour', 'NAT gateway hours', gateways, `${gateways} NAT gateway(s)${note}`),
];

export function loadBalancerLines(table: PriceTable, subject: Subject, type: string): CostLine[] {
  const key = ({ application: 'alb.hour', network: 'nlb.hour' } as Record<string, string>)[type] ?? `${type}-load-balancer.hour`;
  return [line(table, 'load-balancer', subject, key, `${type} load balancer hours`, 1, `1 ${type} load balancer`)];
}

export function webAclLines(table: PriceTable, subject: Subject, rules: number | null): CostLine[] {
  const acl = line(table, 'waf', subject, 'waf.web-acl-month', 'WAF web ACLs', 1, '1 web ACL', false);
  if (rules === null) return [acl, pricedLine({ category: 'waf', subject, description: 'its rules', quantity: 0 }, undefined, 'the spec does not say how many rules the web ACL has')];
  return [acl, line(table, 'waf', subject, 'waf.rule-month', 'WAF rules', rules, `${rules} rule(s)`, false)];
}

export const hostedZoneLines = (table: PriceTable, subject: Subject): CostLine[] => [
  line(table, 'route53', subject, 'route53.hosted-zone-month', 'hosted zones', 1, '1 hosted zone', false),
];

/** Something whose cost is all usage (a distribution, a bucket, a queue): shown, at no monthly charge. */
export const usageOnlyLines = (category: CostCategory, subject: Subject, what: string): CostLine[] => [
  freeLine({ category, subject, description: `1 ${what} (no monthly charge; usage not read)`, quantity: 1 }, what),
];

/** Usage the spec's cost line states (the account cannot tell it): priced as stated. */
export function statedUsageLines(table: PriceTable, category: CostCategory, subject: Subject, usage: { storageGb?: number; dataTransferOutGb?: number } | undefined): CostLine[] {
  const out: CostLine[] = [];
  const transferKey = category === 'cloudfront' ? 'cloudfront.transfer-out.gb' : category === 'nat-gateway' ? 'nat-gateway.gb' : undefined;
  if (usage?.storageGb !== undefined && category === 's3') {
    out.push(line(table, category, subject, 's3.standard.gb-month', 'S3 Standard storage', usage.storageGb, `${usage.storageGb} GB stored (as the spec states)`, false));
  }
  if (usage?.dataTransferOutGb !== undefined && transferKey) {
    out.push(line(table, category, subject, transferKey, 'data transfer', usage.dataTransferOutGb, `${usage.dataTransferOutGb} GB a month (as the spec states)`, false));
  }
  return out;
}
