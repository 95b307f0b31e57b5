// The contract every collector (src/collect/<service>.ts) fulfils. Clients come in through the
// context: no module-level clients, no I/O at import.
import type { GraphEdge, GraphNode, Gap } from '../graph/types.js';
import type { ResourceType } from '../graph/resource-types.js';

export interface CollectOptions {
  /** Environment variable names whose plain values may be kept (declared non-secret by the spec). */
  keepEnvironmentValues: string[];
}

export interface ProgressEvent { kind: 'call' | 'retry' | 'resources' | 'done'; service: string; region: string; count?: number }

export interface CollectContext {
  /** The region this collector reads; "us-east-1" for the global services. */
  region: string;
  /** Known once the first answer is back (the identity is read alongside): read it after ctx.limit returns. */
  account: string;
  partition: string;
  /** When the collection started: derived ages (RPO lag) are measured from it, so re-runs are stable. */
  startedAt: Date;
  /** Returns the one client of that class for this region (shared config: retries, credentials, endpoints). */
  client<C>(ctor: new (config: any) => C): C;
  /** Runs a read (every call goes through it): its answer comes back once the account is known. */
  limit<T>(fn: () => Promise<T>): Promise<T>;
  options: CollectOptions;
  progress?: (event: ProgressEvent) => void;
}

export interface CollectResult {
  nodes: GraphNode[];
  edges: GraphEdge[];
  gaps: Gap[];
}

/**
 * `'*'`: the read decides which resources exist and every prop; a list: only those props, where
 * `'@tags'` stands for the resource's tags (a read that only tags resources others list).
 */
export type Feed = '*' | readonly string[];
export type Feeds = Partial<Record<ResourceType, Feed>>;

export interface ReadDecl {
  /** The SDK operation, e.g. "DescribeDBClusters". */
  operation: string;
  feeds: Feeds;
  /** 'region': made once per region (or per parent, e.g. services per cluster); 'item': once per listed resource or batch of them. */
  per: 'region' | 'item';
  /** Read through the SDK's paginator (every page before any node is made). */
  paged: boolean;
  /** The output field AWS always sends (answer.ts checks it); null when an empty answer is legitimate. */
  answer: string | null;
  /** Error codes that mean the resource was deleted between the list and this read: omitted, no gap. */
  gone?: readonly string[];
  /** The IAM action when it is not `<iamPrefix>:<operation>` (S3 ListBuckets is s3:ListAllMyBuckets). */
  action?: string;
  /**
   * A read made with another SDK client than the collector's (S3's tags come from the Resource Groups
   * Tagging API): its client class name without "Client", its package and IAM's prefix for it. Answers,
   * the IAM action, mocks, the loopback server and the fault matrix key the read by this client.
   */
  sdk?: { client: string; package: string; iamPrefix: string };
  /** Paged reads: items per page, as the collector asks (reader's pageSize()), or the service's default when it asks none. */
  pageSize?: number;
  /** Batch reads: the most items one call takes (reader's batchSize()). */
  batch?: number;
  /**
   * What the number of calls grows with (the call budget, test/e2e/scan.test.ts): nodes of `items`
   * (default: the first type the read feeds in full), and for a read made once per parent, the parent
   * type and the item prop naming the parent's id.
   */
  budget?: { items?: readonly ResourceType[]; per?: { type: ResourceType; via: string } };
}

/** What a collector file writes: the reads it makes and how it collects (see defineCollector in read.ts). */
export interface CollectorDecl {
  service: string;
  /** IAM's name for the service ("elasticloadbalancing" for elbv2). */
  iamPrefix: string;
  /** The SDK client class name without "Client" ("RDS", "ElasticLoadBalancingV2"): answer.ts keys by it. */
  sdkClient: string;
  /**
   * The SDK package the collector imports ("@aws-sdk/client-rds"): tests derive the mocked clients, the
   * loopback server's wire protocol and the fault matrix from it, so a new service edits no test table.
   */
  sdkPackage: string;
  global?: boolean;
  /** A regional service also read from us-east-1 when the scan does not cover it (CloudFront takes ACM certificates from there only). */
  alsoGlobalRegion?: boolean;
  reads: readonly ReadDecl[];
  collect(ctx: CollectContext): Promise<CollectResult>;
}

/** A declared collector, with what is derived from its reads. */
export interface Collector extends CollectorDecl {
  /** Every type its reads feed. */
  resourceTypes: ResourceType[];
  /** IAM actions of its reads, e.g. "ec2:DescribeVpcs" (iam/infra-audit-readonly.json must match). */
  actions: string[];
}
