// Application Auto Scaling for ECS: scalable targets and their scaling policies.
// Calls: DescribeScalableTargets (paged) and DescribeScalingPolicies (paged), both for namespace "ecs".
import type { ScalableTarget, ScalingPolicy } from '@aws-sdk/client-application-auto-scaling';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import { arn } from './arn.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-application-auto-scaling');
const NAMESPACE = 'ecs';

export const applicationAutoScalingCollector = defineCollector({
  service: 'application-autoscaling',
  iamPrefix: 'application-autoscaling',
  sdkClient: 'ApplicationAutoScaling',
  sdkPackage: '@aws-sdk/client-application-auto-scaling',
  reads: [
    // No page size is asked: 50 is the service's default (the call budget divides by it).
    { operation: 'DescribeScalableTargets', pageSize: 50, per: 'region', paged: true, answer: 'ScalableTargets', feeds: { 'application-autoscaling.scalable-target': '*' } },
    { operation: 'DescribeScalingPolicies', pageSize: 50, per: 'region', paged: true, answer: 'ScalingPolicies', feeds: { 'application-autoscaling.scaling-policy': '*' } },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { ApplicationAutoScalingClient, paginateDescribeScalableTargets, paginateDescribeScalingPolicies } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(ApplicationAutoScalingClient);
  const read = reader(ctx, applicationAutoScalingCollector, result.gaps);

  // Policies name their target by namespace|resourceId|dimension; this map turns that into the target's id.
  const targetIds = new Map<string, string>();
  // Both reads start at once: policies need the targets only to link to them, after both have answered.
  const [targets, policies] = await Promise.all([
    read.list('DescribeScalableTargets', paginateDescribeScalableTargets({ client }, { ServiceNamespace: NAMESPACE }), (p) => p.ScalableTargets),
    read.list('DescribeScalingPolicies', paginateDescribeScalingPolicies({ client }, { ServiceNamespace: NAMESPACE }), (p) => p.ScalingPolicies),
  ]);
  for (const target of targets ?? []) {
    const node = targetNode(ctx, target);
    targetIds.set(targetKey(target), node.id);
    result.nodes.push(node);
    const service = ecsServiceArn(ctx, target.ResourceId ?? '');
    if (service) result.edges.push({ type: 'scales', from: node.id, to: service });
  }

  for (const policy of policies ?? []) {
    result.nodes.push(policyNode(ctx, policy));
    result.edges.push(...policyEdges(ctx, policy, targetIds.get(targetKey(policy))));
  }
  return result;
}

function targetKey(t: Pick<ScalableTarget, 'ServiceNamespace' | 'ResourceId' | 'ScalableDimension'>): string {
  return `${t.ServiceNamespace}|${t.ResourceId}|${t.ScalableDimension}`;
}

function targetNode(ctx: CollectContext, target: ScalableTarget): GraphNode<'application-autoscaling.scalable-target'> {
  // Older API responses carry no ScalableTargetARN: build a stable id from what identifies the target.
  const id = target.ScalableTargetARN ?? `arn:${ctx.partition}:application-autoscaling:${ctx.region}:${ctx.account}:scalable-target/${targetKey(target)}`;
  return {
    id,
    type: 'application-autoscaling.scalable-target',
    region: ctx.region,
    account: ctx.account,
    name: target.ResourceId ?? '',
    tags: {},
    props: {
      serviceNamespace: target.ServiceNamespace ?? '',
      resourceId: target.ResourceId ?? '',
      scalableDimension: target.ScalableDimension ?? '',
      minCapacity: target.MinCapacity ?? 0,
      maxCapacity: target.MaxCapacity ?? 0,
    },
  };
}

/** "service/<cluster>/<service>" -> the ECS service's ARN. */
function ecsServiceArn(ctx: CollectContext, resourceId: string): string | null {
  const match = /^service\/([^/]+)\/([^/]+)$/.exec(resourceId);
  return match ? arn.ecsService(ctx, match[1]!, match[2]!) : null;
}

function policyNode(ctx: CollectContext, policy: ScalingPolicy): GraphNode<'application-autoscaling.scaling-policy'> {
  const step = policy.StepScalingPolicyConfiguration;
  const tracking = policy.TargetTrackingScalingPolicyConfiguration;
  const adjustments = (step?.StepAdjustments ?? []).map((a) => a.ScalingAdjustment ?? 0);
  return {
    id: policy.PolicyARN!,
    type: 'application-autoscaling.scaling-policy',
    region: ctx.region,
    account: ctx.account,
    name: policy.PolicyName ?? '',
    tags: {},
    props: {
      policyName: policy.PolicyName ?? '',
      policyType: policy.PolicyType ?? '',
      resourceId: policy.ResourceId ?? '',
      direction: directionOf(policy.PolicyType, adjustments),
      adjustmentType: step?.AdjustmentType ?? null,
      scalingAdjustment: step ? representativeAdjustment(adjustments) : null,
      cooldown: step?.Cooldown ?? null,
      targetValue: tracking?.TargetValue ?? null,
      predefinedMetricType: tracking?.PredefinedMetricSpecification?.PredefinedMetricType ?? null,
      scaleOutCooldown: tracking?.ScaleOutCooldown ?? null,
      scaleInCooldown: tracking?.ScaleInCooldown ?? null,
      alarmNames: (policy.Alarms ?? []).map((a) => a.AlarmName ?? ''),
    },
  };
}

function directionOf(policyType: string | undefined, adjustments: number[]): 'out' | 'in' | 'both' {
  if (policyType === 'StepScaling' && adjustments.length > 0) {
    if (adjustments.every((a) => a > 0)) return 'out';
    if (adjustments.every((a) => a < 0)) return 'in';
  }
  // Predictive scaling only ever raises capacity ahead of demand.
  if (policyType === 'PredictiveScaling') return 'out';
  return 'both';
}

/** The step adjustment when every step agrees, else the one of largest magnitude. */
function representativeAdjustment(adjustments: number[]): number | null {
  if (adjustments.length === 0) return null;
  return adjustments.reduce((best, a) => (Math.abs(a) > Math.abs(best) ? a : best));
}

function policyEdges(ctx: CollectContext, policy: ScalingPolicy, targetId: string | undefined): GraphEdge[] {
  const from = policy.PolicyARN!;
  const edges: GraphEdge[] = [];
  if (targetId) edges.push({ type: 'applies-to', from, to: targetId });
  for (const alarm of policy.Alarms ?? []) {
    if (alarm.AlarmName) edges.push({ type: 'triggered-by', from, to: arn.cloudwatchAlarm(ctx, alarm.AlarmName) });
  }
  return edges;
}
