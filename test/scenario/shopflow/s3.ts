// S3: ShopFlow's buckets (static assets and product images replicated for DR, logs) and billing's.
// Product images are encrypted with the application's KMS key; the others with SSE-S3 (the logs bucket
// must: ALB access logs accept nothing else).
// A bucket's configuration read is null where the API answers "not configured" (a 404 error).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as S3 from '@aws-sdk/client-s3';
import { defineService, CREATED, hex } from '../recording.js';

export interface S3Bucket {
  bucket: S3.Bucket;
  /** null: never tagged (the tagging API does not name it); []: tags removed (named, with none). */
  tags: S3.Tag[] | null;
  encryption: S3.ServerSideEncryptionConfiguration | null;
  versioning: S3.GetBucketVersioningOutput;
  replication: S3.ReplicationConfiguration | null;
  publicAccessBlock: S3.PublicAccessBlockConfiguration | null;
}

export interface S3Answers { buckets: S3Bucket[] }

const answers: S3Answers = {
  buckets: [
    {
      bucket: {
        Name: 'billing-invoices-123456789012',
        CreationDate: CREATED,
        BucketRegion: 'us-east-1',
        BucketArn: 'arn:aws:s3:::billing-invoices-123456789012',
      },
      tags: [{ Key: 'app', Value: 'billing' }],
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
      versioning: { Status: 'Suspended' },
      replication: null,
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    },
    {
      bucket: { Name: 'shopflow-logs-123456789012', CreationDate: CREATED, BucketRegion: 'us-east-1', BucketArn: 'arn:aws:s3:::shopflow-logs-123456789012' },
      tags: [{ Key: 'app', Value: 'shopflow' }],
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
      versioning: { Status: 'Enabled' },
      replication: null,
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    },
    {
      bucket: {
        Name: 'shopflow-product-images-123456789012',
        CreationDate: CREATED,
        BucketRegion: 'us-east-1',
        BucketArn: 'arn:aws:s3:::shopflow-product-images-123456789012',
      },
      tags: [{ Key: 'app', Value: 'shopflow' }],
      // SSE-KMS with the application's data key, named by its alias (test/scenario/shopflow/kms.ts).
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/shopflow-data' }, BucketKeyEnabled: true }] },
      versioning: { Status: 'Enabled' },
      replication: {
        Role: 'arn:aws:iam::123456789012:role/s3-replication-shopflow-product-images',
        Rules: [
          {
            ID: 'dr-1',
            Priority: 1,
            Filter: { Prefix: '' },
            Status: 'Enabled',
            Destination: { Bucket: 'arn:aws:s3:::shopflow-product-images-dr-123456789012', StorageClass: 'STANDARD' },
            DeleteMarkerReplication: { Status: 'Disabled' },
          },
        ],
      },
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    },
    {
      bucket: {
        Name: 'shopflow-static-assets-123456789012',
        CreationDate: CREATED,
        BucketRegion: 'us-east-1',
        BucketArn: 'arn:aws:s3:::shopflow-static-assets-123456789012',
      },
      tags: [{ Key: 'app', Value: 'shopflow' }],
      encryption: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] },
      versioning: { Status: 'Enabled' },
      replication: {
        Role: 'arn:aws:iam::123456789012:role/s3-replication-shopflow-static-assets',
        Rules: [
          {
            ID: 'dr-1',
            Priority: 1,
            Filter: { Prefix: '' },
            Status: 'Enabled',
            Destination: { Bucket: 'arn:aws:s3:::shopflow-static-assets-dr-123456789012', StorageClass: 'STANDARD' },
            DeleteMarkerReplication: { Status: 'Disabled' },
          },
        ],
      },
      publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
    },
  ],
};

export const s3 = defineService({
  name: 's3', global: false,
  empty: { buckets: [] },
  record(a, r) {
    const buckets = a.buckets.filter((b) => b.bucket.BucketRegion === r.region);
    const notFound = (code: string, message: string) => ({ code, message, httpStatusCode: 404 });
    r.paged('S3:ListBuckets', { BucketRegion: r.region, MaxBuckets: 1000 }, buckets.map((b) => b.bucket), 'ContinuationToken',
      (Buckets, ContinuationToken) => ({ Buckets, Owner: { ID: hex('owner', 64) }, ContinuationToken }));
    // The region's buckets that have (or once had) tags, as the Resource Groups Tagging API names them;
    // its last page carries an empty token, as AWS's does.
    r.paged('ResourceGroupsTaggingAPI:GetResources', { ResourceTypeFilters: ['s3'], ResourcesPerPage: 100 }, buckets.filter((b) => b.tags), 'PaginationToken',
      (page, next) => ({ ResourceTagMappingList: page.map((b) => ({ ResourceARN: `arn:aws:s3:::${b.bucket.Name}`, Tags: b.tags })), PaginationToken: next ?? '' }));
    for (const b of buckets) {
      const input = { Bucket: b.bucket.Name };
      r.record('S3:GetBucketEncryption', b.encryption
        ? { input, output: { ServerSideEncryptionConfiguration: b.encryption } }
        : { input, error: notFound('ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found') });
      r.record('S3:GetBucketVersioning', { input, output: { ...b.versioning } });
      r.record('S3:GetBucketReplication', b.replication
        ? { input, output: { ReplicationConfiguration: b.replication } }
        : { input, error: notFound('ReplicationConfigurationNotFoundError', 'The replication configuration was not found') });
      r.record('S3:GetPublicAccessBlock', b.publicAccessBlock
        ? { input, output: { PublicAccessBlockConfiguration: b.publicAccessBlock } }
        : { input, error: notFound('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found') });
    }
  },
  answers,
});
