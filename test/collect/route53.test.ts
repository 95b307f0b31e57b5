import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ListHostedZonesCommand,
  ListResourceRecordSetsCommand,
  ListTagsForResourcesCommand,
  Route53Client,
  type HostedZone,
} from '@aws-sdk/client-route-53';
import { route53Collector } from '../../src/collect/route53.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const r53 = mockClient(Route53Client);

// 12 zones (so tags take two ListTagsForResources calls: 10 + 2); the first is shopflow's public zone.
const zone = (i: number): HostedZone => ({
  Id: `/hostedzone/Z${i}`,
  Name: i === 0 ? 'shopflow.example.' : `zone${i}.example.`,
  CallerReference: `ref-${i}`,
  Config: { PrivateZone: i === 1 },
  ResourceRecordSetCount: 3 + i,
});
const ZONES = Array.from({ length: 12 }, (_, i) => zone(i));

function mockHappyAccount(): void {
  r53.on(ListHostedZonesCommand)
    .resolvesOnce({ HostedZones: ZONES.slice(0, 7), IsTruncated: true, NextMarker: 'Z7', Marker: '', MaxItems: 7 })
    .resolvesOnce({ HostedZones: ZONES.slice(7), IsTruncated: false, Marker: 'Z7', MaxItems: 7 });
  r53.on(ListResourceRecordSetsCommand).resolves({ ResourceRecordSets: [{ Name: 'x.', Type: 'NS' }], IsTruncated: false, MaxItems: 300 });
  // shopflow's records come in two pages; the second starts at the record the first names.
  r53.on(ListResourceRecordSetsCommand, { HostedZoneId: 'Z0' })
    .resolvesOnce({
      ResourceRecordSets: [
        { Name: 'shopflow.example.', Type: 'A', AliasTarget: { DNSName: 'd111111abcdef8.cloudfront.net.', HostedZoneId: 'Z2FDTNDATAQYW2', EvaluateTargetHealth: false } },
        { Name: 'api.shopflow.example.', Type: 'A', AliasTarget: { DNSName: 'dualstack.shopflow-alb-123.us-east-1.elb.amazonaws.com.', HostedZoneId: 'Z35SXDOTRQ7X7K', EvaluateTargetHealth: true } },
      ],
      IsTruncated: true,
      NextRecordName: 'www.shopflow.example.',
      NextRecordType: 'AAAA',
      MaxItems: 300,
    })
    .resolvesOnce({
      ResourceRecordSets: [
        { Name: 'www.shopflow.example.', Type: 'AAAA', AliasTarget: { DNSName: 'D111111ABCDEF8.CloudFront.net', HostedZoneId: 'Z2FDTNDATAQYW2', EvaluateTargetHealth: false } },
        { Name: 'mail.shopflow.example.', Type: 'MX', ResourceRecords: [{ Value: '10 mx.shopflow.example.' }] },
      ],
      IsTruncated: false,
      MaxItems: 300,
    });
  r53.on(ListTagsForResourcesCommand).callsFake((input: { ResourceIds: string[] }) => ({
    ResourceTagSets: input.ResourceIds.filter((id) => id !== 'Z5').map((id) => ({
      ResourceType: 'hostedzone',
      ResourceId: id,
      Tags: id === 'Z0' ? [{ Key: 'app', Value: 'shopflow' }] : [],
    })),
  }));
}

describe('route53Collector', () => {
  beforeEach(() => r53.reset());

  it('is global, follows every page of zones and records, and reads tags for 10 zones per call', async () => {
    mockHappyAccount();
    const result = await route53Collector.collect(fakeContext());

    expect(route53Collector.global).toBe(true);
    expect(r53.commandCalls(ListHostedZonesCommand)).toHaveLength(2);
    const tagCalls = r53.commandCalls(ListTagsForResourcesCommand).map((c) => c.args[0].input);
    expect(tagCalls.map((i) => i.ResourceIds?.length)).toEqual([10, 2]);
    expect(tagCalls[0]!.ResourceType).toBe('hostedzone');
    expect(tagCalls[0]!.ResourceIds![0]).toBe('Z0');
    // 12 zones, one of them two pages long.
    const recordCalls = r53.commandCalls(ListResourceRecordSetsCommand, { HostedZoneId: 'Z0' }).map((c) => c.args[0].input);
    expect(recordCalls).toHaveLength(2);
    expect(recordCalls[1]).toMatchObject({ StartRecordName: 'www.shopflow.example.', StartRecordType: 'AAAA' });
    expect(r53.commandCalls(ListResourceRecordSetsCommand)).toHaveLength(13);
    expect(result.nodes).toHaveLength(12);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes zones and keeps only alias records that point at CloudFront', async () => {
    mockHappyAccount();
    const { nodes } = await route53Collector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: 'arn:aws:route53:::hostedzone/Z0',
      type: 'route53.hosted-zone',
      region: 'global',
      account: '123456789012',
      name: 'shopflow.example',
      tags: { app: 'shopflow' },
      props: {
        hostedZoneId: 'Z0',
        zoneName: 'shopflow.example',
        privateZone: false,
        recordCount: 3,
        cloudFrontAliases: [
          { name: 'shopflow.example', type: 'A', dnsName: 'd111111abcdef8.cloudfront.net' },
          { name: 'www.shopflow.example', type: 'AAAA', dnsName: 'd111111abcdef8.cloudfront.net' },
        ],
      },
    });
    expect(nodes[1]).toMatchObject({ name: 'zone1.example', tags: {}, props: { privateZone: true, recordCount: 4, cloudFrontAliases: [] } });
    // A zone without tags may be missing from the tag answer: it still has {}.
    expect(nodes[5]!.tags).toEqual({});
  });

  it('turns a denied ListHostedZones into a global gap and emits nothing', async () => {
    r53.on(ListHostedZonesCommand).rejects(accessDenied());
    const result = await route53Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'route53', operation: 'ListHostedZones', region: 'global', code: 'AccessDeniedException', resourceTypes: ['route53.hosted-zone'] }),
    ]);
  });

  it('emits no partial list when a later page of zones is throttled', async () => {
    mockHappyAccount();
    r53.on(ListHostedZonesCommand)
      .resolvesOnce({ HostedZones: ZONES.slice(0, 7), IsTruncated: true, NextMarker: 'Z7', Marker: '', MaxItems: 7 })
      .rejectsOnce(throttled());
    const result = await route53Collector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
  });

  it('leaves out zones whose records or tags cannot be read, with gaps', async () => {
    mockHappyAccount();
    r53.on(ListResourceRecordSetsCommand, { HostedZoneId: 'Z0' })
      .resolvesOnce({ ResourceRecordSets: [], IsTruncated: true, NextRecordName: 'www.shopflow.example.', NextRecordType: 'A', MaxItems: 300 })
      .rejectsOnce(throttled());
    // The second tag batch (Z10, Z11) is denied.
    r53.on(ListTagsForResourcesCommand, { ResourceIds: ['Z10', 'Z11'] }).rejects(accessDenied());
    const result = await route53Collector.collect(fakeContext());

    expect(result.nodes.map((n) => n.name)).toEqual(ZONES.slice(1, 10).map((z) => z.Name!.slice(0, -1)));
    expect(result.gaps).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ operation: 'ListResourceRecordSets', code: 'ThrottlingException' }),
        expect.objectContaining({ operation: 'ListTagsForResources', code: 'AccessDeniedException' }),
      ]),
    );
    expect(result.gaps).toHaveLength(2);
  });
});
