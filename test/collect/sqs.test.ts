import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetQueueAttributesCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { sqsCollector } from '../../src/collect/sqs.js';
import { accessDenied, awsError, fakeContext, throttled } from './ctx-ecs-web.js';

const sqs = mockClient(SQSClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const url = (name: string) => `https://sqs.us-east-1.amazonaws.com/123456789012/${name}`;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:123456789012:${name}`;

const ATTRIBUTES: Record<string, Record<string, string>> = {
  'shopflow-orders': {
    QueueArn: queueArn('shopflow-orders'),
    VisibilityTimeout: '120',
    MessageRetentionPeriod: '1209600',
    KmsMasterKeyId: 'alias/shopflow',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('shopflow-orders-dlq'), maxReceiveCount: 5 }),
  },
  'shopflow-orders-dlq': { QueueArn: queueArn('shopflow-orders-dlq'), VisibilityTimeout: '30', MessageRetentionPeriod: '1209600', SqsManagedSseEnabled: 'true' },
  'shopflow-events.fifo': { QueueArn: queueArn('shopflow-events.fifo'), VisibilityTimeout: '30', MessageRetentionPeriod: '345600', FifoQueue: 'true', SqsManagedSseEnabled: 'false' },
};

function mockHappyAccount(): void {
  sqs.on(ListQueuesCommand)
    .resolvesOnce({ QueueUrls: [url('shopflow-orders'), url('shopflow-orders-dlq')], NextToken: 'q2' })
    .resolvesOnce({ QueueUrls: [url('shopflow-events.fifo')] });
  sqs.on(GetQueueAttributesCommand).callsFake((input: { QueueUrl: string }) => ({ Attributes: ATTRIBUTES[input.QueueUrl.split('/').pop()!] }));
  // Only shopflow-orders is tagged: the tagging API names no other queue.
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: queueArn('shopflow-orders'), Tags: [{ Key: 'app', Value: 'shopflow' }] }], PaginationToken: '' });
}

describe('sqsCollector', () => {
  beforeEach(() => {
    sqs.reset();
    tagging.reset();
    // An account where nothing is tagged, unless a test says otherwise.
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
  });

  it('follows every page of ListQueues, reads attributes (All) once per queue and every tag in one tagging call', async () => {
    mockHappyAccount();
    const result = await sqsCollector.collect(fakeContext());

    expect(sqs.commandCalls(ListQueuesCommand)).toHaveLength(2);
    expect(sqs.commandCalls(GetQueueAttributesCommand)).toHaveLength(3);
    expect(sqs.commandCalls(GetQueueAttributesCommand)[0]!.args[0].input.AttributeNames).toEqual(['All']);
    expect(tagging.commandCalls(GetResourcesCommand).map((c) => c.args[0].input)).toEqual([{ ResourceTypeFilters: ['sqs'], ResourcesPerPage: 100 }]);
    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-orders', 'shopflow-orders-dlq', 'shopflow-events.fifo']);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes queues: ARN id, encryption either way, dead-letter target, numbers', async () => {
    mockHappyAccount();
    const { nodes } = await sqsCollector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: queueArn('shopflow-orders'),
      type: 'sqs.queue',
      region: 'us-east-1',
      account: '123456789012',
      name: 'shopflow-orders',
      tags: { app: 'shopflow' },
      props: {
        queueName: 'shopflow-orders',
        queueUrl: url('shopflow-orders'),
        fifo: false,
        encrypted: true,
        deadLetterTargetArn: queueArn('shopflow-orders-dlq'),
        visibilityTimeoutSeconds: 120,
        messageRetentionSeconds: 1209600,
      },
    });
    expect(nodes[1]).toMatchObject({ tags: {}, props: { encrypted: true, deadLetterTargetArn: null } });
    expect(nodes[2]!.props).toMatchObject({ fifo: true, encrypted: false, visibilityTimeoutSeconds: 30, messageRetentionSeconds: 345600 });
  });

  it('turns a denied ListQueues into a gap and emits nothing', async () => {
    sqs.on(ListQueuesCommand).rejects(accessDenied());
    const result = await sqsCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'sqs', operation: 'ListQueues', region: 'us-east-1', code: 'AccessDeniedException', resourceTypes: ['sqs.queue'] }),
    ]);
  });

  it('emits no partial list when a later page is throttled', async () => {
    mockHappyAccount();
    sqs.on(ListQueuesCommand).resolvesOnce({ QueueUrls: [url('shopflow-orders')], NextToken: 'q2' }).rejectsOnce(throttled());
    const result = await sqsCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
  });

  it('leaves out a queue whose attributes cannot be read, and skips one deleted meanwhile', async () => {
    mockHappyAccount();
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('shopflow-orders') }).rejects(throttled());
    sqs.on(GetQueueAttributesCommand, { QueueUrl: url('shopflow-events.fifo') }).rejects(awsError('QueueDoesNotExist'));
    const result = await sqsCollector.collect(fakeContext());

    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-orders-dlq']);
    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'GetQueueAttributes', code: 'ThrottlingException' })]);
  });

  // Unknown tags are never "no tags", and no per-queue read stands in silently: every listed queue is kept
  // and the gap names the tagging read (what it means for rules: test/collect/tagging-failure.test.ts).
  it('a denied tagging read keeps every queue, with a gap naming the read', async () => {
    mockHappyAccount();
    tagging.on(GetResourcesCommand).rejects(accessDenied());
    const result = await sqsCollector.collect(fakeContext());

    expect(result.nodes.map((n) => [n.name, n.tags])).toEqual([['shopflow-orders', {}], ['shopflow-orders-dlq', {}], ['shopflow-events.fifo', {}]]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'sqs', operation: 'GetResources', code: 'AccessDeniedException', resourceTypes: ['sqs.queue'] })]);
  });
});
