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
  account: string;
  partition: string;
  /** When the collection started: derived ages (RPO lag) are measured from it, so re-runs are stable. */
  startedAt: Date;
  /** Returns the one client of that class for this region (shared config: retries, credentials, endpoints). */
  client<C>(ctor: new (config: any) => C): C;
  /** Runs a call under the service's concurrency limit. */
  limit<T>(fn: () => Promise<T>): Promise<T>;
  options: CollectOptions;
  progress?: (event: ProgressEvent) => void;
}

export interface CollectResult {
  nodes: GraphNode[];
  edges: GraphEdge[];
  gaps: Gap[];
}

export interface Collector {
  /** Service name as users filter by it (matches RESOURCE_TYPES[*].service). */
  service: string;
  /** Read once from us-east-1 instead of once per region. */
  global?: boolean;
  resourceTypes: ResourceType[];
  /** IAM actions this collector calls, e.g. "ec2:DescribeVpcs" (iam/infra-audit-readonly.json must match). */
  actions: string[];
  collect(ctx: CollectContext): Promise<CollectResult>;
}
