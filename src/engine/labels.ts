// Words for what rules read, so a finding says "number of read replicas", not
// "<-replica-of(rds.db-instance) (count)". Every resource type and edge type has a label: a new one
// declares it (`label` in src/resources/<service>.ts), older ones are in the tables below
// (test/engine/labels.test.ts fails on a type or edge with neither); props fall back to their camelCase split.
import { EDGE_TYPES, type EdgeType } from '../graph/edge-types.js';
import { RESOURCE_TYPES, type ResourceType } from '../graph/resource-types.js';
import type { Check, ResourceRef, Subject } from './types.js';

interface Noun { one: string; many: string }
const noun = (one: string, many = `${one}s`): Noun => ({ one, many });

const TABLE_RESOURCE_LABELS: Partial<Record<ResourceType, Noun>> = {
  'ec2.vpc': noun('VPC'),
  'ec2.subnet': noun('subnet'),
  'ec2.route-table': noun('route table'),
  'ec2.internet-gateway': noun('internet gateway'),
  'ec2.nat-gateway': noun('NAT gateway'),
  'rds.db-instance': noun('database instance'),
  'rds.db-cluster': noun('database cluster'),
  'rds.db-subnet-group': noun('database subnet group'),
  'elasticache.replication-group': noun('Redis replication group'),
  'elasticache.cache-subnet-group': noun('cache subnet group'),
  'ecs.cluster': noun('ECS cluster'),
  'ecs.service': noun('ECS service'),
  'ecs.task-definition': noun('task definition'),
  'ecs.container': noun('container'),
  'cloudfront.distribution': noun('CloudFront distribution'),
  'wafv2.web-acl': noun('WAF web ACL'),
  'elbv2.load-balancer': noun('load balancer'),
  'elbv2.target-group': noun('target group'),
  'elbv2.listener': noun('listener'),
  'application-autoscaling.scalable-target': noun('scalable target'),
  'application-autoscaling.scaling-policy': noun('scaling policy', 'scaling policies'),
  'cloudwatch.alarm': noun('CloudWatch alarm'),
  's3.bucket': noun('S3 bucket'),
  'sqs.queue': noun('SQS queue'),
  'route53.hosted-zone': noun('hosted zone'),
};

/**
 * What the resources at the other end of an edge are, seen from the resource a rule looks at.
 * `{to}` stands for the label of the target type the condition names.
 */
const TABLE_EDGE_LABELS: Partial<Record<EdgeType, { forward: Noun; reverse: Noun }>> = {
  'in-vpc': { forward: noun('VPC'), reverse: noun('{to} in the VPC', '{to} in the VPC') },
  'attached-to': { forward: noun('attached VPC'), reverse: noun('attached {to}', 'attached {to}') },
  'in-subnet': { forward: noun('subnet'), reverse: noun('{to} in the subnet', '{to} in the subnet') },
  'routes-via': { forward: noun('{to} of the default route', '{to} of the default route'), reverse: noun('subnet routed through it', 'subnets routed through it') },
  'replica-of': { forward: noun('source database'), reverse: noun('read replica') },
  'member-of': { forward: noun('database cluster'), reverse: noun('cluster member') },
  'in-subnet-group': { forward: noun('subnet group'), reverse: noun('{to} using the subnet group', '{to} using the subnet group') },
  'in-cluster': { forward: noun('ECS cluster'), reverse: noun('ECS service in the cluster', 'ECS services in the cluster') },
  runs: { forward: noun('task definition'), reverse: noun('ECS service running it', 'ECS services running it') },
  'in-task-definition': { forward: noun('task definition'), reverse: noun('container') },
  'registered-with': { forward: noun('target group'), reverse: noun('ECS service registered with it', 'ECS services registered with it') },
  'listener-of': { forward: noun('load balancer'), reverse: noun('listener') },
  'forwards-to': { forward: noun('target group it forwards to', 'target groups it forwards to'), reverse: noun('listener forwarding to it', 'listeners forwarding to it') },
  serves: { forward: noun('load balancer it serves', 'load balancers it serves'), reverse: noun('target group') },
  origin: { forward: noun('{to} origin', '{to} origins'), reverse: noun('CloudFront distribution using it as an origin', 'CloudFront distributions using it as an origin') },
  'protected-by': { forward: noun('WAF web ACL protecting it', 'WAF web ACLs protecting it'), reverse: noun('distribution it protects', 'distributions it protects') },
  scales: { forward: noun('ECS service it scales', 'ECS services it scales'), reverse: noun('scalable target') },
  'applies-to': { forward: noun('scalable target'), reverse: noun('scaling policy', 'scaling policies') },
  'triggered-by': { forward: noun('CloudWatch alarm triggering it', 'CloudWatch alarms triggering it'), reverse: noun('scaling policy it triggers', 'scaling policies it triggers') },
  'alias-to': { forward: noun('CloudFront distribution aliased in the zone', 'CloudFront distributions aliased in the zone'), reverse: noun('hosted zone aliasing it', 'hosted zones aliasing it') },
};

type Declared = { label?: { one: string; many?: string } };
type DeclaredEdge = { label?: { forward: { one: string; many?: string }; reverse: { one: string; many?: string } } };
const nounOf = (l: { one: string; many?: string }): Noun => noun(l.one, l.many);

/** Every type's words: the table's, or its declaration's `label`. */
export const RESOURCE_LABELS: Readonly<Partial<Record<string, Noun>>> = {
  ...TABLE_RESOURCE_LABELS,
  ...Object.fromEntries(Object.entries(RESOURCE_TYPES as Readonly<Record<string, Declared>>).flatMap(([t, m]) => (m.label ? [[t, nounOf(m.label)]] : []))),
};

/** Every edge's words: the table's, or its declaration's `label`. */
export const EDGE_LABELS: Readonly<Partial<Record<string, { forward: Noun; reverse: Noun }>>> = {
  ...TABLE_EDGE_LABELS,
  ...Object.fromEntries(
    Object.entries(EDGE_TYPES as Readonly<Record<string, DeclaredEdge>>).flatMap(([e, m]) => (m.label ? [[e, { forward: nounOf(m.label.forward), reverse: nounOf(m.label.reverse) }]] : [])),
  ),
};

/** Props (or dotted paths) whose words are not just their camelCase split: flags, units, abbreviations. */
const PROP_LABELS: Record<string, string> = {
  'replication.enabled': 'replication enabled',
  'replication.destinationBuckets': 'replication destination buckets',
  'viewerCertificate.minimumProtocolVersion': "viewer certificate's minimum TLS protocol version",
  'viewerCertificate.source': 'viewer certificate source',
  'defaultRoute.natGatewayAvailabilityZone': "availability zone of the default route's NAT gateway",
  'defaultRoute.targetType': 'default route target',
  multiAz: 'Multi-AZ',
  backupRetentionPeriod: 'backup retention (days)',
  snapshotRetentionLimit: 'snapshot retention (days)',
  restoreLagSeconds: 'restore lag (seconds)',
  allocatedStorageGb: 'allocated storage (GB)',
  usesFargate: 'runs on Fargate',
  usesDefaultParameterGroup: 'uses only default parameter groups',
  routesToInternetGateway: 'routes to an internet gateway',
  credentialLikeEnvironmentNames: 'environment variables holding credential-like values',
  environmentNames: 'environment variables',
  environmentValues: 'environment variable',
  logOptions: 'log option',
  minReplicasPerNodeGroup: 'fewest replicas in a shard',
  numNodeGroups: 'number of shards',
  nodeGroups: 'shards',
  cacheBehaviors: 'cache behaviours',
  webAclId: 'web ACL',
  kmsKeyId: 'KMS key',
  valueFrom: 'source',
  cpu: 'CPU units',
  memory: 'memory (MiB)',
  cooldown: 'cooldown (seconds)',
  scaleOutCooldown: 'scale-out cooldown (seconds)',
  scaleInCooldown: 'scale-in cooldown (seconds)',
  periodSeconds: 'period (seconds)',
  replication: 'replication',
  enabled: 'enabled',
  '.': 'value',
};

/** Props that are maps: a key below them names an entry ("log option awslogs-group"). */
const KEYED = new Set(['environmentValues', 'logOptions', 'dimensions', 'tags']);

const ACRONYMS: Record<string, string> = { az: 'AZ', id: 'ID', ids: 'IDs', ip: 'IP', kms: 'KMS', tls: 'TLS', arn: 'ARN', arns: 'ARNs', dns: 'DNS', cidr: 'CIDR', nat: 'NAT', vpc: 'VPC', acl: 'ACL', ssl: 'SSL', url: 'URL', db: 'database' };

/** "secondaryAvailabilityZone" -> "secondary availability zone"; "kmsKeyId" -> "KMS key". */
export function propLabel(key: string): string {
  if (PROP_LABELS[key]) return PROP_LABELS[key];
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[\s_]+/)
    .map((w) => ACRONYMS[w.toLowerCase()] ?? w.toLowerCase())
    .join(' ');
}

/** One element of a list prop, for "viewer protocol policy of cache behaviour 2". */
function singular(label: string): string {
  if (label.endsWith('policies')) return label.slice(0, -3) + 'y';
  return label.replace(/s$/, '');
}

function plural(label: string): string {
  return /s$|\)$/.test(label) ? label : label.endsWith('y') ? label.slice(0, -1) + 'ies' : `${label}s`;
}

function fill(label: string, to: string | undefined, one: boolean): string {
  const target = to && Object.hasOwn(RESOURCE_LABELS, to) ? RESOURCE_LABELS[to] : undefined;
  return label.replace('{to}', target ? (one ? target.one : target.many) : 'resource');
}

export function typeLabel(type: string, many = true): string {
  const t = Object.hasOwn(RESOURCE_LABELS, type) ? RESOURCE_LABELS[type] : undefined;
  return t ? (many ? t.many : t.one) : type;
}

/** Splits at dots outside brackets and parentheses (types and resource names contain dots). */
function segments(path: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of path) {
    if (ch === '(' || ch === '[') depth++;
    if (ch === ')' || ch === ']') depth--;
    if (ch === '.' && depth === 0 && current) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

const SEGMENT = /^(<-|->)?([^([]+)(?:\(([^)]*)\))?(?:\[(.*)\])?$/;

/**
 * The engine's path of the value that decided a result, in words: "number of read replicas",
 * "viewer protocol policy of cache behaviour 2", "routes to an internet gateway of subnet b".
 */
export function describePath(path: string): string {
  let rest = path;
  let prefix = '';
  // "->uses-secret(secretsmanager.secret) (unresolved)": the references of a `resolves` condition
  // ("unresolved reference to a Secrets Manager secret is <arn>, expected none").
  if (rest.endsWith(' (unresolved)')) {
    const to = SEGMENT.exec(rest.slice(0, -' (unresolved)'.length))?.[3];
    const what = to ? typeLabel(to, false) : 'resource';
    return `unresolved reference to ${/^[aeiou]/i.test(what) ? 'an' : 'a'} ${what}`;
  }
  if (rest.endsWith(' (count)')) {
    rest = rest.slice(0, -' (count)'.length);
    prefix = 'number of ';
  } else if (rest.endsWith(' (distinct)')) {
    rest = rest.slice(0, -' (distinct)'.length);
    prefix = 'number of distinct ';
  }
  if (PROP_LABELS[rest]) return prefix + PROP_LABELS[rest];
  const parts: string[] = [];
  const segs = segments(rest);
  // A bare edge at the end is how the engine reports "no related resources at all": a count.
  if (!prefix && /^(<-|->)[^[]*$/.test(segs.at(-1) ?? '')) prefix = 'number of ';
  for (let i = 0; i < segs.length; i++) {
    const m = SEGMENT.exec(segs[i]!);
    if (!m) {
      parts.push(segs[i]!);
      continue;
    }
    const [, arrow, name = '', to, index] = m;
    const last = i === segs.length - 1;
    if (arrow) {
      const edge = (Object.hasOwn(EDGE_LABELS, name) ? EDGE_LABELS[name] : undefined)?.[arrow === '<-' ? 'reverse' : 'forward'] ?? noun(name);
      const one = fill(edge.one, to, true);
      const many = fill(edge.many, to, false);
      parts.push(index === undefined ? many : index === '*' ? `each ${one}` : `${one} ${index}`);
      continue;
    }
    if (name.startsWith('@')) {
      parts.push(name === '@tags' && segs[i + 1] ? `tag ${segs[++i]}` : propLabel(name.slice(1)));
      continue;
    }
    if (KEYED.has(name) && segs[i + 1] && !last) {
      parts.push(`${propLabel(name)} ${segs[++i]}`);
      continue;
    }
    if (name === '.' && parts.length) continue;
    const label = propLabel(name);
    parts.push(index === undefined ? label : index === '*' ? `each ${singular(label)}` : /^\d+$/.test(index) ? `${singular(label)} ${Number(index) + 1}` : `${singular(label)} ${index}`);
  }
  // "number of distinct availability zones of read replicas"
  if (prefix.includes('distinct') && parts.length) parts[parts.length - 1] = plural(parts[parts.length - 1]!);
  return prefix + parts.reverse().join(' of ');
}

/** What a check compared, in words; `type` is the type the rule selects (for counts of its selection). */
export function describeCheck(check: Check | undefined, type?: string): string {
  const selection = type ? typeLabel(type) : 'resources';
  switch (check?.kind) {
    case undefined:
      return '';
    case 'value':
      return describePath(check.path);
    case 'selected':
      return `number of ${selection}`;
    case 'count':
      return check.distinct ? `number of distinct ${plural(describePath(check.distinct))} of ${selection}` : `number of ${selection}`;
    case 'set':
      return `distinct ${plural(describePath(check.distinct))} of ${selection}`;
    case 'rules':
      return 'failing rules';
    case 'cost':
      return `estimated monthly cost (on-demand list prices as of ${check.pricesAsOf})`;
  }
}

/**
 * The one label of what a result is about, for every report: a resource's name (its id if it has
 * none), the selection in words ("database instances in eu-west-1"), or a composite's parts.
 */
export function subjectLabel(r: { resource: ResourceRef; subject: Subject }): string {
  switch (r.subject.kind) {
    case 'resource':
      return r.resource.name || r.resource.id;
    case 'set': {
      const what = typeLabel(r.subject.type);
      if (r.subject.region === null) return `${what} in every region`;
      return r.subject.region === 'global' ? what : `${what} in ${r.subject.region}`;
    }
    case 'rules':
      return `${r.subject.rules.length} combined rule${r.subject.rules.length === 1 ? '' : 's'}`;
    case 'cost':
      return 'monthly cost of the application';
  }
}
