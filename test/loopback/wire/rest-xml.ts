// REST-XML (S3, Route 53, CloudFront): the operation is the method and path (and, for S3, the
// sub-resource in the query: `/<bucket>?tagging`). Answers are the output's XML (its `httpPayload`
// member alone when it has one); S3 errors are `<Error><Code/><Message/><RequestId/></Error>`, the
// others `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
import { httpBinding } from '../../sdk/services.js';
import { WIRE_SERVICES, outputSchema, type WireService } from '../services.js';
import { escapeXml, type Identified, type Incoming, type Rendered, type WireProtocol } from './types.js';
import { payloadMember, xmlOf } from './xml.js';

const REST_XML = WIRE_SERVICES.filter((s) => s.protocol === 'rest-xml');

/** S3 names its bucket reads by a sub-resource in the query ("/?tagging" in the SDK's model). */
const S3_SUBRESOURCES: Record<string, string> = Object.fromEntries(
  REST_XML.filter((s) => s.signing === 's3').flatMap((s) => Object.keys(s.commands).flatMap((operation) => {
    const sub = /^\/\?([A-Za-z]+)$/.exec(httpBinding(s, operation).path)?.[1];
    return sub ? [[sub, operation]] : [];
  })),
);

/** The other services' operations by method and path, from the SDK's model ("/2013-04-01/hostedzone/{Id}/rrset"). */
const ROUTES: { signing: string; method: string; path: RegExp; operation: string }[] = REST_XML.filter((s) => s.signing !== 's3').flatMap((s) =>
  Object.keys(s.commands).map((operation) => {
    const { method, path } = httpBinding(s, operation);
    const pattern = path.split('?')[0]!.split(/(\{[^}]+\})/).map((part) => (part.startsWith('{') ? (part.endsWith('+}') ? '.+' : '[^/]+') : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    return { signing: s.signing, method, path: new RegExp(`^${pattern}$`), operation };
  }),
);

export const restXml: WireProtocol = {
  identify(req: Incoming): Identified | undefined {
    const operation = req.signingService === 's3' ? s3Operation(req) : ROUTES.find((r) => r.method === req.method && r.path.test(req.path) && r.signing === req.signingService)?.operation;
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
    const xml = service.signing === 's3'
      ? `<Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message><RequestId>${requestId}</RequestId><HostId>loopback</HostId></Error>`
      : `<ErrorResponse xmlns="${service.id}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': 'application/xml', ...requestIdHeaders(service, requestId) }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
  },
};

const WIRE_SERVICES_BY_SIGNING: Record<string, WireService> = Object.fromEntries(REST_XML.map((s) => [s.signing, s]));

// S3 names the request id differently from every other service.
const requestIdHeaders = (service: WireService, requestId: string): Record<string, string> =>
  service.signing === 's3' ? { 'x-amz-request-id': requestId, 'x-amz-id-2': `loopback/${requestId}` } : { 'x-amzn-requestid': requestId };

function s3Operation(req: Incoming): string | undefined {
  if (req.method !== 'GET') return undefined;
  const segments = req.path.split('/').filter(Boolean);
  if (segments.length === 0) return 'ListBuckets';
  if (segments.length !== 1) return undefined;
  const sub = Object.keys(S3_SUBRESOURCES).find((k) => req.query.has(k));
  return sub ? S3_SUBRESOURCES[sub] : undefined;
}
