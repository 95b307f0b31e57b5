// `infra-audit init`: a specVersion 2 spec written from what a snapshot holds, as a baseline the same
// account passes, for a team to edit toward its design document. One item per in-scope resource of each
// kind a spec knows, recognised by its exact name, holding every value the account has today; a value
// the snapshot does not know is left out (its rules then skip and say so), never guessed.
import { Graph } from '../graph/graph.js';
import type { GraphNode, Snapshot } from '../graph/types.js';
import { UsageError } from '../errors.js';
import { schemaValidator } from '../input/schemas.js';
import { computeScope, describeScope, scopeMatchesAny } from './scope.js';
import type { SpecScope } from './spec.js';
import type { SpecV2 } from './spec-v2-schema.js';
import { compact, list, props, Scoped, str, type Props } from './spec-init-read.js';
import { distributionValues, loadBalancerValues, networkValues, zoneValues } from './spec-init-network.js';
import { applicationContainer, serviceTaskDefinition, serviceValues } from './spec-init-service.js';
import { addDerived } from './spec-init-derive.js';
import { auroraClusterValues, bucketValues, cacheValues, rdsInstanceValues } from './spec-init-data.js';

export interface InitOptions {
  /** How the application's resources are recognised (tags and/or a name prefix); written as the spec's scope. */
  scope: SpecScope;
  /** The application's name; default: the scope's `app` tag, else its first tag's value, else its name prefix. */
  application?: string;
  /** The spec's region; default: the region most of the in-scope resources are in. */
  region?: string;
  /** The spec's `$schema` (for editors), e.g. a path relative to where the spec is written. */
  schemaRef?: string;
}

export interface InitResult {
  spec: SpecV2;
  /** In-scope resources, and the items written for them. */
  inScope: number;
  items: number;
}

type Kind = {
  section: string;
  nodes: (s: Scoped) => GraphNode[];
  values: (s: Scoped, node: GraphNode) => Props;
  /** What the item's name is made from, when the resource's name says little (a distribution's id). */
  label?: (node: GraphNode) => string | undefined;
  /** How the item is recognised, when its exact name is not enough. */
  match?: (s: Scoped, node: GraphNode) => Props;
  /** The resources nested objects of the item are about, by path, for the schema's annotated keys (spec-init-derive.ts). */
  anchors?: (s: Scoped, node: GraphNode) => Record<string, GraphNode | undefined>;
};

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An Aurora cluster's rules read its instances as well as the cluster: the item recognises exactly the
 * cluster and its members by name (a prefix would also take another cluster named like it).
 */
function clusterMatch(s: Scoped, node: GraphNode): Props {
  const names = [node.name, ...s.related(node, 'member-of', 'rds.db-instance', true).map((m) => m.name)].filter((n) => n !== '');
  return names.length > 1 ? { namePattern: `^(${names.map(escapeRegex).join('|')})$` } : { name: node.name };
}

// In the order docs/spec-v2.md lists the sections. A database is a standalone writer or an Aurora
// cluster: a cluster's instances are its members, never databases of their own.
const KINDS: Kind[] = [
  { section: 'networks', nodes: (s) => s.ofType('ec2.vpc').filter((n) => props(n).isDefault === false), values: networkValues },
  { section: 'edge', nodes: (s) => s.ofType('cloudfront.distribution'), values: distributionValues, label: (n) => str(list(props(n).aliases)[0]) },
  { section: 'loadBalancers', nodes: (s) => s.ofType('elbv2.load-balancer'), values: loadBalancerValues },
  { section: 'services', nodes: (s) => s.ofType('ecs.service'), values: serviceValues, anchors: (s, n) => ({ taskDefinition: serviceTaskDefinition(s, n), 'taskDefinition/container': applicationContainer(s, n) }) },
  {
    section: 'databases',
    nodes: (s) => [...s.ofType('rds.db-instance').filter((n) => props(n).role === 'writer' && !props(n).dbClusterIdentifier), ...s.ofType('rds.db-cluster')],
    values: (s, n) => (n.type === 'rds.db-cluster' ? auroraClusterValues(s, n) : rdsInstanceValues(s, n)),
    match: (s, n) => (n.type === 'rds.db-cluster' ? clusterMatch(s, n) : { name: n.name }),
  },
  { section: 'caches', nodes: (s) => s.ofType('elasticache.replication-group'), values: (_, n) => cacheValues(n) },
  { section: 'queues', nodes: (s) => s.ofType('sqs.queue'), values: () => ({}) },
  { section: 'buckets', nodes: (s) => s.ofType('s3.bucket'), values: (_, n) => bucketValues(n) },
  { section: 'dns', nodes: (s) => s.ofType('route53.hosted-zone').filter((n) => props(n).privateZone === false), values: zoneValues },
];

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]+$/;

export function initSpec(snapshot: Snapshot, options: InitOptions): InitResult {
  const scope = scopeOf(options.scope);
  if (!scopeMatchesAny(snapshot.nodes, scope)) {
    throw new UsageError(`no resource in the snapshot belongs to the scope (${describeScope(scope)}), so there is nothing to write; check the tags and name prefix against the account's resources`);
  }
  const graph = Graph.of(snapshot);
  const inScope = computeScope(graph, scope);
  const scoped = new Scoped(graph, inScope);
  const application = applicationOf(options, scope);
  const region = regionOf(options, graph, inScope);

  let items = 0;
  const sections: Props = {};
  for (const kind of KINDS) {
    const taken = new Set<string>();
    const entries = kind.nodes(scoped).map((node) => {
      const values = compact(kind.values(scoped, node)) ?? {};
      const own = node.region !== 'global' && node.region !== region ? { region: node.region } : {};
      const key = itemKey(kind.label?.(node) ?? node.name, application, snapshot.meta.account);
      const item = { ...(node.name && { match: kind.match?.(scoped, node) ?? { name: node.name } }), ...own, ...values };
      return [uniqueKey(key, taken), addDerived(scoped, kind.section, node, item, kind.anchors?.(scoped, node))] as const;
    });
    if (!entries.length) continue;
    items += entries.length;
    sections[kind.section] = Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  const spec = {
    ...(options.schemaRef && { $schema: options.schemaRef }),
    specVersion: 2,
    application,
    region,
    scope,
    ...sections,
  } as unknown as SpecV2;
  // Ours to get right, not the user's: what init writes must be a spec check accepts.
  const validate = schemaValidator('specV2');
  if (!validate(spec)) throw new Error(`init produced a spec the v2 schema refuses: ${JSON.stringify(validate.errors)}`);
  return { spec, inScope: inScope.size, items };
}

function scopeOf(scope: SpecScope): SpecScope {
  const tags = Object.entries(scope.tags ?? {});
  for (const [key] of tags) if (!key) throw new UsageError('a scope tag needs a key: --tag KEY=VALUE');
  const prefix = scope.namePrefix;
  if (!tags.length && !prefix) throw new UsageError("say which resources are the application's: --tag KEY=VALUE and/or --name-prefix PREFIX");
  return { ...(tags.length && { tags: Object.fromEntries(tags) }), ...(prefix && { namePrefix: prefix }) };
}

function applicationOf(options: InitOptions, scope: SpecScope): string {
  if (options.application !== undefined) {
    if (!NAME.test(options.application)) throw new UsageError(`--application ${JSON.stringify(options.application)}: must be lowercase letters, digits and '-', starting with a letter or digit`);
    return options.application;
  }
  const tags = scope.tags ?? {};
  const guess = slug(tags.app ?? Object.values(tags)[0] ?? scope.namePrefix ?? '');
  if (!guess) throw new UsageError('cannot tell the application\'s name from the scope: give --application NAME');
  return guess;
}

function regionOf(options: InitOptions, graph: Graph, inScope: ReadonlySet<string>): string {
  if (options.region !== undefined) {
    if (!REGION.test(options.region)) throw new UsageError(`--region ${JSON.stringify(options.region)}: not a region name (e.g. us-east-1)`);
    return options.region;
  }
  const counts = new Map<string, number>();
  for (const id of inScope) {
    const region = graph.byId.get(id)?.region;
    if (region && REGION.test(region)) counts.set(region, (counts.get(region) ?? 0) + 1);
  }
  // Most resources; on a tie the first by name, so the same snapshot always gives the same spec.
  const [best] = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1));
  if (!best) throw new UsageError('the in-scope resources are all global (CloudFront, Route 53): give --region for the spec');
  return best[0];
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');

/** An item's name: the resource's name as a key (lowercase, '-'), without the application's prefix or the account id. */
function itemKey(name: string, application: string, account: string): string {
  const key = slug(name);
  let bare = key.startsWith(`${application}-`) ? key.slice(application.length + 1) : key;
  if (account && bare.endsWith(`-${account}`)) bare = bare.slice(0, -account.length - 1);
  return bare || key || 'item';
}

/** Two resources whose names give the same key: the second is `<key>-2`, and so on. */
function uniqueKey(key: string, taken: Set<string>): string {
  let unique = key;
  for (let n = 2; taken.has(unique); n++) unique = `${key}-${n}`;
  taken.add(unique);
  return unique;
}
