// ShopFlow for the cost tests: the bundled v1 spec as v2, with the document's cost table
// ("Cost Breakdown (Monthly)") as its cost section.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { migrateV1 } from '../../src/engine/spec-migrate.js';
import type { SpecV2 } from '../../src/engine/spec-v2-schema.js';
import type { Snapshot } from '../../src/graph/types.js';

export const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));

/** The document's table, line for line. */
export const DOCUMENT_COST: NonNullable<SpecV2['cost']> = {
  currency: 'USD',
  lines: {
    'ecs-fargate': { label: 'ECS Fargate', configuration: '4 tasks avg', monthly: 150 },
    rds: { label: 'RDS PostgreSQL', configuration: 'db.r6g.xlarge + 2 replicas', monthly: 800 },
    elasticache: { label: 'ElastiCache', configuration: 'r6g.large cluster', monthly: 300 },
    cloudfront: { label: 'CloudFront', configuration: '100GB transfer', monthly: 50, usage: { dataTransferOutGb: 100 } },
    s3: { label: 'S3', configuration: '500GB storage', monthly: 15, usage: { storageGb: 500 } },
    'load-balancer': { label: 'ALB', configuration: 'Standard', monthly: 25 },
    'nat-gateway': { label: 'NAT Gateway', configuration: '2 x Multi-AZ', monthly: 100 },
    route53: { label: 'Route 53', configuration: '1 hosted zone', monthly: 1 },
  },
  total: 1441,
};

/** The bundled ShopFlow spec as v2 (migrated while it is still v1), with `cost` as its cost section (none when null). */
export function shopflowV2(cost: SpecV2['cost'] | null = DOCUMENT_COST): SpecV2 {
  const file = JSON.parse(readFileSync(root('spec.shopflow.json'), 'utf8'));
  const { cost: _bundled, ...v2 } = file.specVersion === 2 ? (file as SpecV2) : migrateV1(file);
  return cost ? { ...v2, cost: structuredClone(cost) } : (v2 as SpecV2);
}

export const exampleSnapshot = (name: 'compliant' | 'drifted' | 'partial'): Snapshot =>
  JSON.parse(readFileSync(root(`examples/shopflow-${name}.snapshot.json`), 'utf8'));
