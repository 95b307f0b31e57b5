// SQS: ShopFlow's order queue and its dead-letter queue.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import { defineService } from '../recording.js';

/** tags null: never tagged (the tagging API does not name the queue). */
export interface SqsQueue { url: string; attributes: Record<string, string>; tags: Record<string, string> | null }

export interface SqsAnswers { queues: SqsQueue[] }

const answers: SqsAnswers = {
  queues: [
    {
      url: 'https://sqs.us-east-1.amazonaws.com/123456789012/shopflow-orders',
      attributes: {
        QueueArn: 'arn:aws:sqs:us-east-1:123456789012:shopflow-orders',
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: '1741944413',
        LastModifiedTimestamp: '1741944413',
        VisibilityTimeout: '60',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '345600',
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '20',
        RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:shopflow-orders-dlq","maxReceiveCount":5}',
        SqsManagedSseEnabled: 'true',
      },
      tags: { app: 'shopflow' },
    },
    {
      url: 'https://sqs.us-east-1.amazonaws.com/123456789012/shopflow-orders-dlq',
      attributes: {
        QueueArn: 'arn:aws:sqs:us-east-1:123456789012:shopflow-orders-dlq',
        ApproximateNumberOfMessages: '0',
        ApproximateNumberOfMessagesNotVisible: '0',
        ApproximateNumberOfMessagesDelayed: '0',
        CreatedTimestamp: '1741944413',
        LastModifiedTimestamp: '1741944413',
        VisibilityTimeout: '30',
        MaximumMessageSize: '262144',
        MessageRetentionPeriod: '1209600',
        DelaySeconds: '0',
        ReceiveMessageWaitTimeSeconds: '20',
        SqsManagedSseEnabled: 'true',
      },
      tags: { app: 'shopflow' },
    },
  ],
};

export const sqs = defineService({
  name: 'sqs', global: false,
  empty: { queues: [] },
  record(a, r) {
    // SQS answers an empty listing without a QueueUrls member at all.
    r.paged('SQS:ListQueues', { MaxResults: 1000 }, a.queues.map((q) => q.url), 'NextToken', (QueueUrls, NextToken) => (QueueUrls.length ? { QueueUrls, NextToken } : {}));
    // The queues that have (or once had) tags, as the Resource Groups Tagging API names them; its last
    // page carries an empty token, as AWS's does.
    r.paged('ResourceGroupsTaggingAPI:GetResources', { ResourceTypeFilters: ['sqs'], ResourcesPerPage: 100 }, a.queues.filter((q) => q.tags), 'PaginationToken',
      (page, next) => ({
        ResourceTagMappingList: page.map((q) => ({ ResourceARN: q.attributes.QueueArn, Tags: Object.entries(q.tags!).map(([Key, Value]) => ({ Key, Value })) })),
        PaginationToken: next ?? '',
      }));
    for (const q of a.queues) r.record('SQS:GetQueueAttributes', { input: { QueueUrl: q.url, AttributeNames: ['All'] }, output: { Attributes: q.attributes } });
  },
  answers,
});
