// SQS queues. Calls: ListQueues (paged, 1000 per page) and, beside it, the region's queue tags from the
// Resource Groups Tagging API (GetResources, tagging.ts), then per queue GetQueueAttributes (All): SQS
// has no batch read of attributes.
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader, type Reader } from './read.js';
import { joinTags, taggingRead, tagsByArn } from './tagging.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-sqs');
type Sdk = Awaited<ReturnType<typeof sdk>>;
// SQS's own defaults, for the (unexpected) case of an attribute missing from the answer.
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const DEFAULT_MESSAGE_RETENTION_SECONDS = 345_600;
// A queue deleted since the list (the JSON and the legacy Query protocol's codes).
const GONE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

export const sqsCollector = defineCollector({
  service: 'sqs',
  iamPrefix: 'sqs',
  sdkClient: 'SQS',
  sdkPackage: '@aws-sdk/client-sqs',
  // A queue whose attributes could not be read is left out: its props would be guesses.
  reads: [
    // ListQueues omits QueueUrls when there are no queues; a queue without tags has no Tags.
    { operation: 'ListQueues', pageSize: 1000, per: 'region', paged: true, answer: null, feeds: { 'sqs.queue': '*' } },
    { operation: 'GetQueueAttributes', per: 'item', paged: false, answer: 'Attributes', feeds: { 'sqs.queue': '*' }, gone: GONE },
    // Feeds only the queues' tags: a failure keeps every queue, its tags unknown (a gap naming the read).
    taggingRead(['sqs.queue']),
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const sqs = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(sqs.SQSClient);
  const read = reader(ctx, sqsCollector, result.gaps);

  // The tags are read beside the list and the attributes (their pages are a chain of their own): no
  // read waits on them, they are joined to the queues at the end.
  const tagsRead = tagsByArn(ctx, read, ['sqs']);
  const queueUrls = await read.list('ListQueues', sqs.paginateListQueues({ client, pageSize: read.pageSize('ListQueues') }, {}), (p) => p.QueueUrls);
  if (!queueUrls) return (await tagsRead, result);

  const [nodes, tags] = await Promise.all([Promise.all(queueUrls.map((queueUrl) => queueNode(ctx, sqs, client, read, queueUrl))), tagsRead]);
  result.nodes.push(...joinTags(nodes, tags));
  return result;
}

/** One queue (tags joined later), or undefined (with a gap) when its attributes cannot be read: its props would be guesses. */
async function queueNode(ctx: CollectContext, sqs: Sdk, client: SQSClient, read: Reader, queueUrl: string): Promise<GraphNode<'sqs.queue'> | undefined> {
  const { GetQueueAttributesCommand } = sqs;
  const attributes = await read.call('GetQueueAttributes', async () => (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }))).Attributes ?? {});
  if (!attributes) return undefined;
  if (!attributes.QueueArn) {
    read.fail('GetQueueAttributes', { name: 'MissingQueueArn', message: `no QueueArn attribute for ${queueUrl}` });
    return undefined;
  }

  const queueName = queueUrl.slice(queueUrl.lastIndexOf('/') + 1);
  return {
    id: attributes.QueueArn,
    type: 'sqs.queue',
    region: ctx.region,
    account: ctx.account,
    name: queueName,
    // Joined from the tagging API's answer by the caller.
    tags: {},
    props: {
      queueName,
      queueUrl,
      fifo: attributes.FifoQueue === 'true',
      encrypted: !!attributes.KmsMasterKeyId || attributes.SqsManagedSseEnabled === 'true',
      deadLetterTargetArn: deadLetterTarget(attributes.RedrivePolicy),
      visibilityTimeoutSeconds: toNumber(attributes.VisibilityTimeout, DEFAULT_VISIBILITY_TIMEOUT_SECONDS),
      messageRetentionSeconds: toNumber(attributes.MessageRetentionPeriod, DEFAULT_MESSAGE_RETENTION_SECONDS),
    },
  };
}

function deadLetterTarget(redrivePolicy: string | undefined): string | null {
  if (!redrivePolicy) return null;
  try {
    const target = (JSON.parse(redrivePolicy) as { deadLetterTargetArn?: unknown }).deadLetterTargetArn;
    return typeof target === 'string' ? target : null;
  } catch {
    return null;
  }
}

function toNumber(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && Number.isFinite(n) ? n : fallback;
}
