// One place that configures every SDK client: the default credential chain (env, profiles, SSO, web
// identity, instance roles) or an assumed role, adaptive retries for throttling, timeouts, pacing by
// AWS's token buckets (throttle.ts), and call counting. Endpoint overrides need nothing here: the SDK
// reads AWS_ENDPOINT_URL(_<SERVICE>) itself.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { checkAnswer } from './answer.js';
import { Throttle, type RateGate } from './throttle.js';
import { bucketFor, SOCKET_CAP, type BucketLimit } from './token-buckets.js';

export interface ClientOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Attempts per call, including the first (the SDK's adaptive mode backs off and rate-limits). */
  maxAttempts?: number;
  /** Time to the response's headers; a call that hangs becomes a gap instead of hanging the audit. */
  requestTimeoutMs?: number;
  /** Socket idle time, also while the body streams in: a response that stalls after its headers ends. */
  socketTimeoutMs?: number;
  /** The scan's deadline: when it aborts, every request in flight or still to be sent fails at once. */
  signal?: AbortSignal;
  /** Tests inject credentials so no real chain is consulted. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** The bucket of each call (default: AWS's, token-buckets.ts); tests and the bench model tighter ones. */
  buckets?: (service: string, operation: string) => { key: string; limit: BucketLimit };
  /** Requests in flight at once across all clients (default SOCKET_CAP). */
  socketCap?: number;
  /** One endpoint for every client: for tests and local emulators; users set AWS_ENDPOINT_URL(_<SERVICE>) instead. */
  endpoint?: string;
}

export interface CallStats { calls: number; attempts: number; byOperation: Record<string, number> }

/** STS for AssumeRole; any region works, the credentials it returns are global. */
const GLOBAL_STS_REGION = 'us-east-1';

type AnyClient = { middlewareStack: { add: (mw: any, opts: any) => void; addRelativeTo: (mw: any, opts: any) => void }; destroy?: () => void };
type Ctor<C> = new (config: any) => C;

export class ClientFactory {
  readonly stats: CallStats = { calls: 0, attempts: 0, byOperation: {} };
  /** Every call's bucket and the socket cap, shared by all clients of this factory. */
  readonly throttle: Throttle;
  private readonly clients = new Map<string, unknown>();
  /** One request handler (one keep-alive agent) for every client: sockets are reused across services. */
  private sharedHandler: NodeHttpHandler | undefined;
  private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;

  constructor(private readonly options: ClientOptions = {}, private readonly onRetry?: (service: string) => void) {
    this.credentials = options.roleArn || !options.credentials ? sharedCredentials(options) : options.credentials;
    this.throttle = new Throttle(options.buckets ?? bucketFor, options.socketCap ?? SOCKET_CAP);
  }

  /** The profile given (undefined: the default chain). */
  get profile(): string | undefined {
    return this.options.profile;
  }

  get<C>(ctor: Ctor<C>, region: string): C {
    const key = `${ctor.name}@${region}`;
    let client = this.clients.get(key) as C | undefined;
    if (!client) {
      client = new ctor({
        region,
        credentials: this.credentials,
        retryMode: 'adaptive',
        maxAttempts: this.options.maxAttempts ?? 8,
        requestHandler: (this.sharedHandler ??= this.handler()),
        ...(this.options.profile && !this.options.credentials && { profile: this.options.profile }),
        ...(this.options.endpoint && { endpoint: this.options.endpoint }),
      });
      const service = ctor.name.replace(/Client$/, '');
      this.instrument(client as unknown as AnyClient, service);
      this.pace(client as unknown as AnyClient, service, region);
      this.clients.set(key, client);
    }
    return client;
  }

  // requestTimeout only runs until the headers arrive; socketTimeout (idle) covers the body after them.
  // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout passes and keeps
  // waiting (@smithy/node-http-handler 4.x); with it, the call fails with a TimeoutError.
  // The agents may hold as many sockets per host as the scan has requests in flight (the SDK's default is
  // 50): the throttle's cap, not the agent's queue, decides how many go out at once. One more for the
  // identity read, which the cap exempts: behind stalled reads to one endpoint it would wait in the agent.
  private handler(): NodeHttpHandler {
    const maxSockets = (this.options.socketCap ?? SOCKET_CAP) + 1;
    const handler = new NodeHttpHandler({
      requestTimeout: this.options.requestTimeoutMs ?? 30_000,
      socketTimeout: this.options.socketTimeoutMs ?? 30_000,
      throwOnRequestTimeout: true,
      connectionTimeout: 5_000,
      httpAgent: { maxSockets },
      httpsAgent: { maxSockets },
    });
    return withSignal(handler, this.options.signal);
  }

  /** The credentials every client of this factory signs with; an assumed role is assumed now (once, cached). */
  resolveCredentials(): Promise<AwsCredentialIdentity> {
    const c = this.credentials;
    return typeof c === 'function' ? c() : Promise.resolve(c);
  }

  destroy(): void {
    for (const c of this.clients.values()) (c as AnyClient).destroy?.();
    this.sharedHandler?.destroy();
  }

  // Each attempt waits for its bucket's token and a socket, inside the retry loop (a retry costs a token
  // at AWS too) and before signing (a long wait never sends a stale signature).
  // The identity read is exempt: the whole scan waits on that one call, so it never queues behind reads.
  private pace(client: AnyClient, service: string, region: string): void {
    // The bucket of each command, found once per client (a lookup per attempt was measurable CPU).
    const gates = new Map<string, RateGate | null>();
    const gateOf = (commandName = 'Unknown'): RateGate | null => {
      let gate = gates.get(commandName);
      if (gate === undefined) {
        const operation = commandName.replace(/Command$/, '');
        gate = service === 'STS' && operation === 'GetCallerIdentity' ? null : this.throttle.bucket(region, service, operation);
        gates.set(commandName, gate);
      }
      return gate;
    };
    client.middlewareStack.addRelativeTo(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        const gate = gateOf(context.commandName);
        if (!gate) return next(args);
        const release = await this.throttle.acquireOn(gate, this.options.signal);
        try {
          return await next(args);
        } finally {
          release();
        }
      },
      { relation: 'before', toMiddleware: 'httpSigningMiddleware', name: 'infraAuditThrottle' },
    );
  }

  // Count logical calls (before retries) and attempts (each try) for progress and the call budget, and
  // check every answer (after retries): a 200 without what the operation always returns is a failure.
  private instrument(client: AnyClient, service: string): void {
    const stats = this.stats;
    client.middlewareStack.add(
      (next: (a: unknown) => Promise<{ output: unknown }>, context: { commandName?: string }) => async (args: unknown) => {
        stats.calls++;
        const op = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
        stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
        const result = await next(args);
        checkAnswer(op, result.output);
        return result;
      },
      { step: 'initialize', name: 'infraAuditCallCounter' },
    );
    // The handler context is per call; seeing it twice inside the retry loop means a retry.
    const tried = new WeakSet<object>();
    client.middlewareStack.add(
      (next: (a: unknown) => Promise<unknown>, context: object) => async (args: unknown) => {
        stats.attempts++;
        if (tried.has(context)) this.onRetry?.(service);
        else tried.add(context);
        return next(args);
      },
      { step: 'finalizeRequest', name: 'infraAuditAttemptCounter', priority: 'low' },
    );
  }
}

/** One credential provider for every client, so an assumed role is assumed once and refreshed before expiry. */
function sharedCredentials(options: ClientOptions): AwsCredentialIdentityProvider {
  // The role is assumed with the given credentials when there are some (tests), else the default chain's.
  const base = options.credentials ?? fromNodeProviderChain(options.profile ? { profile: options.profile } : {});
  const provider = options.roleArn
    ? fromTemporaryCredentials({
        masterCredentials: base,
        params: { RoleArn: options.roleArn, RoleSessionName: 'infra-audit', ...(options.externalId && { ExternalId: options.externalId }) },
        // AssumeRole waits no longer than any read: a hung STS endpoint must not hold the account forever.
        clientConfig: {
          region: GLOBAL_STS_REGION,
          maxAttempts: options.maxAttempts ?? 8,
          requestHandler: withSignal(new NodeHttpHandler({ requestTimeout: options.requestTimeoutMs ?? 30_000, socketTimeout: options.socketTimeoutMs ?? 30_000, throwOnRequestTimeout: true, connectionTimeout: 5_000 }), options.signal),
          ...(options.endpoint && { endpoint: options.endpoint }),
        },
      })
    : typeof base === 'function' ? base : async () => base;
  return refreshingCache(provider);
}

/** The SDK takes an abort signal per send() only; the deadline's applies to every request of the handler instead. */
function withSignal(handler: NodeHttpHandler, signal: AbortSignal | undefined): NodeHttpHandler {
  if (!signal) return handler;
  const handle = handler.handle.bind(handler);
  handler.handle = (request, options = {}) => handle(request, { ...options, abortSignal: options.abortSignal ?? signal });
  return handler;
}

/**
 * The default chain's (or a profile's) credentials, resolved once and shared: a run over many accounts
 * assumes each account's role with them, and must not walk the chain (SSO, IMDS) once per account.
 */
export function chainCredentials(profile?: string): AwsCredentialIdentityProvider {
  return refreshingCache(fromNodeProviderChain(profile ? { profile } : {}));
}

/** Credentials are refreshed this long before they expire (the SDK's own margin). */
const REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * One fetch at a time, shared by every caller: the many clients of a scan asking at once (or while a
 * refresh is under way) cause one AssumeRole, not one each; STS's AssumeRole quota cannot be raised.
 */
export function refreshingCache(provider: AwsCredentialIdentityProvider, now: () => number = Date.now): AwsCredentialIdentityProvider {
  let current: AwsCredentialIdentity | undefined;
  let pending: Promise<AwsCredentialIdentity> | undefined;
  const fresh = (c: AwsCredentialIdentity) => !c.expiration || now() < c.expiration.getTime() - REFRESH_MARGIN_MS;
  return async () => {
    if (current && fresh(current)) return current;
    pending ??= provider().then(
      (creds) => {
        current = creds;
        pending = undefined;
        return creds;
      },
      (err: unknown) => {
        pending = undefined;
        throw err;
      },
    );
    return pending;
  };
}
