// CloudWatch Logs: the API container's awslogs group (30 days, as the spec says), and billing's, which
// no ShopFlow container writes to (it never joins the application).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { defineService, CREATED } from '../recording.js';

export interface LogsAnswers { logGroups: Logs.LogGroup[] }

const group = (name: string, retentionInDays: number | undefined): Logs.LogGroup => ({
  logGroupName: name,
  creationTime: CREATED.getTime(),
  ...(retentionInDays === undefined ? {} : { retentionInDays }),
  metricFilterCount: 0,
  // `arn` names the group's streams (":*"); logGroupArn the group itself.
  arn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}:*`,
  logGroupArn: `arn:aws:logs:us-east-1:123456789012:log-group:${name}`,
  storedBytes: 0,
  logGroupClass: 'STANDARD',
});

const answers: LogsAnswers = {
  logGroups: [group('/ecs/shopflow-api', 30), group('/ecs/billing-worker', undefined)],
};

export const logs = defineService({
  name: 'logs', global: false,
  empty: { logGroups: [] },
  record(a, r) {
    r.paged('CloudWatchLogs:DescribeLogGroups', { limit: 50 }, a.logGroups, 'nextToken', (logGroups, nextToken) => ({ logGroups, nextToken }));
  },
  answers,
});
