// SQS queues. Calls: ListQueues (paged, 1000 per page), then per queue GetQueueAttributes (All) and
// ListQueueTags (SQS has no batch read: 2 calls per queue).
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader, type Reader } from './read.js';
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
  // A queue either of whose reads failed is left out: its props would be guesses.
  reads: [
    // ListQueues omits QueueUrls when there are no queues; a queue without tags has no Tags.
    { operation: 'ListQueues', pageSize: 1000, per: 'region', paged: true, answer: null, feeds: { 'sqs.queue': '*' } },
    { operation: 'GetQueueAttributes', per: 'item', paged: false, answer: 'Attributes', feeds: { 'sqs.queue': '*' }, gone: GONE },
    { operation: 'ListQueueTags', per: 'item', paged: false, answer: null, feeds: { 'sqs.queue': '*' }, gone: GONE },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const sqs = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(sqs.SQSClient);
  const read = reader(ctx, sqsCollector, result.gaps);

  const queueUrls = await read.list('ListQueues', sqs.paginateListQueues({ client, pageSize: read.pageSize('ListQueues') }, {}), (p) => p.QueueUrls);
  if (!queueUrls) return result;

  const nodes = await Promise.all(queueUrls.map((queueUrl) => queueNode(ctx, sqs, client, read, queueUrl)));
  for (const node of nodes) if (node) result.nodes.push(node);
  return result;
}

/** One queue, or undefined (with a gap) when either read fails: its props would be guesses. */
async function queueNode(ctx: CollectContext, sqs: Sdk, client: SQSClient, read: Reader, queueUrl: string): Promise<GraphNode<'sqs.queue'> | undefined> {
  const { GetQueueAttributesCommand, ListQueueTagsCommand } = sqs;
  const [attributes, tags] = await Promise.all([
    read.call('GetQueueAttributes', async () => (await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }))).Attributes ?? {}),
    read.call('ListQueueTags', async () => (await client.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags ?? {}),
  ]);
  if (!attributes || !tags) return undefined;
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
    tags,
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
