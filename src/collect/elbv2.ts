// Elastic Load Balancing v2: load balancers, target groups and listeners.
// Calls: DescribeLoadBalancers and DescribeTargetGroups (each paged, once per region);
// DescribeListeners per load balancer (paged; the API has no account-wide listing); DescribeTags for
// the tags of all three, 20 ARNs per call (the API's maximum).
// A node whose tags could not be read is left out (with a gap): scope is decided by tags, so a node
// with tags {} would be a guess.
import type { Action, DescribeTagsCommandOutput, Listener, LoadBalancer, TargetGroup } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { ResourceType } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, reader, type Reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { chunk } from './paginate.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-elastic-load-balancing-v2');

type Tags = Record<string, string>;

export const elbv2Collector = defineCollector({
  service: 'elbv2',
  iamPrefix: 'elasticloadbalancing',
  sdkClient: 'ElasticLoadBalancingV2',
  sdkPackage: '@aws-sdk/client-elastic-load-balancing-v2',
  reads: [
    // Listeners are listed per load balancer: without the load balancers there are none to list.
    { operation: 'DescribeLoadBalancers', pageSize: 400, per: 'region', paged: true, answer: 'LoadBalancers', feeds: { 'elbv2.load-balancer': '*', 'elbv2.listener': '*' } },
    { operation: 'DescribeTargetGroups', pageSize: 400, per: 'region', paged: true, answer: 'TargetGroups', feeds: { 'elbv2.target-group': '*' } },
    { operation: 'DescribeListeners', pageSize: 400, budget: { per: { type: 'elbv2.load-balancer', via: 'loadBalancerArn' } }, per: 'item', paged: true, answer: 'Listeners', feeds: { 'elbv2.listener': '*' }, gone: ['LoadBalancerNotFoundException'] },
    // One batch holds ARNs of any of the three types; a node whose tags are unread is left out.
    { operation: 'DescribeTags', batch: 20, budget: { items: ['elbv2.load-balancer', 'elbv2.target-group', 'elbv2.listener'] }, per: 'item', paged: false, answer: 'TagDescriptions', feeds: { 'elbv2.load-balancer': '*', 'elbv2.target-group': '*', 'elbv2.listener': '*' } },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { ElasticLoadBalancingV2Client, DescribeTagsCommand, paginateDescribeListeners, paginateDescribeLoadBalancers, paginateDescribeTargetGroups } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(ElasticLoadBalancingV2Client);
  const read = reader(ctx, elbv2Collector, result.gaps);

  const [loadBalancers, targetGroups] = await Promise.all([
    read.list('DescribeLoadBalancers', paginateDescribeLoadBalancers({ client }, { PageSize: read.pageSize('DescribeLoadBalancers') }), (p) => p.LoadBalancers),
    read.list('DescribeTargetGroups', paginateDescribeTargetGroups({ client }, { PageSize: read.pageSize('DescribeTargetGroups') }), (p) => p.TargetGroups),
  ]);

  // A load balancer deleted between the two reads has no listeners left to audit.
  const listenersPerLb = await Promise.all((loadBalancers ?? []).map((lb) =>
    read.list('DescribeListeners', paginateDescribeListeners({ client }, { LoadBalancerArn: lb.LoadBalancerArn, PageSize: read.pageSize('DescribeListeners') }), (p) => p.Listeners)));
  const listeners = listenersPerLb.flatMap((l) => l ?? []);

  // One DescribeTags stream for every kind of resource: a call takes 20 ARNs of any type.
  const typeOf = new Map<string, ResourceType>();
  for (const lb of loadBalancers ?? []) if (isString(lb.LoadBalancerArn)) typeOf.set(lb.LoadBalancerArn, 'elbv2.load-balancer');
  for (const tg of targetGroups ?? []) if (isString(tg.TargetGroupArn)) typeOf.set(tg.TargetGroupArn, 'elbv2.target-group');
  for (const l of listeners) if (isString(l.ListenerArn)) typeOf.set(l.ListenerArn, 'elbv2.listener');
  const tags = await tagsByArn(read, [...typeOf.keys()], (batch) => client.send(new DescribeTagsCommand({ ResourceArns: batch })));

  const emit = ([node, edges]: [GraphNode, GraphEdge[]]) => {
    result.nodes.push(node);
    result.edges.push(...edges);
  };
  const lbNames = new Map<string, string>();
  for (const lb of loadBalancers ?? []) {
    lbNames.set(lb.LoadBalancerArn ?? '', lb.LoadBalancerName ?? '');
    const lbTags = tags.get(lb.LoadBalancerArn ?? '');
    if (lbTags) emit(loadBalancerNode(ctx, lb, lbTags));
  }
  for (const tg of targetGroups ?? []) {
    const tgTags = tags.get(tg.TargetGroupArn ?? '');
    if (tgTags) emit(targetGroupNode(ctx, tg, tgTags));
  }
  for (const listener of listeners) {
    const listenerTags = tags.get(listener.ListenerArn ?? '');
    if (listenerTags) emit(listenerNode(ctx, listener, listenerTags, lbNames.get(listener.LoadBalancerArn ?? '')));
  }
  ctx.progress?.({ kind: 'resources', service: 'elbv2', region: ctx.region, count: result.nodes.length });
  return result;
}

function loadBalancerNode(ctx: CollectContext, lb: LoadBalancer, tags: Tags): [GraphNode<'elbv2.load-balancer'>, GraphEdge[]] {
  const id = lb.LoadBalancerArn ?? '';
  const vpcId = lb.VpcId ?? '';
  const zones = lb.AvailabilityZones ?? [];
  const subnetIds = zones.flatMap((z) => (z.SubnetId ? [z.SubnetId] : []));
  const node: GraphNode<'elbv2.load-balancer'> = {
    id, type: 'elbv2.load-balancer', region: ctx.region, account: ctx.account, name: lb.LoadBalancerName ?? id, tags,
    props: {
      loadBalancerName: lb.LoadBalancerName ?? '',
      type: lb.Type ?? '',
      scheme: lb.Scheme ?? '',
      state: lb.State?.Code ?? '',
      dnsName: lb.DNSName ?? '',
      vpcId,
      availabilityZones: zones.flatMap((z) => (z.ZoneName ? [z.ZoneName] : [])),
      subnetIds,
    },
  };
  return [node, [
    { type: 'in-vpc', from: id, to: arn.vpc(ctx, vpcId) },
    ...subnetIds.map((s): GraphEdge => ({ type: 'in-subnet', from: id, to: arn.subnet(ctx, s) })),
  ]];
}

function targetGroupNode(ctx: CollectContext, tg: TargetGroup, tags: Tags): [GraphNode<'elbv2.target-group'>, GraphEdge[]] {
  const id = tg.TargetGroupArn ?? '';
  const loadBalancerArns = tg.LoadBalancerArns ?? [];
  const node: GraphNode<'elbv2.target-group'> = {
    id, type: 'elbv2.target-group', region: ctx.region, account: ctx.account, name: tg.TargetGroupName ?? id, tags,
    props: {
      targetGroupName: tg.TargetGroupName ?? '',
      targetType: tg.TargetType ?? '',
      // Lambda target groups have no protocol, port or VPC.
      protocol: tg.Protocol ?? null,
      port: tg.Port ?? null,
      vpcId: tg.VpcId ?? null,
      loadBalancerArns,
    },
  };
  const edges: GraphEdge[] = loadBalancerArns.map((lb) => ({ type: 'serves', from: id, to: lb }));
  if (tg.VpcId) edges.push({ type: 'in-vpc', from: id, to: arn.vpc(ctx, tg.VpcId) });
  return [node, edges];
}

function listenerNode(ctx: CollectContext, l: Listener, tags: Tags, lbName: string | undefined): [GraphNode<'elbv2.listener'>, GraphEdge[]] {
  const id = l.ListenerArn ?? '';
  const loadBalancerArn = l.LoadBalancerArn ?? '';
  const forwardTargetGroupArns = forwardTargets(l.DefaultActions ?? []);
  // Gateway Load Balancer listeners have no port or protocol (GENEVE is implied): 0 and "".
  const port = l.Port ?? 0;
  const node: GraphNode<'elbv2.listener'> = {
    // A listener has no name of its own: "<load balancer>:<port>" reads well in reports.
    id, type: 'elbv2.listener', region: ctx.region, account: ctx.account, name: tags.Name ?? `${lbName ?? loadBalancerArn}:${port}`, tags,
    props: { loadBalancerArn, port, protocol: l.Protocol ?? '', forwardTargetGroupArns },
  };
  return [node, [
    { type: 'listener-of', from: id, to: loadBalancerArn },
    ...forwardTargetGroupArns.map((tg): GraphEdge => ({ type: 'forwards-to', from: id, to: tg })),
  ]];
}

/** Target groups of the forward actions: the single TargetGroupArn form and the weighted ForwardConfig form. */
function forwardTargets(actions: Action[]): string[] {
  const arns = actions
    .filter((a) => a.Type === 'forward')
    .flatMap((a) => [a.TargetGroupArn, ...(a.ForwardConfig?.TargetGroups ?? []).map((t) => t.TargetGroupArn)])
    .filter(isString);
  return [...new Set(arns)];
}

/** Tags of every ARN whose DescribeTags batch succeeded ({} when it has none); a failed batch's ARNs are absent. */
async function tagsByArn(
  read: Reader, arns: string[], describe: (batch: string[]) => Promise<DescribeTagsCommandOutput>,
): Promise<Map<string, Tags>> {
  const tags = new Map<string, Tags>();
  await Promise.all(chunk(arns, read.batchSize('DescribeTags')).map(async (batch) => {
    const out = await read.call('DescribeTags', () => describe(batch));
    if (!out) return;
    for (const resourceArn of batch) tags.set(resourceArn, {});
    for (const d of out.TagDescriptions ?? []) if (d.ResourceArn) tags.set(d.ResourceArn, tagMap(d.Tags));
  }));
  return tags;
}

const isString = (s: string | undefined): s is string => typeof s === 'string' && s.length > 0;
