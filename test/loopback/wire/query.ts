// The form-encoded protocols: ec2Query (EC2) and awsQuery (STS, ELBv2, ElastiCache, RDS). POST / with
// `Action=<Op>&Version=<api version>&...`; XML answers. EC2: `<OpResponse><requestId/>...</OpResponse>`,
// errors `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`. awsQuery:
// `<OpResponse><OpResult>...</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`,
// errors `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
import { WIRE_SERVICES, outputSchema, type WireService } from '../services.js';
import { escapeXml, type Identified, type Incoming, type Rendered, type WireProtocol } from './types.js';
import { innerXml, xmlOf } from './xml.js';

const XML = 'text/xml;charset=UTF-8';

export const query: WireProtocol = {
  identify(req: Incoming): Identified | undefined {
    if (req.method !== 'POST' || req.headers['x-amz-target']) return undefined;
    const form = new URLSearchParams(req.body);
    const service = WIRE_SERVICES.find((s) => (s.protocol === 'ec2' || s.protocol === 'query') && s.id === form.get('Version'));
    const operation = form.get('Action');
    if (!service || !operation) return undefined;
    const params = Object.fromEntries(form.entries());
    const leaves = [...form.entries()].filter(([k]) => k !== 'Action' && k !== 'Version').map(([, v]) => v);
    return { service, operation, params, leaves };
  },

  output(service: WireService, operation: string, output: Record<string, unknown>, requestId: string): Rendered {
    const inner = innerXml(xmlOf(outputSchema(service, operation), output));
    const xml = service.protocol === 'ec2'
      ? `<${operation}Response xmlns="${service.xmlns}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`
      : `<${operation}Response xmlns="${service.xmlns}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
    return { status: 200, headers: { 'content-type': XML, 'x-amzn-requestid': requestId }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
  },

  error(service: WireService, _operation: string, code: string, message: string, status: number, requestId: string): Rendered {
    const xml = service.protocol === 'ec2'
      ? `<Response><Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
      : `<ErrorResponse xmlns="${service.xmlns}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status, headers: { 'content-type': XML, 'x-amzn-requestid': requestId }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
  },
};
