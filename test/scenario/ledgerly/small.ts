// Ledgerly's smaller services: the container log groups (90 days), the database secret (rotating
// every 30 days), the reports queue and its dead-letter queue, and the KMS data key behind the
// database and the documents bucket (with the AWS managed keys every account has).
import type { KmsAnswers } from '../shopflow/kms.js';
import type { LogsAnswers } from '../shopflow/logs.js';
import type { SecretsManagerAnswers } from '../shopflow/secretsmanager.js';
import type { SqsAnswers, SqsQueue } from '../shopflow/sqs.js';
import { uuid } from '../recording.js';
import { kmsAlias, kmsKey, logGroup, secret } from '../build.js';
import { ACCOUNT, DATA_KEY_ID, REGION, SERVICES, TAGS } from './names.js';

export const logsAnswers: LogsAnswers = { logGroups: SERVICES.map((s) => logGroup(REGION, `/ecs/ledgerly-${s.name}`, 90)) };

export const secretsAnswers: SecretsManagerAnswers = {
  secrets: [secret(REGION, 'ledgerly/prod/database-url', 'Hq2vLm', { days: 30, lambda: 'ledgerly-secret-rotation' }, TAGS)],
};

const queue = (name: string, attributes: Record<string, string>): SqsQueue => ({
  url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${name}`,
  attributes: {
    QueueArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`, ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0', ApproximateNumberOfMessagesDelayed: '0',
    CreatedTimestamp: '1741944413', LastModifiedTimestamp: '1741944413', MaximumMessageSize: '262144', DelaySeconds: '0', ReceiveMessageWaitTimeSeconds: '20', SqsManagedSseEnabled: 'true',
    ...attributes,
  },
  tags: { ...TAGS },
});

export const sqsAnswers: SqsAnswers = {
  queues: [
    queue('ledgerly-reports', { VisibilityTimeout: '900', MessageRetentionPeriod: '345600', RedrivePolicy: `{"deadLetterTargetArn":"arn:aws:sqs:${REGION}:${ACCOUNT}:ledgerly-reports-dlq","maxReceiveCount":3}` }),
    queue('ledgerly-reports-dlq', { VisibilityTimeout: '30', MessageRetentionPeriod: '1209600' }),
  ],
};

const RDS_KEY = uuid('ledgerly kms aws/rds');
const S3_KEY = uuid('ledgerly kms aws/s3');

export const kmsAnswers: KmsAnswers = {
  keys: [
    kmsKey(REGION, DATA_KEY_ID, 'CUSTOMER', 'Ledgerly data at rest (database, documents)', true),
    kmsKey(REGION, RDS_KEY, 'AWS', 'Default key that protects my RDS database volumes when no other key is defined', true),
    kmsKey(REGION, S3_KEY, 'AWS', 'Default key that protects my S3 objects when no other key is defined', true),
  ],
  aliases: [kmsAlias(REGION, 'aws/rds', RDS_KEY), kmsAlias(REGION, 'aws/s3', S3_KEY), kmsAlias(REGION, 'ledgerly-data', DATA_KEY_ID)],
};
