// Route 53 hosted zones (global), public and private, and their alias records to CloudFront.
import { Bool, Count, List, Name, Obj, Str } from './shapes.js';
import { defineService } from './define.js';

export const route53 = defineService({
  service: 'route53',
  iamPrefix: 'route53',
  global: true,
  types: {
    'route53.hosted-zone': {
      doc: 'Route 53 hosted zone',
      props: Obj({
        hostedZoneId: Name('The zone id without the /hostedzone/ prefix.'),
        zoneName: Name(),
        privateZone: Bool(),
        recordCount: Count(),
        cloudFrontAliases: List(
          Obj({
            name: Str(),
            type: Str('A or AAAA.'),
            dnsName: Str("The distribution's domain name the alias points at."),
          }),
          'Alias records in the zone that point at a CloudFront distribution (its domain name).',
        ),
      }),
    },
  },
  edges: {
    'alias-to': {
      scope: 'none',
      from: ['route53.hosted-zone'],
      to: ['cloudfront.distribution'],
      doc: 'hosted zone -> a CloudFront distribution one of its alias records points at',
      link: { from: { 'route53.hosted-zone': 'cloudFrontAliases.dnsName' }, to: { 'cloudfront.distribution': 'domainName' }, match: 'dns-name' },
    },
  },
});
