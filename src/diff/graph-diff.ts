// Run-to-run drift of the resource graph itself: which resources appeared, disappeared or changed
// (property by property), and which relations moved. Nodes are matched by id (the ARN).
import type { Gap, GraphEdge, GraphNode, Snapshot } from '../graph/types.js';
import { fieldsLeftUnknown } from '../engine/needs.js';
import { byCodeUnits } from '../text/order.js';

export interface NodeRef { id: string; type: string; region: string; name: string }

/** One changed value. `before`/`after` are absent when the key did not exist on that side. */
export interface PropertyChange { path: string; before?: unknown; after?: unknown }

export interface NodeChange extends NodeRef { changes: PropertyChange[] }

/** In one snapshot only, while the other could not read that type or region: evidence of nothing. */
export interface UnreadNode extends NodeRef { presentIn: 'old' | 'new'; why: string }

export interface GraphDiff {
  added: NodeRef[];
  removed: NodeRef[];
  changed: NodeChange[];
  unread: UnreadNode[];
  /** Relations between resources both snapshots could read (an unread node's edges are not compared). */
  edges: { added: GraphEdge[]; removed: GraphEdge[] };
}

/**
 * Arrays are sets unless listed here: AWS returns most lists (subnets, AZs, security groups, ARNs) in
 * no promised order, so a reordering is not drift. These are the lists whose order AWS acts on:
 * - props.cacheBehaviors: CloudFront applies the first behaviour whose path pattern matches.
 * Paths are dotted, without array indices (an element's keys continue the array's path).
 */
export const ORDER_SIGNIFICANT_PATHS: ReadonlySet<string> = new Set(['props.cacheBehaviors']);

/** The fields of a node that are compared (id is the key, so never a change). */
const COMPARED = ['type', 'region', 'account', 'name', 'tags', 'props'] as const;

export function diffGraphs(before: Snapshot, after: Snapshot): GraphDiff {
  const oldById = new Map(before.nodes.map((n) => [n.id, n]));
  const newById = new Map(after.nodes.map((n) => [n.id, n]));
  const diff: GraphDiff = { added: [], removed: [], changed: [], unread: [], edges: { added: [], removed: [] } };
  const unreadIds = new Set<string>();

  for (const node of after.nodes) {
    if (oldById.has(node.id)) continue;
    const why = unreadReason(before, node);
    if (why) {
      diff.unread.push({ ...refOf(node), presentIn: 'new', why: `the old snapshot ${why}` });
      unreadIds.add(node.id);
    } else diff.added.push(refOf(node));
  }
  for (const node of before.nodes) {
    const now = newById.get(node.id);
    if (!now) {
      const why = unreadReason(after, node);
      if (why) {
        diff.unread.push({ ...refOf(node), presentIn: 'old', why: `the new snapshot ${why}` });
        unreadIds.add(node.id);
      } else diff.removed.push(refOf(node));
      continue;
    }
    // A field a failed read left unknown on either side (tags from the tagging API) is no evidence of change.
    const unknown = [...unknownFields(before, node), ...unknownFields(after, now)];
    const changes = COMPARED.flatMap((key) => diffValues(node[key], now[key], key)).filter((c) => !unknown.some((u) => c.path === u || c.path.startsWith(`${u}.`)));
    if (changes.length) diff.changed.push({ ...refOf(now), changes });
  }

  const comparable = (e: GraphEdge) => !unreadIds.has(e.from) && !unreadIds.has(e.to);
  const oldEdges = new Map(before.edges.filter(comparable).map((e) => [edgeKey(e), e]));
  const newEdges = new Map(after.edges.filter(comparable).map((e) => [edgeKey(e), e]));
  for (const [key, e] of newEdges) if (!oldEdges.has(key)) diff.edges.added.push(e);
  for (const [key, e] of oldEdges) if (!newEdges.has(key)) diff.edges.removed.push(e);

  // Stable output whatever the snapshots' order.
  const byId = (a: { id: string }, b: { id: string }) => byCodeUnits(a.id, b.id);
  diff.added.sort(byId);
  diff.removed.sort(byId);
  diff.changed.sort(byId);
  diff.unread.sort(byId);
  diff.edges.added.sort((a, b) => byCodeUnits(edgeKey(a), edgeKey(b)));
  diff.edges.removed.sort((a, b) => byCodeUnits(edgeKey(a), edgeKey(b)));
  return diff;
}

export const graphChanged = (d: GraphDiff) =>
  d.added.length + d.removed.length + d.changed.length + d.edges.added.length + d.edges.removed.length > 0;

/** Why `snapshot` would not contain `node` even if it exists: region not collected, or a failed read. */
function unreadReason(snapshot: Snapshot, node: GraphNode): string | undefined {
  if (node.region !== 'global' && !snapshot.meta.regions.includes(node.region)) return `did not collect ${node.region}`;
  // A read that feeds only some props (or the tags) of the type keeps its resources when it fails.
  const gap = snapshot.gaps.find((g: Gap) => g.resourceTypes.includes(node.type) && (g.region === node.region || g.region === 'global') && fieldsLeftUnknown(g, node.type).length === 0);
  return gap && `could not read ${node.type} in ${gap.region} (${gap.service}:${gap.operation}: ${gap.code})`;
}

/** Paths of the node ("tags", "props.x") that a gap of the snapshot in its region left unknown. */
function unknownFields(snapshot: Snapshot, node: GraphNode): string[] {
  return snapshot.gaps
    .filter((g) => g.resourceTypes.includes(node.type) && (g.region === node.region || g.region === 'global'))
    .flatMap((g) => fieldsLeftUnknown(g, node.type).map((f) => (f === '@tags' ? 'tags' : `props.${f}`)));
}

/** Deep diff: objects key by key, arrays as a whole (as a set, or as a list where order matters). */
export function diffValues(before: unknown, after: unknown, path: string): PropertyChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], `${path}.${k}`));
  }
  if (canonical(before, path) === canonical(after, path)) return [];
  return [{ path, ...(before !== undefined && { before }), ...(after !== undefined && { after }) }];
}

/** A string equal for equal values: keys sorted, set-like arrays sorted, ordered arrays kept in order. */
export function canonical(value: unknown, path: string): string {
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v, path));
    if (!ORDER_SIGNIFICANT_PATHS.has(path)) items.sort();
    return `[${items.join(',')}]`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value).filter((k) => value[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(value[k], `${path}.${k}`)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const refOf = (n: GraphNode): NodeRef => ({ id: n.id, type: n.type, region: n.region, name: n.name });
const edgeKey = (e: GraphEdge) => `${e.from}\u0000${e.type}\u0000${e.to}`;
