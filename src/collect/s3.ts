// S3 buckets of the context's region. Calls: ListBuckets (paged, filtered by BucketRegion) and, beside
// it, the region's bucket tags from the Resource Groups Tagging API (GetResources, tagging.ts), then per
// bucket GetBucketEncryption, GetBucketVersioning, GetBucketReplication and GetPublicAccessBlock (S3 has
// no batch read of bucket settings: 4 calls per bucket).
// S3-compatible endpoints answer ListBuckets without BucketRegion (and ignore the filter): a bucket
// listed without its region gets a GetBucketLocation, so it is never dropped as "another region's".
import type {
  Bucket,
  GetBucketEncryptionCommandOutput,
  GetBucketReplicationCommandOutput,
  GetBucketVersioningCommandOutput,
  GetPublicAccessBlockCommandOutput,
  S3Client,
} from '@aws-sdk/client-s3';
import type { GraphNode } from '../graph/types.js';
import type { BucketProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, errorCode, reader, type Reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { joinTags, taggingRead, tagsByArn } from './tagging.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-s3');
type Sdk = Awaited<ReturnType<typeof sdk>>;
const BUCKET = { 's3.bucket': '*' } as const;
// Deleted between the list and the reads: a real answer, not a failure.
const GONE = ['NoSuchBucket'];

export const s3Collector = defineCollector({
  service: 's3',
  iamPrefix: 's3',
  sdkClient: 'S3',
  sdkPackage: '@aws-sdk/client-s3',
  // A bucket any of whose settings could not be read is left out (its props would be guesses).
  reads: [
    { operation: 'ListBuckets', pageSize: 1000, action: 's3:ListAllMyBuckets', per: 'region', paged: true, answer: 'Buckets', feeds: BUCKET },
    // us-east-1's LocationConstraint is empty.
    // Not called on AWS itself (its ListBuckets names each bucket's region): no calls in the call budget.
    { operation: 'GetBucketLocation', budget: { items: [] }, per: 'item', paged: false, answer: null, feeds: BUCKET, gone: GONE },
    // Feeds only the buckets' tags: a failure keeps every bucket, its tags unknown (a gap naming the read).
    taggingRead(['s3.bucket']),
    { operation: 'GetBucketEncryption', action: 's3:GetEncryptionConfiguration', per: 'item', paged: false, answer: 'ServerSideEncryptionConfiguration', feeds: BUCKET, gone: GONE },
    // A never-versioned bucket's VersioningConfiguration is empty.
    { operation: 'GetBucketVersioning', per: 'item', paged: false, answer: null, feeds: BUCKET, gone: GONE },
    { operation: 'GetBucketReplication', action: 's3:GetReplicationConfiguration', per: 'item', paged: false, answer: 'ReplicationConfiguration', feeds: BUCKET, gone: GONE },
    { operation: 'GetPublicAccessBlock', action: 's3:GetBucketPublicAccessBlock', per: 'item', paged: false, answer: 'PublicAccessBlockConfiguration', feeds: BUCKET, gone: GONE },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const s3 = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(s3.S3Client);
  const read = reader(ctx, s3Collector, result.gaps);

  // The tags are read beside the list and the settings (their pages are a chain of their own): no read
  // waits on them, they are joined to the buckets at the end.
  const tagsRead = tagsByArn(ctx, read, ['s3']);
  const all = await read.list('ListBuckets', s3.paginateListBuckets({ client, pageSize: read.pageSize('ListBuckets') }, { BucketRegion: ctx.region }), (p) => p.Buckets);
  if (!all) return (await tagsRead, result);
  const listed: Bucket[] = all.filter((b) => b.Name);
  // The filter is applied again here: a bucket of another region is read by that region's run.
  const regions = await Promise.all(listed.map((b) => (b.BucketRegion !== undefined ? b.BucketRegion : bucketRegion(s3, client, read, b.Name!))));
  const buckets = listed.filter((_, i) => regions[i] === ctx.region);

  const [nodes, tags] = await Promise.all([Promise.all(buckets.map((bucket) => bucketNode(ctx, s3, client, read, bucket.Name!))), tagsRead]);
  result.nodes.push(...joinTags(nodes, tags));
  return result;
}

/** The bucket's region from GetBucketLocation, or undefined (with a gap unless gone) when it cannot be read. */
async function bucketRegion({ GetBucketLocationCommand }: Sdk, client: S3Client, read: Reader, name: string): Promise<string | undefined> {
  const out = await read.call('GetBucketLocation', () => client.send(new GetBucketLocationCommand({ Bucket: name })));
  if (!out) return undefined;
  // S3's legacy answers: no constraint is us-east-1, "EU" is eu-west-1.
  const location = out.LocationConstraint as string | undefined;
  return !location ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
}

/** A "not configured" answer (that error code) is the setting's value; any other error stays a failure. */
const unless = <T>(code: string, value: T) => (err: unknown): T => {
  if (errorCode(err) === code) return value;
  throw err;
};

/**
 * Reads every setting of one bucket. "Not configured" answers are values; any other failed read
 * leaves the bucket out (with a gap), since its props would be guesses.
 */
async function bucketNode(ctx: CollectContext, s3: Sdk, client: S3Client, read: Reader, name: string): Promise<GraphNode<'s3.bucket'> | undefined> {
  const { GetBucketEncryptionCommand, GetBucketReplicationCommand, GetBucketVersioningCommand, GetPublicAccessBlockCommand } = s3;
  const Bucket = name;
  const settings = read.together(await Promise.all([
    read.try('GetBucketEncryption', () => client.send(new GetBucketEncryptionCommand({ Bucket })).then(encryptionOf, unless('ServerSideEncryptionConfigurationNotFoundError', NO_ENCRYPTION))),
    read.try('GetBucketVersioning', () => client.send(new GetBucketVersioningCommand({ Bucket })).then(versioningOf)),
    read.try('GetBucketReplication', () => client.send(new GetBucketReplicationCommand({ Bucket }))
      .then(replicationOf, unless('ReplicationConfigurationNotFoundError', { enabled: false, destinationBuckets: [] }))),
    read.try('GetPublicAccessBlock', () => client.send(new GetPublicAccessBlockCommand({ Bucket })).then(publicAccessBlockedOf, unless('NoSuchPublicAccessBlockConfiguration', false))),
  ] as const));
  if (!settings) return undefined;
  const [{ encryption, kmsKeyId }, versioning, replication, publicAccessBlocked] = settings;
  return {
    id: arn.s3Bucket(ctx, name),
    type: 's3.bucket',
    region: ctx.region,
    account: ctx.account,
    name,
    // Joined from the tagging API's answer by the caller.
    tags: {},
    props: { bucketName: name, encryption, kmsKeyId, versioning, publicAccessBlocked, replication },
  };
}

type Encryption = Pick<BucketProps, 'encryption' | 'kmsKeyId'>;
const NO_ENCRYPTION: Encryption = { encryption: null, kmsKeyId: null };
// SSE-KMS naming no key encrypts with the account's AWS managed key for S3, which answers to this alias.
const S3_MANAGED_KEY = 'alias/aws/s3';

/** The default encryption algorithm ("AES256", "aws:kms", "aws:kms:dsse") and, for SSE-KMS, the key. */
function encryptionOf(out: GetBucketEncryptionCommandOutput): Encryption {
  const rule = out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault;
  const encryption = rule?.SSEAlgorithm ?? null;
  const kms = encryption === 'aws:kms' || encryption === 'aws:kms:dsse';
  return { encryption, kmsKeyId: kms ? rule?.KMSMasterKeyID || S3_MANAGED_KEY : null };
}

// A bucket that never had versioning turned on answers with no Status at all.
function versioningOf(out: GetBucketVersioningCommandOutput): BucketProps['versioning'] {
  return out.Status === 'Enabled' || out.Status === 'Suspended' ? out.Status : 'Disabled';
}

/** Enabled when any rule is; destinations (bucket ARNs) of the enabled rules only. */
function replicationOf(out: GetBucketReplicationCommandOutput): BucketProps['replication'] {
  const rules = (out.ReplicationConfiguration?.Rules ?? []).filter((r) => r.Status === 'Enabled');
  const destinationBuckets = [...new Set(rules.map((r) => r.Destination?.Bucket).filter((b): b is string => !!b))];
  return { enabled: rules.length > 0, destinationBuckets };
}

/** Blocked only when all four settings are on; one off leaves a way to make the bucket public. */
function publicAccessBlockedOf(out: GetPublicAccessBlockCommandOutput): boolean {
  const c = out.PublicAccessBlockConfiguration;
  return !!(c?.BlockPublicAcls && c.IgnorePublicAcls && c.BlockPublicPolicy && c.RestrictPublicBuckets);
}
