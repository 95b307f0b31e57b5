// The picture is built from the snapshot and the audit's results: placed like the design document,
// marked by the worst outcome (folded resources included), the missing and the unread shown, and with
// a previous snapshot what appeared or disappeared.
import { describe, expect, it } from 'vitest';
import { buildDiagram, type DiagramResult } from '../../src/diagram/layout.js';
import { nodesOf, type DiagramGroup, type DiagramModel, type DiagramNode } from '../../src/diagram/model.js';
import type { Snapshot } from '../../src/graph/types.js';
import { contextFor, loadExample } from '../report/report-fixtures.js';

const SCOPE = { tags: { app: 'shopflow' }, namePrefix: 'shopflow' };

async function drawn(snapshot: Snapshot, previous?: Snapshot): Promise<{ model: DiagramModel; results: DiagramResult[] }> {
  const { report } = await contextFor(snapshot);
  return { model: buildDiagram({ snapshot, results: report.results, scope: SCOPE, ...(previous && { previous }) }), results: report.results };
}

const allNodes = (m: DiagramModel) => m.groups.flatMap(nodesOf);
const node = (m: DiagramModel, name: string): DiagramNode => {
  const found = allNodes(m).filter((n) => n.name === name);
  expect(found, name).toHaveLength(1);
  return found[0]!;
};
/** The titles of the groups from the top down to the one that holds `name`. */
function pathOf(m: DiagramModel, name: string): string[] {
  const walk = (g: DiagramGroup, path: string[]): string[] | undefined =>
    g.nodes.some((n) => n.name === name) ? [...path, g.title] : g.groups.map((c) => walk(c, [...path, g.title])).find(Boolean);
  return m.groups.map((g) => walk(g, [])).find(Boolean) ?? [];
}

const without = (s: Snapshot, name: string): Snapshot => {
  const gone = new Set(s.nodes.filter((n) => n.name === name).map((n) => n.id));
  expect(gone.size, name).toBeGreaterThan(0);
  return { ...s, nodes: s.nodes.filter((n) => !gone.has(n.id)), edges: s.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to)) };
};

describe('buildDiagram', () => {
  it('draws only in-scope resources, laid out edge -> VPC tiers per AZ -> data and async', async () => {
    const { model } = await drawn(await loadExample('drifted'));
    const names = allNodes(model).map((n) => n.name);
    expect(names.some((n) => n.startsWith('billing'))).toBe(false); // another application's
    expect(model.groups.map((g) => g.role)).toEqual(['edge', 'vpc', 'data', 'async']);
    expect(pathOf(model, 'shopflow.example.com')).toEqual(['Edge: DNS, CDN, WAF']);
    expect(pathOf(model, 'shopflow-alb')).toEqual([expect.stringMatching(/^VPC shopflow-vpc 10\.20\.0\.0\/16/), expect.stringMatching(/^public subnets/)]);
    expect(pathOf(model, 'shopflow-private-b')).toEqual([expect.stringMatching(/^VPC shopflow-vpc/), expect.stringMatching(/^private subnets/), 'us-east-1b']);
    expect(pathOf(model, 'shopflow-api')).toEqual([expect.stringMatching(/^VPC/), expect.stringMatching(/^private subnets/)]);
    // A database is in its own AZ inside the data tier, reached through its subnet group.
    expect(pathOf(model, 'shopflow-db')).toEqual([expect.stringMatching(/^VPC/), expect.stringMatching(/^isolated subnets/), 'us-east-1a']);
    expect(pathOf(model, 'shopflow-orders')).toEqual(['Async']);
    // Flows, in the direction requests go.
    const by = new Map(allNodes(model).map((n) => [n.key, n.name]));
    const links = model.links.map((l) => `${by.get(l.from)} -${l.label}-> ${by.get(l.to)}`);
    expect(links).toEqual(expect.arrayContaining(['shopflow.example.com -alias-> E2QWRUHAPOMQZL', 'E2QWRUHAPOMQZL -origin-> shopflow-alb', 'shopflow-alb -forwards to-> shopflow-api']));
  });

  it('marks each node by its worst outcome, counting the resources folded into it', async () => {
    const { model, results } = await drawn(await loadExample('drifted'));
    expect(node(model, 'shopflow-db').outcome).toBe('fail');
    expect(node(model, 'shopflow-alb').outcome).toBe('pass');
    // The api container's findings (not a box of its own) mark the service running it.
    const containerFails = results.filter((r) => r.status === 'fail' && r.resource.type === 'ecs.container').length;
    expect(containerFails).toBeGreaterThan(0);
    expect(node(model, 'shopflow-api').outcome).toBe('fail');
    expect(node(model, 'shopflow-api').fails).toBeGreaterThanOrEqual(containerFails);
    expect(allNodes(model).some((n) => n.kind === 'container' || n.kind === 'task definition')).toBe(false);
  });

  it('a suppressed failure no longer marks its node as failing', async () => {
    const snapshot = await loadExample('drifted');
    const ctx = await contextFor(snapshot);
    const results = ctx.report.results.map((r) => (r.resource.id.includes('shopflow-db') && r.resource.type === 'rds.db-instance' && !r.resource.id.includes('replica') ? { ...r, ...(r.status === 'fail' && { suppression: { reason: 'x', owner: 'y', expires: '2099-01-01', resource: r.resource.id } }) } : r));
    const withKms = buildDiagram({ snapshot, results, scope: SCOPE });
    // The data key's finding still folds into the database: it stays failing for that one alone.
    expect(node(withKms, 'shopflow-db').fails).toBeLessThan(node(buildDiagram({ snapshot, results: ctx.report.results, scope: SCOPE }), 'shopflow-db').fails);
    const onlyDb = results.filter((r) => r.resource.type === 'rds.db-instance');
    expect(node(buildDiagram({ snapshot, results: onlyDb, scope: SCOPE }), 'shopflow-db').outcome).toBe('suppressed');
  });

  it('draws what the spec expects and no resource is, dashed, where the document has it', async () => {
    const { model } = await drawn(without(await loadExample('compliant'), 'shopflow-worker'));
    const missing = allNodes(model).filter((n) => n.missing);
    expect(missing.length).toBeGreaterThan(0);
    expect(missing.every((n) => n.outcome === 'fail')).toBe(true);
    const service = missing.find((n) => n.kind === 'ECS service');
    expect(service).toBeDefined();
    expect(pathOf(model, service!.name)[1]).toMatch(/^private subnets/);
  });

  it('says "could not read" where a read failed, instead of drawing nothing', async () => {
    const { model } = await drawn(await loadExample('partial'));
    const unread = allNodes(model).filter((n) => n.outcome === 'error' && n.kind === 'could not read');
    expect(unread.map((n) => n.name)).toEqual(['Redis replication groups']);
    expect(unread[0]!.errors).toBeGreaterThan(0);
    expect(allNodes(model).some((n) => n.outcome === 'pass' && n.name === 'shopflow-redis')).toBe(false);
  });

  it('with a previous snapshot, marks what appeared and what disappeared (never with today\'s findings)', async () => {
    const compliant = await loadExample('compliant');
    const drifted = await loadExample('drifted');
    const { model } = await drawn(drifted, compliant);
    const gone = allNodes(model).filter((n) => n.change === 'disappeared').map((n) => n.name).sort();
    expect(gone).toEqual(expect.arrayContaining(['shopflow-db-replica-2']));
    for (const n of allNodes(model).filter((x) => x.change === 'disappeared')) expect([n.outcome, n.fails, n.errors]).toEqual(['unchecked', 0, 0]);
    const back = await drawn(compliant, drifted);
    expect(allNodes(back.model).filter((n) => n.change === 'appeared').map((n) => n.name)).toEqual(expect.arrayContaining(['shopflow-db-replica-2']));
    expect(allNodes((await drawn(drifted)).model).some((n) => n.change)).toBe(false);
  });

  it('a failing in-scope resource with no drawn component to fold into still shows, under "other"', async () => {
    const snapshot = await loadExample('drifted');
    const lonely = { ...structuredClone(snapshot.nodes.find((n) => n.type === 'cloudwatch.alarm')!), id: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:lonely', name: 'shopflow-lonely' };
    const s = { ...snapshot, nodes: [...snapshot.nodes, lonely] };
    const results: DiagramResult[] = [{ status: 'fail', resource: { id: lonely.id, type: lonely.type }, subject: { kind: 'resource' } }];
    const model = buildDiagram({ snapshot: s, results, scope: SCOPE });
    expect(pathOf(model, 'shopflow-lonely')).toEqual(['Other in-scope resources']);
    expect(node(model, 'shopflow-lonely').outcome).toBe('fail');
  });

  it('is deterministic whatever the order of the snapshot', async () => {
    const snapshot = await loadExample('drifted');
    const { report } = await contextFor(snapshot);
    const a = buildDiagram({ snapshot, results: report.results, scope: SCOPE });
    const b = buildDiagram({ snapshot: { ...snapshot, nodes: [...snapshot.nodes].reverse(), edges: [...snapshot.edges].reverse() }, results: [...report.results].reverse(), scope: SCOPE });
    expect(b).toEqual(a);
  });
});
