// WAFv2 web ACLs of scope CLOUDFRONT (global; the API lives in us-east-1, which is the context's
// region for global collectors). Calls: ListWebACLs (paged by NextMarker, 100 per page), then
// GetWebACL once per ACL for its default action and rules (no batch read exists).
// Web ACL tags are not read: an ACL joins the application through the distribution it protects.
import type { ListWebACLsCommandOutput, WebACL, WebACLSummary } from '@aws-sdk/client-wafv2';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-wafv2');
const REGION = 'global';
const SCOPE = 'CLOUDFRONT';

export const wafv2Collector = defineCollector({
  service: 'wafv2',
  iamPrefix: 'wafv2',
  sdkClient: 'WAFV2',
  sdkPackage: '@aws-sdk/client-wafv2',
  global: true,
  reads: [
    { operation: 'ListWebACLs', pageSize: 100, per: 'region', paged: true, answer: 'WebACLs', feeds: { 'wafv2.web-acl': '*' } },
    { operation: 'GetWebACL', per: 'item', paged: false, answer: 'WebACL', feeds: { 'wafv2.web-acl': '*' }, gone: ['WAFNonexistentItemException'] },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { WAFV2Client, GetWebACLCommand, ListWebACLsCommand } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(WAFV2Client);
  const read = reader(ctx, wafv2Collector, result.gaps);

  const list = (marker: string | undefined) => ctx.limit(() => client.send(new ListWebACLsCommand({ Scope: SCOPE, Limit: read.pageSize('ListWebACLs'), NextMarker: marker })));
  const summaries = await read.run('ListWebACLs', () => listWebAcls(list));
  if (!summaries) return result;

  const acls = await Promise.all(
    summaries.map(async (summary) => (await read.call('GetWebACL', () => client.send(new GetWebACLCommand({ Name: summary.Name, Id: summary.Id, Scope: SCOPE }))))?.WebACL),
  );
  for (const acl of acls) if (acl?.ARN) result.nodes.push(webAclNode(ctx, acl));
  return result;
}

// The SDK has no paginator for ListWebACLs. WAF may hand back a marker with an empty last page, so
// stop on an empty page or a repeated marker too.
async function listWebAcls(list: (marker: string | undefined) => Promise<ListWebACLsCommandOutput>): Promise<WebACLSummary[]> {
  const summaries: WebACLSummary[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await list(marker);
    const page = out.WebACLs ?? [];
    summaries.push(...page);
    if (!out.NextMarker || out.NextMarker === marker || page.length === 0) return summaries;
    marker = out.NextMarker;
  }
}

function webAclNode(ctx: CollectContext, acl: WebACL): GraphNode<'wafv2.web-acl'> {
  return {
    id: acl.ARN!,
    type: 'wafv2.web-acl',
    region: REGION,
    account: ctx.account,
    name: acl.Name ?? '',
    tags: {},
    props: {
      webAclId: acl.Id ?? '',
      scope: SCOPE,
      defaultAction: acl.DefaultAction?.Block ? 'block' : 'allow',
      ruleCount: acl.Rules?.length ?? 0,
    },
  };
}
