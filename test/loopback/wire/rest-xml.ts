// REST-XML (S3, Route 53, CloudFront): the operation is the method and path (and, for S3, the
// sub-resource in the query: `/<bucket>?tagging`). Answers are the output's XML (its `httpPayload`
// member alone when it has one); S3 errors are `<Error><Code/><Message/><RequestId/></Error>`, the
// others `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
import { byClient, outputSchema, type WireService } from '../services.js';
import { escapeXml, type Identified, type Incoming, type Rendered, type WireProtocol } from './types.js';
import { payloadMember, xmlOf } from './xml.js';

const S3_SUBRESOURCES: Record<string, string> = {
  location: 'GetBucketLocation',
  tagging: 'GetBucketTagging',
  encryption: 'GetBucketEncryption',
  versioning: 'GetBucketVersioning',
  replication: 'GetBucketReplication',
  publicAccessBlock: 'GetPublicAccessBlock',
};

const ROUTES: { client: string; method: string; path: RegExp; operation: string }[] = [
  { client: 'Route53', method: 'GET', path: /^\/2013-04-01\/hostedzone$/, operation: 'ListHostedZones' },
  { client: 'Route53', method: 'GET', path: /^\/2013-04-01\/hostedzone\/[^/]+\/rrset$/, operation: 'ListResourceRecordSets' },
  { client: 'Route53', method: 'POST', path: /^\/2013-04-01\/tags\/hostedzone$/, operation: 'ListTagsForResources' },
  { client: 'CloudFront', method: 'GET', path: /^\/2020-05-31\/distribution$/, operation: 'ListDistributions' },
  { client: 'CloudFront', method: 'GET', path: /^\/2020-05-31\/tagging$/, operation: 'ListTagsForResource' },
];

export const restXml: WireProtocol = {
  identify(req: Incoming): Identified | undefined {
    const operation = req.signingService === 's3' ? s3Operation(req) : ROUTES.find((r) => r.method === req.method && r.path.test(req.path) && byClient(r.client)?.iam === req.signingService)?.operation;
    const service = WIRE_SERVICES_BY_SIGNING[req.signingService ?? ''];
    if (!operation || !service) return undefined;
    const segments = req.path.split('/').filter(Boolean).map(decodeURIComponent);
    const bodyText = [...req.body.matchAll(/>([^<>]+)</g)].map((m) => m[1]!);
    const queryValues = [...req.query.entries()].flatMap(([, v]) => (v ? [v] : []));
    return { service, operation, params: { path: req.path, query: Object.fromEntries(req.query.entries()), body: req.body }, leaves: [...segments, ...queryValues, ...bodyText] };
  },

  output(service: WireService, operation: string, output: Record<string, unknown>, requestId: string): Rendered {
    let xml: string;
    if (operation === 'GetBucketLocation') {
      // Not a structure on the wire: the constraint is the root element's text.
      const location = output.LocationConstraint as string | undefined;
      xml = location ? `<LocationConstraint xmlns="${service.id}">${escapeXml(location)}</LocationConstraint>` : `<LocationConstraint xmlns="${service.id}"/>`;
    } else {
      const schema = outputSchema(service, operation);
      const payload = payloadMember(schema);
      xml = payload ? xmlOf(payload.schema, output[payload.name] ?? {}, service.id) : xmlOf(schema, output, service.id);
    }
    return { status: 200, headers: { 'content-type': 'application/xml', ...requestIdHeaders(service, requestId) }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
  },

  error(service: WireService, _operation: string, code: string, message: string, status: number, requestId: string): Rendered {
    const xml = service.client === 'S3'
      ? `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId><HostId>loopback</HostId></Error>`
      : `<ErrorResponse xmlns="${service.id}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': 'application/xml', ...requestIdHeaders(service, requestId) }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
  },
};

const WIRE_SERVICES_BY_SIGNING: Record<string, WireService> = Object.fromEntries(
  ['S3', 'Route53', 'CloudFront'].map((c) => [byClient(c)!.iam, byClient(c)!]),
);

// S3 names the request id differently from every other service.
const requestIdHeaders = (service: WireService, requestId: string): Record<string, string> =>
  service.client === 'S3' ? { 'x-amz-request-id': requestId, 'x-amz-id-2': `loopback/${requestId}` } : { 'x-amzn-requestid': requestId };

function s3Operation(req: Incoming): string | undefined {
  if (req.method !== 'GET') return undefined;
  const segments = req.path.split('/').filter(Boolean);
  if (segments.length === 0) return 'ListBuckets';
  if (segments.length !== 1) return undefined;
  const sub = Object.keys(S3_SUBRESOURCES).find((k) => req.query.has(k));
  return sub ? S3_SUBRESOURCES[sub] : undefined;
}
