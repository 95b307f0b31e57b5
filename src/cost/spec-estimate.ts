// What the spec's own topology costs on-demand: its items priced as the live resources would be.
// The lint compares the document's cost lines with this, so it needs no account at all.
import type { SpecV2 } from '../engine/spec-v2-schema.js';
import type { CostCategory } from './categories.js';
import { auroraInstanceLines, cacheLines, fargateLines, hostedZoneLines, loadBalancerLines, natLines, rdsInstanceLines, usageOnlyLines, webAclLines, type Subject } from './components.js';
import { pricedLine, type CostLine } from './model.js';
import type { PriceTable } from './prices.js';
import { statedUsage } from './estimate.js';

type Items<K extends keyof SpecV2> = Record<string, NonNullable<SpecV2[K]> extends Record<string, infer I> ? I : never>;

/** Every line the spec's items cost, each with the item's pointer as its subject id. */
export function estimateSpec(spec: SpecV2, prices: PriceTable): CostLine[] {
  const lines: CostLine[] = [];
  const each = <K extends keyof SpecV2>(section: K, price: (item: Items<K>[string], subject: Subject) => CostLine[]) => {
    for (const [name, item] of Object.entries((spec[section] ?? {}) as Items<K>)) {
      const region = (item as { region?: string }).region ?? spec.region;
      lines.push(...price(item, { id: `/${String(section)}/${name}`, name, region }));
    }
  };
  const unknown = (category: CostCategory, subject: Subject, what: string, missing: string) =>
    pricedLine({ category, subject, description: what, quantity: 0 }, undefined, missing);

  each('services', (svc, subject) => {
    const tasks = svc.scaling?.desiredTasks;
    if (svc.fargate === false) return [unknown('ecs-fargate', subject, 'tasks on EC2', 'the service runs on EC2 container instances, which are not priced')];
    if (tasks === undefined) return [unknown('ecs-fargate', subject, 'tasks', 'the spec gives no scaling.desiredTasks')];
    return fargateLines(prices, subject, tasks, svc.taskDefinition?.cpu ?? null, svc.taskDefinition?.memory ?? null);
  });

  each('databases', (db, subject) => {
    const { engine, instanceClass, storageType, allocatedStorageGb } = db;
    if (db.kind === 'aurora-cluster') {
      // The writer and its readers (Multi-AZ in Aurora is a reader in another zone): every instance bills alike.
      if (!engine || !instanceClass) return [unknown('rds', subject, 'Aurora cluster', 'the spec gives no engine and instanceClass to price')];
      return auroraInstanceLines(prices, subject, engine, instanceClass, databaseInstances(db));
    }
    if (!engine || !instanceClass || !storageType || allocatedStorageGb === undefined) {
      return [unknown('rds', subject, 'database', 'the spec gives no engine, instanceClass, storageType and allocatedStorageGb to price')];
    }
    const writer = rdsInstanceLines(prices, subject, { engine, instanceClass, multiAz: db.multiAz ?? false, storageType, storageGb: allocatedStorageGb });
    // A replica is an instance of the writer's class with its own copy of the storage, single-AZ unless said otherwise.
    const replicas = Array.from({ length: db.readReplicas?.count ?? 0 }, (_, i) =>
      rdsInstanceLines(prices, { ...subject, id: `${subject.id}/readReplicas`, name: `${subject.name} replica ${i + 1}` }, { engine, instanceClass, multiAz: false, storageType, storageGb: allocatedStorageGb }),
    );
    return [...writer, ...replicas.flat()];
  });

  each('caches', (cache, subject) => {
    if (!cache.nodeType || cache.shards === undefined) return [unknown('elasticache', subject, 'cache', 'the spec gives no nodeType and shards to price')];
    return cacheLines(prices, subject, cache.engine ?? 'redis', cache.nodeType, cacheNodes(cache));
  });

  each('networks', (net, subject) => (net.natGateways?.count ? natLines(prices, subject, net.natGateways.count) : []));
  each('loadBalancers', (lb, subject) => loadBalancerLines(prices, subject, lb.type ?? 'application'));
  each('dns', (_zone, subject) => hostedZoneLines(prices, subject));
  each('buckets', (_bucket, subject) => usageOnlyLines('s3', subject, 'bucket'));
  each('queues', (_queue, subject) => usageOnlyLines('sqs', subject, 'queue'));
  each('edge', (site, subject) => {
    const global = { ...subject, region: 'global' };
    return [...usageOnlyLines('cloudfront', global, 'distribution'), ...(site.waf?.required ? webAclLines(prices, { ...global, id: `${subject.id}/waf` }, null) : [])];
  });
  lines.push(...statedUsage(spec, prices));
  return lines;
}

/** A cache's nodes: every shard has a primary and its replicas. */
export const cacheNodes = (cache: { shards?: number; replicasPerShard?: number }): number => (cache.shards ?? 1) * (1 + (cache.replicasPerShard ?? 0));

/**
 * A database's instances: the writer, its Multi-AZ standby, and its read replicas; in an Aurora cluster
 * the writer and its readers (Multi-AZ there is a reader in another zone, not a standby of its own).
 */
export const databaseInstances = (db: { kind?: string; multiAz?: boolean; readReplicas?: { count?: number } }): number =>
  db.kind === 'aurora-cluster' ? 1 + Math.max(db.readReplicas?.count ?? 0, db.multiAz ? 1 : 0) : 1 + (db.multiAz ? 1 : 0) + (db.readReplicas?.count ?? 0);
