// Typed edges. An edge points from a resource to the one it lives in, uses or depends on.
// `scope` says whether membership in the audited application flows along the edge: resources that
// take no tags of their own (a replica of a tagged writer, the subnets of the app's VPC, the
// containers of its task definition) belong to the application through these relationships.
// `from`/`to` list the resource types an edge joins: the engine uses them to know which reads a
// rule depends on (a scalable target is ShopFlow's only through the ECS service it scales).
import type { ResourceType } from './resource-types.js';

type Scope = 'to-from' | 'from-to' | 'none';
interface EdgeSpec { scope: Scope; from: readonly ResourceType[]; to: readonly ResourceType[]; doc: string }

const LIVES_IN_VPC = ['ec2.subnet', 'ec2.route-table', 'ec2.nat-gateway', 'elbv2.load-balancer', 'elbv2.target-group', 'rds.db-subnet-group', 'elasticache.cache-subnet-group'] as const;

export const EDGE_TYPES = {
  'in-vpc': { scope: 'to-from', from: LIVES_IN_VPC, to: ['ec2.vpc'], doc: 'subnet, route table, NAT gateway, load balancer, subnet group -> its VPC' },
  'attached-to': { scope: 'to-from', from: ['ec2.internet-gateway'], to: ['ec2.vpc'], doc: 'internet gateway -> the VPC it is attached to' },
  'in-subnet': {
    scope: 'none',
    from: ['ec2.nat-gateway', 'elbv2.load-balancer', 'ecs.service', 'rds.db-subnet-group', 'elasticache.cache-subnet-group'],
    to: ['ec2.subnet'],
    doc: 'NAT gateway, load balancer, ECS service, subnet group -> a subnet it uses',
  },
  'routes-via': { scope: 'none', from: ['ec2.subnet'], to: ['ec2.internet-gateway', 'ec2.nat-gateway'], doc: 'subnet -> the internet or NAT gateway its default route goes to' },
  'replica-of': { scope: 'to-from', from: ['rds.db-instance'], to: ['rds.db-instance'], doc: 'read replica -> its source DB instance' },
  'member-of': { scope: 'to-from', from: ['rds.db-instance'], to: ['rds.db-cluster'], doc: 'DB instance -> its Aurora cluster' },
  'in-subnet-group': {
    scope: 'none',
    from: ['rds.db-instance', 'elasticache.replication-group'],
    to: ['rds.db-subnet-group', 'elasticache.cache-subnet-group'],
    doc: 'DB instance or replication group -> its subnet group',
  },
  'in-cluster': { scope: 'none', from: ['ecs.service'], to: ['ecs.cluster'], doc: 'ECS service -> its ECS cluster' },
  runs: { scope: 'from-to', from: ['ecs.service'], to: ['ecs.task-definition'], doc: 'ECS service -> the task definition it runs' },
  'in-task-definition': { scope: 'to-from', from: ['ecs.container'], to: ['ecs.task-definition'], doc: 'container -> its task definition' },
  'registered-with': { scope: 'none', from: ['ecs.service'], to: ['elbv2.target-group'], doc: 'ECS service -> a target group its tasks register with' },
  'listener-of': { scope: 'to-from', from: ['elbv2.listener'], to: ['elbv2.load-balancer'], doc: 'listener -> its load balancer' },
  'forwards-to': { scope: 'none', from: ['elbv2.listener'], to: ['elbv2.target-group'], doc: 'listener -> a target group it forwards to' },
  serves: { scope: 'to-from', from: ['elbv2.target-group'], to: ['elbv2.load-balancer'], doc: 'target group -> a load balancer that sends it traffic' },
  origin: { scope: 'none', from: ['cloudfront.distribution'], to: ['s3.bucket', 'elbv2.load-balancer'], doc: 'CloudFront distribution -> an origin bucket or load balancer' },
  'protected-by': { scope: 'from-to', from: ['cloudfront.distribution'], to: ['wafv2.web-acl'], doc: 'CloudFront distribution -> its WAF web ACL' },
  scales: { scope: 'to-from', from: ['application-autoscaling.scalable-target'], to: ['ecs.service'], doc: 'scalable target -> the ECS service it scales' },
  'applies-to': {
    scope: 'to-from',
    from: ['application-autoscaling.scaling-policy'],
    to: ['application-autoscaling.scalable-target'],
    doc: 'scaling policy -> its scalable target',
  },
  'triggered-by': { scope: 'from-to', from: ['application-autoscaling.scaling-policy'], to: ['cloudwatch.alarm'], doc: 'scaling policy -> a CloudWatch alarm that invokes it' },
  'alias-to': { scope: 'none', from: ['route53.hosted-zone'], to: ['cloudfront.distribution'], doc: 'hosted zone -> a CloudFront distribution one of its alias records points at' },
} as const satisfies Record<string, EdgeSpec>;

export type EdgeType = keyof typeof EDGE_TYPES;

export function isEdgeType(value: string): value is EdgeType {
  return Object.hasOwn(EDGE_TYPES, value);
}

/** Every type a resource of `type` can take its scope from, directly or through others. */
export function scopeSources(type: string): Set<string> {
  const found = new Set<string>();
  const visit = (t: string) => {
    for (const e of Object.values(EDGE_TYPES) as readonly { scope: Scope; from: readonly string[]; to: readonly string[] }[]) {
      const owners = e.scope === 'to-from' && e.from.includes(t) ? e.to : e.scope === 'from-to' && e.to.includes(t) ? e.from : [];
      for (const owner of owners) {
        if (found.has(owner)) continue;
        found.add(owner);
        visit(owner);
      }
    }
  };
  visit(type);
  found.delete(type);
  return found;
}
