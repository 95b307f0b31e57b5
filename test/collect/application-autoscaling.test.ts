import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ApplicationAutoScalingClient,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  type ScalingPolicy,
} from '@aws-sdk/client-application-auto-scaling';
import { applicationAutoScalingCollector } from '../../src/collect/application-autoscaling.js';
import type { GraphNode } from '../../src/graph/types.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const aas = mockClient(ApplicationAutoScalingClient);
const DIMENSION = 'ecs:service:DesiredCount';
const TARGET_ARN = 'arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/0ec1a2b3c4d5e6f7';
const API_SERVICE = 'arn:aws:ecs:us-east-1:123456789012:service/shopflow/shopflow-api';
const POLICY_PREFIX = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:0ec1:resource/ecs/service/shopflow/shopflow-api:policyName';

const target = (service: string, arn?: string) => ({
  ServiceNamespace: 'ecs' as const,
  ResourceId: `service/shopflow/${service}`,
  ScalableDimension: DIMENSION as 'ecs:service:DesiredCount',
  MinCapacity: 2,
  MaxCapacity: 20,
  RoleARN: 'arn:aws:iam::123456789012:role/aas',
  CreationTime: new Date(0),
  ...(arn && { ScalableTargetARN: arn }),
});

const policy = (name: string, extra: Partial<ScalingPolicy>): ScalingPolicy => ({
  PolicyARN: `${POLICY_PREFIX}/${name}`,
  PolicyName: name,
  ServiceNamespace: 'ecs',
  ResourceId: 'service/shopflow/shopflow-api',
  ScalableDimension: 'ecs:service:DesiredCount',
  PolicyType: 'StepScaling',
  CreationTime: new Date(0),
  ...extra,
});

const POLICIES: ScalingPolicy[] = [
  policy('scale-out', {
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      Cooldown: 300,
      StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
    },
    Alarms: [{ AlarmName: 'shopflow-api-requests-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-requests-high' }],
  }),
  policy('scale-in', {
    StepScalingPolicyConfiguration: {
      AdjustmentType: 'ChangeInCapacity',
      Cooldown: 600,
      StepAdjustments: [
        { MetricIntervalUpperBound: 0, MetricIntervalLowerBound: -10, ScalingAdjustment: -1 },
        { MetricIntervalUpperBound: -10, ScalingAdjustment: -3 },
      ],
    },
    Alarms: [{ AlarmName: 'shopflow-api-requests-low', AlarmARN: 'x' }],
  }),
  policy('cpu70', {
    PolicyType: 'TargetTrackingScaling',
    TargetTrackingScalingPolicyConfiguration: {
      TargetValue: 70,
      PredefinedMetricSpecification: { PredefinedMetricType: 'ECSServiceAverageCPUUtilization' },
      ScaleOutCooldown: 60,
      ScaleInCooldown: 300,
    },
    Alarms: [{ AlarmName: 'TargetTracking-high', AlarmARN: 'y' }, { AlarmName: 'TargetTracking-low', AlarmARN: 'z' }],
  }),
];

function mockHappyAccount(): void {
  aas
    .on(DescribeScalableTargetsCommand)
    .resolvesOnce({ ScalableTargets: [target('shopflow-api', TARGET_ARN)], NextToken: 't2' })
    .resolvesOnce({ ScalableTargets: [target('shopflow-worker')] });
  aas
    .on(DescribeScalingPoliciesCommand)
    .resolvesOnce({ ScalingPolicies: POLICIES.slice(0, 2), NextToken: 'p2' })
    .resolvesOnce({ ScalingPolicies: POLICIES.slice(2) });
}

const byName = (nodes: GraphNode[], name: string) => nodes.find((n) => n.name === name);

describe('applicationAutoScalingCollector', () => {
  beforeEach(() => aas.reset());

  it('follows every page of targets and policies, for the ecs namespace', async () => {
    mockHappyAccount();
    const result = await applicationAutoScalingCollector.collect(fakeContext());

    expect(aas.commandCalls(DescribeScalableTargetsCommand)).toHaveLength(2);
    expect(aas.commandCalls(DescribeScalingPoliciesCommand)).toHaveLength(2);
    expect(aas.commandCalls(DescribeScalingPoliciesCommand)[0]!.args[0].input.ServiceNamespace).toBe('ecs');
    expect(result.nodes.filter((n) => n.type === 'application-autoscaling.scalable-target')).toHaveLength(2);
    expect(result.nodes.filter((n) => n.type === 'application-autoscaling.scaling-policy')).toHaveLength(3);
    expect(result.gaps).toEqual([]);
  });

  it('identifies targets by their ARN, or by a built one when the API gives none', async () => {
    mockHappyAccount();
    const { nodes } = await applicationAutoScalingCollector.collect(fakeContext());

    expect(byName(nodes, 'service/shopflow/shopflow-api')).toEqual({
      id: TARGET_ARN,
      type: 'application-autoscaling.scalable-target',
      region: 'us-east-1',
      account: '123456789012',
      name: 'service/shopflow/shopflow-api',
      tags: {},
      props: { serviceNamespace: 'ecs', resourceId: 'service/shopflow/shopflow-api', scalableDimension: DIMENSION, minCapacity: 2, maxCapacity: 20 },
    });
    expect(byName(nodes, 'service/shopflow/shopflow-worker')?.id).toBe(
      `arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/ecs|service/shopflow/shopflow-worker|${DIMENSION}`,
    );
  });

  it('derives direction, adjustment and cooldowns of step and target tracking policies', async () => {
    mockHappyAccount();
    const { nodes } = await applicationAutoScalingCollector.collect(fakeContext());

    expect(byName(nodes, 'scale-out')?.props).toEqual({
      policyName: 'scale-out',
      policyType: 'StepScaling',
      resourceId: 'service/shopflow/shopflow-api',
      direction: 'out',
      adjustmentType: 'ChangeInCapacity',
      scalingAdjustment: 2,
      cooldown: 300,
      targetValue: null,
      predefinedMetricType: null,
      scaleOutCooldown: null,
      scaleInCooldown: null,
      alarmNames: ['shopflow-api-requests-high'],
    });
    // Steps disagree (-1, -3): the largest magnitude stands for the policy.
    expect(byName(nodes, 'scale-in')?.props).toMatchObject({ direction: 'in', scalingAdjustment: -3, cooldown: 600 });
    expect(byName(nodes, 'cpu70')?.props).toMatchObject({
      direction: 'both',
      adjustmentType: null,
      scalingAdjustment: null,
      cooldown: null,
      targetValue: 70,
      predefinedMetricType: 'ECSServiceAverageCPUUtilization',
      scaleOutCooldown: 60,
      scaleInCooldown: 300,
      alarmNames: ['TargetTracking-high', 'TargetTracking-low'],
    });
  });

  it('links targets to ECS services, and policies to their target and alarms', async () => {
    mockHappyAccount();
    const { edges } = await applicationAutoScalingCollector.collect(fakeContext());

    expect(edges).toContainEqual({ type: 'scales', from: TARGET_ARN, to: API_SERVICE });
    expect(edges).toContainEqual({ type: 'applies-to', from: `${POLICY_PREFIX}/scale-out`, to: TARGET_ARN });
    expect(edges).toContainEqual({
      type: 'triggered-by', from: `${POLICY_PREFIX}/scale-out`, to: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-requests-high',
    });
    expect(edges.filter((e) => e.type === 'triggered-by' && e.from === `${POLICY_PREFIX}/cpu70`)).toHaveLength(2);
    expect(edges.filter((e) => e.type === 'scales')).toHaveLength(2);
    expect(edges.filter((e) => e.type === 'applies-to')).toHaveLength(3);
  });

  it('turns denied targets into a gap for targets only; policies are still read', async () => {
    mockHappyAccount();
    aas.on(DescribeScalableTargetsCommand).rejects(accessDenied());
    const result = await applicationAutoScalingCollector.collect(fakeContext());

    expect(result.nodes.filter((n) => n.type === 'application-autoscaling.scalable-target')).toEqual([]);
    expect(result.nodes.filter((n) => n.type === 'application-autoscaling.scaling-policy')).toHaveLength(3);
    expect(result.edges.filter((e) => e.type === 'applies-to')).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({
        service: 'application-autoscaling', operation: 'DescribeScalableTargets', code: 'AccessDeniedException',
        region: 'us-east-1', resourceTypes: ['application-autoscaling.scalable-target'],
      }),
    ]);
  });

  it('emits no policies when a later page is throttled', async () => {
    mockHappyAccount();
    aas.on(DescribeScalingPoliciesCommand).resolvesOnce({ ScalingPolicies: POLICIES.slice(0, 2), NextToken: 'p2' }).rejectsOnce(throttled());
    const result = await applicationAutoScalingCollector.collect(fakeContext());

    expect(result.nodes.filter((n) => n.type === 'application-autoscaling.scaling-policy')).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ operation: 'DescribeScalingPolicies', code: 'ThrottlingException', resourceTypes: ['application-autoscaling.scaling-policy'] }),
    ]);
  });
});
