// How a scenario's AWS answers become "recorded" exchanges: for every request the collectors make, the
// response the real API gives. Lists are split into several pages wherever the item count allows
// (SERVER_PAGE_SIZE: a server may return fewer items than MaxResults asked for), so every paginator
// and hand-written page loop runs. The mock (test/e2e/mock-aws.ts) and the loopback server
// (test/loopback/aws-server.ts) both answer from a Recording.

export type Json = Record<string, unknown>;
/** An error response, as the SDK raises it: `code` becomes the exception's name (and Code). */
export interface RecordedError { code: string; message: string; httpStatusCode: number }
export type Exchange = { input: Json; output: Json } | { input: Json; error: RecordedError };
/** Exchanges by operation ("EC2:DescribeSubnets": service as in the client's class name, then the operation). */
export type Recording = Record<string, Exchange[]>;

/** When the scenario is "recorded" (and every example collected): RDS restore lag is measured from it. */
export const RECORDED_AT = '2026-11-20T02:00:00Z';

/** When the account's resources were created (the many timestamps a collector ignores). */
export const CREATED = new Date('2025-03-14T09:26:53.000Z');

/**
 * Items per page the "server" returns for each list operation (at most what the request asked for).
 * Operations not named here return everything in one page.
 */
export const SERVER_PAGE_SIZE: Record<string, number> = {
  'SecretsManager:ListSecrets': 2,
  'EC2:DescribeVpcs': 2,
  'EC2:DescribeSubnets': 6,
  'EC2:DescribeRouteTables': 5,
  'EC2:DescribeInternetGateways': 2,
  'EC2:DescribeNatGateways': 1,
  'ElasticLoadBalancingV2:DescribeListeners': 1,
  'RDS:DescribeDBInstances': 2,
  'RDS:DescribeDBSubnetGroups': 1,
  'ElastiCache:DescribeCacheClusters': 3,
  'ECS:ListClusters': 1,
  'ECS:ListServices': 1,
  'ApplicationAutoScaling:DescribeScalingPolicies': 1,
  'CloudWatch:DescribeAlarms': 2,
  'S3:ListBuckets': 2,
  'KMS:ListKeys': 2,
  'SQS:ListQueues': 1,
  // Both S3's and SQS's tags: S3's four buckets take two pages.
  'ResourceGroupsTaggingAPI:GetResources': 3,
  'Route53:ListResourceRecordSets': 4,
};

/** A stable pseudo-random hex string (resource ids, request ids) from a seed. */
export function hex(seed: string, length = 17): string {
  let out = '';
  let h = 0x811c9dc5;
  for (let round = 0; out.length < length; round++) {
    for (const ch of `${seed}#${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, length);
}

/** A stable UUID-shaped string from a seed (request ids, lock tokens, event ids). */
export function uuid(seed: string): string {
  const h = hex(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** An opaque continuation token, as the services hand them out. */
function token(operation: string, page: number): string {
  return Buffer.from(JSON.stringify({ op: operation, page, v: 2 })).toString('base64');
}

/** Writes one region's exchanges; an operation the scenario refuses answers every request with its error. */
export class Recorder {
  readonly recording: Recording = {};

  constructor(readonly region: string, private readonly refused: Readonly<Record<string, RecordedError>> = {}) {}

  record(operation: string, ...exchanges: Exchange[]): void {
    const error = this.refused[operation];
    const answered = error ? exchanges.map(({ input }) => ({ input, error })) : exchanges;
    (this.recording[operation] ??= []).push(...answered);
  }

  /**
   * A list read as the server pages it: page 1 answers the request without a token, page N the request
   * carrying page N-1's token. `wrap` builds the output of one page (with the token for the next, if any).
   */
  paged<T>(operation: string, input: Json, items: T[], tokenIn: string, wrap: (items: T[], next: string | undefined) => Json): void {
    const size = SERVER_PAGE_SIZE[operation] ?? Math.max(1, items.length);
    const pages: T[][] = [];
    for (let i = 0; i < items.length; i += size) pages.push(items.slice(i, i + size));
    if (pages.length === 0) pages.push([]);
    pages.forEach((page, i) => {
      const next = i + 1 < pages.length ? token(operation, i + 2) : undefined;
      // The first page is the request without a token; a later page's token must match exactly.
      this.record(operation, { input: { ...input, [tokenIn]: i === 0 ? undefined : token(operation, i + 1) }, output: wrap(page, next) });
    });
  }
}

/**
 * One service of a scenario: its answers (data, in the SDK's output shapes), what a region without any
 * of its resources answers, and which request gets which answer. `global` services (CloudFront, WAF
 * for CloudFront, Route 53) are read once, from us-east-1, and recorded only there.
 */
export interface ScenarioService<N extends string, A> {
  name: N;
  global: boolean;
  answers: A;
  empty: A;
  record(answers: A, r: Recorder): void;
}

export const defineService = <const N extends string, A>(service: ScenarioService<N, A>): ScenarioService<N, A> => service;
