// The ACM collector against a mocked SDK client: pages, every key type listed, derived expiry from the
// collection's start, gaps (denied, throttled), a certificate deleted between list and describe, and
// the served-with edge linkGraph derives from the distribution's viewer certificate ARN.
import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { ACMClient, DescribeCertificateCommand, KeyAlgorithm, ListCertificatesCommand, ResourceNotFoundException, type CertificateDetail } from '@aws-sdk/client-acm';
import { acmCollector } from '../../src/collect/acm.js';
import { checkAnswer, IncompleteAnswerError } from '../../src/collect/answer.js';
import { linkGraph } from '../../src/graph/link.js';
import type { GraphNode } from '../../src/graph/types.js';
import { ACCOUNT, accessDenied, fakeContext, throttled } from './ctx-ecs-web.js';

const acm = mockClient(ACMClient);
const ARN = (id: string) => `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/${id}`;
const detail = (id: string, extra: Partial<CertificateDetail> = {}): { Certificate: CertificateDetail } => ({ Certificate: { CertificateArn: ARN(id), DomainName: `${id}.example.com`, SubjectAlternativeNames: [`${id}.example.com`, `*.${id}.example.com`], Status: 'ISSUED' as const, Type: 'AMAZON_ISSUED' as const, ...extra } });

describe('acmCollector', () => {
  beforeEach(() => acm.reset());

  it('lists every key type on every page and describes each certificate; expiry counts from the collection start', async () => {
    acm.on(ListCertificatesCommand)
      .resolvesOnce({ CertificateSummaryList: [{ CertificateArn: ARN('a') }], NextToken: 'p2' })
      .resolvesOnce({ CertificateSummaryList: [{ CertificateArn: ARN('b') }] });
    const ctx = fakeContext();
    const notAfter = new Date(ctx.startedAt.getTime() + 30.5 * 86_400_000);
    acm.on(DescribeCertificateCommand, { CertificateArn: ARN('a') }).resolves(detail('a', { NotAfter: notAfter }));
    acm.on(DescribeCertificateCommand, { CertificateArn: ARN('b') }).resolves(detail('b', { Status: 'PENDING_VALIDATION' }));
    const result = await acmCollector.collect(ctx);
    expect(result.gaps).toEqual([]);
    const lists = acm.commandCalls(ListCertificatesCommand);
    expect(lists).toHaveLength(2);
    for (const call of lists) expect(call.args[0].input.Includes?.keyTypes).toEqual(Object.values(KeyAlgorithm));
    expect(result.nodes.map((n) => [n.id, n.props])).toEqual([
      [ARN('a'), { domainName: 'a.example.com', subjectAlternativeNames: ['a.example.com', '*.a.example.com'], status: 'ISSUED', type: 'AMAZON_ISSUED', notAfter: notAfter.toISOString(), daysUntilExpiry: 30 }],
      [ARN('b'), { domainName: 'b.example.com', subjectAlternativeNames: ['b.example.com', '*.b.example.com'], status: 'PENDING_VALIDATION', type: 'AMAZON_ISSUED', notAfter: null, daysUntilExpiry: null }],
    ]);
  });

  it('a certificate deleted between list and describe is omitted without a gap', async () => {
    acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [{ CertificateArn: ARN('a') }, { CertificateArn: ARN('gone') }] });
    acm.on(DescribeCertificateCommand, { CertificateArn: ARN('a') }).resolves(detail('a'));
    acm.on(DescribeCertificateCommand, { CertificateArn: ARN('gone') }).rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    const result = await acmCollector.collect(fakeContext());
    expect(result.gaps).toEqual([]);
    expect(result.nodes.map((n) => n.id)).toEqual([ARN('a')]);
  });

  it.each([
    ['the list denied', 'ListCertificates', accessDenied, 'AccessDeniedException'],
    ['a describe throttled past retries', 'DescribeCertificate', throttled, 'ThrottlingException'],
  ])('%s is a gap naming certificates, never "no certificate"', async (_case, operation, error, code) => {
    if (operation === 'ListCertificates') acm.on(ListCertificatesCommand).rejects(error());
    else {
      acm.on(ListCertificatesCommand).resolves({ CertificateSummaryList: [{ CertificateArn: ARN('a') }] });
      acm.on(DescribeCertificateCommand).rejects(error());
    }
    const result = await acmCollector.collect(fakeContext());
    expect(result.nodes).toEqual([]);
    expect(result.gaps).toEqual([expect.objectContaining({ service: 'acm', operation, region: 'us-east-1', code, resourceTypes: ['acm.certificate'] })]);
  });

  it('an answer without its required field is a failed read', () => {
    expect(() => checkAnswer('ACM:DescribeCertificate', { $metadata: { requestId: 'r' } })).toThrow(IncompleteAnswerError);
    expect(() => checkAnswer('ACM:ListCertificates', { $metadata: { requestId: 'r' } })).toThrow(IncompleteAnswerError);
  });

  it('declares only the list and describe reads: never the certificate body or key', () => {
    expect(acmCollector.actions).toEqual(['acm:ListCertificates', 'acm:DescribeCertificate']);
    expect(acmCollector.alsoGlobalRegion).toBe(true);
  });
});

describe('served-with edges', () => {
  const distribution = (certificateArn: string | null) =>
    ({ id: `d-${certificateArn}`, type: 'cloudfront.distribution', region: 'global', account: ACCOUNT, name: 'E1', tags: {}, props: { viewerCertificate: { source: certificateArn ? 'acm' : 'cloudfront', certificateArn } } }) as unknown as GraphNode;
  const certificate = (id: string) => ({ id: ARN(id), type: 'acm.certificate', region: 'us-east-1', account: ACCOUNT, name: id, tags: {}, props: {} }) as unknown as GraphNode;

  it('join a distribution to the certificate its viewer certificate names, exactly', () => {
    const { edges } = linkGraph([distribution(ARN('a')), distribution(ARN('deleted')), distribution(null), certificate('a'), certificate('b')], []);
    expect(edges.filter((e) => e.type === 'served-with')).toEqual([{ type: 'served-with', from: `d-${ARN('a')}`, to: ARN('a') }]);
  });
});

describe('the shipped IAM policy', () => {
  it('allows listing and describing certificates, never reading their body or exporting their key', async () => {
    const { readFileSync } = await import('node:fs');
    const policy = JSON.parse(readFileSync(new URL('../../iam/infra-audit-readonly.json', import.meta.url), 'utf8')) as { Statement: { Action: string[] }[] };
    const acmActions = policy.Statement.flatMap((s) => s.Action).filter((a) => a.startsWith('acm:'));
    expect(acmActions.sort()).toEqual(['acm:DescribeCertificate', 'acm:ListCertificates']);
    expect(acmActions.some((a) => /GetCertificate|ExportCertificate|\*/.test(a))).toBe(false);
  });
});
