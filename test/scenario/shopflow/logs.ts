// CloudWatch Logs: the API container's awslogs group (30 days, as the spec says), and billing's, which
// no ShopFlow container writes to (it never joins the application).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as Logs from '@aws-sdk/client-cloudwatch-logs';
import { defineService } from '../recording.js';
import { logGroup } from '../build.js';

export interface LogsAnswers { logGroups: Logs.LogGroup[] }

const group = (name: string, retentionInDays: number | undefined) => logGroup('us-east-1', name, retentionInDays);

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
