// SQS queues.
import { Bool, Count, Name, NullableArn, Obj, Str } from './shapes.js';
import { defineService } from './define.js';

export const sqs = defineService({
  service: 'sqs',
  iamPrefix: 'sqs',
  global: false,
  types: {
    'sqs.queue': {
      doc: 'SQS queue',
      props: Obj({
        queueName: Name(),
        queueUrl: Str(undefined, { format: 'uri' }),
        fifo: Bool(),
        encrypted: Bool('SSE-SQS or SSE-KMS is on.'),
        deadLetterTargetArn: NullableArn("The redrive policy's dead-letter queue."),
        visibilityTimeoutSeconds: Count(),
        messageRetentionSeconds: Count(),
      }),
    },
  },
  edges: {},
});
