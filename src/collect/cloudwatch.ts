// CloudWatch metric alarms. Calls: DescribeAlarms (paged, 100 per page, metric alarms only).
// Alarm tags would need one ListTagsForResource per alarm; alarms join the application through the
// scaling policies they trigger (or their name), so tags are left empty.
import { CloudWatchClient, paginateDescribeAlarms, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { GraphNode } from '../graph/types.js';
import { toGap } from './gap.js';
import type { CollectContext, CollectResult, Collector } from './types.js';
import { allPages } from './paginate.js';

const SERVICE = 'cloudwatch';

export const cloudwatchCollector: Collector = {
  service: SERVICE,
  resourceTypes: ['cloudwatch.alarm'],
  actions: ['cloudwatch:DescribeAlarms'],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(CloudWatchClient);
  try {
    const pages = await allPages(ctx, paginateDescribeAlarms({ client, pageSize: 100 }, { AlarmTypes: ['MetricAlarm'] }));
    for (const alarm of pages.flatMap((page) => page.MetricAlarms ?? [])) result.nodes.push(alarmNode(ctx, alarm));
  } catch (err) {
    result.gaps.push(toGap(err, { service: SERVICE, operation: 'DescribeAlarms', region: ctx.region, resourceTypes: ['cloudwatch.alarm'] }));
  }
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
