// ACM (us-east-1, where CloudFront takes its certificates from): the distribution's certificate,
// issued for shopflow.example.com and *.shopflow.example.com and valid well past the recording, and
// billing's, still pending validation (no distribution serves it, so it never joins the application).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import { KeyAlgorithm, type CertificateDetail } from '@aws-sdk/client-acm';
import { defineService, CREATED } from '../recording.js';

export interface AcmAnswers { certificates: CertificateDetail[] }

const DISTRIBUTION = 'arn:aws:cloudfront::123456789012:distribution/E2QWRUHAPOMQZL';
export const SHOPFLOW_CERTIFICATE = 'arn:aws:acm:us-east-1:123456789012:certificate/8b1d6a4e-3c2f-4e5a-9b7d-1f0e2c3a4b5d';

const answers: AcmAnswers = {
  certificates: [
    {
      CertificateArn: SHOPFLOW_CERTIFICATE,
      DomainName: 'shopflow.example.com',
      SubjectAlternativeNames: ['shopflow.example.com', '*.shopflow.example.com'],
      Status: 'ISSUED',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'RSA_2048',
      CreatedAt: CREATED,
      IssuedAt: CREATED,
      NotBefore: new Date('2026-08-15T00:00:00.000Z'),
      NotAfter: new Date('2027-09-13T23:59:59.000Z'),
      InUseBy: [DISTRIBUTION],
      RenewalEligibility: 'ELIGIBLE',
    },
    {
      CertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/3f6c0d2a-9e4b-4a17-8c5d-7b2e1f0a9c64',
      DomainName: 'billing.example.com',
      SubjectAlternativeNames: ['billing.example.com'],
      Status: 'PENDING_VALIDATION',
      Type: 'AMAZON_ISSUED',
      KeyAlgorithm: 'EC_prime256v1',
      CreatedAt: CREATED,
      InUseBy: [],
      RenewalEligibility: 'INELIGIBLE',
    },
  ],
};

export const acm = defineService({
  name: 'acm', global: false,
  empty: { certificates: [] },
  record(a, r) {
    const listing = { Includes: { keyTypes: Object.values(KeyAlgorithm) }, MaxItems: 1000 };
    const summaries = a.certificates.map((c) => ({
      CertificateArn: c.CertificateArn, DomainName: c.DomainName, SubjectAlternativeNameSummaries: c.SubjectAlternativeNames, HasAdditionalSubjectAlternativeNames: false,
      Status: c.Status, Type: c.Type, KeyAlgorithm: c.KeyAlgorithm, InUse: (c.InUseBy ?? []).length > 0, RenewalEligibility: c.RenewalEligibility, CreatedAt: c.CreatedAt,
      ...(c.NotAfter && { NotBefore: c.NotBefore, NotAfter: c.NotAfter, IssuedAt: c.IssuedAt }),
    }));
    r.paged('ACM:ListCertificates', listing, summaries, 'NextToken', (CertificateSummaryList, NextToken) => ({ CertificateSummaryList, NextToken }));
    for (const c of a.certificates) r.record('ACM:DescribeCertificate', { input: { CertificateArn: c.CertificateArn }, output: { Certificate: c } });
  },
  answers,
});
