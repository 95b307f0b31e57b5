// Tags through the Resource Groups Tagging API: one paged GetResources per region and service instead
// of a tag read per resource (S3's GetBucketTagging, SQS's ListQueueTags: most calls of a large
// account). The API answers every tagged or once-tagged resource of the filtered types, so a resource
// a complete answer leaves out has no tags: that is the API's answer, not an assumption. The read feeds
// only the types' tags (`'@tags'`): a failed read keeps every resource its own list call found and is
// a gap naming the read, so the rules that read those tags, or whose scope is decided by tags, error
// while the others still judge. No fallback to per-resource reads (a fallback would hide the failure).
import type { ResourceType } from '../graph/resource-types.js';
import type { GraphNode } from '../graph/types.js';
import type { Reader } from './read.js';
import { tagMap } from './tags.js';
import type { CollectContext, ReadDecl } from './types.js';

const sdk = () => import('@aws-sdk/client-resource-groups-tagging-api');

const OPERATION = 'GetResources';

/** What the read feeds of a type: its tags only (engine/needs.ts). */
export const TAGS = ['@tags'] as const;

/** The GetResources read a collector declares for the types the API covers (IAM: tag:GetResources). */
export function taggingRead(types: readonly ResourceType[]): ReadDecl {
  return {
    operation: OPERATION,
    sdk: { client: 'ResourceGroupsTaggingAPI', package: '@aws-sdk/client-resource-groups-tagging-api', iamPrefix: 'tag' },
    // 100 is the API's largest page.
    pageSize: 100,
    per: 'region',
    paged: true,
    answer: 'ResourceTagMappingList',
    feeds: Object.fromEntries(types.map((t) => [t, TAGS])),
    // Its pages grow with the resources of those types (the call budget, test/e2e/scan.test.ts).
    budget: { items: types },
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

/**
 * The read nodes with their tags joined by ARN. A resource a complete answer does not name has no tags;
 * when the tagging read failed (`tags` undefined) every node is still kept: its `{}` stands for unknown
 * tags, which the read's gap says (and every rule relying on them errors).
 */
export function joinTags<N extends GraphNode>(nodes: readonly (N | undefined)[], tags: Map<string, Record<string, string>> | undefined): N[] {
  const out: N[] = [];
  for (const node of nodes) if (node) out.push({ ...node, tags: tags?.get(node.id) ?? {} });
  return out;
}
