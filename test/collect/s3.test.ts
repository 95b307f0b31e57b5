import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  GetBucketEncryptionCommand,
  GetBucketReplicationCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { s3Collector } from '../../src/collect/s3.js';
import { accessDenied, awsError, fakeContext, throttled } from './ctx-ecs-web.js';

const s3 = mockClient(S3Client);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
const ALL_BLOCKED = { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true };

// shopflow-static: fully configured. shopflow-logs: nothing configured at all.
function mockHappyAccount(): void {
  s3.on(ListBucketsCommand)
    .resolvesOnce({ Buckets: [{ Name: 'shopflow-static', BucketRegion: 'us-east-1' }, { Name: 'shopflow-dr', BucketRegion: 'us-west-2' }], ContinuationToken: 'c2' })
    .resolvesOnce({ Buckets: [{ Name: 'shopflow-logs', BucketRegion: 'us-east-1' }] });

  // Two pages of the region's tagged buckets: shopflow-static, and another region's that the list
  // filter leaves out anyway. shopflow-logs was never tagged: the API does not name it.
  tagging.on(GetResourcesCommand)
    .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::shopflow-static', Tags: [{ Key: 'app', Value: 'shopflow' }] }], PaginationToken: 't2' })
    .resolvesOnce({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::elsewhere', Tags: [{ Key: 'app', Value: 'other' }] }], PaginationToken: '' });
  s3.on(GetBucketEncryptionCommand, { Bucket: 'shopflow-static' }).resolves({
    ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'key' } }] },
  });
  s3.on(GetBucketVersioningCommand, { Bucket: 'shopflow-static' }).resolves({ Status: 'Enabled' });
  s3.on(GetBucketReplicationCommand, { Bucket: 'shopflow-static' }).resolves({
    ReplicationConfiguration: {
      Role: 'arn:aws:iam::123456789012:role/replication',
      Rules: [
        { Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::shopflow-dr' } },
        { Status: 'Disabled', Destination: { Bucket: 'arn:aws:s3:::old-dr' } },
      ],
    },
  });
  s3.on(GetPublicAccessBlockCommand, { Bucket: 'shopflow-static' }).resolves({ PublicAccessBlockConfiguration: ALL_BLOCKED });

  s3.on(GetBucketEncryptionCommand, { Bucket: 'shopflow-logs' }).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError'));
  s3.on(GetBucketVersioningCommand, { Bucket: 'shopflow-logs' }).resolves({});
  s3.on(GetBucketReplicationCommand, { Bucket: 'shopflow-logs' }).rejects(awsError('ReplicationConfigurationNotFoundError'));
  s3.on(GetPublicAccessBlockCommand, { Bucket: 'shopflow-logs' }).rejects(awsError('NoSuchPublicAccessBlockConfiguration'));
}

describe('s3Collector', () => {
  beforeEach(() => {
    s3.reset();
    tagging.reset();
    // An account where nothing is tagged, unless a test says otherwise.
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [], PaginationToken: '' });
  });

  it('follows every page of ListBuckets, asks for this region only, and reads only this region\'s buckets', async () => {
    mockHappyAccount();
    const result = await s3Collector.collect(fakeContext());

    const lists = s3.commandCalls(ListBucketsCommand);
    expect(lists).toHaveLength(2);
    expect(lists[0]!.args[0].input.BucketRegion).toBe('us-east-1');
    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-static', 'shopflow-logs']);
    // The tags of every bucket in two pages of the tagging API, asked for S3 only, 100 a page.
    // (The SDK's paginator reuses one input object: the calls' inputs show its last state.)
    const tagReads = tagging.commandCalls(GetResourcesCommand).map((c) => c.args[0].input);
    expect(tagReads).toHaveLength(2);
    for (const input of tagReads) expect(input).toMatchObject({ ResourceTypeFilters: ['s3'], ResourcesPerPage: 100 });
    expect(tagReads[1]!.PaginationToken).toBe('t2');
    // 4 reads per bucket in the region; none for the us-west-2 bucket.
    const readsPerOperation = [
      s3.commandCalls(GetBucketEncryptionCommand),
      s3.commandCalls(GetBucketVersioningCommand),
      s3.commandCalls(GetBucketReplicationCommand),
      s3.commandCalls(GetPublicAccessBlockCommand),
    ].map((calls) => calls.map((c) => c.args[0].input.Bucket));
    expect(readsPerOperation).toEqual(Array(4).fill(['shopflow-static', 'shopflow-logs']));
    expect(result.gaps).toEqual([]);
  });

  it('normalizes a configured bucket', async () => {
    mockHappyAccount();
    const { nodes } = await s3Collector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: 'arn:aws:s3:::shopflow-static',
      type: 's3.bucket',
      region: 'us-east-1',
      account: '123456789012',
      name: 'shopflow-static',
      tags: { app: 'shopflow' },
      props: {
        bucketName: 'shopflow-static',
        encryption: 'aws:kms',
        kmsKeyId: 'key',
        versioning: 'Enabled',
        publicAccessBlocked: true,
        replication: { enabled: true, destinationBuckets: ['arn:aws:s3:::shopflow-dr'] },
      },
    });
  });

  it('reads "not configured" answers as values, not failures', async () => {
    mockHappyAccount();
    const { nodes, gaps } = await s3Collector.collect(fakeContext());

    expect(nodes[1]).toMatchObject({
      tags: {},
      props: { encryption: null, kmsKeyId: null, versioning: 'Disabled', publicAccessBlocked: false, replication: { enabled: false, destinationBuckets: [] } },
    });
    expect(gaps).toEqual([]);
  });

  // The key as the bucket names it (the link to kms.key resolves every form); SSE-KMS naming none is S3's AWS managed key.
  const keyCases: [string, Record<string, string>, string | null, string | null][] = [
    ['SSE-S3', { SSEAlgorithm: 'AES256' }, 'AES256', null],
    ['SSE-KMS with a key ARN', { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:key/k-1' }, 'aws:kms', 'arn:aws:kms:us-east-1:123456789012:key/k-1'],
    ['SSE-KMS with an alias name', { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/shopflow-data' }, 'aws:kms', 'alias/shopflow-data'],
    ['DSSE-KMS with an alias ARN', { SSEAlgorithm: 'aws:kms:dsse', KMSMasterKeyID: 'arn:aws:kms:us-east-1:123456789012:alias/x' }, 'aws:kms:dsse', 'arn:aws:kms:us-east-1:123456789012:alias/x'],
    ['SSE-KMS naming no key', { SSEAlgorithm: 'aws:kms' }, 'aws:kms', 'alias/aws/s3'],
    ['SSE-KMS with an empty key id', { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: '' }, 'aws:kms', 'alias/aws/s3'],
    ['SSE-S3 carrying a stray key id', { SSEAlgorithm: 'AES256', KMSMasterKeyID: 'alias/ignored' }, 'AES256', null],
  ];
  it.each(keyCases)('records the KMS key of %s', async (_name, rule, encryption, kmsKeyId) => {
    mockHappyAccount();
    s3.on(GetBucketEncryptionCommand, { Bucket: 'shopflow-static' }).resolves({ ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: rule as never }] } });
    const { nodes, gaps } = await s3Collector.collect(fakeContext());
    expect(nodes[0]!.props).toMatchObject({ encryption, kmsKeyId });
    expect(gaps).toEqual([]);
  });

  it('does not count a partial public access block as blocked', async () => {
    mockHappyAccount();
    s3.on(GetPublicAccessBlockCommand, { Bucket: 'shopflow-static' }).resolves({ PublicAccessBlockConfiguration: { ...ALL_BLOCKED, RestrictPublicBuckets: false } });
    const { nodes } = await s3Collector.collect(fakeContext());
    expect(nodes[0]!.props).toMatchObject({ publicAccessBlocked: false });
  });

  it('turns a denied ListBuckets into a gap and emits nothing', async () => {
    s3.on(ListBucketsCommand).rejects(awsError('AccessDenied', 'Access Denied'));
    const result = await s3Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 's3', operation: 'ListBuckets', region: 'us-east-1', code: 'AccessDenied', resourceTypes: ['s3.bucket'] }),
    ]);
  });

  it('emits no partial list when a later ListBuckets page is throttled', async () => {
    mockHappyAccount();
    s3.on(ListBucketsCommand).resolvesOnce({ Buckets: [{ Name: 'shopflow-static', BucketRegion: 'us-east-1' }], ContinuationToken: 'c2' }).rejectsOnce(throttled());
    const result = await s3Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
  });

  it('leaves out a bucket with a failed setting read (a denied one is not "not configured")', async () => {
    mockHappyAccount();
    s3.on(GetBucketReplicationCommand, { Bucket: 'shopflow-static' }).rejects(accessDenied());
    s3.on(GetBucketEncryptionCommand, { Bucket: 'shopflow-logs' }).rejects(throttled());
    const result = await s3Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ operation: 'GetBucketReplication', code: 'AccessDeniedException', resourceTypes: ['s3.bucket'] }),
      expect.objectContaining({ operation: 'GetBucketEncryption', code: 'ThrottlingException', resourceTypes: ['s3.bucket'] }),
    ]);
  });

  it('skips a bucket deleted between the list and the reads, without a gap', async () => {
    mockHappyAccount();
    const gone = { Bucket: 'shopflow-logs' };
    s3.on(GetBucketEncryptionCommand, gone).rejects(awsError('NoSuchBucket'));
    s3.on(GetBucketVersioningCommand, gone).rejects(awsError('NoSuchBucket'));
    s3.on(GetBucketReplicationCommand, gone).rejects(awsError('NoSuchBucket'));
    s3.on(GetPublicAccessBlockCommand, gone).rejects(awsError('NoSuchBucket'));
    const result = await s3Collector.collect(fakeContext());

    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-static']);
    expect(result.gaps).toEqual([]);
  });

  it('a bucket the tagging API names with no tags (tags removed) has none, like one it does not name', async () => {
    mockHappyAccount();
    tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::shopflow-static', Tags: [] }], PaginationToken: '' });
    const { nodes, gaps } = await s3Collector.collect(fakeContext());
    expect(nodes.map((n) => [n.name, n.tags])).toEqual([['shopflow-static', {}], ['shopflow-logs', {}]]);
    expect(gaps).toEqual([]);
  });

  // Unknown tags are never "no tags", and no per-bucket read stands in silently: every listed bucket is
  // kept and the gap names the tagging read (what it means for rules: test/collect/tagging-failure.test.ts).
  it.each([
    ['denied', () => accessDenied(), 'AccessDeniedException'],
    ['throttled on its second page', () => throttled(), 'ThrottlingException'],
  ] as const)('a tagging read %s keeps every bucket, with a gap naming the read', async (how, error, code) => {
    mockHappyAccount();
    if (how === 'denied') tagging.on(GetResourcesCommand).rejects(error());
    else tagging.on(GetResourcesCommand).resolvesOnce({ ResourceTagMappingList: [], PaginationToken: 't2' }).rejectsOnce(error());
    const result = await s3Collector.collect(fakeContext());

    expect(result.nodes.map((n) => [n.name, n.tags])).toEqual([['shopflow-static', {}], ['shopflow-logs', {}]]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 's3', operation: 'GetResources', code, resourceTypes: ['s3.bucket'] })]);
  });

  it('an answer naming no resource list is a failed read, not "no tags"', async () => {
    mockHappyAccount();
    // What an empty 200 deserializes to (answer.ts turns it into IncompleteAnswer on the wire).
    tagging.on(GetResourcesCommand).rejects(Object.assign(new Error('GetResources: answer without ResourceTagMappingList'), { name: 'IncompleteAnswer' }));
    const result = await s3Collector.collect(fakeContext());
    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow-static', 'shopflow-logs']);
    expect(result.gaps.map((g) => `${g.operation} ${g.code}`)).toEqual(['GetResources IncompleteAnswer']);
  });
});
