// The fault matrix: every operation of the IAM policy (iam/infra-audit-readonly.json) under denial,
// an empty 200 and a stall after the headers, each in a full `scan` with real SDK clients against the
// loopback ShopFlow account. Each case must end (the test's timeout catches a hang), exit 3, leave a
// gap naming the operation, and no rule reading what that operation feeds may pass.
// Each case reads the services of the operation and of every rule it blinds (so those rules still see
// everything they join with); the cases run concurrently in beforeAll, each with its own server and clients.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import pLimit from 'p-limit';
import type { Fault } from './faults.js';
import { shopflowServer } from './harness.js';
import { ROOT, collectorsFor, rulesReading, scanOnWire, type WireScan } from './scan-on-wire.js';

const IAM_PREFIX_CLIENT: Record<string, string> = {
  ec2: 'EC2', elasticloadbalancing: 'ElasticLoadBalancingV2', rds: 'RDS', elasticache: 'ElastiCache', ecs: 'ECS',
  'application-autoscaling': 'ApplicationAutoScaling', cloudwatch: 'CloudWatch', cloudfront: 'CloudFront', wafv2: 'WAFV2',
  s3: 'S3', sqs: 'SQS', route53: 'Route53',
};
/** IAM actions whose API operation has another name. */
const OPERATION_OF: Record<string, string> = {
  's3:ListAllMyBuckets': 'ListBuckets',
  's3:GetEncryptionConfiguration': 'GetBucketEncryption',
  's3:GetReplicationConfiguration': 'GetBucketReplication',
  's3:GetBucketPublicAccessBlock': 'GetPublicAccessBlock',
};

/** What each operation's answer feeds (written from the APIs, independently of the collectors' own declarations). */
const FEEDS: Record<string, string[]> = {
  'EC2:DescribeVpcs': ['ec2.vpc'],
  'EC2:DescribeSubnets': ['ec2.subnet', 'ec2.nat-gateway'],
  'EC2:DescribeRouteTables': ['ec2.route-table', 'ec2.subnet'],
  'EC2:DescribeInternetGateways': ['ec2.internet-gateway'],
  'EC2:DescribeNatGateways': ['ec2.nat-gateway', 'ec2.subnet'],
  'ElasticLoadBalancingV2:DescribeLoadBalancers': ['elbv2.load-balancer', 'elbv2.listener'],
  'ElasticLoadBalancingV2:DescribeTargetGroups': ['elbv2.target-group'],
  'ElasticLoadBalancingV2:DescribeListeners': ['elbv2.listener'],
  'ElasticLoadBalancingV2:DescribeTags': ['elbv2.load-balancer'],
  'RDS:DescribeDBInstances': ['rds.db-instance'],
  'RDS:DescribeDBClusters': ['rds.db-cluster', 'rds.db-instance'],
  'RDS:DescribeDBSubnetGroups': ['rds.db-subnet-group'],
  'RDS:ListTagsForResource': ['rds.db-subnet-group'],
  'ElastiCache:DescribeReplicationGroups': ['elasticache.replication-group'],
  'ElastiCache:DescribeCacheClusters': ['elasticache.replication-group'],
  'ElastiCache:DescribeCacheSubnetGroups': ['elasticache.cache-subnet-group'],
  'ElastiCache:ListTagsForResource': ['elasticache.replication-group'],
  'ECS:ListClusters': ['ecs.cluster', 'ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeClusters': ['ecs.cluster', 'ecs.service'],
  'ECS:ListServices': ['ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeServices': ['ecs.service', 'ecs.task-definition', 'ecs.container'],
  'ECS:DescribeTaskDefinition': ['ecs.task-definition', 'ecs.container'],
  'ApplicationAutoScaling:DescribeScalableTargets': ['application-autoscaling.scalable-target'],
  'ApplicationAutoScaling:DescribeScalingPolicies': ['application-autoscaling.scaling-policy'],
  'CloudWatch:DescribeAlarms': ['cloudwatch.alarm'],
  'CloudFront:ListDistributions': ['cloudfront.distribution'],
  'CloudFront:ListTagsForResource': ['cloudfront.distribution'],
  'WAFV2:ListWebACLs': ['wafv2.web-acl'],
  'WAFV2:GetWebACL': ['wafv2.web-acl'],
  'S3:ListBuckets': ['s3.bucket'],
  'S3:GetBucketLocation': ['s3.bucket'],
  'S3:GetBucketTagging': ['s3.bucket'],
  'S3:GetBucketEncryption': ['s3.bucket'],
  'S3:GetBucketVersioning': ['s3.bucket'],
  'S3:GetBucketReplication': ['s3.bucket'],
  'S3:GetPublicAccessBlock': ['s3.bucket'],
  'SQS:ListQueues': ['sqs.queue'],
  'SQS:GetQueueAttributes': ['sqs.queue'],
  'SQS:ListQueueTags': ['sqs.queue'],
  'Route53:ListHostedZones': ['route53.hosted-zone'],
  'Route53:ListResourceRecordSets': ['route53.hosted-zone'],
  'Route53:ListTagsForResources': ['route53.hosted-zone'],
};

/** Client name -> the collector's service name. */
const COLLECTOR_OF: Record<string, string> = Object.fromEntries(Object.entries(IAM_PREFIX_CLIENT).map(([iam, client]) => [client, iam === 'elasticloadbalancing' ? 'elbv2' : iam]));

const policy = JSON.parse(readFileSync(join(ROOT, 'iam/infra-audit-readonly.json'), 'utf8')) as { Statement: { Action: string[] }[] };
const OPERATIONS = policy.Statement.flatMap((s) => s.Action).map((action) => {
  const [prefix = '', name = ''] = action.split(':');
  return `${IAM_PREFIX_CLIENT[prefix] ?? prefix}:${OPERATION_OF[action] ?? name}`;
});
const FAULTS = ['deny', 'empty200', 'stall'] as const satisfies readonly Fault['kind'][];
const CASES = OPERATIONS.flatMap((operation) => FAULTS.map((fault) => ({ operation, fault })));
const DEADLINE_SECONDS = 20;

const outcomes = new Map<string, WireScan>();
/** Requests the faulted operation received in the case's (last) run. */
const reached = new Map<string, number>();

beforeAll(async () => {
  const limit = pLimit(16);
  await Promise.all(CASES.map(({ operation, fault }) => limit(async () => {
    // A case tests its operation only if the scan reaches it: on a starved machine a read before it
    // (ListClusters before DescribeClusters) can time out, so such a run is repeated, at most twice.
    for (let run = 1; run <= 3; run++) {
      // GetBucketLocation is only called where ListBuckets leaves out BucketRegion (S3-compatible endpoints).
      const server = await shopflowServer({ s3Compatible: operation === 'S3:GetBucketLocation' });
      try {
        server.fault(operation, { kind: fault });
        const collectors = collectorsFor(COLLECTOR_OF[operation.split(':')[0]!]!, rulesReading(FEEDS[operation]!));
        outcomes.set(`${operation} ${fault}`, await scanOnWire(server, { timeoutSeconds: DEADLINE_SECONDS, collectors }));
        reached.set(`${operation} ${fault}`, server.requestsFor(operation).length);
      } finally {
        await server.close();
      }
      if (reached.get(`${operation} ${fault}`)) break;
    }
  })));
}, 120_000);

describe('fault matrix: every IAM operation x deny / empty 200 / stall', () => {
  it('covers every operation of the IAM policy, each with a declared feed', () => {
    expect(OPERATIONS.length).toBeGreaterThan(40);
    expect(OPERATIONS.filter((op) => !FEEDS[op])).toEqual([]);
  });

  it.each(CASES)('$operation under $fault: exit 3, a gap naming it, no rule reading it passes', ({ operation, fault }) => {
    const scan = outcomes.get(`${operation} ${fault}`)!;
    expect(scan, 'the scan did not finish').toBeDefined();
    expect(reached.get(`${operation} ${fault}`), 'the scan never called the operation').toBeGreaterThan(0);
    const [service, name] = operation.split(':') as [string, string];
    const gaps = scan.gaps.filter((g) => g.operation === name);
    expect(gaps.map((g) => g.code), scan.stderr).not.toEqual([]);
    const covered = new Set<string>(gaps.flatMap((g) => g.resourceTypes));
    expect(FEEDS[operation]!.filter((t) => !covered.has(t)), `${service} gap types`).toEqual([]);
    const blinded = rulesReading(FEEDS[operation]!);
    expect(scan.results.filter((r) => blinded.has(r.ruleId) && r.status === 'pass').map((r) => `${r.ruleId} ${r.resource.id}`)).toEqual([]);
    expect(scan.code, scan.stderr).toBe(3);
  });
});
