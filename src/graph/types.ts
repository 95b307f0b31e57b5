// The resource graph: what collectors produce, snapshots store and rules read.
import type { ResourceType, PropsOf } from './resource-types.js';
import type { EdgeType } from './edge-types.js';

export interface GraphNode<T extends ResourceType = ResourceType> {
  /** The resource's ARN where it has one (the only id a user can paste into the console). */
  id: string;
  type: T;
  /** AWS region, or "global" for CloudFront, Route 53 and CLOUDFRONT-scope WAF. */
  region: string;
  account: string;
  name: string;
  tags: Record<string, string>;
  props: PropsOf<T>;
}

export interface GraphEdge {
  type: EdgeType;
  from: string;
  to: string;
}

/** A read that failed. Every rule that needs one of `resourceTypes` in `region` becomes `error`. */
export interface Gap {
  service: string;
  operation: string;
  region: string;
  code: string;
  message: string;
  resourceTypes: ResourceType[];
}

export interface SnapshotMeta {
  tool: { name: string; version: string };
  account: string;
  regions: string[];
  startedAt: string;
  finishedAt: string;
}

export interface Snapshot {
  schemaVersion: 1;
  meta: SnapshotMeta;
  nodes: GraphNode[];
  edges: GraphEdge[];
  gaps: Gap[];
}
