// Rules of the edge: Route 53, CloudFront, WAF and the S3 buckets (claims C01-C07).
import { expect } from 'vitest';
import type { DistributionProps, HostedZoneProps, LoadBalancerProps } from '../../src/graph/resource-types.js';
import type { RuleResult } from '../../src/engine/types.js';
import { testRule, fromExample, type Case, type Fixture, onlyFail, expectFail, expectMissing } from './rule-tester.js';

// ---- fixtures: a healthy ShopFlow edge (the compliant example's nodes, with the ids and names below),
// and builders to break one thing at a time ----

const WAF_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shopflow-edge/1111';

const DIST_PROPS = {
  distributionId: 'E1SHOPFLOW',
  enabled: true,
  origins: [
    { id: 'static', domainName: 'shopflow-static-prod.s3.us-east-1.amazonaws.com', kind: 's3', originAccessControlId: 'E2OACSTATIC', originAccessIdentity: null },
    { id: 'api', domainName: 'shopflow-alb-123.us-east-1.elb.amazonaws.com', kind: 'custom', originAccessControlId: null, originAccessIdentity: null },
  ],
  cacheBehaviors: [
    { pathPattern: '*', targetOriginId: 'api', viewerProtocolPolicy: 'redirect-to-https' },
    { pathPattern: '/static/*', targetOriginId: 'static', viewerProtocolPolicy: 'https-only' },
  ],
  viewerCertificate: { source: 'acm', certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc', minimumProtocolVersion: 'TLSv1.2_2021', sslSupportMethod: 'sni-only' },
  webAclId: WAF_ARN,
} satisfies Partial<DistributionProps>;

type Attributes = Parameters<typeof fromExample>[3];

const dist = (props: Partial<DistributionProps> = {}, extra: Attributes = {}): Fixture<'cloudfront.distribution'> =>
  fromExample('cloudfront.distribution', 'E2QWRUHAPOMQZL', { ...DIST_PROPS, ...props }, { name: 'E1SHOPFLOW', region: 'global', ...extra });
const zone = (name = 'shopflow.com', props: Partial<HostedZoneProps> = {}, extra: Attributes = {}): Fixture<'route53.hosted-zone'> =>
  fromExample('route53.hosted-zone', 'shopflow.example.com', { zoneName: name, privateZone: false, ...props }, { name, region: 'global', ...extra });
const waf = (scope: 'CLOUDFRONT' | 'REGIONAL' = 'CLOUDFRONT'): Fixture<'wafv2.web-acl'> =>
  fromExample('wafv2.web-acl', 'shopflow-edge', { scope }, { id: WAF_ARN, region: 'global', tags: {} });
const alb = (props: Partial<LoadBalancerProps> = {}): Fixture<'elbv2.load-balancer'> => fromExample('elbv2.load-balancer', 'shopflow-alb', props);
const bucket = (name: string, tags?: Record<string, string>): Fixture<'s3.bucket'> =>
  fromExample('s3.bucket', 'shopflow-static-assets-123456789012', { bucketName: name }, { name, ...(tags && { tags }) });

/** A billing distribution (another app) that breaks every CloudFront rule: it must never be judged. */
const billingDist = dist(
  {
    enabled: false,
    origins: [{ id: 'x', domainName: 'billing.example.com', kind: 's3', originAccessControlId: null, originAccessIdentity: null }],
    cacheBehaviors: [{ pathPattern: '*', targetOriginId: 'x', viewerProtocolPolicy: 'allow-all' }],
    viewerCertificate: { source: 'cloudfront', certificateArn: null, minimumProtocolVersion: 'TLSv1', sslSupportMethod: null },
    webAclId: null,
  },
  { name: 'E2BILLING', tags: { app: 'billing' } },
);

/** The one fail among the results, with its deciding path, expected and actual. */

const cfGap: Case = { name: 'CloudFront could not be read', nodes: [dist()], gaps: [{ service: 'cloudfront', operation: 'ListDistributions', region: 'global', resourceTypes: ['cloudfront.distribution'] }] };
const noDistribution: Case = { name: 'no distribution at all (missing resource)', nodes: [billingDist], check: expectMissing };
const billingIgnored: Case = { name: 'another app\'s broken distribution is not judged', nodes: [dist(), billingDist] };

// ---- C01: Route 53 ----

testRule('route53-public-hosted-zone', {
  valid: [
    { name: 'one public zone', nodes: [zone()] },
    {
      name: 'a private zone and another app\'s public zone do not count',
      nodes: [zone(), zone('shopflow.internal', { privateZone: true }), zone('billing.example.com', {}, { tags: { app: 'billing' } })],
    },
  ],
  invalid: [
    {
      name: 'two public zones',
      nodes: [zone(), zone('shopflow-shop.net')],
      check: (rs) => {
        expectFail('(count)', 1, 2)(rs);
        expect(rs[0]!.item).toEqual({ section: 'dns', name: 'public' });
        expect(rs[0]!.message).toBe('Found 2 public hosted zones of the application recognised as zone public, the architecture requires 1');
      },
    },
    { name: 'only another app\'s public zone', nodes: [zone('billing.example.com', {}, { tags: { app: 'billing' } })], check: expectFail('(count)', 1, 0) },
  ],
  error: [{ name: 'Route 53 could not be read', nodes: [zone()], gaps: [{ region: 'global', resourceTypes: ['route53.hosted-zone'] }] }],
});

testRule('route53-alias-to-cloudfront', {
  valid: [{ name: 'the zone aliases the distribution', nodes: [zone(), dist()], edges: [['shopflow.com', 'alias-to', 'E1SHOPFLOW']] }],
  invalid: [
    {
      name: 'the zone has no alias to CloudFront',
      nodes: [zone(), dist()],
      check: (rs) => {
        expectFail('->alias-to(cloudfront.distribution) (count)', 1, 0)(rs);
        expect(rs[0]!.message).toContain('shopflow.com: number of CloudFront distributions aliased in the zone is 0, expected at least 1 (an alias record pointing at the CloudFront distribution)');
      },
    },
    { name: 'no public zone (missing resource)', nodes: [zone('shopflow.internal', { privateZone: true }), dist()], check: expectMissing },
  ],
  skip: [{ name: 'the spec does not require an alias', nodes: [zone()], spec: { '/dns/public/aliasToDistribution': false } }],
  error: [
    {
      name: 'CloudFront could not be read, so the alias target is unknown',
      nodes: [zone()],
      gaps: [{ region: 'global', resourceTypes: ['cloudfront.distribution'] }],
    },
  ],
});

// ---- C02-C06: CloudFront ----

testRule('cloudfront-distribution-enabled', {
  valid: [{ name: 'enabled', nodes: [dist()] }, billingIgnored],
  invalid: [
    { name: 'disabled', nodes: [dist({ enabled: false })], check: expectFail('enabled', true, false) },
    noDistribution,
  ],
  skip: [{ name: 'the spec turns the CDN off', nodes: [dist({ enabled: false })], spec: { '/edge/site/enabled': false } }],
  error: [cfGap],
});

/** The distribution with one S3 origin per bucket named (and those buckets). */
const originsOn = (...buckets: Fixture<'s3.bucket'>[]): Case => ({
  name: '',
  nodes: [dist(), ...buckets],
  edges: buckets.map((b): [string, string, string] => ['E1SHOPFLOW', 'origin', b.name]),
});

testRule('cloudfront-static-origin', {
  valid: [
    {
      name: 'an S3 origin on the static bucket',
      nodes: [dist(), bucket('shopflow-static-prod')],
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-static-prod']],
      check: (rs) => expect(rs.find((r) => r.status === 'pass')!.message).toBe('Distribution site has an origin of the architecture\'s kind on the architecture\'s static assets bucket'),
    },
    { ...billingIgnored, nodes: [...billingIgnored.nodes, bucket('shopflow-static-prod')], edges: [['E1SHOPFLOW', 'origin', 'shopflow-static-prod']] },
    { ...originsOn(bucket('shopflow-product-images'), bucket('shopflow-static-prod')), name: 'S3 origins on the images bucket and on the static bucket' },
    {
      ...originsOn(bucket('assets-cdn-prod')),
      name: 'the spec names another static bucket, and the origin is that one',
      spec: { '/edge/site/staticOrigin/bucketNamePattern': '^assets-cdn-' },
    },
  ],
  invalid: [
    // The check v1 had and the v2 conversion lost: the S3 origin is a bucket of the application, but not the static one.
    {
      ...originsOn(bucket('shopflow-product-images'), bucket('shopflow-static-prod')),
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-product-images']],
      name: 'the only S3 origin is the product images bucket; the static bucket exists but is no origin',
      check: (rs) => {
        expectFail('->origin(s3.bucket)[*].bucketName', '^shopflow-static', ['shopflow-product-images'])(rs);
        expect(onlyFail(rs).specPointer).toBe('/edge/site/staticOrigin/bucketNamePattern');
        expect(onlyFail(rs).message).toContain('the architecture requires a value matching ^shopflow-static');
      },
    },
    {
      ...originsOn(bucket('old-shopflow-static-prod')),
      name: 'a bucket whose name only contains the pattern\'s text (the pattern is anchored)',
      check: expectFail('->origin(s3.bucket)[*].bucketName', '^shopflow-static', ['old-shopflow-static-prod']),
    },
    {
      ...originsOn(bucket('shopflow-static-prod')),
      name: 'the spec names another static bucket: the one the origin points at no longer counts',
      spec: { '/edge/site/staticOrigin/bucketNamePattern': '^assets-cdn-' },
      check: expectFail('->origin(s3.bucket)[*].bucketName', '^assets-cdn-', ['shopflow-static-prod']),
    },
    {
      name: 'no S3 origin: the bucket is served as a custom (website) origin',
      nodes: [
        dist({ origins: [{ id: 'web', domainName: 'shopflow-static-prod.s3-website-us-east-1.amazonaws.com', kind: 'custom', originAccessControlId: null, originAccessIdentity: null }] }),
        bucket('shopflow-static-prod'),
      ],
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-static-prod']],
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f.path).toBe('origins[*].kind');
        expect(f.expected).toBe('s3');
        expect(f.actual).toEqual(['custom']);
      },
    },
    noDistribution,
  ],
  skip: [
    {
      ...originsOn(bucket('shopflow-product-images')),
      name: 'the spec names no static bucket (the origin on the images bucket is not judged)',
      spec: { '/edge/site/staticOrigin/bucketNamePattern': undefined },
      check: (rs) => expect(rs).toMatchObject([{ status: 'skip', reason: 'not required by the spec: edge site sets no /staticOrigin/bucketNamePattern' }]),
    },
    { ...originsOn(bucket('shopflow-product-images')), name: 'static assets come from a custom origin', spec: { '/edge/site/staticOrigin/kind': 'custom' } },
  ],
  error: [
    { name: 'S3 could not be read', nodes: [dist()], gaps: [{ region: 'us-east-1', resourceTypes: ['s3.bucket'] }] },
    { ...originsOn(bucket('shopflow-product-images')), name: 'S3 could not be read, and the origin read is the wrong bucket', gaps: [{ region: 'us-east-1', resourceTypes: ['s3.bucket'] }] },
    cfGap,
  ],
});

testRule('cloudfront-origin-access-control', {
  valid: [
    { name: 'the S3 origin has an OAC, the custom origin needs none', nodes: [dist()] },
    billingIgnored,
  ],
  invalid: [
    {
      name: 'an S3 origin without OAC (public bucket or legacy OAI)',
      nodes: [
        dist({
          origins: [
            DIST_PROPS.origins[1]!,
            { id: 'static', domainName: 'shopflow-static-prod.s3.amazonaws.com', kind: 's3', originAccessControlId: null, originAccessIdentity: 'origin-access-identity/cloudfront/E1' },
          ],
        }),
      ],
      check: (rs) => {
        expectFail('origins[1].originAccessControlId', true, null)(rs);
        expect(rs[0]!.message).toBe('E1SHOPFLOW: origin access control ID of origin 2 is not set, expected a value (origin access control on every S3 origin)');
      },
    },
    noDistribution,
  ],
  skip: [{ name: 'the spec does not require OAC', nodes: [dist()], spec: { '/edge/site/staticOrigin/originAccessControl': false } }],
  error: [cfGap],
});

testRule('cloudfront-alb-origin', {
  valid: [
    { name: 'an origin is the ALB', nodes: [dist(), alb()], edges: [['E1SHOPFLOW', 'origin', 'shopflow-alb']] },
    {
      name: 'a network load balancer origin beside the ALB one',
      nodes: [dist(), alb(), fromExample('elbv2.load-balancer', 'shopflow-alb', { type: 'network' }, { name: 'shopflow-nlb' })],
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-nlb'], ['E1SHOPFLOW', 'origin', 'shopflow-alb']],
    },
  ],
  invalid: [
    {
      name: 'no origin resolves to a load balancer',
      nodes: [dist(), alb()],
      check: expectFail('->origin(elbv2.load-balancer)', 1, 0),
    },
    {
      // The check v1 had and the v2 conversion lost: the origin is a load balancer, but not an application one.
      name: 'the only load balancer origin is a network load balancer',
      nodes: [dist(), alb({ type: 'network' })],
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-alb']],
      check: (rs) => {
        expectFail('->origin(elbv2.load-balancer)[*].type', 'application', ['network'])(rs);
        expect(onlyFail(rs).message).toContain('type of each load balancer origin is network, expected application');
      },
    },
    {
      name: 'the application has an ALB, but the origin is another, network, load balancer',
      nodes: [dist(), alb(), fromExample('elbv2.load-balancer', 'shopflow-alb', { type: 'network' }, { name: 'shopflow-nlb' })],
      edges: [['E1SHOPFLOW', 'origin', 'shopflow-nlb']],
      check: expectFail('->origin(elbv2.load-balancer)[*].type', 'application', ['network']),
    },
    noDistribution,
  ],
  skip: [{ name: 'the spec does not put the ALB behind CloudFront', nodes: [dist()], spec: { '/edge/site/dynamicOriginIsLoadBalancer': false } }],
  error: [
    { name: 'the load balancers could not be read', nodes: [dist()], gaps: [{ region: 'us-east-1', resourceTypes: ['elbv2.load-balancer'] }] },
    cfGap,
  ],
});

testRule('cloudfront-waf', {
  valid: [
    { name: 'a CLOUDFRONT web ACL is attached and exists', nodes: [dist(), waf()], edges: [['E1SHOPFLOW', 'protected-by', WAF_ARN]] },
    { ...billingIgnored, nodes: [...billingIgnored.nodes, waf()], edges: [['E1SHOPFLOW', 'protected-by', WAF_ARN]] },
  ],
  invalid: [
    { name: 'no web ACL attached', nodes: [dist({ webAclId: null })], check: expectFail('webAclId', true, null) },
    {
      name: 'the attached web ACL does not exist (deleted: no node, so no edge)',
      nodes: [dist()],
      check: (rs) => {
        expectFail('->protected-by(wafv2.web-acl)', 1, 0)(rs);
        expect(rs[0]!.message).toBe('E1SHOPFLOW: not protected by an existing AWS WAF web ACL of scope CLOUDFRONT (number of WAF web ACLs protecting it is 0, expected at least 1)');
      },
    },
    {
      name: 'the web ACL has the wrong scope',
      nodes: [dist(), waf('REGIONAL')],
      edges: [['E1SHOPFLOW', 'protected-by', WAF_ARN]],
      check: expectFail('->protected-by(wafv2.web-acl)[*].scope', 'CLOUDFRONT', ['REGIONAL']),
    },
    noDistribution,
  ],
  skip: [{ name: 'the spec does not require WAF', nodes: [dist({ webAclId: null })], spec: { '/edge/site/waf/required': false } }],
  error: [
    { name: 'WAF could not be read', nodes: [dist()], gaps: [{ service: 'wafv2', region: 'global', resourceTypes: ['wafv2.web-acl'] }] },
    cfGap,
  ],
});

testRule('cloudfront-viewer-https', {
  valid: [{ name: 'every behaviour redirects or refuses HTTP', nodes: [dist()] }, billingIgnored],
  invalid: [
    {
      name: 'a non-default behaviour allows HTTP',
      nodes: [dist({ cacheBehaviors: [DIST_PROPS.cacheBehaviors[0]!, { pathPattern: '/img/*', targetOriginId: 'static', viewerProtocolPolicy: 'allow-all' }] })],
      check: expectFail('cacheBehaviors[1].viewerProtocolPolicy', ['redirect-to-https', 'https-only'], 'allow-all'),
    },
    noDistribution,
  ],
  error: [cfGap],
});

testRule('cloudfront-viewer-certificate', {
  valid: [{ name: 'an ACM certificate', nodes: [dist()] }, billingIgnored],
  invalid: [
    {
      name: 'the default CloudFront certificate',
      nodes: [dist({ viewerCertificate: { source: 'cloudfront', certificateArn: null, minimumProtocolVersion: 'TLSv1', sslSupportMethod: null } })],
      check: expectFail('viewerCertificate.source', 'acm', 'cloudfront'),
    },
    noDistribution,
  ],
  error: [cfGap],
});

testRule('cloudfront-tls-version', {
  valid: [{ name: 'TLSv1.2_2021', nodes: [dist()] }, billingIgnored],
  invalid: [
    {
      name: 'TLS 1.1 allowed',
      nodes: [dist({ viewerCertificate: { ...DIST_PROPS.viewerCertificate, minimumProtocolVersion: 'TLSv1.1_2016' } })],
      check: (rs) => {
        expectFail('viewerCertificate.minimumProtocolVersion', ['TLSv1.2_2018', 'TLSv1.2_2019', 'TLSv1.2_2021', 'TLSv1.3_2025'], 'TLSv1.1_2016')(rs);
        expect(rs[0]!.specPointer).toBe('/edge/site/minimumProtocolVersions');
      },
    },
    noDistribution,
  ],
  error: [cfGap],
});

// ---- C07: buckets ----

// One rule over the spec's buckets: each item must exist, recognised by its own match.
const ALL_BUCKETS = ['shopflow-static-prod', 'shopflow-product-images', 'shopflow-logs-123456789012'];
const buckets = (...names: string[]) => names.map((n) => bucket(n));
const bucketResult = (name: string) => (rs: RuleResult[]) => rs.find((r) => r.item?.name === name)!;
testRule('s3-bucket', {
  valid: [
    { name: 'every bucket of the spec exists', nodes: buckets(...ALL_BUCKETS), check: (rs) => expect(rs.map((r) => `${r.item!.name} ${r.status} ${String(r.actual)}`)).toEqual(['static-assets pass 1', 'product-images pass 1', 'logs pass 1']) },
    { name: 'an untagged bucket belongs by its name prefix', nodes: ALL_BUCKETS.map((n) => bucket(n, {})) },
  ],
  invalid: [
    {
      name: 'the logs bucket is missing: that item alone fails, named',
      nodes: buckets('shopflow-static-prod', 'shopflow-product-images', 'shopflow-unrelated'),
      check: (rs) => {
        const f = onlyFail(rs);
        expect(f).toMatchObject({ item: { section: 'buckets', name: 'logs' }, expected: 1, actual: 0 });
        expect(f.message).toBe('Found 0 buckets of the application in us-east-1 recognised as bucket logs, expected at least 1');
        expect(f.resource.id).toMatch(/:s3\.bucket:buckets\/logs$/);
      },
    },
    { name: 'the only match belongs to another app', nodes: [...buckets('shopflow-static-prod', 'shopflow-logs-123456789012'), bucket('shopflow-product-images-billing', { app: 'billing' })], check: (rs) => expect(bucketResult('product-images')(rs)).toMatchObject({ status: 'fail', actual: 0 }) },
    { name: 'the only match is in another region', nodes: [...buckets('shopflow-product-images', 'shopflow-logs-123456789012'), { ...bucket('shopflow-static-prod'), region: 'eu-west-1' }], regions: ['us-east-1', 'eu-west-1'], check: (rs) => expect(bucketResult('static-assets')(rs)).toMatchObject({ status: 'fail', actual: 0 }) },
    { name: 'a bucket item with its own region is looked for there', nodes: buckets(...ALL_BUCKETS), regions: ['us-east-1', 'eu-west-1'], spec: { '/buckets/logs/region': 'eu-west-1' }, check: (rs) => expect(bucketResult('logs')(rs)).toMatchObject({ status: 'fail', actual: 0, resource: { region: 'eu-west-1' } }) },
  ],
  skip: [{ name: 'a spec without buckets: not in this architecture', nodes: buckets(...ALL_BUCKETS), spec: { '/buckets': undefined }, check: (rs) => expect(rs).toEqual([expect.objectContaining({ status: 'skip', reason: 'not in this architecture' })]) }],
  error: [{ name: 'S3 could not be read', nodes: buckets(...ALL_BUCKETS), gaps: [{ service: 's3', operation: 'ListBuckets', resourceTypes: ['s3.bucket'] }] }],
});
