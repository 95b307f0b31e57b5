// The cost categories, in the order the architecture document's cost table lists them. The spec's
// `cost.lines` (src/engine/spec-v2-schema.ts) is keyed by these, and every estimate line falls into one,
// so an estimate and the document's table compare line by line. A leaf: it imports nothing.

export const COST_CATEGORIES = {
  'ecs-fargate': { label: 'ECS Fargate', section: 'services' },
  rds: { label: 'RDS', section: 'databases' },
  elasticache: { label: 'ElastiCache', section: 'caches' },
  cloudfront: { label: 'CloudFront', section: 'edge' },
  waf: { label: 'WAF', section: 'edge' },
  s3: { label: 'S3', section: 'buckets' },
  'load-balancer': { label: 'Load balancers', section: 'loadBalancers' },
  'nat-gateway': { label: 'NAT Gateway', section: 'networks' },
  route53: { label: 'Route 53', section: 'dns' },
  sqs: { label: 'SQS', section: 'queues' },
} as const;

export type CostCategory = keyof typeof COST_CATEGORIES;
export const CATEGORY_KEYS = Object.keys(COST_CATEGORIES) as CostCategory[];

/** Hours in the month every hourly price is multiplied by (AWS's own calculator uses 730). */
export const HOURS_PER_MONTH = 730;
