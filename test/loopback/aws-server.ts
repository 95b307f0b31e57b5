// A loopback server (127.0.0.1, random port) that speaks just enough of three AWS wire protocols for
// the real SDK clients to talk to it through their whole stack: endpoint resolution, SigV4 signing,
// the Node HTTP handler and its timeouts, the retry strategy, (de)serialization and error parsing.
//
//   awsJson1_1 (ECS): POST /, `x-amz-target: AmazonEC2ContainerServiceV20141113.<Op>`, JSON body;
//                     errors HTTP 400 + `{"__type":"<Code>","message":"..."}`.
//   ec2Query  (EC2):  POST /, form body `Action=<Op>&Version=2016-11-15&...`; XML
//                     `<OpResponse xmlns=".../2016-11-15/"><requestId/>...</OpResponse>`; errors
//                     `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`
//                     (503 for RequestLimitExceeded, 403 for UnauthorizedOperation, else 400).
//   awsQuery  (STS):  POST /, form body `Action=<Op>&Version=2011-06-15`; XML
//                     `<OpResponse><OpResult>...</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>`;
//                     errors `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
//
// Responses are scripted per operation ("ecs:ListClusters") and call index; every request is recorded.
// Nothing here reaches AWS: the clients are pointed at this server (ClientFactory's `endpoint`) and
// sign with fake static credentials.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What one request gets back. */
export type Reply =
  /** 200 with this body: a JSON value (awsJson) or an object rendered as XML (query protocols, see `toXml`). */
  | { ok: unknown }
  /** The protocol's error shape. `status` defaults by protocol and code (see `errorStatus`). */
  | { error: string; message?: string; status?: number }
  /** Never answered: the socket is held open until the client gives up or the server closes. */
  | { hang: true };

/**
 * A script for one operation: one reply for every call, a list by call index (the last one repeats
 * once the list runs out), or a function of the call index (0-based) and the request's params.
 */
export type Script = Reply | Reply[] | ((call: number, params: Record<string, unknown>) => Reply);

export interface RecordedRequest {
  /** "ecs", "ec2", "sts". */
  service: string;
  /** "ListClusters", "DescribeVpcs", ... */
  operation: string;
  /** The JSON body (awsJson) or the form fields (query protocols). */
  params: Record<string, unknown>;
  /** The SDK's `amz-sdk-request` header, e.g. "attempt=2; max=3". */
  sdkRequest: string | undefined;
  /** Whether the request carried a SigV4 Authorization header. */
  signed: boolean;
  /** The access key id the request was signed with (from the SigV4 Credential scope). */
  accessKeyId: string | undefined;
  at: number;
}

const JSON_TARGETS: Record<string, string> = { AmazonEC2ContainerServiceV20141113: 'ecs' };
const QUERY_VERSIONS: Record<string, { service: string; protocol: 'ec2' | 'query'; xmlns: string }> = {
  '2016-11-15': { service: 'ec2', protocol: 'ec2', xmlns: 'http://ec2.amazonaws.com/doc/2016-11-15/' },
  '2011-06-15': { service: 'sts', protocol: 'query', xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/' },
};

export class AwsLoopbackServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, Script>();
  private readonly calls = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;
  private requestIds = 0;

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(): Promise<AwsLoopbackServer> {
    const s = new AwsLoopbackServer();
    await new Promise<void>((resolve, reject) => {
      s.server.once('error', reject);
      s.server.listen(0, '127.0.0.1', () => resolve());
    });
    return s;
  }

  get endpoint(): string {
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Scripts an operation, e.g. `on('ecs:ListClusters', [throttle, throttle, { ok: {...} }])`. */
  on(operation: string, script: Script): this {
    this.scripts.set(operation, script);
    return this;
  }

  /** The recorded requests for one operation ("ec2:DescribeVpcs"), in arrival order. */
  requestsFor(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.service}:${r.operation}` === operation);
  }

  /** Forgets scripts, call counts and recorded requests (for a server shared across tests). */
  reset(): void {
    this.scripts.clear();
    this.calls.clear();
    this.requests.length = 0;
    this.releaseHeld();
  }

  async close(): Promise<void> {
    this.releaseHeld();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private releaseHeld(): void {
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const requestId = `req-${++this.requestIds}`;
    const common = {
      sdkRequest: header(req, 'amz-sdk-request'),
      signed: (header(req, 'authorization') ?? '').startsWith('AWS4-HMAC-SHA256 '),
      accessKeyId: /Credential=([^/]+)\//.exec(header(req, 'authorization') ?? '')?.[1],
      at: Date.now(),
    };

    const target = header(req, 'x-amz-target');
    if (target) {
      const [prefix = '', operation = ''] = target.split('.');
      const service = JSON_TARGETS[prefix] ?? prefix;
      const params = body ? (JSON.parse(body) as Record<string, unknown>) : {};
      this.requests.push({ service, operation, params, ...common });
      const reply = this.next(service, operation, params);
      if ('hang' in reply) return void this.held.add(res);
      if ('ok' in reply) return send(res, 200, 'application/x-amz-json-1.1', JSON.stringify(reply.ok ?? {}), requestId);
      const status = reply.status ?? errorStatus('json', reply.error);
      return send(res, status, 'application/x-amz-json-1.1', JSON.stringify({ __type: reply.error, message: reply.message ?? reply.error }), requestId);
    }

    const form = new URLSearchParams(body);
    const operation = form.get('Action') ?? '';
    const proto = QUERY_VERSIONS[form.get('Version') ?? ''];
    const params = Object.fromEntries(form.entries());
    if (!proto) {
      this.requests.push({ service: 'unknown', operation, params, ...common });
      return send(res, 400, 'text/xml', `<Response><Errors><Error><Code>UnknownProtocol</Code><Message>loopback: no protocol for this request</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`, requestId);
    }
    this.requests.push({ service: proto.service, operation, params, ...common });
    const reply = this.next(proto.service, operation, params);
    if ('hang' in reply) return void this.held.add(res);
    if ('ok' in reply) {
      const inner = toXml(reply.ok);
      const xml =
        proto.protocol === 'ec2'
          ? `<${operation}Response xmlns="${proto.xmlns}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`
          : `<${operation}Response xmlns="${proto.xmlns}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
      return send(res, 200, 'text/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, requestId);
    }
    const message = escapeXml(reply.message ?? reply.error);
    const status = reply.status ?? errorStatus(proto.protocol, reply.error);
    const xml =
      proto.protocol === 'ec2'
        ? `<Response><Errors><Error><Code>${escapeXml(reply.error)}</Code><Message>${message}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`
        : `<ErrorResponse xmlns="${proto.xmlns}"><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${escapeXml(reply.error)}</Code><Message>${message}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return send(res, status, 'text/xml;charset=UTF-8', `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`, requestId);
  }

  private next(service: string, operation: string, params: Record<string, unknown>): Reply {
    const key = `${service}:${operation}`;
    const call = this.calls.get(key) ?? 0;
    this.calls.set(key, call + 1);
    const script = this.scripts.get(key);
    // Unscripted calls fail loudly (non-retryable) so a test sees them as gaps, never as empty lists.
    if (!script) return { error: 'UnscriptedOperation', message: `loopback: no script for ${key}`, status: 400 };
    if (typeof script === 'function') return script(call, params);
    if (Array.isArray(script)) return script[Math.min(call, script.length - 1)] ?? { error: 'UnscriptedOperation', status: 400 };
    return script;
  }
}

/** AWS's status codes for the errors the tests use; anything else is a 400 client error. */
function errorStatus(protocol: 'json' | 'ec2' | 'query', code: string): number {
  if (protocol === 'ec2' && code === 'RequestLimitExceeded') return 503;
  if (protocol === 'ec2' && code === 'UnauthorizedOperation') return 403;
  if (protocol === 'query' && code === 'AccessDenied') return 403;
  return 400; // awsJson and awsQuery throttling errors (ThrottlingException, Throttling) are 400s too
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, requestId: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
  res.end(body);
}

function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders a value as the XML the query protocols use: object keys become elements, arrays become
 * repeated `<item>` children (EC2's `vpcSet`, `tagSet`, ...; awsQuery lists would need `member`).
 * Strings are escaped.
 */
export function toXml(value: unknown, listTag = 'item'): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((v) => `<${listTag}>${toXml(v, listTag)}</${listTag}>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v, listTag)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}
