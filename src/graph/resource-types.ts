// Normalized props per resource type: the contract between collectors (which fill them) and rules
// (which read them with dotted paths). schemas/snapshot.schema.json mirrors these interfaces; a test
// keeps the two type lists in step. Values are AWS's own, normalized: booleans for flags, numbers for
// sizes, AZ names (never AZ ids), ARNs for references.

export interface VpcProps { vpcId: string; cidrBlock: string; isDefault: boolean; state: string }

export interface SubnetProps {
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  cidrBlock: string;
  mapPublicIpOnLaunch: boolean;
  /** The route table that applies: the explicitly associated one, else the VPC's main table. */
  routeTableId: string | null;
  /** Derived: the effective 0.0.0.0/0 route of that table. */
  defaultRoute: { targetType: 'internet-gateway' | 'nat-gateway' | 'transit-gateway' | 'instance' | 'other'; targetId: string; natGatewayAvailabilityZone: string | null } | null;
  /** Derived: 0.0.0.0/0 (or ::/0) goes to an internet gateway, i.e. the subnet is public. */
  routesToInternetGateway: boolean;
}

export interface RouteTableProps {
  routeTableId: string;
  vpcId: string;
  main: boolean;
  subnetIds: string[];
  routes: { destination: string; targetType: string; targetId: string; state: string }[];
}

export interface InternetGatewayProps { internetGatewayId: string; attachedVpcIds: string[] }

export interface NatGatewayProps {
  natGatewayId: string;
  state: string;
  connectivityType: 'public' | 'private';
  /** "zonal" (one AZ, from its subnet) or "regional" (one gateway that spans AZs). */
  availabilityMode: 'zonal' | 'regional';
  vpcId: string;
  subnetId: string | null;
  availabilityZone: string | null;
  /** For a regional NAT gateway, the AZs it serves; for a zonal one, its own AZ. */
  availabilityZones: string[];
}

export interface DbInstanceProps {
  dbInstanceIdentifier: string;
  engine: string;
  engineVersion: string;
  instanceClass: string;
  status: string;
  /** Derived: "writer" (a standalone or cluster writer instance) or "replica". */
  role: 'writer' | 'replica';
  storageType: string;
  allocatedStorageGb: number;
  multiAz: boolean;
  availabilityZone: string | null;
  secondaryAvailabilityZone: string | null;
  backupRetentionPeriod: number;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  parameterGroups: string[];
  /** Derived: every parameter group is a default.* one. */
  usesDefaultParameterGroup: boolean;
  publiclyAccessible: boolean;
  readReplicaIdentifiers: string[];
  readReplicaSourceIdentifier: string | null;
  dbSubnetGroupName: string | null;
  dbClusterIdentifier: string | null;
  latestRestorableTime: string | null;
  /** Derived at collection: seconds between latestRestorableTime and the snapshot's start (RPO). */
  restoreLagSeconds: number | null;
}

export interface DbClusterProps {
  dbClusterIdentifier: string;
  engine: string;
  engineVersion: string;
  status: string;
  multiAz: boolean;
  availabilityZones: string[];
  backupRetentionPeriod: number;
  storageEncrypted: boolean;
  kmsKeyId: string | null;
  members: { dbInstanceIdentifier: string; isWriter: boolean }[];
  replicationSourceIdentifier: string | null;
  latestRestorableTime: string | null;
}

export interface DbSubnetGroupProps { name: string; vpcId: string; subnetIds: string[] }

export interface ReplicationGroupProps {
  replicationGroupId: string;
  engine: string;
  status: string;
  clusterEnabled: boolean;
  cacheNodeType: string;
  numNodeGroups: number;
  /** Derived: the smallest number of replicas in any node group (shard). */
  minReplicasPerNodeGroup: number;
  nodeGroups: { nodeGroupId: string; primaryAvailabilityZone: string | null; replicaCount: number; memberAvailabilityZones: string[] }[];
  automaticFailover: boolean;
  multiAz: boolean;
  atRestEncryptionEnabled: boolean;
  transitEncryptionEnabled: boolean;
  snapshotRetentionLimit: number;
  cacheSubnetGroupName: string | null;
}

export interface CacheSubnetGroupProps { name: string; vpcId: string; subnetIds: string[] }

export interface EcsClusterProps { clusterName: string; status: string; capacityProviders: string[] }

export interface EcsServiceProps {
  serviceName: string;
  clusterArn: string;
  status: string;
  launchType: string | null;
  capacityProviders: string[];
  /** Derived: launch type FARGATE, or every capacity provider is FARGATE or FARGATE_SPOT. */
  usesFargate: boolean;
  desiredCount: number;
  runningCount: number;
  taskDefinitionArn: string;
  deploymentController: string;
  subnetIds: string[];
  securityGroupIds: string[];
  assignPublicIp: boolean;
  loadBalancers: { targetGroupArn: string | null; containerName: string; containerPort: number }[];
}

export interface TaskDefinitionProps {
  family: string;
  revision: number;
  networkMode: string;
  requiresCompatibilities: string[];
  /** Task-level CPU units and memory MiB, as numbers. */
  cpu: number | null;
  memory: number | null;
  containerNames: string[];
}

/** One container of a task definition. Environment *values* are never stored: names only. */
export interface ContainerProps {
  name: string;
  image: string;
  /** Derived from image: repository without registry host, and the tag (null for a digest). */
  imageRepository: string;
  imageTag: string | null;
  essential: boolean;
  portMappings: { containerPort: number; protocol: string }[];
  environmentNames: string[];
  /** Derived: names of environment variables whose value looks like a credential. */
  credentialLikeEnvironmentNames: string[];
  /** Plain environment values, only for the names the spec declares non-secret (never credential-like). */
  environmentValues: Record<string, string>;
  secretNames: string[];
  secrets: { name: string; valueFrom: string }[];
  logDriver: string | null;
  logOptions: Record<string, string>;
}

export interface DistributionProps {
  distributionId: string;
  domainName: string;
  enabled: boolean;
  status: string;
  aliases: string[];
  origins: { id: string; domainName: string; kind: 's3' | 'custom'; originAccessControlId: string | null; originAccessIdentity: string | null }[];
  /** Every cache behaviour, the default one first (pathPattern "*"). */
  cacheBehaviors: { pathPattern: string; targetOriginId: string; viewerProtocolPolicy: string }[];
  viewerCertificate: { source: 'acm' | 'iam' | 'cloudfront'; certificateArn: string | null; minimumProtocolVersion: string; sslSupportMethod: string | null };
  webAclId: string | null;
}

export interface WebAclProps { webAclId: string; scope: 'CLOUDFRONT' | 'REGIONAL'; defaultAction: 'allow' | 'block'; ruleCount: number }

export interface LoadBalancerProps {
  loadBalancerName: string;
  type: string;
  scheme: string;
  state: string;
  dnsName: string;
  vpcId: string;
  availabilityZones: string[];
  subnetIds: string[];
}

export interface TargetGroupProps {
  targetGroupName: string;
  targetType: string;
  protocol: string | null;
  port: number | null;
  vpcId: string | null;
  loadBalancerArns: string[];
}

export interface ListenerProps {
  loadBalancerArn: string;
  port: number;
  protocol: string;
  forwardTargetGroupArns: string[];
}

export interface ScalableTargetProps {
  serviceNamespace: string;
  resourceId: string;
  scalableDimension: string;
  minCapacity: number;
  maxCapacity: number;
}

export interface ScalingPolicyProps {
  policyName: string;
  policyType: string;
  resourceId: string;
  /** Derived: "out" when the policy adds capacity, "in" when it removes it, "both" for target tracking. */
  direction: 'out' | 'in' | 'both';
  adjustmentType: string | null;
  /** Derived: the step adjustment(s) of a step policy (e.g. 2 or -1); null for target tracking. */
  scalingAdjustment: number | null;
  cooldown: number | null;
  targetValue: number | null;
  predefinedMetricType: string | null;
  scaleOutCooldown: number | null;
  scaleInCooldown: number | null;
  alarmNames: string[];
}

export interface AlarmProps {
  alarmName: string;
  namespace: string | null;
  metricName: string | null;
  statistic: string | null;
  comparisonOperator: string;
  threshold: number | null;
  periodSeconds: number | null;
  evaluationPeriods: number;
  dimensions: Record<string, string>;
  actionArns: string[];
}

export interface BucketProps {
  bucketName: string;
  encryption: string | null;
  versioning: 'Enabled' | 'Suspended' | 'Disabled';
  publicAccessBlocked: boolean;
  replication: { enabled: boolean; destinationBuckets: string[] };
}

export interface QueueProps {
  queueName: string;
  queueUrl: string;
  fifo: boolean;
  encrypted: boolean;
  deadLetterTargetArn: string | null;
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
}

export interface HostedZoneProps {
  hostedZoneId: string;
  zoneName: string;
  privateZone: boolean;
  recordCount: number;
  /** Alias records in the zone that point at a CloudFront distribution (its domain name). */
  cloudFrontAliases: { name: string; type: string; dnsName: string }[];
}

/** Resource type -> props. Adding a type is mostly adding a line here (and its collector). */
export interface PropsByType {
  'ec2.vpc': VpcProps;
  'ec2.subnet': SubnetProps;
  'ec2.route-table': RouteTableProps;
  'ec2.internet-gateway': InternetGatewayProps;
  'ec2.nat-gateway': NatGatewayProps;
  'rds.db-instance': DbInstanceProps;
  'rds.db-cluster': DbClusterProps;
  'rds.db-subnet-group': DbSubnetGroupProps;
  'elasticache.replication-group': ReplicationGroupProps;
  'elasticache.cache-subnet-group': CacheSubnetGroupProps;
  'ecs.cluster': EcsClusterProps;
  'ecs.service': EcsServiceProps;
  'ecs.task-definition': TaskDefinitionProps;
  'ecs.container': ContainerProps;
  'cloudfront.distribution': DistributionProps;
  'wafv2.web-acl': WebAclProps;
  'elbv2.load-balancer': LoadBalancerProps;
  'elbv2.target-group': TargetGroupProps;
  'elbv2.listener': ListenerProps;
  'application-autoscaling.scalable-target': ScalableTargetProps;
  'application-autoscaling.scaling-policy': ScalingPolicyProps;
  'cloudwatch.alarm': AlarmProps;
  's3.bucket': BucketProps;
  'sqs.queue': QueueProps;
  'route53.hosted-zone': HostedZoneProps;
}

export type ResourceType = keyof PropsByType;
export type PropsOf<T extends ResourceType> = PropsByType[T];

/** Every resource type, and the service a user filters it by. */
export const RESOURCE_TYPES: Record<ResourceType, { service: string; global?: boolean }> = {
  'ec2.vpc': { service: 'ec2' },
  'ec2.subnet': { service: 'ec2' },
  'ec2.route-table': { service: 'ec2' },
  'ec2.internet-gateway': { service: 'ec2' },
  'ec2.nat-gateway': { service: 'ec2' },
  'rds.db-instance': { service: 'rds' },
  'rds.db-cluster': { service: 'rds' },
  'rds.db-subnet-group': { service: 'rds' },
  'elasticache.replication-group': { service: 'elasticache' },
  'elasticache.cache-subnet-group': { service: 'elasticache' },
  'ecs.cluster': { service: 'ecs' },
  'ecs.service': { service: 'ecs' },
  'ecs.task-definition': { service: 'ecs' },
  'ecs.container': { service: 'ecs' },
  'cloudfront.distribution': { service: 'cloudfront', global: true },
  'wafv2.web-acl': { service: 'wafv2', global: true },
  'elbv2.load-balancer': { service: 'elbv2' },
  'elbv2.target-group': { service: 'elbv2' },
  'elbv2.listener': { service: 'elbv2' },
  'application-autoscaling.scalable-target': { service: 'application-autoscaling' },
  'application-autoscaling.scaling-policy': { service: 'application-autoscaling' },
  'cloudwatch.alarm': { service: 'cloudwatch' },
  's3.bucket': { service: 's3' },
  'sqs.queue': { service: 'sqs' },
  'route53.hosted-zone': { service: 'route53', global: true },
};

export function isResourceType(value: string): value is ResourceType {
  return Object.hasOwn(RESOURCE_TYPES, value);
}

export function serviceOf(type: ResourceType): string {
  return RESOURCE_TYPES[type].service;
}
