// One place that configures every SDK client: the default credential chain (env, profiles, SSO, web
// identity, instance roles) or an assumed role, adaptive retries for throttling, timeouts, and call
// counting. Endpoint overrides need nothing here: the SDK reads AWS_ENDPOINT_URL(_<SERVICE>) itself.
import { fromNodeProviderChain, fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

export interface ClientOptions {
  profile?: string;
  roleArn?: string;
  externalId?: string;
  /** Attempts per call, including the first (the SDK's adaptive mode backs off and rate-limits). */
  maxAttempts?: number;
  /** Per-request timeout; a call that hangs becomes a gap instead of hanging the audit. */
  requestTimeoutMs?: number;
  /** Tests inject credentials so no real chain is consulted. */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** One endpoint for every client: for tests and local emulators; users set AWS_ENDPOINT_URL(_<SERVICE>) instead. */
  endpoint?: string;
}

export interface CallStats { calls: number; attempts: number; byOperation: Record<string, number> }

/** STS for AssumeRole; any region works, the credentials it returns are global. */
const GLOBAL_STS_REGION = 'us-east-1';

type AnyClient = { middlewareStack: { add: (mw: any, opts: any) => void }; destroy?: () => void };
type Ctor<C> = new (config: any) => C;

export class ClientFactory {
  readonly stats: CallStats = { calls: 0, attempts: 0, byOperation: {} };
  private readonly clients = new Map<string, unknown>();
  private readonly credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;

  constructor(private readonly options: ClientOptions = {}, private readonly onRetry?: (service: string) => void) {
    this.credentials = options.roleArn || !options.credentials ? sharedCredentials(options) : options.credentials;
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
        // Without throwOnRequestTimeout the handler only logs a warning when requestTimeout passes and
        // keeps waiting (@smithy/node-http-handler 4.x); with it, the call fails with a TimeoutError.
        requestHandler: { requestTimeout: this.options.requestTimeoutMs ?? 30_000, throwOnRequestTimeout: true, connectionTimeout: 5_000 },
        ...(this.options.profile && !this.options.credentials && { profile: this.options.profile }),
        ...(this.options.endpoint && { endpoint: this.options.endpoint }),
      });
      this.instrument(client as unknown as AnyClient, ctor.name.replace(/Client$/, ''));
      this.clients.set(key, client);
    }
    return client;
  }

  destroy(): void {
    for (const c of this.clients.values()) (c as AnyClient).destroy?.();
  }

  // Count logical calls (before retries) and attempts (each try) for progress and the call budget.
  private instrument(client: AnyClient, service: string): void {
    const stats = this.stats;
    client.middlewareStack.add(
      (next: (a: unknown) => Promise<unknown>, context: { commandName?: string }) => async (args: unknown) => {
        stats.calls++;
        const op = `${service}:${(context.commandName ?? 'Unknown').replace(/Command$/, '')}`;
        stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
        return next(args);
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
        clientConfig: { region: GLOBAL_STS_REGION, ...(options.endpoint && { endpoint: options.endpoint }) },
      })
    : typeof base === 'function' ? base : async () => base;
  let cached: Promise<AwsCredentialIdentity> | undefined;
  let expiresAt = 0;
  return async () => {
    if (!cached || Date.now() > expiresAt - 5 * 60_000) {
      cached = provider();
      const creds = await cached.catch((err) => {
        cached = undefined;
        throw err;
      });
      expiresAt = creds.expiration ? creds.expiration.getTime() : Number.POSITIVE_INFINITY;
    }
    return cached;
  };
}
