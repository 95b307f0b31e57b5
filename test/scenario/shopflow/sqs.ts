// SQS: ShopFlow's order queue and its dead-letter queue.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import { defineService } from '../recording.js';

export interface SqsQueue { url: string; attributes: Record<string, string>; tags: Record<string, string> }

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
    for (const q of a.queues) {
      r.record('SQS:GetQueueAttributes', { input: { QueueUrl: q.url, AttributeNames: ['All'] }, output: { Attributes: q.attributes } });
      r.record('SQS:ListQueueTags', { input: { QueueUrl: q.url }, output: { Tags: q.tags } });
    }
  },
  answers,
});
