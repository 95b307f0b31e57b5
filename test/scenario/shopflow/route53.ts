// Route 53 (global): ShopFlow's public zone, its apex and www aliases to the distribution.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as R53 from '@aws-sdk/client-route-53';
import { defineService, SERVER_PAGE_SIZE } from '../recording.js';

export interface HostedZoneAnswers {
  zone: R53.HostedZone;
  tags: R53.Tag[];
  /** In the API's order: by name (labels right to left), then by type. */
  records: R53.ResourceRecordSet[];
}

export interface Route53Answers { hostedZones: HostedZoneAnswers[] }

const answers: Route53Answers = {
  hostedZones: [
    {
      zone: {
        Id: '/hostedzone/Z0471812A9PQXKX3V7N2T',
        Name: 'shopflow.example.com.',
        CallerReference: 'terraform-9e7558369afe397a98ca0ff384',
        Config: { Comment: 'ShopFlow public zone', PrivateZone: false },
        ResourceRecordSetCount: 7,
      },
      tags: [{ Key: 'app', Value: 'shopflow' }],
      records: [
        {
          Name: 'shopflow.example.com.',
          Type: 'A',
          AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd2x7ymq1b9k4zp.cloudfront.net.', EvaluateTargetHealth: false },
        },
        {
          Name: 'shopflow.example.com.',
          Type: 'AAAA',
          AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd2x7ymq1b9k4zp.cloudfront.net.', EvaluateTargetHealth: false },
        },
        {
          Name: 'shopflow.example.com.',
          Type: 'NS',
          TTL: 172800,
          ResourceRecords: [
            { Value: 'ns-1162.awsdns-17.org.' },
            { Value: 'ns-331.awsdns-41.com.' },
            { Value: 'ns-1827.awsdns-36.co.uk.' },
            { Value: 'ns-778.awsdns-33.net.' },
          ],
        },
        {
          Name: 'shopflow.example.com.',
          Type: 'SOA',
          TTL: 900,
          ResourceRecords: [{ Value: 'ns-1162.awsdns-17.org. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400' }],
        },
        { Name: 'shopflow.example.com.', Type: 'TXT', TTL: 300, ResourceRecords: [{ Value: '"v=spf1 include:amazonses.com ~all"' }] },
        {
          Name: '_3f9c2a7e1b4d6f8a0c2e4b6d8f0a1c3e.shopflow.example.com.',
          Type: 'CNAME',
          TTL: 300,
          ResourceRecords: [{ Value: '_7d1b3f5a9c2e4f6a8b0d2c4e6f8a0b2c.mhbtsbpdnt.acm-validations.aws.' }],
        },
        {
          Name: 'www.shopflow.example.com.',
          Type: 'A',
          AliasTarget: { HostedZoneId: 'Z2FDTNDATAQYW2', DNSName: 'd2x7ymq1b9k4zp.cloudfront.net.', EvaluateTargetHealth: false },
        },
      ],
    },
  ],
};

export const route53 = defineService({
  name: 'route53', global: true,
  empty: { hostedZones: [] },
  record(a, r) {
    const id = (z: HostedZoneAnswers) => z.zone.Id!.replace('/hostedzone/', '');
    r.paged('Route53:ListHostedZones', { MaxItems: 100 }, a.hostedZones.map((z) => z.zone), 'Marker',
      (HostedZones, NextMarker) => ({ HostedZones, ...(NextMarker && { NextMarker }), IsTruncated: NextMarker !== undefined, MaxItems: 100 }));
    for (let i = 0; i < a.hostedZones.length; i += 10) {
      const batch = a.hostedZones.slice(i, i + 10);
      r.record('Route53:ListTagsForResources', {
        input: { ResourceType: 'hostedzone', ResourceIds: batch.map(id) },
        output: { ResourceTagSets: batch.map((z) => ({ ResourceType: 'hostedzone', ResourceId: id(z), Tags: z.tags })) },
      });
    }
    // Record sets page by (name, type): the next page's request starts where the last one stopped.
    const size = SERVER_PAGE_SIZE['Route53:ListResourceRecordSets'] ?? Infinity;
    for (const z of a.hostedZones) {
      for (let i = 0; i < z.records.length; i += size) {
        const page = z.records.slice(i, i + size);
        const next = z.records[i + size];
        const start = i === 0 ? {} : { StartRecordName: z.records[i]!.Name, StartRecordType: z.records[i]!.Type, StartRecordIdentifier: undefined };
        r.record('Route53:ListResourceRecordSets', {
          input: { HostedZoneId: id(z), MaxItems: 300, ...start },
          output: { ResourceRecordSets: page, IsTruncated: next !== undefined, ...(next && { NextRecordName: next.Name, NextRecordType: next.Type }), MaxItems: 300 },
        });
      }
    }
  },
  answers,
});
