// Engine semantics, rule by hand-made rule: outcomes, fail-closed paths, scope, aggregates, composites.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { neededReads } from '../../src/engine/needs.js';
import { EDGE_TYPES, scopeSources } from '../../src/graph/edge-types.js';
import { computeScope } from '../../src/engine/scope.js';
import { Graph } from '../../src/graph/graph.js';
import type { Rule } from '../../src/engine/types.js';
import type { GraphNode, Snapshot } from '../../src/graph/types.js';
import { buildSnapshot, patchSpec, type NodeInput } from '../rules/rule-tester.js';

const base: Omit<Rule, 'id'> = { title: 'T', severity: 'high', claims: ['C38'], rationale: 'r', remediation: 'f', message: '{resource.name}: {path} is {actual}, wants {expected}' };
const rule = (id: string, r: Partial<Rule>): Rule => ({ ...base, id, ...r }) as Rule;
const db = (name: string, props: Record<string, unknown>, extra: Partial<NodeInput> = {}): NodeInput => ({ type: 'rds.db-instance', name, props: { role: 'writer', ...props }, ...extra });
const run = (rules: Rule[], nodes: NodeInput[], opts: { edges?: [string, string, string][]; gaps?: any[]; regions?: string[]; spec?: Record<string, unknown> } = {}) =>
  evaluateRules({ snapshot: buildSnapshot({ nodes, edges: opts.edges ?? [], gaps: opts.gaps ?? [], regions: opts.regions }), spec: patchSpec(opts.spec) as never, rules });

describe('outcomes', () => {
  const multiAz = rule('r', { select: { type: 'rds.db-instance', region: { $spec: '/region' } }, expect: { path: 'multiAz', op: 'eq', value: { $spec: '/databases/main/multiAz' } } });

  it('pass and fail per resource, with expected, actual, path and spec pointer', () => {
    const [a, b] = run([multiAz], [db('shopflow-a', { multiAz: true }), db('shopflow-b', { multiAz: false })]);
    expect(a).toMatchObject({ status: 'pass', resource: { name: 'shopflow-a' } });
    expect(b).toMatchObject({ status: 'fail', expected: true, actual: false, path: 'multiAz', specPointer: '/databases/main/multiAz', message: 'shopflow-b: Multi-AZ is false, wants true' });
  });

  it('a missing resource is a failure, not silence', () => {
    expect(run([multiAz], [])).toEqual([expect.objectContaining({ status: 'fail', expected: 1, actual: 0 })]);
  });

  it('a rule that selects nothing and requires nothing still reports, and says why', () => {
    const rs = run([rule('r', { ...multiAz, select: { ...multiAz.select!, min: 0 } })], []);
    expect(rs).toEqual([expect.objectContaining({ ruleId: 'r', status: 'pass', actual: 0, reason: expect.stringMatching(/no in-scope rds\.db-instance resources.*requires none/) })]);
  });

  it('a gap in a read the rule needs, in the region, makes the rule error, never pass', () => {
    const gaps = [{ service: 'rds', operation: 'DescribeDBClusters', region: 'us-east-1', resourceTypes: ['rds.db-cluster', 'rds.db-instance'] }];
    const rs = run([multiAz], [db('shopflow-a', { multiAz: true })], { gaps });
    expect(rs).toEqual([expect.objectContaining({ status: 'error', reason: expect.stringContaining('rds:DescribeDBClusters in us-east-1') })]);
    // A gap in another region does not block a rule about us-east-1.
    expect(run([multiAz], [db('shopflow-a', { multiAz: true })], { gaps: [{ ...gaps[0], region: 'eu-west-1' }] })[0]!.status).toBe('pass');
    // The same read failing where no instance is in a cluster names only clusters: instance rules still judge.
    expect(run([multiAz], [db('shopflow-a', { multiAz: true })], { gaps: [{ ...gaps[0], resourceTypes: ['rds.db-cluster'] }] })[0]!.status).toBe('pass');
  });

  it('a region that was not collected is an error', () => {
    const rs = run([multiAz], [], { regions: ['eu-west-1'] });
    expect(rs[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('region us-east-1 was not collected') });
  });

  it('an unresolvable $spec pointer or a bad regex is an error', () => {
    const bad = rule('r', { select: { type: 'rds.db-instance' }, expect: { path: 'multiAz', op: 'eq', value: { $spec: '/databases/main/nope' } } });
    expect(run([bad], [db('shopflow-a', {})])[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('/databases/main/nope') });
    const re = rule('r', { select: { type: 'rds.db-instance' }, expect: { path: 'engine', op: 'matches', value: { $spec: '/databases/main/engine' } } });
    expect(run([re], [db('shopflow-a', { engine: 'postgres' })], { spec: { '/databases/main/engine': '([' } })[0]!.status).toBe('error');
  });

  it('when false skips with the reason', () => {
    const r = rule('r', { ...multiAz, when: { spec: '/databases/main/multiAz', op: 'eq', value: true } });
    expect(run([r], [], { spec: { '/databases/main/multiAz': false } })[0]).toMatchObject({ status: 'skip', reason: expect.stringContaining('/databases/main/multiAz is false') });
  });
});

describe('conditions', () => {
  const one = (expect_: Rule['expect'], props: Record<string, unknown>, edges: [string, string, string][] = [], more: NodeInput[] = []) =>
    run([rule('r', { select: { type: 'rds.db-instance', where: { path: 'role', op: 'eq', value: 'writer' } }, expect: expect_ })], [db('shopflow-db', props), ...more], { edges })[0]!;

  it('exists treats null as absent', () => {
    expect(one({ path: 'kmsKeyId', op: 'exists' }, { kmsKeyId: null }).status).toBe('fail');
    expect(one({ path: 'kmsKeyId', op: 'exists' }, { kmsKeyId: 'arn:aws:kms:k' }).status).toBe('pass');
    expect(one({ path: 'kmsKeyId', op: 'exists', value: false }, {}).status).toBe('pass');
  });

  it('every over a list is vacuously true; some over an empty list fails', () => {
    expect(one({ path: 'parameterGroups', every: { path: '.', op: 'matches', value: '^shopflow' } }, { parameterGroups: [] }).status).toBe('pass');
    expect(one({ path: 'parameterGroups', some: { path: '.', op: 'eq', value: 'x' } }, { parameterGroups: [] }).status).toBe('fail');
    const r = one({ path: 'parameterGroups', every: { path: '.', op: 'matches', value: '^shopflow' } }, { parameterGroups: ['shopflow-pg', 'default.postgres16'] });
    expect(r).toMatchObject({ status: 'fail', path: 'parameterGroups[1]', actual: 'default.postgres16' });
  });

  it('edge every over no related resources fails (a missing relationship is a finding)', () => {
    const cond = { edge: 'replica-of', reverse: true, to: 'rds.db-instance', every: { path: 'availabilityZone', op: 'eq' as const, value: 'us-east-1b' } };
    expect(one(cond, {}).status).toBe('fail');
    const replica = db('shopflow-db-replica', { role: 'replica', availabilityZone: 'us-east-1b' }, { tags: {} });
    expect(one(cond, {}, [['shopflow-db-replica', 'replica-of', 'shopflow-db']], [replica]).status).toBe('pass');
  });

  it('edge counts, distinct values and $prop comparisons', () => {
    const replicas = ['a', 'b'].map((z) => db(`shopflow-r${z}`, { role: 'replica', availabilityZone: `us-east-1${z}` }));
    const edges: [string, string, string][] = replicas.map((r) => [r.name, 'replica-of', 'shopflow-db']);
    expect(one({ edge: 'replica-of', reverse: true, distinct: 'availabilityZone', op: 'eq', value: 2 }, {}, edges, replicas).status).toBe('pass');
    expect(one({ edge: 'replica-of', reverse: true, op: 'eq', value: 3 }, {}, edges, replicas)).toMatchObject({ status: 'fail', actual: 2, expected: 3 });
    expect(one({ path: 'availabilityZone', op: 'eq', value: { $prop: 'secondaryAvailabilityZone' } }, { availabilityZone: 'a', secondaryAvailabilityZone: 'a' }).status).toBe('pass');
  });

  it('any reports the first failing branch; not inverts', () => {
    expect(one({ any: [{ path: 'engine', op: 'eq', value: 'mysql' }, { path: 'engine', op: 'eq', value: 'postgres' }] }, { engine: 'postgres' }).status).toBe('pass');
    expect(one({ not: { path: 'publiclyAccessible', op: 'eq', value: true } }, { publiclyAccessible: true })).toMatchObject({ status: 'fail', op: 'not eq' });
  });
});

describe('aggregates', () => {
  const nat = (name: string, az: string, tags: Record<string, string> = { app: 'shopflow' }): NodeInput => ({ type: 'ec2.nat-gateway', name, props: { availabilityZone: az }, tags });

  it('count and distinct count one result over the in-scope selection', () => {
    const count = rule('c', { select: { type: 'ec2.nat-gateway' }, aggregate: { op: 'eq', value: 2 } });
    const zones = rule('z', { select: { type: 'ec2.nat-gateway' }, aggregate: { distinct: 'availabilityZone', op: 'eq', value: 2 } });
    const rs = run([count, zones], [nat('shopflow-a', 'us-east-1a'), nat('shopflow-b', 'us-east-1a'), nat('billing-nat', 'us-east-1b', { app: 'billing' })]);
    expect(rs.map((r) => [r.ruleId, r.status, r.actual])).toEqual([['c', 'pass', 2], ['z', 'fail', 1]]);
  });

  it('"as": "set" compares the distinct values with a list, in any order', () => {
    const r = rule('s', { select: { type: 'ec2.nat-gateway' }, aggregate: { distinct: 'availabilityZone', as: 'set', op: 'eq', value: ['us-east-1b', 'us-east-1a'] } });
    expect(run([r], [nat('shopflow-a', 'us-east-1a'), nat('shopflow-b', 'us-east-1b')])[0]!.status).toBe('pass');
    expect(run([r], [nat('shopflow-a', 'us-east-1a')])[0]).toMatchObject({ status: 'fail', actual: ['us-east-1a'], expected: ['us-east-1b', 'us-east-1a'] });
  });
});

describe('composites', () => {
  const part = (id: string, value: unknown) => rule(id, { select: { type: 'rds.db-instance' }, expect: { path: 'multiAz', op: 'eq', value } as never });
  const comp = rule('all-of', { composite: { rules: ['p1', 'p2'] } });
  const nodes = [db('shopflow-db', { multiAz: true })];

  it('passes when every part passes, fails naming the failing parts, errors when a part errors', () => {
    expect(run([part('p1', true), part('p2', true), comp], nodes).find((r) => r.ruleId === 'all-of')!.status).toBe('pass');
    expect(run([part('p1', true), part('p2', false), comp], nodes).find((r) => r.ruleId === 'all-of')).toMatchObject({ status: 'fail', actual: ['p2'] });
    const gaps = [{ service: 'rds', resourceTypes: ['rds.db-instance'] }];
    expect(run([part('p1', true), part('p2', false), comp], nodes, { gaps }).find((r) => r.ruleId === 'all-of')!.status).toBe('error');
  });

  it('a certain failure wins over unreadable parts; unreadable parts alone are an error', () => {
    const cache = rule('p3', { select: { type: 'elasticache.replication-group' }, expect: { path: 'multiAz', op: 'eq', value: true } });
    const both = rule('all-of', { composite: { rules: ['p2', 'p3'] } });
    const gaps = [{ service: 'elasticache', resourceTypes: ['elasticache.replication-group'] }];
    expect(run([part('p2', false), cache, both], nodes, { gaps }).find((r) => r.ruleId === 'all-of')).toMatchObject({ status: 'fail', actual: ['p2'], reason: 'also could not check: p3' });
    expect(run([part('p2', true), cache, both], nodes, { gaps }).find((r) => r.ruleId === 'all-of')!.status).toBe('error');
  });
});

describe('composites of composites', () => {
  const part = (id: string, value: unknown) => rule(id, { select: { type: 'rds.db-instance' }, expect: { path: 'multiAz', op: 'eq', value } as never });
  const nodes = [db('shopflow-db', { multiAz: true })];
  const outer = rule('outer', { composite: { rules: ['inner', 'p3'] } });
  const inner = rule('inner', { composite: { rules: ['p1', 'p2'] } });

  // Whatever the file order, a composite sees its parts' results (composites included).
  const orders: [string, Rule[]][] = [
    ['parts first', [part('p1', true), part('p2', false), part('p3', true), inner, outer]],
    ['outer before inner', [outer, inner, part('p1', true), part('p2', false), part('p3', true)]],
    ['outer between', [part('p1', true), outer, part('p2', false), inner, part('p3', true)]],
  ];
  for (const [name, rules] of orders) {
    it(`evaluates the inner composite first (${name})`, () => {
      const rs = run(rules, nodes);
      expect(rs.map((r) => r.ruleId)).toEqual(rules.map((r) => r.id));
      expect(rs.find((r) => r.ruleId === 'inner')).toMatchObject({ status: 'fail', actual: ['p2'] });
      expect(rs.find((r) => r.ruleId === 'outer')).toMatchObject({ status: 'fail', actual: ['inner'] });
    });
  }
});

describe('paths read own properties only', () => {
  const probe = (path: string, tags: Record<string, string> = { app: 'shopflow' }) =>
    run([rule('r', { select: { type: 'rds.db-instance' }, expect: { path, op: 'exists' } })], [db('shopflow-db', { multiAz: true }, { tags })])[0]!;

  for (const path of ['@tags.constructor', '@tags.__proto__', '@tags.toString', '@tags.hasOwnProperty', 'constructor', '__proto__', 'toString', 'multiAz.constructor', 'valueOf']) {
    it(`${path} never exists through a prototype`, () => expect(probe(path)).toMatchObject({ status: 'fail', actual: undefined }));
  }
  it('a tag that is really there exists', () => expect(probe('@tags.constructor', { app: 'shopflow', constructor: 'yes' }).status).toBe('pass'));
  it('@fields read the node itself', () => expect(probe('@name').status).toBe('pass'));
});

describe('regexes run on a linear-time engine', () => {
  const matches = (value: string, name: string) =>
    run([rule('r', { select: { type: 'rds.db-instance' }, expect: { path: '@name', op: 'matches', value } })], [db(name, { multiAz: true })])[0]!;

  it('a catastrophic pattern against a long name returns promptly with the right answer', () => {
    expect(matches('^(a+)+$', 'shopflow' + 'a'.repeat(50_000) + '!').status).toBe('fail');
    expect(matches('^(shopflow|a+)+$', 'shopflow' + 'a'.repeat(50_000)).status).toBe('pass');
  });
  it('a pattern the engine cannot run is an error result, not a crash', () => {
    expect(matches('^(?=shop)', 'shopflow-db')).toMatchObject({ status: 'error', reason: expect.stringMatching(/invalid regular expression.*lookaround/) });
  });
});

describe('scope', () => {
  it('joins through scope edges, never across another application\'s tag, and ignores the default VPC', () => {
    const snapshot = buildSnapshot({
      nodes: [
        { type: 'ec2.vpc', name: 'shopflow-vpc', props: {} },
        { type: 'ec2.subnet', name: 'subnet-untagged', props: {}, tags: {} },
        { type: 'ec2.subnet', name: 'subnet-billing', props: {}, tags: { app: 'billing' } },
        { type: 'ec2.vpc', name: 'default', props: { isDefault: true }, tags: {} },
        { type: 'ec2.subnet', name: 'default-a', props: {}, tags: {} },
        { type: 'ecs.service', name: 'shopflow-api', props: {}, tags: {} },
        { type: 'ecs.task-definition', name: 'api:1', props: {}, tags: {} },
      ],
      edges: [
        ['subnet-untagged', 'in-vpc', 'shopflow-vpc'],
        ['subnet-billing', 'in-vpc', 'shopflow-vpc'],
        ['default-a', 'in-vpc', 'default'],
        ['shopflow-api', 'runs', 'api:1'],
      ],
    });
    const graph = new Graph(snapshot);
    const inScope = computeScope(graph, { tags: { app: 'shopflow' }, namePrefix: 'shopflow' });
    const names = snapshot.nodes.filter((n) => inScope.has(n.id)).map((n) => n.name).sort();
    expect(names).toEqual(['api:1', 'shopflow-api', 'shopflow-vpc', 'subnet-untagged']);
  });

  // The scope spreads by a walk from the members; it must equal the plain fixpoint (every scope edge
  // applied until nothing changes) whatever the order of the edges and however many hops it takes.
  it('the walk from the members equals the fixpoint over every edge, on the example with tags stripped', () => {
    const example = JSON.parse(readFileSync(new URL('../../examples/shopflow-drifted.snapshot.json', import.meta.url), 'utf8')) as Snapshot;
    const spec = { tags: { app: 'shopflow' }, namePrefix: 'shopflow' };
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    let joinedByEdges = 0;
    for (let round = 0; round < 20; round++) {
      const nodes = example.nodes.map((n) => (next() < 0.6 ? { ...n, tags: {}, name: `x-${n.name}` } : n));
      const edges = [...example.edges].sort(() => next() - 0.5);
      const snapshot = { ...example, nodes, edges };
      const walked = computeScope(new Graph(snapshot), spec);
      const fixpoint = scopeByFixpoint(snapshot, spec);
      expect([...walked].sort()).toEqual([...fixpoint].sort());
      joinedByEdges += [...walked].filter((id) => !snapshot.nodes.find((n) => n.id === id)!.tags.app && !snapshot.nodes.find((n) => n.id === id)!.name.startsWith('shopflow')).length;
    }
    expect(joinedByEdges).toBeGreaterThan(20);
  });
});

/** The scope as first written: direct members, then passes over every scope edge until nothing changes. */
function scopeByFixpoint(snapshot: Snapshot, scope: { tags: Record<string, string>; namePrefix: string }): Set<string> {
  const byId = new Map(snapshot.nodes.map((n) => [n.id, n]));
  const tags = Object.entries(scope.tags);
  const foreign = (n: GraphNode) => tags.some(([k, v]) => Object.hasOwn(n.tags, k) && n.tags[k] !== v);
  const out = new Set(snapshot.nodes.filter((n) => tags.every(([k, v]) => n.tags[k] === v) || (n.name.startsWith(scope.namePrefix) && !foreign(n))).map((n) => n.id));
  for (let changed = true; changed; ) {
    changed = false;
    for (const e of snapshot.edges) {
      const way = EDGE_TYPES[e.type].scope;
      if (way === 'none') continue;
      const [owner, member] = way === 'to-from' ? [e.to, e.from] : [e.from, e.to];
      const node = byId.get(member);
      if (out.has(owner) && !out.has(member) && node && !foreign(node)) {
        out.add(member);
        changed = true;
      }
    }
  }
  return out;
}

describe('a finding tells the whole story', () => {
  it('every failing leaf of an all is reported, the first as expected/actual and the rest as otherFailures', () => {
    const size = rule('size', {
      select: { type: 'ecs.task-definition' },
      expect: { all: [{ path: 'cpu', op: 'eq', value: { $spec: '/services/api/taskDefinition/cpu' } }, { path: 'memory', op: 'eq', value: { $spec: '/services/api/taskDefinition/memory' } }] },
    });
    const [r] = run([size], [{ type: 'ecs.task-definition', name: 'shopflow-api:42', props: { cpu: 1024, memory: 2048 } }]);
    expect(r).toMatchObject({ status: 'fail', path: 'cpu', expected: 512, actual: 1024 });
    expect(r!.otherFailures).toEqual([{ check: { kind: 'value', path: 'memory', op: 'eq', negated: false }, path: 'memory', op: 'eq', expected: 1024, actual: 2048, specPointer: '/services/api/taskDefinition/memory' }]);
    expect(r!.message).toBe('shopflow-api:42: CPU units is 1024, wants 512; also memory (MiB) is 2048, the architecture requires 1024');
    const [ok] = run([size], [{ type: 'ecs.task-definition', name: 'shopflow-api:42', props: { cpu: 512, memory: 1024 } }]);
    expect(ok!.otherFailures).toBeUndefined();
  });
});

describe('reads a rule depends on', () => {
  it('a rule needs the types its resources take scope from: no ECS, no judging scalable targets', () => {
    const limits = rule('limits', { select: { type: 'application-autoscaling.scalable-target' }, expect: { path: 'minCapacity', op: 'eq', value: 2 } });
    const nodes: NodeInput[] = [{ type: 'application-autoscaling.scalable-target', name: 'service/shopflow/shopflow-api', props: { minCapacity: 2 }, tags: {} }];
    // ECS could not be read, so the service that would bring the target into scope is unknown:
    // "no scalable target found" would be a false finding; the honest answer is error.
    const gaps = [{ service: 'ecs', operation: 'ListServices', resourceTypes: ['ecs.service'] }];
    // The target names the service it scales (the collector emits the edge whatever ECS answered).
    const edges: [string, string, string][] = [['service/shopflow/shopflow-api', 'scales', 'arn:aws:ecs:us-east-1:123456789012:service/shopflow/shopflow-api']];
    expect(run([limits], nodes, { gaps, edges })[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('ecs:ListServices') });
    expect(new Set(neededReads(limits).map((n) => n.type))).toEqual(new Set(['application-autoscaling.scalable-target', 'ecs.service']));
    // No target scales any service: ECS cannot bring one into scope, so its gap does not block the rule.
    expect(run([limits], nodes, { gaps })[0]!.status).not.toBe('error');
    expect(scopeSources('cloudwatch.alarm')).toEqual(new Set(['application-autoscaling.scaling-policy', 'application-autoscaling.scalable-target', 'ecs.service']));
  });
});
