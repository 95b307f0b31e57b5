// Replays test/e2e/aws-fixtures.ts recordings through aws-sdk-client-mock on every SDK client class
// the collectors (and collectSnapshot's STS identity check) use.
//
// aws-sdk-client-mock replaces `Client.prototype.send` with a sinon stub: a command never enters the
// client's middleware stack, so there is no signing, no credential lookup, no retry middleware and no
// ClientFactory call counting. What the stub sees is exactly what a collector asked for, once per call.
//
// Each recorded request becomes `.on(Command, recordedInput)`; a request that was not recorded gets an
// `UnrecordedRequest` error (so it shows up as a gap, and in `unrecorded()`). The response depends on the
// calling client's region (read from the client the stub was called on), so one mock serves several regions.
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { SDK_SERVICES, type AnyCtor, type ExceptionCtor } from '../sdk/services.js';
import { ACCOUNT, CALLER_ARN, uuid, type Exchange, type Json, type RecordedError, type Recording } from './aws-fixtures.js';

interface Service {
  client: AnyCtor;
  exception: ExceptionCtor;
  /** IAM prefix, for AccessDenied messages. */
  iam: string;
  commands: Record<string, AnyCtor>;
}

/**
 * Every client class and command a scan uses, by the names the recordings use ("EC2:DescribeSubnets"):
 * derived from the collectors' declarations (test/sdk/services.ts), so a new collector is mocked too.
 */
export const SERVICES: Record<string, Service> = Object.fromEntries(
  SDK_SERVICES.map((s) => [s.client, { client: s.Client, exception: s.Exception, iam: s.iam, commands: s.commands }]),
);

// ---------------------------------------------------------------------------------------------
// Errors, shaped as the SDK raises them

/** A service exception as the SDK deserializes it: the service's exception class, name = error code. */
export function serviceError(operation: string, e: RecordedError & { retryable?: { throttling: boolean }; attempts?: number }): Error {
  const service = must(SERVICES[operation.split(':')[0]!], `unknown service in ${operation}`);
  const err = new service.exception({
    name: e.code,
    $fault: e.httpStatusCode >= 500 ? 'server' : 'client',
    message: e.message,
    $metadata: { httpStatusCode: e.httpStatusCode, requestId: uuid(`${operation}${e.code}${Math.random()}`), attempts: e.attempts ?? 1, totalRetryDelay: 0 },
  });
  // Query-protocol services also expose the code and type of the XML error body.
  Object.assign(err, { Code: e.code, Type: e.httpStatusCode >= 500 ? 'Receiver' : 'Sender' });
  if (e.retryable) Object.assign(err, { $retryable: e.retryable });
  return err;
}

/** What IAM answers a denied call with (the Query APIs say "AccessDenied", JSON APIs "AccessDeniedException"). */
export function accessDenied(code = 'AccessDenied'): FailureFactory {
  return (operation, region) => {
    const [svc, op] = operation.split(':') as [string, string];
    const iam = SERVICES[svc]?.iam ?? svc.toLowerCase();
    return serviceError(operation, {
      code,
      httpStatusCode: 403,
      message: `User: ${CALLER_ARN} is not authorized to perform: ${iam}:${op} on resource: arn:aws:${iam}:${region}:${ACCOUNT}:* because no identity-based policy allows the ${iam}:${op} action`,
    });
  };
}

/**
 * Throttling as the SDK raises it after giving up: retryable (throttling), with the attempts it made.
 * Under this mock the SDK's retry middleware never runs, so every call simply gets this error.
 */
export function throttling(attempts = 8): FailureFactory {
  return (operation) => serviceError(operation, { code: 'ThrottlingException', httpStatusCode: 400, message: 'Rate exceeded', retryable: { throttling: true }, attempts });
}

// ---------------------------------------------------------------------------------------------
// The mock

export type FailureFactory = (operation: string, region: string) => Error;

export interface Failure {
  /** "ElastiCache:DescribeReplicationGroups" */
  operation: string;
  /** Only in this region (default: every region). */
  region?: string;
  error: FailureFactory;
}

export interface LoggedCall { operation: string; region: string; input: Json; outcome: 'recorded' | 'failure' | 'unrecorded' }

export interface AwsMock {
  /** Calls per operation ("EC2:DescribeSubnets"), from the stubs' own call history. */
  calls(): Record<string, number>;
  /** Calls per operation in one region (from the replay log). */
  callsIn(region: string): Record<string, number>;
  /** Every call, in order, with the input as it was when sent. */
  log: LoggedCall[];
  /** Requests that matched no recording: "<operation> <region> <input>". */
  unrecorded(): string[];
  /** Puts every client's real `send` back. */
  restore(): void;
}

export interface MockAwsOptions {
  /** Recordings by region. */
  regions: Record<string, Recording>;
  failures?: Failure[];
}

export function mockAws(options: MockAwsOptions): AwsMock {
  const stubs: [string, AwsStub<any, any, any>][] = [];
  const log: LoggedCall[] = [];
  const missing: string[] = [];

  for (const [service, def] of Object.entries(SERVICES)) {
    const stub = mockClient(def.client);
    stubs.push([service, stub]);
    // Registered first, so any recorded match (defined later) wins: sinon picks the last matching behaviour.
    stub.onAnyCommand().callsFake((input: Json) => {
      throw unrecordedError(`${service}:<unknown command>`, '?', input);
    });
    for (const [name, command] of Object.entries(def.commands)) {
      const operation = `${service}:${name}`;
      stub.on(command).callsFake((input: Json, getClient: () => unknown) => respond(operation, getClient(), input, undefined));
      // One behaviour per distinct recorded input; the response is picked by the calling client's region.
      const groups = new Map<string, { input: Json; byRegion: Map<string, Exchange> }>();
      for (const [region, recording] of Object.entries(options.regions)) {
        for (const exchange of recording[operation] ?? []) {
          const key = JSON.stringify(exchange.input, (_k, v: unknown) => (v === undefined ? '<absent>' : v));
          const group = groups.get(key) ?? { input: exchange.input, byRegion: new Map() };
          if (group.byRegion.has(region)) throw new Error(`mock-aws: ${operation} ${region} records ${key} twice`);
          group.byRegion.set(region, exchange);
          groups.set(key, group);
        }
      }
      for (const group of groups.values()) {
        stub.on(command, group.input as any).callsFake((input: Json, getClient: () => unknown) => respond(operation, getClient(), input, group.byRegion));
      }
    }
  }

  async function respond(operation: string, client: unknown, liveInput: Json, byRegion: Map<string, Exchange> | undefined): Promise<Json> {
    // Paginators reuse one input object and rewrite its token: copy it before the first await.
    const input = structuredClone(liveInput);
    const region = await regionOf(client);
    const failure = options.failures?.find((f) => f.operation === operation && (!f.region || f.region === region));
    if (failure) {
      log.push({ operation, region, input, outcome: 'failure' });
      throw failure.error(operation, region);
    }
    const exchange = byRegion?.get(region);
    if (!exchange) {
      log.push({ operation, region, input, outcome: 'unrecorded' });
      missing.push(`${operation} ${region} ${JSON.stringify(input)}`);
      throw unrecordedError(operation, region, input);
    }
    log.push({ operation, region, input, outcome: 'recorded' });
    if ('error' in exchange) throw serviceError(operation, exchange.error);
    return {
      ...structuredClone(exchange.output),
      $metadata: { httpStatusCode: 200, requestId: uuid(`${operation}${region}${log.length}`), attempts: 1, totalRetryDelay: 0 },
    };
  }

  return {
    calls() {
      const counts: Record<string, number> = {};
      for (const [service, stub] of stubs) {
        for (const call of stub.calls()) {
          const op = `${service}:${(call.args[0] as object).constructor.name.replace(/Command$/, '')}`;
          counts[op] = (counts[op] ?? 0) + 1;
        }
      }
      return counts;
    },
    callsIn(region) {
      const counts: Record<string, number> = {};
      for (const c of log) if (c.region === region) counts[c.operation] = (counts[c.operation] ?? 0) + 1;
      return counts;
    },
    log,
    unrecorded: () => [...missing],
    restore() {
      for (const [, stub] of stubs) stub.restore();
    },
  };
}

async function regionOf(client: unknown): Promise<string> {
  const region = (client as { config?: { region?: string | (() => Promise<string>) } } | undefined)?.config?.region;
  return typeof region === 'function' ? region() : (region ?? '?');
}

function unrecordedError(operation: string, region: string, input: Json): Error {
  return Object.assign(new Error(`no recorded response for ${operation} in ${region} with input ${JSON.stringify(input)}`), { name: 'UnrecordedRequest' });
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`mock-aws: ${what}`);
  return value;
}
