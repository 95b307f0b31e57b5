// CloudFront distributions (global). Calls: ListDistributions (paged; the summaries carry origins,
// cache behaviours, certificate and web ACL, so no GetDistributionConfig), then ListTagsForResource
// once per distribution: CloudFront has no batch tag read, and distributions join the application
// by their tags (their ids never match a name prefix).
import type { DistributionSummary, Origin, ViewerCertificate } from '@aws-sdk/client-cloudfront';
import type { GraphEdge, GraphNode } from '../graph/types.js';
import type { DistributionProps } from '../graph/resource-types.js';
import { arn } from './arn.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';
import { tagMap } from './tags.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-cloudfront');
const REGION = 'global';

export const cloudfrontCollector = defineCollector({
  service: 'cloudfront',
  iamPrefix: 'cloudfront',
  sdkClient: 'CloudFront',
  sdkPackage: '@aws-sdk/client-cloudfront',
  global: true,
  reads: [
    { operation: 'ListDistributions', pageSize: 100, per: 'region', paged: true, answer: 'DistributionList', feeds: { 'cloudfront.distribution': '*' } },
    // Untagged a distribution would fall out of the application's scope unseen: left out, with a gap.
    { operation: 'ListTagsForResource', per: 'item', paged: false, answer: 'Tags', feeds: { 'cloudfront.distribution': '*' }, gone: ['NoSuchResource'] },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { CloudFrontClient, ListTagsForResourceCommand, paginateListDistributions } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(CloudFrontClient);
  const read = reader(ctx, cloudfrontCollector, result.gaps);

  const distributions = await read.list('ListDistributions', paginateListDistributions({ client, pageSize: read.pageSize('ListDistributions') }, {}), (p) => p.DistributionList?.Items);
  if (!distributions) return result;

  const tagged = await Promise.all(
    distributions.map(async (distribution) => {
      const out = await read.call('ListTagsForResource', () => client.send(new ListTagsForResourceCommand({ Resource: distribution.ARN })));
      return out && { distribution, tags: tagMap(out.Tags?.Items) };
    }),
  );
  for (const entry of tagged) {
    if (!entry) continue;
    const node = distributionNode(ctx, entry.distribution, entry.tags);
    result.nodes.push(node);
    result.edges.push(...distributionEdges(ctx, node));
  }
  return result;
}

function distributionNode(ctx: CollectContext, d: DistributionSummary, tags: Record<string, string>): GraphNode<'cloudfront.distribution'> {
  const defaultBehavior = d.DefaultCacheBehavior;
  return {
    id: d.ARN!,
    type: 'cloudfront.distribution',
    region: REGION,
    account: ctx.account,
    name: d.Id ?? '',
    tags,
    props: {
      distributionId: d.Id ?? '',
      domainName: d.DomainName ?? '',
      enabled: d.Enabled ?? false,
      status: d.Status ?? '',
      aliases: d.Aliases?.Items ?? [],
      origins: (d.Origins?.Items ?? []).map(originProps),
      cacheBehaviors: [
        { pathPattern: '*', targetOriginId: defaultBehavior?.TargetOriginId ?? '', viewerProtocolPolicy: defaultBehavior?.ViewerProtocolPolicy ?? '' },
        ...(d.CacheBehaviors?.Items ?? []).map((b) => ({
          pathPattern: b.PathPattern ?? '',
          targetOriginId: b.TargetOriginId ?? '',
          viewerProtocolPolicy: b.ViewerProtocolPolicy ?? '',
        })),
      ],
      viewerCertificate: certificateProps(d.ViewerCertificate),
      webAclId: d.WebACLId || null,
    },
  };
}

function originProps(origin: Origin): DistributionProps['origins'][number] {
  const domainName = origin.DomainName ?? '';
  return {
    id: origin.Id ?? '',
    domainName,
    kind: origin.S3OriginConfig || s3RestBucket(domainName) ? 's3' : 'custom',
    originAccessControlId: origin.OriginAccessControlId || null,
    originAccessIdentity: origin.S3OriginConfig?.OriginAccessIdentity || null,
  };
}

function certificateProps(cert: ViewerCertificate | undefined): DistributionProps['viewerCertificate'] {
  const source = cert?.ACMCertificateArn ? 'acm' : cert?.IAMCertificateId ? 'iam' : 'cloudfront';
  return {
    source,
    certificateArn: cert?.ACMCertificateArn ?? null,
    minimumProtocolVersion: cert?.MinimumProtocolVersion ?? '',
    sslSupportMethod: cert?.SSLSupportMethod ?? null,
  };
}

function distributionEdges(ctx: CollectContext, node: GraphNode<'cloudfront.distribution'>): GraphEdge[] {
  const edges: GraphEdge[] = [];
  // WAFv2 ACLs are referenced by ARN; a classic WAF id is not an ARN and has no node to point at.
  if (node.props.webAclId?.startsWith('arn:')) edges.push({ type: 'protected-by', from: node.id, to: node.props.webAclId });
  for (const origin of node.props.origins) {
    const bucket = s3RestBucket(origin.domainName) ?? s3WebsiteBucket(origin.domainName);
    if (bucket) edges.push({ type: 'origin', from: node.id, to: arn.s3Bucket(ctx, bucket) });
  }
  return edges;
}

/** "<bucket>.s3.amazonaws.com", "<bucket>.s3.<region>.amazonaws.com" (or the legacy "s3-<region>") -> bucket. */
export function s3RestBucket(domainName: string): string | null {
  const match = /^(.+)\.s3(?:[.-][a-z]{2}(?:-[a-z]+)+-\d+)?\.amazonaws\.com(?:\.cn)?$/.exec(domainName.toLowerCase().replace(/\.$/, ''));
  return match?.[1] ?? null;
}

// A website endpoint is a custom origin (no OAC possible) but still names the bucket it serves.
function s3WebsiteBucket(domainName: string): string | null {
  const match = /^(.+)\.s3-website[.-][a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?$/.exec(domainName.toLowerCase().replace(/\.$/, ''));
  return match?.[1] ?? null;
}
