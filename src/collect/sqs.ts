// SQS queues. Calls: ListQueues (paged, 1000 per page), then per queue GetQueueAttributes (All) and
// ListQueueTags (SQS has no batch read: 2 calls per queue).
import { GetQueueAttributesCommand, ListQueueTagsCommand, SQSClient, paginateListQueues } from '@aws-sdk/client-sqs';
import type { GraphNode } from '../graph/types.js';
import { toGap } from './gap.js';
import type { CollectContext, CollectResult, Collector } from './types.js';
import { allPages } from './paginate.js';

const SERVICE = 'sqs';
// SQS's own defaults, for the (unexpected) case of an attribute missing from the answer.
const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;
const DEFAULT_MESSAGE_RETENTION_SECONDS = 345_600;

export const sqsCollector: Collector = {
  service: SERVICE,
  resourceTypes: ['sqs.queue'],
  actions: ['sqs:ListQueues', 'sqs:GetQueueAttributes', 'sqs:ListQueueTags'],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(SQSClient);
  const gap = (err: unknown, operation: string) =>
    result.gaps.push(toGap(err, { service: SERVICE, operation, region: ctx.region, resourceTypes: ['sqs.queue'] }));

  let queueUrls: string[];
  try {
    const pages = await allPages(ctx, paginateListQueues({ client, pageSize: 1000 }, {}));
    queueUrls = pages.flatMap((page) => page.QueueUrls ?? []);
  } catch (err) {
    gap(err, 'ListQueues');
    return result;
  }

  const nodes = await Promise.all(queueUrls.map((queueUrl) => queueNode(ctx, client, queueUrl, gap)));
  for (const node of nodes) if (node) result.nodes.push(node);
  return result;
}

/** One queue, or undefined (with a gap) when either read fails: its props would be guesses. */
async function queueNode(
  ctx: CollectContext,
  client: SQSClient,
  queueUrl: string,
  gap: (err: unknown, operation: string) => void,
): Promise<GraphNode<'sqs.queue'> | undefined> {
  const [attributes, tags] = await Promise.all([
    read('GetQueueAttributes', async () => {
      const out = await client.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
      return out.Attributes ?? {};
    }),
    read('ListQueueTags', async () => (await client.send(new ListQueueTagsCommand({ QueueUrl: queueUrl }))).Tags ?? {}),
  ]);
  if (!attributes || !tags) return undefined;
  if (!attributes.QueueArn) {
    gap({ name: 'MissingQueueArn', message: `no QueueArn attribute for ${queueUrl}` }, 'GetQueueAttributes');
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

  /** The answer, or undefined after recording a gap (none for a queue deleted since the list). */
  async function read<T>(operation: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await ctx.limit(fn);
    } catch (err) {
      const code = (err as { name?: string } | undefined)?.name;
      if (code !== 'QueueDoesNotExist' && code !== 'AWS.SimpleQueueService.NonExistentQueue') gap(err, operation);
      return undefined;
    }
  }
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
