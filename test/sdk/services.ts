// The SDK side of every service a scan calls, derived (never listed by hand) from what the collectors
// declare in src/collect/<service>.ts (sdkClient, sdkPackage, iamPrefix, reads) and from the SDK's own
// models: the client and exception classes, the command of each declared read, the wire protocol and
// the ids a request carries. The mocked SDK (test/e2e/mock-aws.ts), the loopback server
// (test/loopback/services.ts) and the fault matrix are built from this, so a new collector is covered
// by all of them without an edit here or there.
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { Collector } from '../../src/collect/types.js';

export type AnyCtor = new (...args: any[]) => any;
export type ExceptionCtor = new (options: { name: string; $fault: 'client' | 'server'; $metadata: object; message: string }) => Error;

/** How requests and answers look on the wire (the SDK client's protocol). */
export type Protocol = 'ec2' | 'query' | 'json1.0' | 'json1.1' | 'rest-xml' | 'rest-json';

export interface SdkService {
  /** The client class name without "Client", as in "EC2:DescribeVpcs". */
  client: string;
  /** IAM's prefix for the service ("elasticloadbalancing"). */
  iam: string;
  /** SigV4's service name in the credential scope (REST requests are told apart by it). */
  signing: string;
  module: Record<string, unknown>;
  Client: AnyCtor;
  Exception: ExceptionCtor;
  /** The command class of every operation a scan makes on this client. */
  commands: Record<string, AnyCtor>;
  protocol: Protocol;
  /** The API version (the query protocols' Version parameter). */
  version: string;
  /** The XML namespace of answers (XML protocols). */
  xmlns: string;
  /** awsJson: the X-Amz-Target prefix. */
  target: string;
  /** awsJson services that moved from awsQuery and still send `x-amzn-query-error`. */
  queryCompatible: boolean;
  /** The collectors reading through this client (none for the identity check). */
  collectors: Collector[];
}

/** What the identity check (src/collect/identity.ts) calls before any collector: STS, not a collector. */
export const IDENTITY = { sdkClient: 'STS', sdkPackage: '@aws-sdk/client-sts', iamPrefix: 'sts', operations: ['GetCallerIdentity'] } as const;

const PROTOCOLS: Record<string, Protocol> = {
  AwsEc2QueryProtocol: 'ec2',
  AwsQueryProtocol: 'query',
  AwsJson1_0Protocol: 'json1.0',
  AwsJson1_1Protocol: 'json1.1',
  AwsRestXmlProtocol: 'rest-xml',
  S3RestXmlProtocol: 'rest-xml',
  AwsRestJsonProtocol: 'rest-json',
};

export interface ClientDecl { sdkClient: string; sdkPackage: string; iamPrefix: string; operations: readonly string[]; collector?: Collector }

/** The SDK side of these declarations, one entry per client class (several collectors may share one). */
export async function sdkServices(decls: readonly ClientDecl[]): Promise<SdkService[]> {
  const byClient = new Map<string, SdkService>();
  for (const decl of decls) {
    const service = byClient.get(decl.sdkClient) ?? (await describeClient(decl));
    byClient.set(decl.sdkClient, service);
    for (const operation of decl.operations) service.commands[operation] = command(service, operation);
    if (decl.collector) service.collectors.push(decl.collector);
  }
  return [...byClient.values()];
}

async function describeClient(decl: ClientDecl): Promise<SdkService> {
  const module = (await import(decl.sdkPackage)) as Record<string, unknown>;
  const Client = module[`${decl.sdkClient}Client`] as AnyCtor | undefined;
  const Exception = module[`${decl.sdkClient}ServiceException`] as ExceptionCtor | undefined;
  if (!Client || !Exception) throw new Error(`${decl.sdkPackage} has no ${decl.sdkClient}Client / ${decl.sdkClient}ServiceException: check sdkClient and sdkPackage`);
  // The client's resolved config carries the protocol the SDK speaks and its ids; no request is made.
  const instance = new Client({ region: 'us-east-1', credentials: { accessKeyId: 'none', secretAccessKey: 'none' } });
  const config = instance.config as { protocol: { constructor: { name: string } }; protocolSettings?: Record<string, unknown>; defaultSigningName?: string };
  instance.destroy();
  const protocol = PROTOCOLS[config.protocol.constructor.name];
  if (!protocol) throw new Error(`${decl.sdkClient}: unknown SDK protocol ${config.protocol.constructor.name}`);
  const options = (config.protocolSettings ?? {}) as { version?: string; xmlNamespace?: string; serviceTarget?: string; awsQueryCompatible?: boolean };
  return {
    client: decl.sdkClient,
    iam: decl.iamPrefix,
    signing: config.defaultSigningName ?? decl.iamPrefix,
    module,
    Client,
    Exception,
    commands: {},
    protocol,
    version: options.version ?? '',
    xmlns: options.xmlNamespace ?? '',
    target: options.serviceTarget ?? '',
    queryCompatible: options.awsQueryCompatible === true,
    collectors: [],
  };
}

function command(service: SdkService, operation: string): AnyCtor {
  const found = service.module[`${operation}Command`] as AnyCtor | undefined;
  if (!found) throw new Error(`the ${service.client} client has no ${operation}Command (a declared read of ${service.collectors.map((c) => c.service).join(', ') || service.client})`);
  return found;
}

/** The HTTP method and path template of an operation (REST protocols), from the SDK's model. */
export function httpBinding(service: SdkService, operation: string): { method: string; path: string } {
  const schema = new (command(service, operation))({}).schema as unknown[];
  const http = (schema[3] as { http?: [string, string, number] } | undefined)?.http;
  if (!http) throw new Error(`${service.client}:${operation} has no HTTP binding in the SDK model`);
  return { method: http[0], path: http[1] };
}

/**
 * A collector's clients with the operations each makes: its own, and any a read declares apart (S3's
 * tags come from the Resource Groups Tagging API's client).
 */
export function clientDecls(collector: Collector): ClientDecl[] {
  const byClient = new Map<string, ClientDecl & { operations: string[] }>();
  for (const read of collector.reads) {
    const own = { sdkClient: collector.sdkClient, sdkPackage: collector.sdkPackage, iamPrefix: collector.iamPrefix };
    const client = read.sdk ? { sdkClient: read.sdk.client, sdkPackage: read.sdk.package, iamPrefix: read.sdk.iamPrefix } : own;
    const decl = byClient.get(client.sdkClient) ?? { ...client, operations: [], collector };
    decl.operations.push(read.operation);
    byClient.set(client.sdkClient, decl);
  }
  return [...byClient.values()];
}

/** Every client a scan uses: the identity check's, then each collector's, with the operations it declares. */
export const SDK_SERVICES: readonly SdkService[] = await sdkServices([IDENTITY, ...ALL_COLLECTORS.flatMap(clientDecls)]);

export const sdkService = (client: string): SdkService | undefined => SDK_SERVICES.find((s) => s.client === client);
