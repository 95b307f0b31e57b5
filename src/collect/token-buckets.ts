// AWS's request-rate token buckets for the reads infra-audit makes, per account and region (global
// services: per account, read from us-east-1). `capacity` is the burst (bucket size), `refillPerSecond`
// the sustained rate. Where AWS publishes no bucket, a conservative default stands in (`source` says
// so): being slower than AWS allows costs seconds, being faster costs throttling errors and retries.
// Service names are SDK client names without "Client" ("EC2", "ElasticLoadBalancingV2").

export interface BucketLimit { capacity: number; refillPerSecond: number }

interface ServiceBuckets {
  /** "operation": each operation has its own bucket (EC2); "service": one bucket for all reads. */
  per: 'operation' | 'service';
  limit: BucketLimit;
  /** Operations metered in their own class, when the service publishes classes (ECS). */
  classes?: Record<string, { operations: readonly string[]; limit: BucketLimit }>;
  source: string;
}

/** Requests in flight at once across every client of a scan: the sockets it may hold open. */
export const SOCKET_CAP = 64;

/** For services that publish no bucket: well under every published read bucket above. */
export const DEFAULT_LIMIT: BucketLimit = { capacity: 20, refillPerSecond: 10 };

export const SERVICE_BUCKETS: Readonly<Record<string, ServiceBuckets>> = {
  EC2: {
    per: 'operation', limit: { capacity: 100, refillPerSecond: 20 },
    source: 'https://docs.aws.amazon.com/ec2/latest/devguide/ec2-api-throttling.html (non-mutating actions: bucket 100, refill 20/s, per API)',
  },
  ECS: {
    per: 'service', limit: { capacity: 50, refillPerSecond: 20 },
    classes: {
      'cluster-read': { operations: ['ListClusters', 'DescribeClusters'], limit: { capacity: 50, refillPerSecond: 20 } },
      'service-read': { operations: ['ListServices', 'DescribeServices'], limit: { capacity: 50, refillPerSecond: 20 } },
      'task-definition-read': { operations: ['DescribeTaskDefinition'], limit: { capacity: 50, refillPerSecond: 20 } },
    },
    source: 'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/request-throttling.html (cluster read actions: bucket 50, refill 20/s; the other read classes taken at the same values)',
  },
  RDS: {
    per: 'service', limit: { capacity: 300, refillPerSecond: 12 },
    source: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-api-throttling.html (default: burst 300, sustained 12/s)',
  },
  ElasticLoadBalancingV2: {
    per: 'service', limit: { capacity: 40, refillPerSecond: 10 },
    source: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-throttling.html (non-mutating Describe* actions: bucket 40, refill 10/s)',
  },
  Route53: {
    per: 'service', limit: { capacity: 50, refillPerSecond: 10 },
    source: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/throttling-api-requests.html (all API operations combined, account level: bucket 50, refill 10/s)',
  },
  CloudWatch: {
    per: 'operation', limit: { capacity: 9, refillPerSecond: 9 },
    source: 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_limits.html (DescribeAlarms: 9 TPS; no burst published, so the bucket holds one second)',
  },
  S3: {
    per: 'operation', limit: { capacity: 100, refillPerSecond: 100 },
    source: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/optimizing-performance.html (5,500 GET/HEAD a second per prefix; no account bucket is published for bucket-configuration reads: 100/s per API stands in, far below it)',
  },
  SQS: {
    per: 'operation', limit: { capacity: 100, refillPerSecond: 100 },
    source: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/quotas-messages.html (standard queues: nearly unlimited calls per second per API action; no figure for ListQueues, GetQueueAttributes or ListQueueTags: 100/s per API stands in)',
  },
};

/** The bucket an operation draws from: its key (without the region) and its limit. */
export function bucketFor(service: string, operation: string): { key: string; limit: BucketLimit } {
  const buckets = SERVICE_BUCKETS[service];
  if (!buckets) return { key: service, limit: DEFAULT_LIMIT };
  for (const [name, cls] of Object.entries(buckets.classes ?? {})) {
    if (cls.operations.includes(operation)) return { key: `${service}:${name}`, limit: cls.limit };
  }
  return buckets.per === 'operation' ? { key: `${service}:${operation}`, limit: buckets.limit } : { key: service, limit: buckets.limit };
}
