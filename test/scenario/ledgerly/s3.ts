// S3: Ledgerly's documents bucket (KMS data key, versioned, replicated to us-west-2 for DR), its
// replica in us-west-2, and the ALB's access-log bucket (SSE-S3: ALB access logs accept nothing else).
import type { S3Answers, S3Bucket } from '../shopflow/s3.js';
import { CREATED } from '../recording.js';
import { tagList } from '../build.js';
import { ACCOUNT, DATA_KEY_ARN, DR_REGION, REGION, TAGS } from './names.js';

export const DOCUMENTS = `ledgerly-documents-${ACCOUNT}`;
export const REPLICA = `ledgerly-documents-replica-${ACCOUNT}`;
const LOGS = `ledgerly-logs-${ACCOUNT}`;
const BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };
const SSE_S3 = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const }, BucketKeyEnabled: false }] };

const bucket = (name: string, region: string, rest: Omit<S3Bucket, 'bucket' | 'tags' | 'publicAccessBlock'>): S3Bucket => ({
  bucket: { Name: name, CreationDate: CREATED, BucketRegion: region, BucketArn: `arn:aws:s3:::${name}` },
  tags: tagList(TAGS), publicAccessBlock: BLOCKED, ...rest,
});

/** Every region's buckets: the S3 record() answers each region's ListBuckets with its own. */
export const s3Answers: S3Answers = {
  buckets: [
    bucket(DOCUMENTS, REGION, {
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: DATA_KEY_ARN }, BucketKeyEnabled: true }] },
      versioning: { Status: 'Enabled' },
      replication: {
        Role: `arn:aws:iam::${ACCOUNT}:role/ledgerly-s3-replication`,
        Rules: [{ ID: 'documents-to-dr', Priority: 1, Status: 'Enabled', Filter: {}, DeleteMarkerReplication: { Status: 'Enabled' }, Destination: { Bucket: `arn:aws:s3:::${REPLICA}`, StorageClass: 'STANDARD_IA' } }],
      },
    }),
    bucket(LOGS, REGION, { encryption: SSE_S3, versioning: { Status: 'Enabled' }, replication: null }),
    bucket(REPLICA, DR_REGION, { encryption: SSE_S3, versioning: { Status: 'Enabled' }, replication: null }),
  ],
};
