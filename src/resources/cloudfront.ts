// CloudFront distributions (global), and the edges to their origins and WAF web ACL.
import { Bool, Enum, List, Name, NullableStr, Obj, Str, StringList } from './shapes.js';
import { defineService } from './define.js';

export const cloudfront = defineService({
  service: 'cloudfront',
  iamPrefix: 'cloudfront',
  global: true,
  types: {
    'cloudfront.distribution': {
      doc: 'CloudFront distribution',
      props: Obj({
        distributionId: Name(),
        domainName: Str("The distribution's own name, dxxxxxxxx.cloudfront.net."),
        enabled: Bool(),
        status: Str('Deployed or InProgress.'),
        aliases: StringList('Alternate domain names (CNAMEs).'),
        origins: List(
          Obj({
            id: Str(),
            domainName: Str(),
            kind: Enum(['s3', 'custom']),
            originAccessControlId: NullableStr(),
            originAccessIdentity: NullableStr('Legacy origin access identity (origin-access-identity/cloudfront/ID); null when unset.'),
          }),
        ),
        cacheBehaviors: List(
          Obj({
            pathPattern: Str(),
            targetOriginId: Str(),
            viewerProtocolPolicy: Str('allow-all, https-only or redirect-to-https.'),
          }),
          'Every cache behaviour, the default one first (pathPattern "*").',
        ),
        viewerCertificate: Obj({
          source: Enum(['acm', 'iam', 'cloudfront'], 'cloudfront: the default *.cloudfront.net certificate.'),
          certificateArn: NullableStr('The ACM certificate ARN (or IAM certificate id); null for the default certificate.'),
          minimumProtocolVersion: Str('e.g. TLSv1.2_2021.'),
          sslSupportMethod: NullableStr('sni-only, vip or static-ip; null for the default certificate.'),
        }),
        webAclId: NullableStr('The attached WAF web ACL: a WAFv2 ARN (or a WAF Classic id); null when none is attached.'),
      }),
    },
  },
  edges: {
    origin: {
      scope: 'none',
      from: ['cloudfront.distribution'],
      to: ['s3.bucket', 'elbv2.load-balancer'],
      doc: 'CloudFront distribution -> an origin bucket or load balancer',
      // CloudFront fronts an ALB by its DNS name (plain or "dualstack."): only the props can join them.
      link: { from: { 'cloudfront.distribution': 'origins.domainName' }, to: { 'elbv2.load-balancer': 'dnsName' }, match: 'dns-name' },
    },
    'protected-by': { scope: 'from-to', from: ['cloudfront.distribution'], to: ['wafv2.web-acl'], doc: 'CloudFront distribution -> its WAF web ACL' },
  },
});
