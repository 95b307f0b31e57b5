// Normalized props per resource type: the contract between collectors (which fill them) and rules
// (which read them with dotted paths). Declared once, in src/resources/<service>.ts; the types here are
// derived from those declarations and the values come from the generated catalog (plain data, so the
// running tool never loads TypeBox). Values are AWS's own, normalized: booleans for flags, numbers for
// sizes, AZ names (never AZ ids), ARNs for references.
import { TYPE_META } from '../resources/catalog.generated.js';
import type { DeclaredProps, DeclaredResourceType, Same } from '../resources/types.js';

/** Resource type -> props. Adding a type is declaring it in src/resources/<service>.ts. */
export type PropsByType = DeclaredProps;
export type ResourceType = DeclaredResourceType;
export type PropsOf<T extends ResourceType> = PropsByType[T];

export type VpcProps = PropsOf<'ec2.vpc'>;
export type SubnetProps = PropsOf<'ec2.subnet'>;
export type RouteTableProps = PropsOf<'ec2.route-table'>;
export type InternetGatewayProps = PropsOf<'ec2.internet-gateway'>;
export type NatGatewayProps = PropsOf<'ec2.nat-gateway'>;
export type DbInstanceProps = PropsOf<'rds.db-instance'>;
export type DbClusterProps = PropsOf<'rds.db-cluster'>;
export type DbSubnetGroupProps = PropsOf<'rds.db-subnet-group'>;
export type ReplicationGroupProps = PropsOf<'elasticache.replication-group'>;
export type CacheSubnetGroupProps = PropsOf<'elasticache.cache-subnet-group'>;
export type EcsClusterProps = PropsOf<'ecs.cluster'>;
export type EcsServiceProps = PropsOf<'ecs.service'>;
export type TaskDefinitionProps = PropsOf<'ecs.task-definition'>;
/** One container of a task definition. Environment *values* are never stored: names only. */
export type ContainerProps = PropsOf<'ecs.container'>;
export type DistributionProps = PropsOf<'cloudfront.distribution'>;
export type WebAclProps = PropsOf<'wafv2.web-acl'>;
export type LoadBalancerProps = PropsOf<'elbv2.load-balancer'>;
export type TargetGroupProps = PropsOf<'elbv2.target-group'>;
export type ListenerProps = PropsOf<'elbv2.listener'>;
export type ScalableTargetProps = PropsOf<'application-autoscaling.scalable-target'>;
export type ScalingPolicyProps = PropsOf<'application-autoscaling.scaling-policy'>;
export type AlarmProps = PropsOf<'cloudwatch.alarm'>;
export type BucketProps = PropsOf<'s3.bucket'>;
export type QueueProps = PropsOf<'sqs.queue'>;
export type HostedZoneProps = PropsOf<'route53.hosted-zone'>;

/** Every resource type, the service a user filters it by, and whether it is read once (global). */
export const RESOURCE_TYPES: Readonly<Record<ResourceType, { readonly service: string; readonly global: boolean; readonly doc: string }>> = TYPE_META;

// Compile-time: the generated catalog lists exactly the declared types (else run `npm run schemas`).
const catalogIsFresh: Same<keyof typeof TYPE_META, ResourceType> = true;
void catalogIsFresh;

export function isResourceType(value: string): value is ResourceType {
  return Object.hasOwn(RESOURCE_TYPES, value);
}

export function serviceOf(type: ResourceType): string {
  return RESOURCE_TYPES[type].service;
}
