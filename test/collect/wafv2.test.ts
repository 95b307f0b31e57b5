import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetWebACLCommand, ListWebACLsCommand, WAFV2Client, type WebACL } from '@aws-sdk/client-wafv2';
import { wafv2Collector } from '../../src/collect/wafv2.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const waf = mockClient(WAFV2Client);
const aclArn = (name: string, id: string) => `arn:aws:wafv2:us-east-1:123456789012:global/webacl/${name}/${id}`;
const summary = (name: string, id: string) => ({ Name: name, Id: id, ARN: aclArn(name, id), LockToken: 'lock' });

const acls: Record<string, WebACL> = {
  'id-1': {
    Name: 'shopflow', Id: 'id-1', ARN: aclArn('shopflow', 'id-1'),
    DefaultAction: { Allow: {} },
    Rules: [
      { Name: 'common', Priority: 0, Statement: {}, VisibilityConfig: undefined },
      { Name: 'rate', Priority: 1, Statement: {}, VisibilityConfig: undefined },
    ],
    VisibilityConfig: undefined,
  },
  'id-2': { Name: 'lockdown', Id: 'id-2', ARN: aclArn('lockdown', 'id-2'), DefaultAction: { Block: {} }, VisibilityConfig: undefined },
  'id-3': { Name: 'other', Id: 'id-3', ARN: aclArn('other', 'id-3'), DefaultAction: { Allow: {} }, Rules: [], VisibilityConfig: undefined },
};

function mockHappyAccount(): void {
  waf.on(ListWebACLsCommand)
    .resolvesOnce({ WebACLs: [summary('shopflow', 'id-1'), summary('lockdown', 'id-2')], NextMarker: 'm2' })
    .resolvesOnce({ WebACLs: [summary('other', 'id-3')], NextMarker: 'm3' })
    // WAF can hand back a marker with an empty last page.
    .resolvesOnce({ WebACLs: [], NextMarker: 'm4' });
  waf.on(GetWebACLCommand).callsFake((input: { Id: string }) => ({ WebACL: acls[input.Id], LockToken: 'lock' }));
}

describe('wafv2Collector', () => {
  beforeEach(() => waf.reset());

  it('is global, lists CLOUDFRONT-scope ACLs page by page (stopping on an empty page) and reads each once', async () => {
    mockHappyAccount();
    const result = await wafv2Collector.collect(fakeContext());

    expect(wafv2Collector.global).toBe(true);
    const lists = waf.commandCalls(ListWebACLsCommand).map((c) => c.args[0].input);
    expect(lists.map((i) => [i.Scope, i.NextMarker])).toEqual([['CLOUDFRONT', undefined], ['CLOUDFRONT', 'm2'], ['CLOUDFRONT', 'm3']]);
    expect(waf.commandCalls(GetWebACLCommand)).toHaveLength(3);
    expect(waf.commandCalls(GetWebACLCommand)[0]!.args[0].input).toEqual({ Name: 'shopflow', Id: 'id-1', Scope: 'CLOUDFRONT' });
    expect(result.nodes).toHaveLength(3);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes default action and rule count', async () => {
    mockHappyAccount();
    const { nodes } = await wafv2Collector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: aclArn('shopflow', 'id-1'),
      type: 'wafv2.web-acl',
      region: 'global',
      account: '123456789012',
      name: 'shopflow',
      tags: {},
      props: { webAclId: 'id-1', scope: 'CLOUDFRONT', defaultAction: 'allow', ruleCount: 2 },
    });
    expect(nodes[1]!.props).toEqual({ webAclId: 'id-2', scope: 'CLOUDFRONT', defaultAction: 'block', ruleCount: 0 });
  });

  it('turns a denied ListWebACLs into a global gap and emits nothing', async () => {
    waf.on(ListWebACLsCommand).rejects(accessDenied());
    const result = await wafv2Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'wafv2', operation: 'ListWebACLs', region: 'global', code: 'AccessDeniedException', resourceTypes: ['wafv2.web-acl'] }),
    ]);
  });

  it('emits no partial list when a later page is throttled', async () => {
    waf.on(ListWebACLsCommand).resolvesOnce({ WebACLs: [summary('shopflow', 'id-1')], NextMarker: 'm2' }).rejectsOnce(throttled());
    const result = await wafv2Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
    expect(waf.commandCalls(GetWebACLCommand)).toHaveLength(0);
  });

  it('leaves out an ACL whose details cannot be read, with a gap', async () => {
    mockHappyAccount();
    waf.on(GetWebACLCommand, { Id: 'id-2' }).rejects(throttled());
    const result = await wafv2Collector.collect(fakeContext());

    expect(result.nodes.map((n) => n.name)).toEqual(['shopflow', 'other']);
    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'GetWebACL', code: 'ThrottlingException' })]);
  });
});
