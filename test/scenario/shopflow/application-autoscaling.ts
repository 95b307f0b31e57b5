// Application Auto Scaling: the api service's scalable target and its step scaling policies.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as AAS from '@aws-sdk/client-application-auto-scaling';
import { defineService, CREATED } from '../recording.js';

export interface AutoScalingAnswers {
  scalableTargets: AAS.ScalableTarget[];
  scalingPolicies: AAS.ScalingPolicy[];
}

const answers: AutoScalingAnswers = {
  scalableTargets: [
    {
      ServiceNamespace: 'ecs',
      ResourceId: 'service/shopflow/shopflow-api',
      ScalableDimension: 'ecs:service:DesiredCount',
      MinCapacity: 2,
      MaxCapacity: 20,
      RoleARN: 'arn:aws:iam::123456789012:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService',
      CreationTime: CREATED,
      SuspendedState: { DynamicScalingInSuspended: false, DynamicScalingOutSuspended: false, ScheduledScalingSuspended: false },
      ScalableTargetARN: 'arn:aws:application-autoscaling:us-east-1:123456789012:scalable-target/0ec5a3b9d1f24e6a8c7b5d3f1e9a2c4b6d80',
    },
  ],
  scalingPolicies: [
    {
      PolicyARN: 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:2d8e4b6a-9c1f-4a3e-b5d7-6f0a2c4e8b1d:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-in',
      PolicyName: 'shopflow-api-scale-in',
      ServiceNamespace: 'ecs',
      ResourceId: 'service/shopflow/shopflow-api',
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }],
        Cooldown: 300,
        MetricAggregationType: 'Average',
      },
      Alarms: [{ AlarmName: 'shopflow-api-cpu-low', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-cpu-low' }],
      CreationTime: CREATED,
    },
    {
      PolicyARN: 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:7c2f9a4e-1b3d-4e5f-8a6b-9c0d1e2f3a4b:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-out',
      PolicyName: 'shopflow-api-scale-out',
      ServiceNamespace: 'ecs',
      ResourceId: 'service/shopflow/shopflow-api',
      ScalableDimension: 'ecs:service:DesiredCount',
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: {
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [{ MetricIntervalLowerBound: 0, ScalingAdjustment: 2 }],
        Cooldown: 300,
        MetricAggregationType: 'Average',
      },
      Alarms: [
        { AlarmName: 'shopflow-api-cpu-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-cpu-high' },
        { AlarmName: 'shopflow-api-memory-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-memory-high' },
        { AlarmName: 'shopflow-api-requests-high', AlarmARN: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-requests-high' },
      ],
      CreationTime: CREATED,
    },
  ],
};

export const autoscaling = defineService({
  name: 'autoscaling', global: false,
  empty: { scalableTargets: [], scalingPolicies: [] },
  record(a, r) {
    // The collector asks for no page size: the service's default (50) applies.
    r.paged('ApplicationAutoScaling:DescribeScalableTargets', { ServiceNamespace: 'ecs' }, a.scalableTargets, 'NextToken', (ScalableTargets, NextToken) => ({ ScalableTargets, NextToken }));
    r.paged('ApplicationAutoScaling:DescribeScalingPolicies', { ServiceNamespace: 'ecs' }, a.scalingPolicies, 'NextToken', (ScalingPolicies, NextToken) => ({ ScalingPolicies, NextToken }));
  },
  answers,
});
