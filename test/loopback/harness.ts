// A ShopFlow-size account on the wire: the loopback server answering from the ShopFlow scenario (test/scenario/),
// and ClientFactory options pointing real SDK clients at it with short timeouts.
import type { ClientOptions } from '../../src/collect/clients.js';
import { shopflowAccount } from '../e2e/aws-fixtures.js';
import { AwsLoopbackServer } from './aws-server.js';

export const LOOPBACK_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' };

/** The ShopFlow account; `s3Compatible` drops ListBuckets' BucketRegion, as S3-compatible endpoints do. */
export async function shopflowServer(opts: { s3Compatible?: boolean } = {}): Promise<AwsLoopbackServer> {
  const account = shopflowAccount();
  if (opts.s3Compatible) {
    for (const recording of Object.values(account.regions)) {
      for (const exchange of recording['S3:ListBuckets'] ?? []) {
        if ('output' in exchange) for (const b of (exchange.output.Buckets as Record<string, unknown>[] | undefined) ?? []) delete b.BucketRegion;
      }
      const names = (recording['S3:ListBuckets'] ?? []).flatMap((e) => ('output' in e ? ((e.output.Buckets as { Name: string }[] | undefined) ?? []) : []));
      recording['S3:GetBucketLocation'] = names.map((b) => ({ input: { Bucket: b.Name }, output: {} })); // us-east-1: no constraint
    }
  }
  return AwsLoopbackServer.start(account.regions);
}

/**
 * Real clients against the server, with waits of about a second: short enough for fast tests, long
 * enough that a busy event loop (several scans compiling rules at once) does not time out healthy calls.
 */
export function loopbackClientOptions(server: AwsLoopbackServer, overrides: Partial<ClientOptions> = {}): ClientOptions {
  // Eight requests in flight per scan: tests run many scans at once against servers in the same
  // process, and a request sent to a starved server waits on its (short) socket timeout.
  return { endpoint: server.endpoint, credentials: LOOPBACK_CREDENTIALS, maxAttempts: 2, requestTimeoutMs: 3_000, socketTimeoutMs: 1_000, socketCap: 8, ...overrides };
}
