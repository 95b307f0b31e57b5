// The architecture as a picture, before any syntax: groups laid out like the design document (edge,
// per VPC its subnet tiers per AZ, services, data, async), nodes marked by their worst outcome, and
// the flows between them. Mermaid (mermaid.ts) and the HTML page's SVG (svg.ts) both draw this model,
// so the step summary and the page show the same picture.

/** The worst outcome among the results about a node (and the resources folded into it). */
export type Outcome = 'fail' | 'error' | 'suppressed' | 'pass' | 'unchecked';

/** Worst first: a failure outranks "could not read", which outranks any pass. */
export const OUTCOME_RANK: Record<Outcome, number> = { fail: 0, error: 1, suppressed: 2, pass: 3, unchecked: 4 };

export const OUTCOME_WORDS: Record<Outcome, string> = {
  fail: 'fails',
  error: 'could not read',
  suppressed: 'accepted failure',
  pass: 'passes',
  unchecked: 'not checked',
};

export interface DiagramNode {
  /** Unique in the model: a resource id, or `missing:`/`unread:` plus what was expected. */
  key: string;
  name: string;
  /** What the resource is, in words ("ECS service"). */
  kind: string;
  outcome: Outcome;
  /** Results that failed / could not be checked, the node's own and those of resources folded into it. */
  fails: number;
  errors: number;
  /** Expected by the spec (a rule selected fewer than it requires) and not found: drawn dashed. */
  missing?: boolean;
  /** Since the previous snapshot. */
  change?: 'appeared' | 'disappeared';
}

export type GroupRole = 'edge' | 'vpc' | 'tier' | 'az' | 'services' | 'data' | 'async' | 'other';

export interface DiagramGroup {
  key: string;
  title: string;
  role: GroupRole;
  /** The worst outcome of the group's own resource (a VPC's), when it is one. */
  outcome?: Outcome;
  groups: DiagramGroup[];
  nodes: DiagramNode[];
}

export interface DiagramLink {
  from: string;
  to: string;
  label: string;
}

export interface DiagramModel {
  groups: DiagramGroup[];
  links: DiagramLink[];
  /** What a reader must know that the picture cannot show (folded or undrawn changes, unread types). */
  notes: string[];
}

export const worse = (a: Outcome, b: Outcome): Outcome => (OUTCOME_RANK[a] <= OUTCOME_RANK[b] ? a : b);

/** Every node of a group and its descendants. */
export function nodesOf(group: DiagramGroup): DiagramNode[] {
  return [...group.nodes, ...group.groups.flatMap(nodesOf)];
}

/** One line saying what a node is and what happened to it, for labels and tooltips. */
export function statusLine(node: DiagramNode): string {
  const parts: string[] = [];
  if (node.missing) parts.push('missing: expected by the spec');
  if (node.change === 'appeared') parts.push('appeared');
  if (node.change === 'disappeared') parts.push('disappeared');
  if (node.fails) parts.push(`${node.fails} failing`);
  if (node.errors) parts.push(`${node.errors} could not read`);
  if (!node.fails && !node.errors && !node.missing) parts.push(OUTCOME_WORDS[node.outcome]);
  return parts.join(' · ');
}
