// awsJson 1.0 (CloudWatch, SQS) and 1.1 (ECS, Application Auto Scaling, WAFv2): POST /, the operation
// in `X-Amz-Target: <Prefix>.<Operation>`, JSON both ways, timestamps as epoch seconds. Errors are
// `{"__type": "<Code>", "message": "..."}`; the query-compatible services (SQS, CloudWatch: the SDK's
// model says which) also send `x-amzn-query-error: <Code>;Sender`.
import { WIRE_SERVICES, type WireService } from '../services.js';
import { leavesOf, type Identified, type Incoming, type Rendered, type WireProtocol } from './types.js';

export const json: WireProtocol = {
  identify(req: Incoming): Identified | undefined {
    const target = req.headers['x-amz-target'];
    if (typeof target !== 'string') return undefined;
    const [prefix = '', operation = ''] = target.split('.');
    const service = WIRE_SERVICES.find((s) => s.protocol.startsWith('json') && s.id === prefix);
    if (!service) return undefined;
    const params = req.body ? (JSON.parse(req.body) as Record<string, unknown>) : {};
    return { service, operation, params, leaves: leavesOf(params) };
  },

  output(service: WireService, _operation: string, output: Record<string, unknown>, requestId: string): Rendered {
    const body = JSON.stringify(output, function (this: Record<string, unknown>, key, value: unknown) {
      const raw = this[key];
      return raw instanceof Date ? raw.getTime() / 1000 : value;
    });
    return { status: 200, headers: { 'content-type': contentType(service), 'x-amzn-requestid': requestId }, body };
  },

  error(service: WireService, _operation: string, code: string, message: string, status: number, requestId: string): Rendered {
    const headers: Record<string, string> = { 'content-type': contentType(service), 'x-amzn-requestid': requestId };
    if (service.queryCompatible) headers['x-amzn-query-error'] = `${code};${status >= 500 ? 'Receiver' : 'Sender'}`;
    return { status, headers, body: JSON.stringify({ __type: code, message }) };
  },
};

const contentType = (service: WireService) => (service.protocol === 'json1.0' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1');
