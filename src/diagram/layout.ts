// A snapshot's in-scope resources and the audit's results -> the diagram model (model.ts).
// Only the components a design document draws become nodes; every other in-scope resource (a task
// definition, an alarm, a key) is folded into the nearest drawn one, so its failures still mark the
// picture. Nothing that failed or could not be read is left out: what has no place gets one in "other".
import { Graph } from '../graph/graph.js';
import type { GraphNode, Snapshot } from '../graph/types.js';
import { computeScope } from '../engine/scope.js';
import type { SpecScope } from '../engine/spec.js';
import type { Check, Status, Subject } from '../engine/types.js';
import { typeLabel } from '../engine/labels.js';
import { diffGraphs } from '../diff/graph-diff.js';
import { byCodeUnits } from '../text/order.js';
import { worse, type DiagramGroup, type DiagramLink, type DiagramModel, type DiagramNode, type GroupRole, type Outcome } from './model.js';

/** What the layout reads of a result (a report's results, suppressions included, fit). */
export interface DiagramResult {
  status: Status;
  resource: { id: string; type: string };
  subject: Subject;
  check?: Check;
  item?: { section: string; name: string };
  suppression?: unknown;
}

export interface DiagramInput {
  snapshot: Snapshot;
  results: readonly DiagramResult[];
  scope: SpecScope;
  /** An earlier snapshot: what appeared or disappeared since is marked. */
  previous?: Snapshot;
}

/** The components a design document draws. Subnets are drawn inside their tier and AZ; a VPC is a group. */
const DRAWN: ReadonlySet<string> = new Set([
  'route53.hosted-zone', 'cloudfront.distribution', 'wafv2.web-acl', 'ec2.internet-gateway', 'ec2.nat-gateway', 'ec2.subnet',
  'elbv2.load-balancer', 'ecs.service', 'rds.db-instance', 'rds.db-cluster', 'elasticache.replication-group', 's3.bucket', 'sqs.queue',
]);

/** Where a resource outside any VPC goes, by its service. */
const CATEGORY_OF_SERVICE: Record<string, GroupRole> = {
  route53: 'edge', cloudfront: 'edge', wafv2: 'edge', acm: 'edge',
  ecs: 'services', lambda: 'services',
  rds: 'data', elasticache: 'data', s3: 'data', dynamodb: 'data',
  sqs: 'async', sns: 'async', events: 'async',
};

const CATEGORY_TITLES: Partial<Record<GroupRole, string>> = {
  edge: 'Edge: DNS, CDN, WAF', services: 'Services outside a VPC', data: 'Data outside a VPC', async: 'Async', other: 'Other in-scope resources',
};
const CATEGORY_ORDER: GroupRole[] = ['services', 'data', 'async', 'other'];

type Tier = 'public' | 'private' | 'isolated';
const TIER_ORDER: Tier[] = ['public', 'private', 'isolated'];
const TIER_TITLES: Record<Tier, string> = {
  public: 'public subnets (route to an internet gateway)',
  private: 'private subnets (default route through NAT)',
  isolated: 'isolated subnets (no default route)',
};
/** Where the document puts a component that is expected but missing, when there is one VPC to put it in. */
const DEFAULT_TIER: Record<string, Tier> = {
  'elbv2.load-balancer': 'public', 'ec2.nat-gateway': 'public', 'ecs.service': 'private',
  'rds.db-instance': 'isolated', 'rds.db-cluster': 'isolated', 'elasticache.replication-group': 'isolated',
};

/** Relations drawn as arrows, in the direction a request or the data flows. Containment is drawn as nesting. */
const FLOWS: Record<string, { label: string; reverse?: boolean }> = {
  'alias-to': { label: 'alias' },
  origin: { label: 'origin' },
  'protected-by': { label: 'protected by' },
  'registered-with': { label: 'forwards to', reverse: true },
  'replica-of': { label: 'replicates to', reverse: true },
};

/** How far a resource that is not drawn looks for the drawn one it belongs to. */
const FOLD_DEPTH = 5;

export function buildDiagram({ snapshot, results, scope, previous }: DiagramInput): DiagramModel {
  const notes: string[] = [];
  const current = Graph.of(snapshot);
  const inScope = computeScope(current, scope);
  const appeared = new Set<string>();
  let combined = snapshot;
  const disappeared = new Set<string>();
  if (previous) {
    const diff = diffGraphs(previous, snapshot);
    const before = new Graph(previous);
    const inScopeBefore = computeScope(before, scope);
    for (const n of diff.added) if (inScope.has(n.id)) appeared.add(n.id);
    for (const n of diff.removed) if (inScopeBefore.has(n.id)) disappeared.add(n.id);
    const gone = previous.nodes.filter((n) => disappeared.has(n.id));
    const goneEdges = previous.edges.filter((e) => disappeared.has(e.from) || disappeared.has(e.to));
    combined = { ...snapshot, nodes: [...snapshot.nodes, ...gone], edges: [...snapshot.edges, ...goneEdges] };
    for (const id of disappeared) inScope.add(id);
  }
  const graph = previous ? new Graph(combined) : current;
  const members = [...inScope].map((id) => graph.byId.get(id)!).filter(Boolean).sort((a, b) => byCodeUnits(a.id, b.id));
  const isDrawn = (n: GraphNode) => DRAWN.has(n.type);
  // Today's results are about today's resources: a disappeared one is drawn, never marked by them.
  const present = new Set([...inScope].filter((id) => !disappeared.has(id)));

  // Outcomes per drawn node (or VPC), from the results about it and about what folds into it.
  const marks = new Map<string, { outcome: Outcome; fails: number; errors: number }>();
  const mark = (key: string, r: DiagramResult) => {
    const m = marks.get(key) ?? { outcome: 'unchecked' as Outcome, fails: 0, errors: 0 };
    const o = outcomeOf(r);
    m.outcome = worse(m.outcome, o);
    if (o === 'fail') m.fails++;
    if (o === 'error') m.errors++;
    marks.set(key, m);
  };
  const owners = new Map<string, string[]>();
  const ownersOf = (id: string): string[] => {
    let found = owners.get(id);
    if (!found) owners.set(id, (found = foldTarget(graph, present, id)));
    return found;
  };
  const targetsOf = (id: string): string[] => {
    const node = graph.byId.get(id);
    if (!node || !present.has(id)) return [];
    return isDrawn(node) || node.type === 'ec2.vpc' ? [id] : ownersOf(id);
  };

  const builder = new GroupBuilder();
  const missing = new Map<string, { node: DiagramNode; type: string }>();
  const unread = new Map<string, { node: DiagramNode; type: string }>();
  const inScopeOfType = (type: string) => members.filter((n) => n.type === type && !disappeared.has(n.id));
  const strays = new Set<string>();

  for (const r of results) {
    if (r.subject.kind === 'rules') continue; // a composite's parts carry its outcome
    if (r.subject.kind === 'cost') continue; // the cost estimate is about no one box
    if (r.subject.kind === 'resource') {
      const targets = targetsOf(r.resource.id);
      if (targets.length) for (const t of targets) mark(t, r);
      else if (outcomeOf(r) === 'fail' || outcomeOf(r) === 'error') {
        // In scope but attached to nothing drawn: it still shows, under "other".
        strays.add(r.resource.id);
        mark(r.resource.id, r);
      }
      continue;
    }
    const type = r.subject.type;
    if (r.status === 'fail' && r.check?.kind === 'selected') {
      const key = `missing:${type}:${r.item ? `${r.item.section}/${r.item.name}` : ''}`;
      const entry = missing.get(key) ?? { type, node: emptyNode(key, r.item ? r.item.name : typeLabel(type, false), typeLabel(type, false)) };
      entry.node.missing = true;
      markNode(entry.node, r);
      missing.set(key, entry);
      continue;
    }
    const nodes = inScopeOfType(type);
    if (nodes.length) {
      for (const t of new Set(nodes.flatMap((n) => targetsOf(n.id)))) mark(t, r);
    } else if (outcomeOf(r) === 'fail' || outcomeOf(r) === 'error') {
      // Nothing of the type to mark, typically because it could not be read: the picture says so.
      const key = `unread:${type}:${r.subject.region ?? '*'}`;
      const entry = unread.get(key) ?? { type, node: emptyNode(key, typeLabel(type), r.status === 'error' ? 'could not read' : 'none in scope') };
      markNode(entry.node, r);
      unread.set(key, entry);
    }
  }

  const nodeOf = (n: GraphNode): DiagramNode => {
    const m = marks.get(n.id);
    return {
      key: n.id, name: n.name || n.id, kind: typeLabel(n.type, false), outcome: m?.outcome ?? 'unchecked', fails: m?.fails ?? 0, errors: m?.errors ?? 0,
      ...(appeared.has(n.id) && { change: 'appeared' as const }), ...(disappeared.has(n.id) && { change: 'disappeared' as const }),
    };
  };

  // Network first: VPCs, and each subnet in its tier and AZ.
  const vpcGroup = (vpcId: string): DiagramGroup => {
    const vpc = graph.byId.get(vpcId);
    const m = marks.get(vpcId);
    const cidr = vpc && typeof (vpc.props as { cidrBlock?: unknown }).cidrBlock === 'string' ? ` ${(vpc.props as { cidrBlock: string }).cidrBlock}` : '';
    const title = `VPC ${vpc?.name || vpcId}${cidr}${vpc ? ` · ${vpc.region}` : ''}${appeared.has(vpcId) ? ' · appeared' : ''}${disappeared.has(vpcId) ? ' · disappeared' : ''}`;
    return builder.top(`vpc:${vpcId}`, title, 'vpc', m?.outcome ?? (vpc ? 'unchecked' : undefined));
  };
  for (const n of members) if (n.type === 'ec2.vpc') vpcGroup(n.id);
  const subnetPlace = new Map<string, { vpc: string; tier: Tier; az: string }>();
  for (const n of members) {
    if (n.type !== 'ec2.subnet') continue;
    const vpc = vpcOf(graph, n);
    const az = stringProp(n, 'availabilityZone') ?? '(no AZ)';
    const place = { vpc: vpc ?? 'unknown', tier: tierOf(n), az };
    subnetPlace.set(n.id, place);
    tierGroup(builder, vpcGroup(place.vpc), place.vpc, place.tier, az).nodes.push(nodeOf(n));
  }

  for (const n of members) {
    if (!isDrawn(n) || n.type === 'ec2.subnet') continue;
    const node = nodeOf(n);
    const subnets = subnetsOf(graph, n).map((s) => subnetPlace.get(s)).filter((p) => p !== undefined);
    const vpcs = new Set(subnets.map((p) => p.vpc));
    if (subnets.length && vpcs.size === 1) {
      const vpc = vpcGroup([...vpcs][0]!);
      const tiers = new Set(subnets.map((p) => p.tier));
      if (tiers.size > 1) { vpc.nodes.push(node); continue; }
      const tier = [...tiers][0]!;
      const own = stringProp(n, 'availabilityZone');
      const azs = own ? [own] : [...new Set(subnets.map((p) => p.az))];
      tierGroup(builder, vpc, [...vpcs][0]!, tier, azs.length === 1 ? azs[0] : undefined).nodes.push(node);
      continue;
    }
    const vpc = vpcs.size ? undefined : vpcOf(graph, n);
    if (vpc) vpcGroup(vpc).nodes.push(node);
    else categoryGroup(builder, n.type).nodes.push(node);
  }

  // What the spec expects and no resource is, and what could not be read: where the document has it.
  const vpcKeys = builder.tops.filter((g) => g.role === 'vpc');
  for (const { node, type } of [...missing.values(), ...unread.values()].sort((a, b) => byCodeUnits(a.node.key, b.node.key))) {
    const tier = DEFAULT_TIER[type];
    if (tier && vpcKeys.length === 1) tierGroup(builder, vpcKeys[0]!, vpcKeys[0]!.key.slice(4), tier).nodes.push(node);
    else categoryGroup(builder, type).nodes.push(node);
  }
  for (const id of [...strays].sort(byCodeUnits)) {
    const n = graph.byId.get(id);
    if (n) builder.top('other', CATEGORY_TITLES.other!, 'other').nodes.push(nodeOf(n));
  }

  const links = linksOf(graph, members, targetsOf, builder);
  const foldedChanges = [...appeared, ...disappeared].filter((id) => { const n = graph.byId.get(id); return n && !isDrawn(n) && n.type !== 'ec2.vpc'; });
  if (foldedChanges.length) {
    const kinds = [...new Set(foldedChanges.map((id) => typeLabel(graph.byId.get(id)!.type)))].sort(byCodeUnits);
    notes.push(`${foldedChanges.length} in-scope resource${foldedChanges.length === 1 ? '' : 's'} not drawn as a box appeared or disappeared (${kinds.join(', ')}): see the drift section.`);
  }
  return { groups: builder.ordered(), links, notes };
}

function outcomeOf(r: DiagramResult): Outcome {
  if (r.status === 'fail') return r.suppression ? 'suppressed' : 'fail';
  if (r.status === 'error') return 'error';
  return r.status === 'pass' ? 'pass' : 'unchecked';
}

function emptyNode(key: string, name: string, kind: string): DiagramNode {
  return { key, name, kind, outcome: 'unchecked', fails: 0, errors: 0 };
}

function markNode(node: DiagramNode, r: DiagramResult) {
  const o = outcomeOf(r);
  node.outcome = worse(node.outcome, o);
  if (o === 'fail') node.fails++;
  if (o === 'error') node.errors++;
}

/**
 * The drawn resources a resource that is not drawn belongs to: the nearest ones along any edge
 * (a container -> its task definition -> the service running it). Components are preferred to the
 * network (a subnet group belongs to its database rather than to its subnets).
 */
function foldTarget(graph: Graph, inScope: ReadonlySet<string>, id: string): string[] {
  const seen = new Set([id]);
  let frontier = [id];
  for (let depth = 0; depth < FOLD_DEPTH && frontier.length; depth++) {
    const found: string[] = [];
    const next: string[] = [];
    for (const at of frontier) {
      for (const e of [...graph.edgesFrom(at), ...graph.edgesTo(at)]) {
        const other = e.from === at ? e.to : e.from;
        if (seen.has(other) || !inScope.has(other)) continue;
        seen.add(other);
        const node = graph.byId.get(other);
        if (!node) continue;
        if (DRAWN.has(node.type) || node.type === 'ec2.vpc') found.push(other);
        else next.push(other);
      }
    }
    if (found.length) {
      const components = found.filter((f) => !['ec2.subnet', 'ec2.vpc'].includes(graph.byId.get(f)!.type));
      return (components.length ? components : found).sort(byCodeUnits);
    }
    frontier = next;
  }
  return [];
}

function tierOf(subnet: GraphNode): Tier {
  const p = subnet.props as { routesToInternetGateway?: unknown; defaultRoute?: unknown };
  if (p.routesToInternetGateway === true) return 'public';
  return p.defaultRoute ? 'private' : 'isolated';
}

function stringProp(n: GraphNode, key: string): string | undefined {
  const v = (n.props as Record<string, unknown>)[key];
  return typeof v === 'string' && v ? v : undefined;
}

function vpcOf(graph: Graph, n: GraphNode): string | undefined {
  const viaEdge = graph.neighbours(n.id, 'in-vpc')[0] ?? graph.neighbours(n.id, 'attached-to').find((v) => v.type === 'ec2.vpc');
  if (viaEdge) return viaEdge.id;
  const vpcId = stringProp(n, 'vpcId');
  return vpcId ? [...graph.byId.values()].find((v) => v.type === 'ec2.vpc' && stringProp(v, 'vpcId') === vpcId)?.id : undefined;
}

/** The subnets a resource runs in: directly, or through its subnet group. */
function subnetsOf(graph: Graph, n: GraphNode): string[] {
  const direct = graph.neighbours(n.id, 'in-subnet').map((s) => s.id);
  const viaGroup = graph.neighbours(n.id, 'in-subnet-group').flatMap((g) => graph.neighbours(g.id, 'in-subnet').map((s) => s.id));
  return [...new Set([...direct, ...viaGroup])];
}

function linksOf(graph: Graph, members: GraphNode[], targetsOf: (id: string) => string[], builder: GroupBuilder): DiagramLink[] {
  const drawn = new Set(builder.tops.flatMap(function all(g: DiagramGroup): string[] { return [...g.nodes.map((n) => n.key), ...g.groups.flatMap(all)]; }));
  const seen = new Set<string>();
  const links: DiagramLink[] = [];
  for (const n of members) {
    for (const e of graph.edgesFrom(n.id)) {
      const flow = FLOWS[e.type];
      if (!flow) continue;
      const [a, b] = flow.reverse ? [e.to, e.from] : [e.from, e.to];
      for (const from of targetsOf(a)) for (const to of targetsOf(b)) {
        const key = `${from}\u0000${to}\u0000${flow.label}`;
        if (from === to || seen.has(key) || !drawn.has(from) || !drawn.has(to)) continue;
        seen.add(key);
        links.push({ from, to, label: flow.label });
      }
    }
  }
  return links.sort((x, y) => byCodeUnits(x.from, y.from) || byCodeUnits(x.to, y.to) || byCodeUnits(x.label, y.label));
}

function categoryGroup(builder: GroupBuilder, type: string): DiagramGroup {
  const role = CATEGORY_OF_SERVICE[type.split('.')[0]!] ?? 'other';
  return builder.top(role, CATEGORY_TITLES[role]!, role);
}

function tierGroup(builder: GroupBuilder, vpc: DiagramGroup, vpcId: string, tier: Tier, az?: string): DiagramGroup {
  const t = builder.child(vpc, `tier:${vpcId}:${tier}`, TIER_TITLES[tier], 'tier');
  return az ? builder.child(t, `az:${vpcId}:${tier}:${az}`, az, 'az') : t;
}

/** Groups by key, created on first use, put in the document's order at the end. */
class GroupBuilder {
  readonly tops: DiagramGroup[] = [];
  private readonly byKey = new Map<string, DiagramGroup>();

  top(key: string, title: string, role: GroupRole, outcome?: Outcome): DiagramGroup {
    let g = this.byKey.get(key);
    if (!g) {
      g = { key, title, role, ...(outcome && { outcome }), groups: [], nodes: [] };
      this.byKey.set(key, g);
      this.tops.push(g);
    }
    return g;
  }

  child(parent: DiagramGroup, key: string, title: string, role: GroupRole): DiagramGroup {
    let g = this.byKey.get(key);
    if (!g) {
      g = { key, title, role, groups: [], nodes: [] };
      this.byKey.set(key, g);
      parent.groups.push(g);
    }
    return g;
  }

  /** Edge first, then each VPC, then services, data, async, other; tiers public to isolated; AZs and nodes by name. */
  ordered(): DiagramGroup[] {
    const rank = (g: DiagramGroup) => (g.role === 'edge' ? 0 : g.role === 'vpc' ? 1 : 2 + CATEGORY_ORDER.indexOf(g.role));
    const sortTree = (g: DiagramGroup) => {
      g.nodes.sort((a, b) => byCodeUnits(a.kind, b.kind) || byCodeUnits(a.name, b.name) || byCodeUnits(a.key, b.key));
      g.groups.sort((a, b) => tierRank(a) - tierRank(b) || byCodeUnits(a.title, b.title));
      g.groups.forEach(sortTree);
    };
    const tops = [...this.tops].sort((a, b) => rank(a) - rank(b) || byCodeUnits(a.title, b.title) || byCodeUnits(a.key, b.key));
    tops.forEach(sortTree);
    return tops;
  }
}

const tierRank = (g: DiagramGroup) => (g.role === 'tier' ? TIER_ORDER.findIndex((t) => g.key.endsWith(`:${t}`)) : 0);
