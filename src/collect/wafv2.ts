// WAFv2 web ACLs of scope CLOUDFRONT (global; the API lives in us-east-1, which is the context's
// region for global collectors). Calls: ListWebACLs (paged by NextMarker, 100 per page), then
// GetWebACL once per ACL for its default action and rules (no batch read exists).
// Web ACL tags are not read: an ACL joins the application through the distribution it protects.
import { GetWebACLCommand, ListWebACLsCommand, WAFV2Client, type WebACL, type WebACLSummary } from '@aws-sdk/client-wafv2';
import type { GraphNode } from '../graph/types.js';
import { toGap } from './gap.js';
import type { CollectContext, CollectResult, Collector } from './types.js';

const SERVICE = 'wafv2';
const REGION = 'global';
const SCOPE = 'CLOUDFRONT';

export const wafv2Collector: Collector = {
  service: SERVICE,
  global: true,
  resourceTypes: ['wafv2.web-acl'],
  actions: ['wafv2:ListWebACLs', 'wafv2:GetWebACL'],
  collect,
};

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(WAFV2Client);
  const gap = (err: unknown, operation: string) =>
    result.gaps.push(toGap(err, { service: SERVICE, operation, region: REGION, resourceTypes: ['wafv2.web-acl'] }));

  let summaries: WebACLSummary[];
  try {
    summaries = await listWebAcls(ctx, client);
  } catch (err) {
    gap(err, 'ListWebACLs');
    return result;
  }

  const acls = await Promise.all(
    summaries.map(async (summary) => {
      try {
        const out = await ctx.limit(() => client.send(new GetWebACLCommand({ Name: summary.Name, Id: summary.Id, Scope: SCOPE })));
        return out.WebACL;
      } catch (err) {
        gap(err, 'GetWebACL');
        return undefined;
      }
    }),
  );
  for (const acl of acls) if (acl?.ARN) result.nodes.push(webAclNode(ctx, acl));
  return result;
}

// The SDK has no paginator for ListWebACLs. WAF may hand back a marker with an empty last page, so
// stop on an empty page or a repeated marker too.
async function listWebAcls(ctx: CollectContext, client: WAFV2Client): Promise<WebACLSummary[]> {
  const summaries: WebACLSummary[] = [];
  let marker: string | undefined;
  for (;;) {
    const out = await ctx.limit(() => client.send(new ListWebACLsCommand({ Scope: SCOPE, Limit: 100, NextMarker: marker })));
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
