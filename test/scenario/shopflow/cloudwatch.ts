// CloudWatch: the alarms behind the api service's scaling policies, and billing's.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as CW from '@aws-sdk/client-cloudwatch';
import { defineService, CREATED } from '../recording.js';

export interface CloudWatchAnswers { metricAlarms: CW.MetricAlarm[] }

const answers: CloudWatchAnswers = {
  metricAlarms: [
    {
      AlarmName: 'shopflow-api-cpu-high',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-cpu-high',
      AlarmDescription: 'Step scaling for shopflow-api',
      AlarmConfigurationUpdatedTimestamp: CREATED,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [
        'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:7c2f9a4e-1b3d-4e5f-8a6b-9c0d1e2f3a4b:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-out',
      ],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
      StateUpdatedTimestamp: CREATED,
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
      Statistic: 'Average',
      Dimensions: [{ Name: 'ClusterName', Value: 'shopflow' }, { Name: 'ServiceName', Value: 'shopflow-api' }],
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 70,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
      StateTransitionedTimestamp: CREATED,
    },
    {
      AlarmName: 'shopflow-api-cpu-low',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-cpu-low',
      AlarmDescription: 'Step scaling for shopflow-api',
      AlarmConfigurationUpdatedTimestamp: CREATED,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [
        'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:2d8e4b6a-9c1f-4a3e-b5d7-6f0a2c4e8b1d:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-in',
      ],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
      StateUpdatedTimestamp: CREATED,
      MetricName: 'CPUUtilization',
      Namespace: 'AWS/ECS',
      Statistic: 'Average',
      Dimensions: [{ Name: 'ClusterName', Value: 'shopflow' }, { Name: 'ServiceName', Value: 'shopflow-api' }],
      Period: 60,
      EvaluationPeriods: 15,
      Threshold: 30,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'missing',
      StateTransitionedTimestamp: CREATED,
    },
    {
      AlarmName: 'shopflow-api-memory-high',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-memory-high',
      AlarmDescription: 'Step scaling for shopflow-api',
      AlarmConfigurationUpdatedTimestamp: CREATED,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [
        'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:7c2f9a4e-1b3d-4e5f-8a6b-9c0d1e2f3a4b:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-out',
      ],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
      StateUpdatedTimestamp: CREATED,
      MetricName: 'MemoryUtilization',
      Namespace: 'AWS/ECS',
      Statistic: 'Average',
      Dimensions: [{ Name: 'ClusterName', Value: 'shopflow' }, { Name: 'ServiceName', Value: 'shopflow-api' }],
      Period: 60,
      EvaluationPeriods: 3,
      Threshold: 80,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
      StateTransitionedTimestamp: CREATED,
    },
    {
      AlarmName: 'shopflow-api-requests-high',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:shopflow-api-requests-high',
      AlarmDescription: 'Step scaling for shopflow-api',
      AlarmConfigurationUpdatedTimestamp: CREATED,
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [
        'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:7c2f9a4e-1b3d-4e5f-8a6b-9c0d1e2f3a4b:resource/ecs/service/shopflow/shopflow-api:policyName/shopflow-api-scale-out',
      ],
      InsufficientDataActions: [],
      StateValue: 'OK',
      StateReason: 'Threshold Crossed: 3 datapoints were not greater than the threshold.',
      StateUpdatedTimestamp: CREATED,
      MetricName: 'RequestCountPerTarget',
      Namespace: 'AWS/ApplicationELB',
      Statistic: 'Sum',
      Dimensions: [
        { Name: 'LoadBalancer', Value: 'app/shopflow-alb/50dc6c495c0c9188' },
        { Name: 'TargetGroup', Value: 'targetgroup/shopflow-api-tg/6d0ecf831eec9f09' },
      ],
      Period: 60,
      EvaluationPeriods: 2,
      Threshold: 1000,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
      StateTransitionedTimestamp: CREATED,
    },
  ],
};

export const cloudwatch = defineService({
  name: 'cloudwatch', global: false,
  empty: { metricAlarms: [] },
  record(a, r) {
    r.paged('CloudWatch:DescribeAlarms', { AlarmTypes: ['MetricAlarm'], MaxRecords: 100 }, a.metricAlarms, 'NextToken',
      (MetricAlarms, NextToken) => ({ MetricAlarms, CompositeAlarms: [], NextToken }));
  },
  answers,
});
