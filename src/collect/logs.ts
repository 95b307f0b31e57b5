// CloudWatch Logs log groups. Calls: DescribeLogGroups (paged, 50 per page). Log groups join the
// application through the containers that write to them (the logs-to link), so no tags are read.
import type { LogGroup } from '@aws-sdk/client-cloudwatch-logs';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-cloudwatch-logs');

export const logsCollector = defineCollector({
  service: 'logs',
  iamPrefix: 'logs',
  sdkClient: 'CloudWatchLogs',
  sdkPackage: '@aws-sdk/client-cloudwatch-logs',
  reads: [{ operation: 'DescribeLogGroups', pageSize: 50, per: 'region', paged: true, answer: 'logGroups', feeds: { 'logs.log-group': '*' } }],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { CloudWatchLogsClient, paginateDescribeLogGroups } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(CloudWatchLogsClient);
  const read = reader(ctx, logsCollector, result.gaps);
  const groups = await read.list('DescribeLogGroups', paginateDescribeLogGroups({ client, pageSize: read.pageSize('DescribeLogGroups') }, {}), (p) => p.logGroups);
  for (const group of groups ?? []) {
    const node = logGroupNode(ctx, group);
    if (node) result.nodes.push(node);
  }
  return result;
}

function logGroupNode(ctx: CollectContext, g: LogGroup): GraphNode<'logs.log-group'> | undefined {
  const name = g.logGroupName;
  if (!name) return undefined;
  // `arn` ends in ":*" (the group's streams); logGroupArn is the group itself.
  const id = g.logGroupArn ?? g.arn?.replace(/:\*$/, '') ?? `arn:${ctx.partition}:logs:${ctx.region}:${ctx.account}:log-group:${name}`;
  return {
    id,
    type: 'logs.log-group',
    region: ctx.region,
    account: ctx.account,
    name,
    tags: {},
    props: { logGroupName: name, retentionInDays: g.retentionInDays ?? null, kmsKeyId: g.kmsKeyId ?? null },
  };
}
