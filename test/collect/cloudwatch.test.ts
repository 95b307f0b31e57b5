import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchClient, DescribeAlarmsCommand, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import { cloudwatchCollector } from '../../src/collect/cloudwatch.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const cw = mockClient(CloudWatchClient);
const alarmArn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
const POLICY = 'arn:aws:autoscaling:us-east-1:123456789012:scalingPolicy:1:resource/ecs/service/shopflow/shopflow-api:policyName/scale-out';

const cpuAlarm: MetricAlarm = {
  AlarmName: 'shopflow-api-cpu-high',
  AlarmArn: alarmArn('shopflow-api-cpu-high'),
  Namespace: 'AWS/ECS',
  MetricName: 'CPUUtilization',
  Statistic: 'Average',
  ComparisonOperator: 'GreaterThanThreshold',
  Threshold: 70,
  Period: 60,
  EvaluationPeriods: 3,
  Dimensions: [
    { Name: 'ClusterName', Value: 'shopflow' },
    { Name: 'ServiceName', Value: 'shopflow-api' },
  ],
  AlarmActions: [POLICY],
  OKActions: ['arn:aws:sns:us-east-1:123456789012:ok'],
};
// A metric-math alarm: no single metric, statistic or period.
const mathAlarm: MetricAlarm = {
  AlarmName: 'shopflow-error-rate',
  AlarmArn: alarmArn('shopflow-error-rate'),
  ComparisonOperator: 'GreaterThanOrEqualToThreshold',
  Threshold: 5,
  EvaluationPeriods: 2,
  Metrics: [{ Id: 'e1', Expression: 'm1/m2*100' }],
};
const p99Alarm: MetricAlarm = {
  AlarmName: 'shopflow-latency-p99',
  AlarmArn: alarmArn('shopflow-latency-p99'),
  Namespace: 'AWS/ApplicationELB',
  MetricName: 'TargetResponseTime',
  ExtendedStatistic: 'p99',
  ComparisonOperator: 'GreaterThanThreshold',
  Threshold: 1.5,
  Period: 300,
  EvaluationPeriods: 1,
};

describe('cloudwatchCollector', () => {
  beforeEach(() => cw.reset());

  it('follows every page of metric alarms', async () => {
    cw.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [cpuAlarm], NextToken: 'n2' }).resolvesOnce({ MetricAlarms: [mathAlarm], NextToken: 'n3' }).resolvesOnce({ MetricAlarms: [p99Alarm] });
    const result = await cloudwatchCollector.collect(fakeContext());

    const calls = cw.commandCalls(DescribeAlarmsCommand);
    expect(calls).toHaveLength(3);
    expect(calls[0]!.args[0].input.AlarmTypes).toEqual(['MetricAlarm']);
    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-api-cpu-high', 'shopflow-error-rate', 'shopflow-latency-p99']);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes alarms, including metric-math and percentile alarms', async () => {
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [cpuAlarm, mathAlarm, p99Alarm] });
    const { nodes } = await cloudwatchCollector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: alarmArn('shopflow-api-cpu-high'),
      type: 'cloudwatch.alarm',
      region: 'us-east-1',
      account: '123456789012',
      name: 'shopflow-api-cpu-high',
      tags: {},
      props: {
        alarmName: 'shopflow-api-cpu-high',
        namespace: 'AWS/ECS',
        metricName: 'CPUUtilization',
        statistic: 'Average',
        comparisonOperator: 'GreaterThanThreshold',
        threshold: 70,
        periodSeconds: 60,
        evaluationPeriods: 3,
        dimensions: { ClusterName: 'shopflow', ServiceName: 'shopflow-api' },
        actionArns: [POLICY],
      },
    });
    expect(nodes[1]!.props).toMatchObject({ namespace: null, metricName: null, statistic: null, periodSeconds: null, threshold: 5, dimensions: {}, actionArns: [] });
    expect(nodes[2]!.props).toMatchObject({ statistic: 'p99', threshold: 1.5 });
  });

  it('turns AccessDenied into a gap and emits no alarms', async () => {
    cw.on(DescribeAlarmsCommand).rejects(accessDenied());
    const result = await cloudwatchCollector.collect(fakeContext('eu-west-1'));

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'cloudwatch', operation: 'DescribeAlarms', region: 'eu-west-1', code: 'AccessDeniedException', resourceTypes: ['cloudwatch.alarm'] }),
    ]);
  });

  it('emits no partial list when a later page is throttled', async () => {
    cw.on(DescribeAlarmsCommand).resolvesOnce({ MetricAlarms: [cpuAlarm], NextToken: 'n2' }).rejectsOnce(throttled());
    const result = await cloudwatchCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
  });
});
