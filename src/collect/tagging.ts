// Tags through the Resource Groups Tagging API: one paged GetResources per region and service instead
// of a tag read per resource (S3's GetBucketTagging, SQS's ListQueueTags: most calls of a large
// account). The API answers every tagged or once-tagged resource of the filtered types, so a resource
// a complete answer leaves out has no tags: that is the API's answer, not an assumption. A failed read
// is a gap naming the types it feeds, with no fallback to per-resource reads (a fallback would hide
// the failure): tags decide scope, so every rule touching those types must error.
import type { Reader } from './read.js';
import { tagMap } from './tags.js';
import type { CollectContext, Feeds, ReadDecl } from './types.js';

const sdk = () => import('@aws-sdk/client-resource-groups-tagging-api');

const OPERATION = 'GetResources';

/** The GetResources read a collector declares for the types the API covers (IAM: tag:GetResources). */
export function taggingRead(feeds: Feeds): ReadDecl {
  return {
    operation: OPERATION,
    sdk: { client: 'ResourceGroupsTaggingAPI', package: '@aws-sdk/client-resource-groups-tagging-api', iamPrefix: 'tag' },
    // 100 is the API's largest page.
    pageSize: 100,
    per: 'region',
    paged: true,
    answer: 'ResourceTagMappingList',
    feeds,
  };
}

/**
 * Tags by ARN of every resource the API knows of these types ("s3", "sqs") in the context's region;
 * undefined (with a gap naming the read's types) when any page failed.
 */
export async function tagsByArn(ctx: CollectContext, read: Reader, resourceTypeFilters: string[]): Promise<Map<string, Record<string, string>> | undefined> {
  const { ResourceGroupsTaggingAPIClient, paginateGetResources } = await sdk();
  const client = ctx.client(ResourceGroupsTaggingAPIClient);
  const mappings = await read.list(
    OPERATION,
    paginateGetResources({ client, pageSize: read.pageSize(OPERATION) }, { ResourceTypeFilters: resourceTypeFilters }),
    (page) => page.ResourceTagMappingList,
  );
  if (!mappings) return undefined;
  const byArn = new Map<string, Record<string, string>>();
  for (const m of mappings) {
    if (!m.ResourceARN) continue;
    byArn.set(m.ResourceARN, tagMap(m.Tags));
  }
  return byArn;
}
