// Absent is unknown: a 200 answer that lacks what the operation always returns is a failed read, not
// "no resources". The SDK does not complain: an empty 200 body deserializes to `{}` under every
// protocol (EC2 query, awsQuery, awsJson 1.0/1.1, REST-XML), and a proxy's HTML page to `{}` under the
// XML protocols when it happens to parse (awsJson throws a SyntaxError). Neither carries the request id
// header AWS always sends. So every answer is checked here: ClientFactory runs this on every call of
// every client, paginated or not. (Empty lists still arrive as [] under every protocol: `<vpcSet/>`,
// `<DBInstances/>`, `"clusterArns": []`.)

/**
 * The output field each operation always carries, by "<Client>:<Operation>" (the client class name
 * without "Client"). AWS sends these even when empty (`<vpcSet/>`, `"clusterArns": []`). null: the
 * operation may legitimately answer with nothing (SQS ListQueues omits QueueUrls when there are no
 * queues; a never-versioned bucket's VersioningConfiguration is empty; us-east-1's LocationConstraint
 * is empty): for those only the request id is checked.
 */
export const REQUIRED_OUTPUT: Readonly<Record<string, string | null>> = {
  'STS:GetCallerIdentity': 'Account',
  'EC2:DescribeVpcs': 'Vpcs',
  'EC2:DescribeSubnets': 'Subnets',
  'EC2:DescribeRouteTables': 'RouteTables',
  'EC2:DescribeInternetGateways': 'InternetGateways',
  'EC2:DescribeNatGateways': 'NatGateways',
  'ElasticLoadBalancingV2:DescribeLoadBalancers': 'LoadBalancers',
  'ElasticLoadBalancingV2:DescribeTargetGroups': 'TargetGroups',
  'ElasticLoadBalancingV2:DescribeListeners': 'Listeners',
  'ElasticLoadBalancingV2:DescribeTags': 'TagDescriptions',
  'RDS:DescribeDBInstances': 'DBInstances',
  'RDS:DescribeDBClusters': 'DBClusters',
  'RDS:DescribeDBSubnetGroups': 'DBSubnetGroups',
  'RDS:ListTagsForResource': 'TagList',
  'ElastiCache:DescribeReplicationGroups': 'ReplicationGroups',
  'ElastiCache:DescribeCacheClusters': 'CacheClusters',
  'ElastiCache:DescribeCacheSubnetGroups': 'CacheSubnetGroups',
  'ElastiCache:ListTagsForResource': 'TagList',
  'ECS:ListClusters': 'clusterArns',
  'ECS:DescribeClusters': 'clusters',
  'ECS:ListServices': 'serviceArns',
  'ECS:DescribeServices': 'services',
  'ECS:DescribeTaskDefinition': 'taskDefinition',
  'ApplicationAutoScaling:DescribeScalableTargets': 'ScalableTargets',
  'ApplicationAutoScaling:DescribeScalingPolicies': 'ScalingPolicies',
  'CloudWatch:DescribeAlarms': 'MetricAlarms',
  'CloudFront:ListDistributions': 'DistributionList',
  'CloudFront:ListTagsForResource': 'Tags',
  'WAFV2:ListWebACLs': 'WebACLs',
  'WAFV2:GetWebACL': 'WebACL',
  'S3:ListBuckets': 'Buckets',
  'S3:GetBucketLocation': null,
  'S3:GetBucketTagging': 'TagSet',
  'S3:GetBucketEncryption': 'ServerSideEncryptionConfiguration',
  'S3:GetBucketVersioning': null,
  'S3:GetBucketReplication': 'ReplicationConfiguration',
  'S3:GetPublicAccessBlock': 'PublicAccessBlockConfiguration',
  'SQS:ListQueues': null,
  'SQS:GetQueueAttributes': 'Attributes',
  'SQS:ListQueueTags': null,
  'Route53:ListHostedZones': 'HostedZones',
  'Route53:ListResourceRecordSets': 'ResourceRecordSets',
  'Route53:ListTagsForResources': 'ResourceTagSets',
};

/** A 200 answer that is not a real answer: the read failed (a gap), whatever the body held. */
export class IncompleteAnswerError extends Error {
  override name = 'IncompleteAnswer';
}

/** Throws IncompleteAnswerError when a successful answer lacks its request id or its required field. */
export function checkAnswer(operation: string, output: unknown): void {
  const out = (output ?? {}) as Record<string, unknown> & { $metadata?: { requestId?: string; httpStatusCode?: number } };
  if (!out.$metadata?.requestId) {
    throw new IncompleteAnswerError(`${operation}: answer without the request id AWS always sends (a proxy or a non-AWS endpoint answered?)`);
  }
  const field = REQUIRED_OUTPUT[operation];
  if (field && out[field] === undefined) {
    throw new IncompleteAnswerError(`${operation}: answer without ${field}, which AWS always returns (empty or unreadable body)`);
  }
}
