// CloudWatch metric alarms. Calls: DescribeAlarms (paged, 100 per page, metric alarms only).
// Alarm tags would need one ListTagsForResource per alarm; alarms join the application through the
// scaling policies they trigger (or their name), so tags are left empty.
import type { MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-cloudwatch');

export const cloudwatchCollector = defineCollector({
  service: 'cloudwatch',
  iamPrefix: 'cloudwatch',
  sdkClient: 'CloudWatch',
  sdkPackage: '@aws-sdk/client-cloudwatch',
  reads: [{ operation: 'DescribeAlarms', pageSize: 100, per: 'region', paged: true, answer: 'MetricAlarms', feeds: { 'cloudwatch.alarm': '*' } }],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { CloudWatchClient, paginateDescribeAlarms } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(CloudWatchClient);
  const read = reader(ctx, cloudwatchCollector, result.gaps);
  const alarms = await read.list('DescribeAlarms', paginateDescribeAlarms({ client, pageSize: read.pageSize('DescribeAlarms') }, { AlarmTypes: ['MetricAlarm'] }), (p) => p.MetricAlarms);
  for (const alarm of alarms ?? []) result.nodes.push(alarmNode(ctx, alarm));
  return result;
}

function alarmNode(ctx: CollectContext, alarm: MetricAlarm): GraphNode<'cloudwatch.alarm'> {
  return {
    id: alarm.AlarmArn!,
    type: 'cloudwatch.alarm',
    region: ctx.region,
    account: ctx.account,
    name: alarm.AlarmName ?? '',
    tags: {},
    props: {
      alarmName: alarm.AlarmName ?? '',
      // Metric-math alarms have no single namespace/metric/statistic/period: those stay null.
      namespace: alarm.Namespace ?? null,
      metricName: alarm.MetricName ?? null,
      statistic: alarm.Statistic ?? alarm.ExtendedStatistic ?? null,
      comparisonOperator: alarm.ComparisonOperator ?? '',
      threshold: alarm.Threshold ?? null,
      periodSeconds: alarm.Period ?? null,
      evaluationPeriods: alarm.EvaluationPeriods ?? 0,
      dimensions: Object.fromEntries((alarm.Dimensions ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])),
      // The actions run when the alarm fires (scaling policies, SNS topics); OK/insufficient-data actions are not.
      actionArns: alarm.AlarmActions ?? [],
    },
  };
}
