// Typed edges. An edge points from a resource to the one it lives in, uses or depends on.
// `scope` says whether membership in the audited application flows along the edge: resources that
// take no tags of their own (a replica of a tagged writer, the subnets of the app's VPC, the
// containers of its task definition) belong to the application through these relationships.

export const EDGE_TYPES = {
  'in-vpc': { scope: 'to-from', doc: 'subnet, route table, NAT gateway, load balancer, subnet group -> its VPC' },
  'attached-to': { scope: 'to-from', doc: 'internet gateway -> the VPC it is attached to' },
  'in-subnet': { scope: 'none', doc: 'NAT gateway, load balancer, ECS service, subnet group -> a subnet it uses' },
  'routes-via': { scope: 'none', doc: 'subnet -> the internet or NAT gateway its default route goes to' },
  'replica-of': { scope: 'to-from', doc: 'read replica -> its source DB instance' },
  'member-of': { scope: 'to-from', doc: 'DB instance -> its Aurora cluster' },
  'in-subnet-group': { scope: 'none', doc: 'DB instance or replication group -> its subnet group' },
  'in-cluster': { scope: 'none', doc: 'ECS service -> its ECS cluster' },
  runs: { scope: 'from-to', doc: 'ECS service -> the task definition it runs' },
  'in-task-definition': { scope: 'to-from', doc: 'container -> its task definition' },
  'registered-with': { scope: 'none', doc: 'ECS service -> a target group its tasks register with' },
  'listener-of': { scope: 'to-from', doc: 'listener -> its load balancer' },
  'forwards-to': { scope: 'none', doc: 'listener -> a target group it forwards to' },
  serves: { scope: 'to-from', doc: 'target group -> a load balancer that sends it traffic' },
  origin: { scope: 'none', doc: 'CloudFront distribution -> an origin bucket or load balancer' },
  'protected-by': { scope: 'from-to', doc: 'CloudFront distribution -> its WAF web ACL' },
  scales: { scope: 'to-from', doc: 'scalable target -> the ECS service it scales' },
  'applies-to': { scope: 'to-from', doc: 'scaling policy -> its scalable target' },
  'triggered-by': { scope: 'from-to', doc: 'scaling policy -> a CloudWatch alarm that invokes it' },
  'alias-to': { scope: 'none', doc: 'hosted zone -> a CloudFront distribution one of its alias records points at' },
} as const satisfies Record<string, { scope: 'to-from' | 'from-to' | 'none'; doc: string }>;

export type EdgeType = keyof typeof EDGE_TYPES;

export function isEdgeType(value: string): value is EdgeType {
  return Object.hasOwn(EDGE_TYPES, value);
}
