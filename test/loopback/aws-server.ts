// A loopback server (127.0.0.1, random port) that speaks the AWS wire protocols of every operation the
// collectors call, so the real SDK clients talk to it through their whole stack: endpoint resolution,
// SigV4 signing, the Node HTTP handler and its timeouts, the retry strategy, (de)serialization and
// error parsing. One protocol per file under wire/: ec2Query and awsQuery (query.ts), awsJson 1.0/1.1
// (json.ts), REST-XML for S3, CloudFront and Route 53 (rest-xml.ts).
//
// Answers come, in this order, from a script for the operation (`on`), a fault (`fault`, see faults.ts),
// or the scenario: a recorded account (test/e2e/aws-fixtures.ts) rendered with the SDK's own schemas.
// Operations are named "EC2:DescribeVpcs" (client name) or, in older scripts, "ec2:DescribeVpcs" (IAM
// prefix). Every request is recorded. Nothing here reaches AWS: clients are pointed at this server
// (ClientFactory's `endpoint`) and sign with fake static credentials.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PROXY_HTML, faultError, type Fault } from './faults.js';
import { findExchange, type Scenario } from './scenario.js';
import type { WireService } from './services.js';
import { json } from './wire/json.js';
import { query } from './wire/query.js';
import { restXml } from './wire/rest-xml.js';
import { escapeXml, type Identified, type Incoming, type Rendered, type WireProtocol } from './wire/types.js';

/** What one request gets back. */
export type Reply =
  /** 200 with this body as the protocol's raw wire form: a JSON value, or an object rendered by `toXml`. */
  | { ok: unknown }
  /** 200 with this output in the SDK's shape (as aws-fixtures records it), rendered from the model. */
  | { output: Record<string, unknown> }
  /** The protocol's error shape. `status` defaults by protocol and code (see `errorStatus`). */
  | { error: string; message?: string; status?: number }
  /** Never answered: the socket is held open until the client gives up or the server closes. */
  | { hang: true }
  /** `then` (default: the scenario's answer) once `until` settles: a test holds an answer back until other calls have arrived. */
  | { until: Promise<unknown>; then?: Reply }
  | { fault: Fault };

/**
 * A script for one operation: one reply for every call, a list by call index (the last one repeats
 * once the list runs out), or a function of the call index (0-based) and the request's params.
 */
export type Script = Reply | Reply[] | ((call: number, params: Record<string, unknown>, caller: string | undefined) => Reply);

/**
 * Many accounts behind one server (accounts.ts): who is calling (the access key the request was signed
 * with) picks the answer. `reply` comes before scripts and faults (an account's own denials, its
 * identity); `scenario` replaces the server's recorded account for that caller.
 */
export interface CallerHooks {
  reply?: (caller: string | undefined, operation: string, params: Record<string, unknown>) => Reply | undefined;
  scenario?: (caller: string | undefined) => Scenario | undefined;
}

export interface RecordedRequest {
  /** The IAM prefix: "ecs", "ec2", "sts", "s3", ... */
  service: string;
  /** The client name: "ECS", "EC2", "STS", "S3", ... */
  client: string;
  /** "ListClusters", "DescribeVpcs", ... */
  operation: string;
  /** The JSON body, the form fields, or REST's path, query and body. */
  params: Record<string, unknown>;
  /** The SDK's `amz-sdk-request` header, e.g. "attempt=2; max=3". */
  sdkRequest: string | undefined;
  /** Whether the request carried a SigV4 Authorization header. */
  signed: boolean;
  /** The access key id the request was signed with (from the SigV4 Credential scope). */
  accessKeyId: string | undefined;
  region: string | undefined;
  at: number;
}

const PROTOCOLS: WireProtocol[] = [json, restXml, query];

/**
 * AWS as the bench meets it (opt-in, `model()`): every answer after `latencyMs`, and each request
 * drawing a token from its bucket (per region and bucket key, as src/collect/token-buckets.ts says AWS
 * meters them); an empty bucket answers the service's own throttling error, as AWS does.
 */
export interface AwsModel {
  latencyMs?: number;
  /** How long an idle connection stays open (Node's default is 5 s; AWS's endpoints keep them about a minute). */
  keepAliveMs?: number;
  buckets?: (client: string, operation: string) => { key: string; limit: { capacity: number; refillPerSecond: number } };
}

/** What the model saw, per bucket ("us-east-1|EC2:DescribeVpcs"): requests, throttled ones, most in flight at once. */
export interface BucketUse { requests: number; throttled: number; maxInFlight: number }
const REQUEST_ID_SLOT = 'loopback-request-id-slot';

export class AwsLoopbackServer {
  readonly requests: RecordedRequest[] = [];
  private readonly scripts = new Map<string, Script>();
  private readonly faults = new Map<string, Fault>();
  private readonly calls = new Map<string, number>();
  private readonly held = new Set<ServerResponse>();
  private readonly server: Server;
  /** The recorded account answers come from; a test may edit it before it scans. */
  scenario: Scenario = {};
  private readonly rendering = new WeakMap<object, Rendered>();
  private requestIds = 0;
  private awsModel: AwsModel = {};
  private readonly modelBuckets = new Map<string, { tokens: number; last: number; inFlight: number; use: BucketUse }>();
  /** TCP connections accepted so far (a client that reuses its sockets opens few). */
  connections = 0;
  /** Answers by caller (see CallerHooks); none: every caller is the one recorded account. */
  callers: CallerHooks = {};

  private constructor() {
    this.server = createServer((req, res) => void this.handle(req, res).catch((err: Error) => {
      if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: `loopback: ${err.message}` });
      else res.destroy();
    }));
    this.server.on('connection', () => void this.connections++);
  }

  static async start(scenario?: Scenario): Promise<AwsLoopbackServer> {
    const s = new AwsLoopbackServer();
    if (scenario) s.scenario = scenario;
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

  /** Every call of the operation ("RDS:DescribeDBInstances") meets this fault. */
  fault(operation: string, fault: Fault): this {
    this.faults.set(operation, fault);
    return this;
  }

  /** Models AWS's latency and token buckets from now on (see AwsModel); `{}` turns the model off. */
  model(model: AwsModel): this {
    this.awsModel = model;
    this.modelBuckets.clear();
    if (model.keepAliveMs) this.server.keepAliveTimeout = model.keepAliveMs;
    return this;
  }

  /** Per bucket, what the model saw since `model()`. */
  bucketUse(): Record<string, BucketUse> {
    return Object.fromEntries([...this.modelBuckets].map(([key, b]) => [key, { ...b.use }]));
  }

  /** The recorded requests for one operation ("ec2:DescribeVpcs" or "EC2:DescribeVpcs"), in arrival order. */
  requestsFor(operation: string): RecordedRequest[] {
    return this.requests.filter((r) => `${r.service}:${r.operation}` === operation || `${r.client}:${r.operation}` === operation);
  }

  /** Forgets scripts, faults, call counts and recorded requests (for a server shared across tests). */
  reset(): void {
    this.scripts.clear();
    this.faults.clear();
    this.calls.clear();
    this.requests.length = 0;
    this.awsModel = {};
    this.modelBuckets.clear();
    this.callers = {};
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
    const url = new URL(req.url ?? '/', 'http://loopback');
    const authorization = header(req, 'authorization') ?? '';
    const scope = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\//.exec(authorization);
    const incoming: Incoming = {
      method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'), signingService: scope?.[3],
    };
    const requestId = `req-${++this.requestIds}`;
    let found: { protocol: WireProtocol; id: Identified } | undefined;
    for (const protocol of PROTOCOLS) {
      const id = protocol.identify(incoming);
      if (id) {
        found = { protocol, id };
        break;
      }
    }
    const common = { sdkRequest: header(req, 'amz-sdk-request'), signed: authorization.startsWith('AWS4-HMAC-SHA256 '), accessKeyId: scope?.[1], region: scope?.[2], at: Date.now() };
    if (!found) {
      this.requests.push({ service: 'unknown', client: 'unknown', operation: new URLSearchParams(incoming.body).get('Action') ?? incoming.path, params: {}, ...common });
      return send(res, { status: 400, headers: { 'content-type': 'text/xml' }, body: `<Response><Errors><Error><Code>UnknownProtocol</Code><Message>loopback: no protocol for this request</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>` });
    }
    const { protocol, id } = found;
    if (common.accessKeyId) id.caller = common.accessKeyId;
    this.requests.push({ service: id.service.iam, client: id.service.client, operation: id.operation, params: id.params, ...common });
    const region = common.region ?? 'us-east-1';
    const bucket = this.takeToken(id, region);
    try {
      const reply = bucket === 'throttled' ? { fault: { kind: 'throttle' } as const } : this.next(id, region);
      if (this.awsModel.latencyMs) await new Promise((r) => setTimeout(r, this.awsModel.latencyMs));
      await this.answer(res, protocol, id, reply, requestId, region);
    } finally {
      if (bucket && bucket !== 'throttled') bucket.inFlight--;
    }
  }

  /** The modelled bucket's token for this request: the bucket (to count it in flight), 'throttled', or none without a model. */
  private takeToken(id: Identified, region: string): { inFlight: number } | 'throttled' | undefined {
    const limitOf = this.awsModel.buckets;
    if (!limitOf) return undefined;
    const { key, limit } = limitOf(id.service.client, id.operation);
    const name = `${region}|${key}`;
    const now = performance.now();
    let b = this.modelBuckets.get(name);
    if (!b) {
      b = { tokens: limit.capacity, last: now, inFlight: 0, use: { requests: 0, throttled: 0, maxInFlight: 0 } };
      this.modelBuckets.set(name, b);
    }
    b.tokens = Math.min(limit.capacity, b.tokens + ((now - b.last) / 1000) * limit.refillPerSecond);
    b.last = now;
    b.use.requests++;
    if (b.tokens < 1) {
      b.use.throttled++;
      return 'throttled';
    }
    b.tokens -= 1;
    b.inFlight++;
    b.use.maxInFlight = Math.max(b.use.maxInFlight, b.inFlight);
    return b;
  }

  private next(id: Identified, region: string): Reply {
    const own = this.callers.reply?.(id.caller, `${id.service.client}:${id.operation}`, id.params);
    if (own) return own;
    const keys = [`${id.service.iam}:${id.operation}`, `${id.service.client}:${id.operation}`];
    const key = keys.find((k) => this.scripts.has(k));
    if (key) {
      const call = this.calls.get(key) ?? 0;
      this.calls.set(key, call + 1);
      const script = this.scripts.get(key)!;
      if (typeof script === 'function') return script(call, id.params, id.caller);
      if (Array.isArray(script)) return script[Math.min(call, script.length - 1)] ?? { error: 'UnscriptedOperation', status: 400 };
      return script;
    }
    const fault = this.faults.get(keys[1]!);
    return fault ? { fault } : this.fromScenario(id, region);
  }

  private fromScenario(id: Identified, region: string): Reply {
    const key = `${id.service.client}:${id.operation}`;
    const exchange = findExchange(this.callers.scenario?.(id.caller) ?? this.scenario, region, key, id.leaves);
    // Unscripted calls fail loudly (non-retryable) so a test sees them as gaps, never as empty lists.
    if (!exchange) return { error: 'UnscriptedOperation', message: `loopback: no script or recording for ${key} in ${region} (${id.leaves.join(', ')})`, status: 400 };
    if ('error' in exchange) return { error: exchange.error.code, message: exchange.error.message, status: exchange.error.httpStatusCode };
    return { output: exchange.output };
  }

  private async answer(res: ServerResponse, protocol: WireProtocol, id: Identified, reply: Reply, requestId: string, region: string): Promise<void> {
    const { service, operation } = id;
    if ('hang' in reply) return void this.held.add(res);
    if ('until' in reply) {
      await reply.until;
      return this.answer(res, protocol, id, reply.then ?? this.fromScenario(id, region), requestId, region);
    }
    if ('output' in reply) return send(res, this.renderOutput(protocol, id, reply.output, requestId));
    if ('ok' in reply) return send(res, rawOk(service, operation, reply.ok, requestId));
    if ('error' in reply) {
      return send(res, protocol.error(service, operation, reply.error, reply.message ?? reply.error, reply.status ?? errorStatus(service, reply.error), requestId));
    }
    const fault = reply.fault;
    switch (fault.kind) {
      case 'deny':
      case 'throttle':
      case '5xx': {
        const e = faultError(service, operation, fault.kind);
        return send(res, protocol.error(service, operation, e.code, e.message, e.status, requestId));
      }
      case 'latency':
        await new Promise((r) => setTimeout(r, fault.ms));
        return this.answer(res, protocol, id, this.fromScenario(id, region), requestId, region);
      case 'hang':
        return void this.held.add(res);
      case 'stall': {
        // Headers and the start of the real answer, then silence: only an idle timeout ends this.
        const full = this.rendered(protocol, id, region, requestId);
        res.writeHead(200, { ...full.headers, 'content-length': String(Buffer.byteLength(full.body)) });
        res.write(full.body.slice(0, Math.max(1, Math.floor(full.body.length / 2))));
        return void this.held.add(res);
      }
      case 'truncate': {
        // The declared length, half the bytes, then the connection closes.
        const full = this.rendered(protocol, id, region, requestId);
        res.writeHead(200, { ...full.headers, 'content-length': String(Buffer.byteLength(full.body)) });
        res.write(full.body.slice(0, Math.floor(full.body.length / 2)), () => res.socket?.destroy());
        return;
      }
      case 'reset': {
        const socket = res.socket as (typeof res.socket & { resetAndDestroy?: () => void }) | null;
        return void (socket?.resetAndDestroy ? socket.resetAndDestroy() : socket?.destroy());
      }
      case 'empty200':
        return send(res, { status: 200, headers: fault.requestId ? requestIdHeader(service, requestId) : {}, body: '' });
      case 'html200':
        return send(res, { status: 200, headers: { 'content-type': 'text/html' }, body: PROXY_HTML });
    }
  }

  /**
   * An output rendered from the model. Scenario outputs are rendered once per server (the request id
   * is put in afterwards): schema-driven XML is the costliest thing the server does.
   */
  private renderOutput(protocol: WireProtocol, id: Identified, output: Record<string, unknown>, requestId: string): Rendered {
    let cached = this.rendering.get(output);
    if (!cached) {
      cached = protocol.output(id.service, id.operation, output, REQUEST_ID_SLOT);
      this.rendering.set(output, cached);
    }
    const fill = (text: string) => text.split(REQUEST_ID_SLOT).join(requestId);
    return { status: cached.status, headers: Object.fromEntries(Object.entries(cached.headers).map(([k, v]) => [k, fill(v)])), body: fill(cached.body) };
  }

  /** The scenario's answer for this request, rendered (to stall or cut it). */
  private rendered(protocol: WireProtocol, id: Identified, region: string, requestId: string): Rendered {
    const reply = this.fromScenario(id, region);
    if ('output' in reply) return this.renderOutput(protocol, id, reply.output, requestId);
    const e = reply as { error: string; message?: string; status?: number };
    return protocol.error(id.service, id.operation, e.error, e.message ?? e.error, e.status ?? 400, requestId);
  }
}

/** AWS's status codes for the errors older scripts name; anything else is a 400 client error. */
function errorStatus(service: WireService, code: string): number {
  if (service.protocol === 'ec2' && code === 'RequestLimitExceeded') return 503;
  if (service.protocol === 'ec2' && code === 'UnauthorizedOperation') return 403;
  if (code === 'AccessDenied') return 403;
  return 400; // awsJson and awsQuery throttling errors (ThrottlingException, Throttling) are 400s too
}

const requestIdHeader = (service: WireService, requestId: string): Record<string, string> =>
  service.client === 'S3' ? { 'x-amz-request-id': requestId } : { 'x-amzn-requestid': requestId };

/** The raw wire form of `{ ok }` replies: JSON as given; XML wrapped as the query protocols do. */
function rawOk(service: WireService, operation: string, ok: unknown, requestId: string): Rendered {
  if (service.protocol.startsWith('json')) {
    return { status: 200, headers: { 'content-type': `application/x-amz-json-${service.protocol.slice(4)}`, 'x-amzn-requestid': requestId }, body: JSON.stringify(ok ?? {}) };
  }
  const inner = toXml(ok);
  const xml = service.protocol === 'ec2'
    ? `<${operation}Response xmlns="${service.xmlns}"><requestId>${requestId}</requestId>${inner}</${operation}Response>`
    : `<${operation}Response xmlns="${service.xmlns ?? service.id}"><${operation}Result>${inner}</${operation}Result><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`;
  return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8', ...requestIdHeader(service, requestId) }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function send(res: ServerResponse, r: Rendered): void {
  res.writeHead(r.status, { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) });
  res.end(r.body);
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
