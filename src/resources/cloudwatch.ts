// CloudWatch metric alarms.
import { Count, Name, NullableInt, NullableNum, NullableStr, Obj, Str, StringList, StringMap } from './shapes.js';
import { defineService } from './define.js';

export const cloudwatch = defineService({
  service: 'cloudwatch',
  iamPrefix: 'cloudwatch',
  global: false,
  types: {
    'cloudwatch.alarm': {
      doc: 'CloudWatch alarm',
      props: Obj({
        alarmName: Name(),
        namespace: NullableStr('Null for a metric-math alarm.'),
        metricName: NullableStr('Null for a metric-math alarm.'),
        statistic: NullableStr(),
        comparisonOperator: Str(),
        threshold: NullableNum('Null for an anomaly-detection alarm.'),
        periodSeconds: NullableInt(),
        evaluationPeriods: Count(),
        dimensions: StringMap(),
        actionArns: StringList('ALARM-state actions (scaling policy, SNS topic ARNs).'),
      }),
    },
  },
  edges: {},
});
