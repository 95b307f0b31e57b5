// ACM certificates, and the edge from the CloudFront distributions that serve them (claim C56).
import { Name, NullableDateTime, NullableInt, Obj, Str, StringList } from './shapes.js';
import { defineService } from './define.js';

export const acm = defineService({
  service: 'acm',
  iamPrefix: 'acm',
  global: false,
  types: {
    'acm.certificate': {
      doc: 'ACM certificate',
      label: { one: 'certificate' },
      props: Obj({
        domainName: Name(),
        subjectAlternativeNames: StringList('Every name the certificate is valid for, the domain name included; "*." covers one label.'),
        status: Str('ISSUED, PENDING_VALIDATION, EXPIRED, REVOKED, INACTIVE, FAILED or VALIDATION_TIMED_OUT.'),
        type: Str('AMAZON_ISSUED, IMPORTED or PRIVATE.'),
        notAfter: NullableDateTime('End of validity; null until issued.'),
        daysUntilExpiry: NullableInt("Whole days from the collection's start to notAfter (negative once expired; null without notAfter): re-checking a snapshot gives the same answer."),
      }),
    },
  },
  edges: {
    'served-with': {
      scope: 'from-to',
      from: ['cloudfront.distribution'],
      to: ['acm.certificate'],
      doc: 'CloudFront distribution -> the ACM certificate it serves viewers with',
      label: { forward: { one: 'viewer certificate' }, reverse: { one: 'distribution serving it' } },
      // The distribution names its certificate by ARN: only the props can join them.
      link: { from: { 'cloudfront.distribution': 'viewerCertificate.certificateArn' }, to: { 'acm.certificate': '@id' }, match: 'exact' },
    },
  },
});
