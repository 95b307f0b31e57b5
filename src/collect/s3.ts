// S3 buckets of the context's region. Calls: ListBuckets (paged, filtered by BucketRegion), then per
// bucket GetBucketTagging, GetBucketEncryption, GetBucketVersioning, GetBucketReplication and
// GetPublicAccessBlock (S3 has no batch read of bucket settings: 5 calls per bucket).
// S3-compatible endpoints answer ListBuckets without BucketRegion (and ignore the filter): a bucket
// listed without its region gets a GetBucketLocation, so it is never dropped as "another region's".
import {
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketReplicationCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  S3Client,
  paginateListBuckets,
  type Bucket,
  type GetBucketEncryptionCommandOutput,
  type GetBucketReplicationCommandOutput,
  type GetBucketTaggingCommandOutput,
  type GetBucketVersioningCommandOutput,
  type GetPublicAccessBlockCommandOutput,
} from '@aws-sdk/client-s3';
import type { GraphNode } from '../graph/types.js';
import type { BucketProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { toGap } from './gap.js';
import type { CollectContext, CollectResult, Collector } from './types.js';
import { allPages } from './paginate.js';

const SERVICE = 's3';

export const s3Collector: Collector = {
  service: SERVICE,
  resourceTypes: ['s3.bucket'],
  actions: [
    's3:ListAllMyBuckets',
    's3:GetBucketLocation',
    's3:GetBucketTagging',
    's3:GetEncryptionConfiguration',
    's3:GetBucketVersioning',
    's3:GetReplicationConfiguration',
    's3:GetBucketPublicAccessBlock',
  ],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(S3Client);
  const gap = (err: unknown, operation: string) =>
    result.gaps.push(toGap(err, { service: SERVICE, operation, region: ctx.region, resourceTypes: ['s3.bucket'] }));

  let listed: Bucket[];
  try {
    const pages = await allPages(ctx, paginateListBuckets({ client, pageSize: 1000 }, { BucketRegion: ctx.region }));
    listed = pages.flatMap((page) => page.Buckets ?? []).filter((b) => b.Name);
  } catch (err) {
    gap(err, 'ListBuckets');
    return result;
  }
  // The filter is applied again here: a bucket of another region is read by that region's run.
  const regions = await Promise.all(listed.map((b) => (b.BucketRegion !== undefined ? b.BucketRegion : bucketRegion(ctx, client, b.Name!, gap))));
  const buckets = listed.filter((_, i) => regions[i] === ctx.region);

  const nodes = await Promise.all(buckets.map((bucket) => bucketNode(ctx, client, bucket.Name!, gap)));
  for (const node of nodes) if (node) result.nodes.push(node);
  return result;
}

/** The bucket's region from GetBucketLocation, or undefined (with a gap) when it cannot be read. */
async function bucketRegion(ctx: CollectContext, client: S3Client, name: string, gap: (err: unknown, operation: string) => void): Promise<string | undefined> {
  try {
    const out = await ctx.limit(() => client.send(new GetBucketLocationCommand({ Bucket: name })));
    // S3's legacy answers: no constraint is us-east-1, "EU" is eu-west-1.
    const location = out.LocationConstraint as string | undefined;
    return !location ? 'us-east-1' : location === 'EU' ? 'eu-west-1' : location;
  } catch (err) {
    // Deleted between the list and the read: gone, not a failure.
    if (errorCode(err) !== 'NoSuchBucket') gap(err, 'GetBucketLocation');
    return undefined;
  }
}

type Read<T> = { ok: true; value: T } | { ok: false; operation: string; error: unknown };

/**
 * Reads every setting of one bucket. "Not configured" answers are values; any other failed read
 * leaves the bucket out (with a gap), since its props would be guesses.
 */
async function bucketNode(
  ctx: CollectContext,
  client: S3Client,
  name: string,
  gap: (err: unknown, operation: string) => void,
): Promise<GraphNode<'s3.bucket'> | undefined> {
  const read = async <T>(operation: string, fn: () => Promise<T>, notConfigured: string | null, absent: T): Promise<Read<T>> => {
    try {
      return { ok: true, value: await ctx.limit(fn) };
    } catch (error) {
      return notConfigured && errorCode(error) === notConfigured ? { ok: true, value: absent } : { ok: false, operation, error };
    }
  };
  const Bucket = name;
  const [tags, encryption, versioning, replication, publicAccessBlocked] = await Promise.all([
    read('GetBucketTagging', async () => tagsOf(await client.send(new GetBucketTaggingCommand({ Bucket }))), 'NoSuchTagSet', {}),
    read('GetBucketEncryption', async () => encryptionOf(await client.send(new GetBucketEncryptionCommand({ Bucket }))),
      'ServerSideEncryptionConfigurationNotFoundError', null),
    read('GetBucketVersioning', async () => versioningOf(await client.send(new GetBucketVersioningCommand({ Bucket }))), null, 'Disabled' as const),
    read('GetBucketReplication', async () => replicationOf(await client.send(new GetBucketReplicationCommand({ Bucket }))),
      'ReplicationConfigurationNotFoundError', { enabled: false, destinationBuckets: [] }),
    read('GetPublicAccessBlock', async () => publicAccessBlockedOf(await client.send(new GetPublicAccessBlockCommand({ Bucket }))),
      'NoSuchPublicAccessBlockConfiguration', false),
  ]);
  if (!tags.ok || !encryption.ok || !versioning.ok || !replication.ok || !publicAccessBlocked.ok) {
    const failures = [tags, encryption, versioning, replication, publicAccessBlocked].filter((r) => !r.ok);
    // Deleted between the list and the reads: a real answer, not a failure.
    if (failures.some((f) => errorCode(f.error) === 'NoSuchBucket')) return undefined;
    for (const f of failures) gap(f.error, f.operation);
    return undefined;
  }
  return {
    id: arn.s3Bucket(ctx, name),
    type: 's3.bucket',
    region: ctx.region,
    account: ctx.account,
    name,
    tags: tags.value,
    props: {
      bucketName: name,
      encryption: encryption.value,
      versioning: versioning.value,
      publicAccessBlocked: publicAccessBlocked.value,
      replication: replication.value,
    },
  };
}

function tagsOf(out: GetBucketTaggingCommandOutput): Record<string, string> {
  return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** The default encryption algorithm ("AES256", "aws:kms", "aws:kms:dsse"). */
function encryptionOf(out: GetBucketEncryptionCommandOutput): string | null {
  return out.ServerSideEncryptionConfiguration?.Rules?.[0]?.ApplyServerSideEncryptionByDefault?.SSEAlgorithm ?? null;
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

function errorCode(err: unknown): string | undefined {
  const e = err as { name?: string; Code?: string; code?: string } | undefined;
  return e?.Code ?? e?.code ?? e?.name;
}
