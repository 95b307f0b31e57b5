// ACM: the ALB's certificate for ledgerly.example.com (Ledgerly has no CloudFront distribution).
import type { AcmAnswers } from '../shopflow/acm.js';
import { CREATED } from '../recording.js';
import { ACCOUNT, ALB_ARN, REGION } from './names.js';

export const ALB_CERTIFICATE = `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/4c7e2a9d-1b5f-4d3a-8e6c-0f2b4d6a8c1e`;

export const acmAnswers: AcmAnswers = {
  certificates: [
    {
      CertificateArn: ALB_CERTIFICATE, DomainName: 'ledgerly.example.com', SubjectAlternativeNames: ['ledgerly.example.com', '*.ledgerly.example.com'],
      Status: 'ISSUED', Type: 'AMAZON_ISSUED', KeyAlgorithm: 'RSA_2048', CreatedAt: CREATED, IssuedAt: CREATED,
      NotBefore: new Date('2026-07-01T00:00:00.000Z'), NotAfter: new Date('2027-07-30T23:59:59.000Z'),
      InUseBy: [ALB_ARN], RenewalEligibility: 'ELIGIBLE',
    },
  ],
};
