import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudFrontClient, ListDistributionsCommand, ListTagsForResourceCommand, type DistributionSummary } from '@aws-sdk/client-cloudfront';
import { cloudfrontCollector, s3RestBucket } from '../../src/collect/cloudfront.js';
import { accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const cf = mockClient(CloudFrontClient);
const distArn = (id: string) => `arn:aws:cloudfront::123456789012:distribution/${id}`;
const WEB_ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shopflow/1111-2222';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abcd';

const shopflow = {
  Id: 'E1SHOP',
  ARN: distArn('E1SHOP'),
  Status: 'Deployed',
  DomainName: 'd111111abcdef8.cloudfront.net',
  Enabled: true,
  Aliases: { Quantity: 1, Items: ['www.shopflow.example'] },
  Origins: {
    Quantity: 3,
    Items: [
      { Id: 'static', DomainName: 'shopflow-static.s3.us-east-1.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: '' }, OriginAccessControlId: 'E2OAC' },
      { Id: 'images', DomainName: 'shopflow-images.s3.amazonaws.com', OriginAccessControlId: '' },
      { Id: 'api', DomainName: 'shopflow-alb-123.us-east-1.elb.amazonaws.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'https-only' } },
    ],
  },
  DefaultCacheBehavior: { TargetOriginId: 'api', ViewerProtocolPolicy: 'redirect-to-https' },
  CacheBehaviors: { Quantity: 1, Items: [{ PathPattern: '/static/*', TargetOriginId: 'static', ViewerProtocolPolicy: 'https-only' }] },
  ViewerCertificate: { ACMCertificateArn: CERT, SSLSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021', CertificateSource: 'acm' },
  WebACLId: WEB_ACL,
} as DistributionSummary;

const legacy = {
  Id: 'E2OLD',
  ARN: distArn('E2OLD'),
  Status: 'InProgress',
  DomainName: 'd2.cloudfront.net',
  Enabled: false,
  Aliases: { Quantity: 0 },
  Origins: {
    Quantity: 2,
    Items: [
      { Id: 'legacy', DomainName: 'old-assets.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: 'origin-access-identity/cloudfront/E3OAI' } },
      { Id: 'site', DomainName: 'old-site.s3-website-us-east-1.amazonaws.com', CustomOriginConfig: { HTTPPort: 80, HTTPSPort: 443, OriginProtocolPolicy: 'http-only' } },
    ],
  },
  DefaultCacheBehavior: { TargetOriginId: 'legacy', ViewerProtocolPolicy: 'allow-all' },
  CacheBehaviors: { Quantity: 0 },
  ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1' },
  // A classic WAF id: not an ARN, so no edge.
  WebACLId: 'a1b2c3d4-classic',
} as DistributionSummary;

const iamCert = {
  ...legacy,
  Id: 'E3IAM',
  ARN: distArn('E3IAM'),
  ViewerCertificate: { IAMCertificateId: 'ASCAEXAMPLE', SSLSupportMethod: 'vip', MinimumProtocolVersion: 'TLSv1.1_2016' },
  WebACLId: '',
} as DistributionSummary;

function mockHappyAccount(): void {
  cf.on(ListDistributionsCommand)
    .resolvesOnce({ DistributionList: { Items: [shopflow, legacy], NextMarker: 'm2', IsTruncated: true, Marker: '', MaxItems: 2, Quantity: 2 } })
    .resolvesOnce({ DistributionList: { Items: [iamCert], IsTruncated: false, Marker: 'm2', MaxItems: 2, Quantity: 1 } });
  cf.on(ListTagsForResourceCommand).resolves({ Tags: { Items: [] } });
  cf.on(ListTagsForResourceCommand, { Resource: distArn('E1SHOP') }).resolves({ Tags: { Items: [{ Key: 'app', Value: 'shopflow' }] } });
}

describe('cloudfrontCollector', () => {
  beforeEach(() => cf.reset());

  it('is global and follows every page of distributions, reading tags once per distribution', async () => {
    mockHappyAccount();
    const result = await cloudfrontCollector.collect(fakeContext());

    expect(cloudfrontCollector.global).toBe(true);
    expect(cf.commandCalls(ListDistributionsCommand)).toHaveLength(2);
    expect(cf.commandCalls(ListTagsForResourceCommand)).toHaveLength(3);
    expect(result.nodes.map((n) => [n.name, n.region])).toEqual([['E1SHOP', 'global'], ['E2OLD', 'global'], ['E3IAM', 'global']]);
    expect(result.gaps).toEqual([]);
  });

  it('normalizes origins, behaviours (default first), certificate and web ACL', async () => {
    mockHappyAccount();
    const { nodes } = await cloudfrontCollector.collect(fakeContext());

    expect(nodes[0]).toEqual({
      id: distArn('E1SHOP'),
      type: 'cloudfront.distribution',
      region: 'global',
      account: '123456789012',
      name: 'E1SHOP',
      tags: { app: 'shopflow' },
      props: {
        distributionId: 'E1SHOP',
        domainName: 'd111111abcdef8.cloudfront.net',
        enabled: true,
        status: 'Deployed',
        aliases: ['www.shopflow.example'],
        origins: [
          { id: 'static', domainName: 'shopflow-static.s3.us-east-1.amazonaws.com', kind: 's3', originAccessControlId: 'E2OAC', originAccessIdentity: null },
          // No S3OriginConfig, but an S3 bucket domain: still an S3 origin.
          { id: 'images', domainName: 'shopflow-images.s3.amazonaws.com', kind: 's3', originAccessControlId: null, originAccessIdentity: null },
          { id: 'api', domainName: 'shopflow-alb-123.us-east-1.elb.amazonaws.com', kind: 'custom', originAccessControlId: null, originAccessIdentity: null },
        ],
        cacheBehaviors: [
          { pathPattern: '*', targetOriginId: 'api', viewerProtocolPolicy: 'redirect-to-https' },
          { pathPattern: '/static/*', targetOriginId: 'static', viewerProtocolPolicy: 'https-only' },
        ],
        viewerCertificate: { source: 'acm', certificateArn: CERT, minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' },
        webAclId: WEB_ACL,
      },
    });
    expect(nodes[1]!.tags).toEqual({});
    expect(nodes[1]!.props).toMatchObject({
      enabled: false,
      aliases: [],
      origins: [
        { id: 'legacy', kind: 's3', originAccessIdentity: 'origin-access-identity/cloudfront/E3OAI', originAccessControlId: null },
        { id: 'site', kind: 'custom' },
      ],
      cacheBehaviors: [{ pathPattern: '*', targetOriginId: 'legacy', viewerProtocolPolicy: 'allow-all' }],
      viewerCertificate: { source: 'cloudfront', certificateArn: null, minimumProtocolVersion: 'TLSv1', sslSupportMethod: null },
      webAclId: 'a1b2c3d4-classic',
    });
    expect(nodes[2]!.props).toMatchObject({ viewerCertificate: { source: 'iam', certificateArn: null, sslSupportMethod: 'vip' }, webAclId: null });
  });

  it('links distributions to their WAFv2 ACL and S3 origin buckets only', async () => {
    mockHappyAccount();
    const { edges } = await cloudfrontCollector.collect(fakeContext());

    expect(edges.filter((e) => e.from === distArn('E1SHOP'))).toEqual([
      { type: 'protected-by', from: distArn('E1SHOP'), to: WEB_ACL },
      { type: 'origin', from: distArn('E1SHOP'), to: 'arn:aws:s3:::shopflow-static' },
      { type: 'origin', from: distArn('E1SHOP'), to: 'arn:aws:s3:::shopflow-images' },
    ]);
    // The classic WAF id gets no edge; the website endpoint still names its bucket.
    expect(edges.filter((e) => e.from === distArn('E2OLD'))).toEqual([
      { type: 'origin', from: distArn('E2OLD'), to: 'arn:aws:s3:::old-assets' },
      { type: 'origin', from: distArn('E2OLD'), to: 'arn:aws:s3:::old-site' },
    ]);
  });

  it('turns a denied ListDistributions into a global gap and emits nothing', async () => {
    cf.on(ListDistributionsCommand).rejects(accessDenied());
    const result = await cloudfrontCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([
      expect.objectContaining({ service: 'cloudfront', operation: 'ListDistributions', region: 'global', code: 'AccessDeniedException', resourceTypes: ['cloudfront.distribution'] }),
    ]);
    expect(cf.commandCalls(ListTagsForResourceCommand)).toHaveLength(0);
  });

  it('emits no partial list when a later page is throttled', async () => {
    cf.on(ListDistributionsCommand)
      .resolvesOnce({ DistributionList: { Items: [shopflow], NextMarker: 'm2', IsTruncated: true, Marker: '', MaxItems: 1, Quantity: 1 } })
      .rejectsOnce(throttled());
    const result = await cloudfrontCollector.collect(fakeContext());

    expect(result.nodes).toEqual([]);
    expect(result.gaps.map((g) => g.code)).toEqual(['ThrottlingException']);
  });

  it('leaves out a distribution whose tags cannot be read, with a gap', async () => {
    mockHappyAccount();
    cf.on(ListTagsForResourceCommand, { Resource: distArn('E2OLD') }).rejects(throttled());
    const result = await cloudfrontCollector.collect(fakeContext());

    expect(result.nodes.map((n) => n.name)).toEqual(['E1SHOP', 'E3IAM']);
    expect(result.gaps).toEqual([expect.objectContaining({ operation: 'ListTagsForResource', code: 'ThrottlingException', region: 'global' })]);
  });
});

describe('s3RestBucket', () => {
  it.each([
    ['assets.s3.amazonaws.com', 'assets'],
    ['assets.s3.eu-west-1.amazonaws.com', 'assets'],
    ['assets.s3-eu-west-1.amazonaws.com', 'assets'],
    ['my.dotted.bucket.s3.us-east-1.amazonaws.com', 'my.dotted.bucket'],
    ['assets.s3-website-us-east-1.amazonaws.com', null],
    ['alb-1.us-east-1.elb.amazonaws.com', null],
  ])('%s -> %s', (domain, bucket) => {
    expect(s3RestBucket(domain)).toBe(bucket);
  });
});
