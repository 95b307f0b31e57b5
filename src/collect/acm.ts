// ACM certificates. Calls: ListCertificates (paged, 1000 per page; every key type, where AWS would list
// RSA_2048 ones only), then DescribeCertificate once per certificate for its names, status and
// validity. Never GetCertificate or ExportCertificate: the body and private key are not ours to read.
// Certificates join the application through the distributions that serve them (served-with): no tags.
import type { CertificateDetail } from '@aws-sdk/client-acm';
import type { GraphNode } from '../graph/types.js';
import { defineCollector, reader } from './read.js';
import type { CollectContext, CollectResult } from './types.js';

// Loaded when the collector runs: the engine reads the declared reads without loading the SDK.
const sdk = () => import('@aws-sdk/client-acm');
const CERTIFICATE = { 'acm.certificate': '*' } as const;
const DAY_MS = 86_400_000;

export const acmCollector = defineCollector({
  service: 'acm',
  iamPrefix: 'acm',
  sdkClient: 'ACM',
  sdkPackage: '@aws-sdk/client-acm',
  // CloudFront serves viewers only with certificates from us-east-1, whatever region the stack is in.
  alsoGlobalRegion: true,
  reads: [
    { operation: 'ListCertificates', pageSize: 1000, per: 'region', paged: true, answer: 'CertificateSummaryList', feeds: CERTIFICATE },
    { operation: 'DescribeCertificate', per: 'item', paged: false, answer: 'Certificate', feeds: CERTIFICATE, gone: ['ResourceNotFoundException'] },
  ],
  collect,
});

async function collect(ctx: CollectContext): Promise<CollectResult> {
  const { ACMClient, DescribeCertificateCommand, KeyAlgorithm, paginateListCertificates } = await sdk();
  const result: CollectResult = { nodes: [], edges: [], gaps: [] };
  const client = ctx.client(ACMClient);
  const read = reader(ctx, acmCollector, result.gaps);

  const listing = { Includes: { keyTypes: Object.values(KeyAlgorithm) } };
  const summaries = await read.list('ListCertificates', paginateListCertificates({ client, pageSize: read.pageSize('ListCertificates') }, listing), (p) => p.CertificateSummaryList);
  if (!summaries) return result;

  // A certificate deleted since the list is omitted (no gap); any other failure is a gap.
  const described = await Promise.all(
    summaries.map((s) => read.call('DescribeCertificate', () => client.send(new DescribeCertificateCommand({ CertificateArn: s.CertificateArn })))),
  );
  for (const out of described) {
    const node = out?.Certificate && certificateNode(ctx, out.Certificate);
    if (node) result.nodes.push(node);
  }
  return result;
}

function certificateNode(ctx: CollectContext, c: CertificateDetail): GraphNode<'acm.certificate'> | undefined {
  if (!c.CertificateArn || !c.DomainName) return undefined;
  const notAfter = c.NotAfter ?? null;
  return {
    id: c.CertificateArn,
    type: 'acm.certificate',
    region: ctx.region,
    account: ctx.account,
    name: c.DomainName,
    tags: {},
    props: {
      domainName: c.DomainName,
      subjectAlternativeNames: c.SubjectAlternativeNames ?? [c.DomainName],
      status: c.Status ?? '',
      type: c.Type ?? '',
      notAfter: notAfter && notAfter.toISOString(),
      // From the collection's start, not the clock at check time: a snapshot re-checked later agrees.
      daysUntilExpiry: notAfter && Math.floor((notAfter.getTime() - ctx.startedAt.getTime()) / DAY_MS),
    },
  };
}
