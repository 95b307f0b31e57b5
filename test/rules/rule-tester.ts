// RuleTester for infra-audit rules (after ESLint's): each rule gets graph fragments that must pass,
// must fail, and — where the rule can produce them — must skip or error. The shipped spec is used
// unless a case patches it by JSON pointer.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import { pointerToPath } from '../../src/input/json-source.js';
import type { RuleResult, Status } from '../../src/engine/types.js';
import type { Gap, GraphNode, Snapshot } from '../../src/graph/types.js';
import type { PropsOf, ResourceType } from '../../src/graph/resource-types.js';

export const ACCOUNT = '123456789012';
export const REGION = 'us-east-1';
const SPEC = JSON.parse(readFileSync(new URL('../../spec.shopflow.json', import.meta.url), 'utf8'));
const rulesPromise = loadRules();

interface NodeAttributes {
  /** Defaults to {app: 'shopflow'}: pass {} for an untagged resource. */
  tags?: Record<string, string>;
  region?: string;
  id?: string;
}

/** A graph node for a test that builds fragments of any shape (engine and diff tests). */
export interface NodeInput extends NodeAttributes {
  type: string;
  name: string;
  props: object;
}

/** A rule test's node: every prop of its type, as the collectors write it (start from `fromExample`). */
export type Fixture<T extends ResourceType = ResourceType> = { [K in T]: { type: K; name: string; props: PropsOf<K> } & NodeAttributes }[T];

const COMPLIANT = JSON.parse(readFileSync(new URL('../../examples/shopflow-compliant.snapshot.json', import.meta.url), 'utf8')) as Snapshot;

/** The compliant example's node each type's fixtures start from, unless a test names another. */
const LIKE: Partial<Record<ResourceType, string>> = {
  'ec2.vpc': 'shopflow-vpc',
  'ec2.subnet': 'shopflow-public-a',
  'ec2.nat-gateway': 'nat-0a9b8c7d6e5f4a3b2',
  'elbv2.load-balancer': 'shopflow-alb',
  'elbv2.target-group': 'shopflow-api-tg',
  'ecs.service': 'shopflow-api',
  'ecs.task-definition': 'shopflow-api:42',
  'ecs.container': 'api',
  'rds.db-instance': 'shopflow-db',
  'rds.db-subnet-group': 'shopflow-data',
  'elasticache.replication-group': 'shopflow-redis',
  'elasticache.cache-subnet-group': 'shopflow-cache',
  'sqs.queue': 'shopflow-orders',
  'application-autoscaling.scalable-target': 'service/shopflow/shopflow-api',
  'application-autoscaling.scaling-policy': 'shopflow-api-scale-out',
  'cloudwatch.alarm': 'shopflow-api-cpu-high',
};

/** A node named `name`, otherwise ShopFlow's node of that type in the compliant example, with these props changed. */
export function like<T extends ResourceType>(type: T, name: string, props: Partial<PropsOf<T>> = {}, node: NodeAttributes = {}): Fixture<T> {
  const base = LIKE[type];
  if (!base) throw new Error(`rule-tester: no example node of type ${type} to start from`);
  return fromExample(type, base, props, { name, ...node });
}

/**
 * A node of the compliant example (examples/shopflow-compliant.snapshot.json, collected from the ShopFlow
 * scenario) by type and name, with some props changed: a case states only what it is about, and every
 * other prop is what the collectors make of a compliant account. The copy takes its id from its name
 * (so a renamed copy is another resource) and the tags {app: 'shopflow'} unless given.
 */
export function fromExample<T extends ResourceType>(
  type: T,
  exampleName: string,
  props: Partial<PropsOf<T>> = {},
  node: NodeAttributes & { name?: string } = {},
): Fixture<T> {
  const found = COMPLIANT.nodes.find((n) => n.type === type && n.name === exampleName);
  if (!found) throw new Error(`rule-tester: the compliant example has no ${type} named ${exampleName}`);
  return { type, name: node.name ?? exampleName, props: { ...structuredClone(found.props as PropsOf<T>), ...props }, ...(node.tags && { tags: node.tags }), ...(node.region && { region: node.region }), ...(node.id && { id: node.id }) } as Fixture<T>;
}

export interface Case {
  name: string;
  nodes: Fixture[];
  /** [from, edgeType, to], each end a node's name (or id). */
  edges?: [string, string, string][];
  gaps?: Partial<Gap>[];
  /** Spec changes: JSON pointer -> new value (undefined deletes). */
  spec?: Record<string, unknown>;
  regions?: string[];
  /** Extra checks on the rule's results. */
  check?: (results: RuleResult[]) => void;
}

export const idOf = (n: NodeInput) => n.id ?? `arn:aws:test:${n.region ?? REGION}:${ACCOUNT}:${n.type}/${n.name}`;

export function buildSnapshot(c: Pick<Case, 'edges' | 'gaps' | 'regions'> & { nodes: NodeInput[] }): Snapshot {
  const nodes: GraphNode[] = c.nodes.map((n) => ({
    id: idOf(n), type: n.type, region: n.region ?? REGION, account: ACCOUNT, name: n.name, tags: n.tags ?? { app: 'shopflow' }, props: n.props,
  }) as unknown as GraphNode);
  const idByName = new Map(c.nodes.map((n) => [n.name, idOf(n)]));
  const ref = (x: string) => idByName.get(x) ?? x;
  return {
    schemaVersion: 1,
    meta: { tool: { name: 'infra-audit', version: 'test' }, account: ACCOUNT, regions: c.regions ?? [REGION], startedAt: '2026-11-20T02:00:00Z', finishedAt: '2026-11-20T02:00:30Z' },
    nodes,
    edges: (c.edges ?? []).map(([from, type, to]) => ({ from: ref(from), type, to: ref(to) })) as Snapshot['edges'],
    gaps: (c.gaps ?? []).map((g) => ({ service: 'test', operation: 'Describe', region: REGION, code: 'AccessDenied', message: 'denied', resourceTypes: [], ...g })) as Gap[],
  };
}

export function patchSpec(patch: Record<string, unknown> = {}): Record<string, unknown> {
  const spec = structuredClone(SPEC);
  for (const [pointer, value] of Object.entries(patch)) {
    const path = pointerToPath(pointer);
    const last = path.pop()!;
    let at = spec;
    for (const key of path) at = at[key];
    if (value === undefined) delete at[last];
    else at[last] = value;
  }
  return spec;
}

export async function runRule(ruleId: string, c: Case): Promise<RuleResult[]> {
  const rules = (await rulesPromise).map((l) => l.rule);
  if (!rules.some((r) => r.id === ruleId)) throw new Error(`no rule ${ruleId} in rules/`);
  const results = evaluateRules({ snapshot: buildSnapshot(c), spec: patchSpec(c.spec) as never, rules });
  return results.filter((r) => r.ruleId === ruleId);
}

const statuses = (rs: RuleResult[]) => rs.map((r) => `${r.status}${r.status === 'pass' ? '' : ` (${r.message})`}`);

/** Every rule must have at least one valid and one invalid case. */
export function testRule(ruleId: string, cases: { valid: Case[]; invalid: Case[]; skip?: Case[]; error?: Case[] }): void {
  if (!cases.valid.length || !cases.invalid.length) throw new Error(`${ruleId}: a rule needs valid and invalid cases`);
  const expectAll = (want: Status, c: Case) => async () => {
    const results = await runRule(ruleId, c);
    expect(results.length, 'the rule produced no result').toBeGreaterThan(0);
    if (want === 'pass') {
      // A forEach rule also has results for the spec's other items: those may skip (the item does not ask), never fail.
      expect(statuses(results).filter((s) => !s.startsWith('skip'))).toEqual(results.filter((r) => r.status !== 'skip').map(() => 'pass'));
      expect(results.some((r) => r.status === 'pass'), `expected a pass, got ${statuses(results).join('; ')}`).toBe(true);
      for (const r of results.filter((x) => x.status === 'skip')) expect(r.item, `an unexpected skip: ${r.message}`).toBeDefined();
    }
    else {
      expect(results.some((r) => r.status === want), `expected a ${want}, got ${statuses(results).join('; ')}`).toBe(true);
      expect(results.some((r) => r.status === 'pass' && want === 'error'), 'an error case must not also pass').toBe(false);
      for (const r of results.filter((x) => x.status === 'fail')) {
        expect(r.message).not.toMatch(/\{[a-z.:/]+\}/); // every placeholder filled
        expect(r).toHaveProperty('actual');
      }
      for (const r of results.filter((x) => x.status === 'skip' || x.status === 'error')) expect(r.reason).toBeTruthy();
    }
    c.check?.(results);
  };
  describe(ruleId, () => {
    for (const c of cases.valid) it(`passes: ${c.name}`, expectAll('pass', c));
    for (const c of cases.invalid) it(`fails: ${c.name}`, expectAll('fail', c));
    for (const c of cases.skip ?? []) it(`skips: ${c.name}`, expectAll('skip', c));
    for (const c of cases.error ?? []) it(`errors: ${c.name}`, expectAll('error', c));
  });
}

// Assertions shared by the rule test files.

/** The one failing result (and that there is exactly one). */
export function onlyFail(rs: RuleResult[]): RuleResult {
  const fails = rs.filter((r) => r.status === 'fail');
  expect(fails).toHaveLength(1);
  return fails[0]!;
}

/** Exactly one failure, decided by `path` with these values (and on `resource`, when named). */
export const expectFail = (path: string, expected: unknown, actual: unknown, resource?: string) => (rs: RuleResult[]) => {
  const f = onlyFail(rs);
  expect(f.path).toBe(path);
  expect(f.expected).toEqual(expected);
  expect(f.actual).toEqual(actual);
  if (resource) expect(f.resource.name).toBe(resource);
};

/** The rule-level "missing resource" failure: nothing in scope was found. */
export const expectMissing = (rs: RuleResult[]) => {
  expect(onlyFail(rs)).toMatchObject({ path: '(resources)', actual: 0 });
};

/** One result, a pass on `name`: whatever else was in the graph was out of scope. */
export const expectOnlyPass = (name: string) => (rs: RuleResult[]) => {
  // Other items of a forEach rule may skip (they do not ask for the check); nothing else is judged.
  const judged = rs.filter((r) => !(r.status === 'skip' && r.item));
  expect(judged).toHaveLength(1);
  expect(judged[0]).toMatchObject({ status: 'pass', resource: { name } });
};

// Building variants of a fixture graph: a compliant graph, then one thing broken per case.

export type Edge = [string, string, string];
export interface Net {
  nodes: Fixture[];
  edges: Edge[];
}

/** The graph with one node's props changed; a prop its type does not have is a mistake in the test. */
export const withProps = (net: Net, name: string, props: object): Net => ({
  ...net,
  nodes: net.nodes.map((n) => {
    if (n.name !== name) return n;
    const unknown = Object.keys(props).filter((k) => !(k in n.props));
    if (unknown.length) throw new Error(`withProps: a ${n.type} has no ${unknown.join(', ')}`);
    return { ...n, props: { ...n.props, ...props } } as Fixture;
  }),
});
export const without = (net: Net, drop: (e: Edge) => boolean): Net => ({ ...net, edges: net.edges.filter((e) => !drop(e)) });
export const withoutNodes = (net: Net, ...names: string[]): Net => ({
  nodes: net.nodes.filter((n) => !names.includes(n.name)),
  edges: net.edges.filter(([f, , t]) => !names.includes(f) && !names.includes(t)),
});
export const plus = (net: Net, nodes: Fixture[], edges: Edge[] = []): Net => ({ nodes: [...net.nodes, ...nodes], edges: [...net.edges, ...edges] });
/** A case from a graph. */
export const c = (name: string, net: Net, more: Partial<Case> = {}): Case => ({ name, nodes: net.nodes, edges: net.edges, ...more });
