// The distribution's viewer certificate (claim C56): issued, covering every alias, not expiring within
// the spec's warning window (days counted from the collection's start, so a snapshot re-checks alike).
import { testRule, fromExample, type Case, type Fixture, expectFail } from './rule-tester.js';

const DIST = 'E2QWRUHAPOMQZL';
const CERT = 'shopflow.example.com';
const distribution = (aliases?: string[]) => fromExample('cloudfront.distribution', DIST, aliases ? { aliases } : {});
const certificate = (props: Partial<Fixture<'acm.certificate'>['props']> = {}): Fixture<'acm.certificate'> => fromExample('acm.certificate', CERT, props);
const c = (name: string, nodes: Fixture[], extra: Partial<Case> = {}): Case => ({
  name,
  nodes,
  edges: nodes.some((n) => n.type === 'acm.certificate') ? [[DIST, 'served-with', CERT]] : [],
  ...extra,
});
const path = (leaf: string) => `->served-with(acm.certificate)[${CERT}].${leaf}`;

testRule('cloudfront-certificate-valid', {
  valid: [
    c('issued, covering both aliases, about 297 days left', [distribution(), certificate()]),
    c('a wildcard covers a one-label alias', [distribution(['api.shopflow.example.com']), certificate()]),
    c('exactly the window left', [distribution(), certificate({ daysUntilExpiry: 30 })]),
  ],
  invalid: [
    c('pending validation', [distribution(), certificate({ status: 'PENDING_VALIDATION' })], { check: expectFail(path('status'), 'ISSUED', 'PENDING_VALIDATION') }),
    c('an alias two labels below the wildcard', [distribution(['shopflow.example.com', 'a.b.shopflow.example.com']), certificate()]),
    c('an alias of another domain', [distribution(['shop.example.org']), certificate()]),
    c('expires within the window', [distribution(), certificate({ daysUntilExpiry: 18 })], { check: expectFail(path('daysUntilExpiry'), 30, 18) }),
    c('already expired', [distribution(), certificate({ status: 'EXPIRED', daysUntilExpiry: -3 })]),
    c('no expiry known (never issued)', [distribution(), certificate({ daysUntilExpiry: null })]),
    c('a wider spec window', [distribution(), certificate()], { spec: { '/edge/site/certificateExpiryWarningDays': 398 } }),
    c('the certificate it names was not found (deleted)', [distribution()], { check: expectFail('->served-with(acm.certificate)', 1, 0) }),
  ],
  error: [
    c('the certificates could not be listed', [distribution()], { gaps: [{ service: 'acm', operation: 'ListCertificates', resourceTypes: ['acm.certificate'] }] }),
    c('a certificate could not be described', [distribution()], { gaps: [{ service: 'acm', operation: 'DescribeCertificate', resourceTypes: ['acm.certificate'] }] }),
  ],
});
