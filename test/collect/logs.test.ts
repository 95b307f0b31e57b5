// The CloudWatch Logs collector against a mocked SDK client: pages, node shape, gaps, and the
// logs-to edge that linkGraph derives from the container's awslogs-group option.
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { logsCollector } from '../../src/collect/logs.js';
import { linkGraph } from '../../src/graph/link.js';
import type { GraphNode } from '../../src/graph/types.js';
import { ACCOUNT, accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const logs = mockClient(CloudWatchLogsClient);
const ARN = (name: string) => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:${name}`;

describe('logsCollector', () => {
  beforeEach(() => logs.reset());

  it('reads every page and keeps name, retention (null: never expire) and key', async () => {
    logs.on(DescribeLogGroupsCommand)
      .resolvesOnce({ logGroups: [{ logGroupName: '/ecs/shopflow-api', logGroupArn: ARN('/ecs/shopflow-api'), arn: `${ARN('/ecs/shopflow-api')}:*`, retentionInDays: 30 }], nextToken: 'p2' })
      .resolvesOnce({ logGroups: [{ logGroupName: '/ecs/other', arn: `${ARN('/ecs/other')}:*`, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }] });
    const result = await logsCollector.collect(fakeContext());
    expect(logs.commandCalls(DescribeLogGroupsCommand)).toHaveLength(2);
    expect(result.gaps).toEqual([]);
    expect(result.nodes.map((n) => [n.id, n.name, n.props])).toEqual([
      [ARN('/ecs/shopflow-api'), '/ecs/shopflow-api', { logGroupName: '/ecs/shopflow-api', retentionInDays: 30, kmsKeyId: null }],
      // No logGroupArn: the group's own ARN is `arn` without the streams' ":*".
      [ARN('/ecs/other'), '/ecs/other', { logGroupName: '/ecs/other', retentionInDays: null, kmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/k' }],
    ]);
  });

  it.each([
    ['denied on the first page', 0, accessDenied, 'AccessDeniedException'],
    ['throttled past retries on a later page', 1, throttled, 'ThrottlingException'],
  ])('a read that fails (%s) is one gap and no node, never "no log groups"', async (_case, failingPage, error, code) => {
    const first = { logGroups: [{ logGroupName: '/ecs/a', arn: `${ARN('/ecs/a')}:*` }], nextToken: 'p2' };
    if (failingPage === 0) logs.on(DescribeLogGroupsCommand).rejects(error());
    else logs.on(DescribeLogGroupsCommand).resolvesOnce(first).rejects(error());
    const result = await logsCollector.collect(fakeContext());
    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'logs', operation: 'DescribeLogGroups', region: 'us-east-1', code, resourceTypes: ['logs.log-group'] })]);
  });

  it('declares exactly the read it makes (and so the IAM action it needs)', () => {
    expect(logsCollector.actions).toEqual(['logs:DescribeLogGroups']);
    expect(logsCollector.resourceTypes).toEqual(['logs.log-group']);
  });
});

describe('logs-to edges', () => {
  const container = (group: string | undefined) =>
    ({ id: `c-${group}`, type: 'ecs.container', region: 'us-east-1', account: ACCOUNT, name: 'api', tags: {}, props: { logDriver: 'awslogs', logOptions: group ? { 'awslogs-group': group } : {} } }) as unknown as GraphNode;
  const group = (name: string) => ({ id: ARN(name), type: 'logs.log-group', region: 'us-east-1', account: ACCOUNT, name, tags: {}, props: { logGroupName: name, retentionInDays: 30, kmsKeyId: null } }) as GraphNode;

  it('join a container to the group named by its awslogs-group option, and to nothing else', () => {
    const nodes = [container('/ecs/shopflow-api'), container('/ecs/gone'), container(undefined), group('/ecs/shopflow-api'), group('/ecs/shopflow')];
    const { edges } = linkGraph(nodes, []);
    expect(edges.filter((e) => e.type === 'logs-to')).toEqual([{ type: 'logs-to', from: 'c-/ecs/shopflow-api', to: ARN('/ecs/shopflow-api') }]);
  });
});
