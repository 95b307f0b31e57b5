// diffGraphs: resources added, removed and changed (property by property), set-like arrays, order-
// significant arrays, relations, and resources one snapshot could not read.
import { describe, expect, it } from 'vitest';
import { diffGraphs, diffValues, graphChanged } from '../../src/diff/graph-diff.js';
import { buildSnapshot, idOf, type NodeInput } from '../rules/rule-tester.js';
import type { Snapshot } from '../../src/graph/types.js';

const db = (props: Record<string, unknown> = {}, extra: Partial<NodeInput> = {}): NodeInput => ({
  type: 'rds.db-instance', name: 'shopflow-db', props: { multiAz: true, availabilityZone: 'us-east-1a', parameterGroups: ['shopflow-pg16'], ...props }, ...extra,
});
const subnet = (name: string, az = 'us-east-1a'): NodeInput => ({ type: 'ec2.subnet', name, props: { availabilityZone: az } });
const lb = (subnetIds: string[], availabilityZones: string[]): NodeInput => ({ type: 'elbv2.load-balancer', name: 'shopflow-alb', props: { subnetIds, availabilityZones } });
const behaviors = [
  { pathPattern: '*', targetOriginId: 'alb', viewerProtocolPolicy: 'redirect-to-https' },
  { pathPattern: '/static/*', targetOriginId: 's3', viewerProtocolPolicy: 'redirect-to-https' },
];
const distribution = (cacheBehaviors: unknown[], origins: unknown[] = [{ id: 'alb' }, { id: 's3' }]): NodeInput => ({
  type: 'cloudfront.distribution', name: 'E2QWRUHAPOMQZL', region: 'global', props: { cacheBehaviors, origins, aliases: ['shop.example.com', 'www.example.com'] },
});

describe('diffGraphs', () => {
  it('reports added and removed resources', () => {
    const d = diffGraphs(buildSnapshot({ nodes: [db(), subnet('a')] }), buildSnapshot({ nodes: [db(), subnet('b')] }));
    expect(d.added.map((n) => n.name)).toEqual(['b']);
    expect(d.removed.map((n) => n.name)).toEqual(['a']);
    expect(d.removed[0]).toEqual({ id: idOf(subnet('a')), type: 'ec2.subnet', region: 'us-east-1', name: 'a' });
    expect(d.changed).toEqual([]);
    expect(graphChanged(d)).toBe(true);
  });

  it('reports a changed property with its before and after', () => {
    const d = diffGraphs(buildSnapshot({ nodes: [db()] }), buildSnapshot({ nodes: [db({ multiAz: false, availabilityZone: 'us-east-1b' })] }));
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.id).toBe(idOf(db()));
    expect(d.changed[0]!.changes).toEqual([
      { path: 'props.availabilityZone', before: 'us-east-1a', after: 'us-east-1b' },
      { path: 'props.multiAz', before: true, after: false },
    ]);
  });

  it('reports tag and name changes, and keys that appear or disappear', () => {
    const d = diffGraphs(
      buildSnapshot({ nodes: [db({}, { id: 'arn:db', tags: { app: 'shopflow', env: 'prod' } })] }),
      buildSnapshot({ nodes: [{ ...db({ kmsKeyId: 'key-1' }, { id: 'arn:db', tags: { app: 'shopflow-v2' } }), name: 'shopflow-db-2' }] }),
    );
    expect(d.changed[0]!.changes).toEqual([
      { path: 'name', before: 'shopflow-db', after: 'shopflow-db-2' },
      { path: 'tags.app', before: 'shopflow', after: 'shopflow-v2' },
      { path: 'tags.env', before: 'prod' },
      { path: 'props.kmsKeyId', after: 'key-1' },
    ]);
  });

  it('finds nothing between a snapshot and itself, in any node and edge order', () => {
    const c = { nodes: [db(), subnet('a'), subnet('b', 'us-east-1b')], edges: [['shopflow-db', 'in-subnet', 'a'], ['shopflow-db', 'in-subnet', 'b']] as [string, string, string][] };
    const before = buildSnapshot(c);
    const after = buildSnapshot({ nodes: [...c.nodes].reverse(), edges: [...c.edges].reverse() });
    for (const d of [diffGraphs(before, before), diffGraphs(before, after)]) {
      expect(d).toEqual({ added: [], removed: [], changed: [], unread: [], edges: { added: [], removed: [] } });
      expect(graphChanged(d)).toBe(false);
    }
  });

  it('does not treat a reordered set-like array as a change (primitives and objects, nested too)', () => {
    const before = buildSnapshot({ nodes: [lb(['subnet-1', 'subnet-2'], ['us-east-1a', 'us-east-1b']), distribution(behaviors)] });
    const reordered = structuredClone(before);
    const alb = reordered.nodes[0]!.props as unknown as { subnetIds: string[]; availabilityZones: string[] };
    alb.subnetIds.reverse();
    alb.availabilityZones.reverse();
    const dist = reordered.nodes[1]!.props as unknown as { origins: Record<string, unknown>[]; aliases: string[] };
    dist.origins = dist.origins.reverse().map((o) => Object.fromEntries(Object.entries(o).reverse()));
    dist.aliases.reverse();
    expect(diffGraphs(before, reordered).changed).toEqual([]);
  });

  it('reports a change of a set-like array as the whole array', () => {
    const d = diffGraphs(buildSnapshot({ nodes: [lb(['subnet-1', 'subnet-2'], ['us-east-1a'])] }), buildSnapshot({ nodes: [lb(['subnet-1', 'subnet-3'], ['us-east-1a'])] }));
    expect(d.changed[0]!.changes).toEqual([{ path: 'props.subnetIds', before: ['subnet-1', 'subnet-2'], after: ['subnet-1', 'subnet-3'] }]);
  });

  it('counts duplicates in a set-like array', () => {
    expect(diffValues(['a', 'a', 'b'], ['a', 'b', 'b'], 'props.x')).toHaveLength(1);
  });

  it('reports reordered cacheBehaviors as a change: CloudFront applies the first match', () => {
    const d = diffGraphs(buildSnapshot({ nodes: [distribution(behaviors)] }), buildSnapshot({ nodes: [distribution([...behaviors].reverse())] }));
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.changes).toEqual([{ path: 'props.cacheBehaviors', before: behaviors, after: [...behaviors].reverse() }]);
  });

  it('reports relations added and removed', () => {
    const nodes = [db(), subnet('a'), subnet('b')];
    const d = diffGraphs(buildSnapshot({ nodes, edges: [['shopflow-db', 'in-subnet', 'a']] }), buildSnapshot({ nodes, edges: [['shopflow-db', 'in-subnet', 'b']] }));
    expect(d.edges.added).toEqual([{ from: idOf(db()), type: 'in-subnet', to: idOf(subnet('b')) }]);
    expect(d.edges.removed).toEqual([{ from: idOf(db()), type: 'in-subnet', to: idOf(subnet('a')) }]);
    expect(graphChanged(d)).toBe(true);
  });

  it('lists a resource the other snapshot could not read as unread, not removed or added', () => {
    const gap = { service: 'rds', operation: 'DescribeDBInstances', resourceTypes: ['rds.db-instance'] } as never;
    const full = buildSnapshot({ nodes: [db(), subnet('a')], edges: [['shopflow-db', 'in-subnet', 'a']] });
    const partial: Snapshot = buildSnapshot({ nodes: [subnet('a')], gaps: [gap] });
    const d = diffGraphs(full, partial);
    expect(d.removed).toEqual([]);
    expect(d.edges.removed).toEqual([]);
    expect(d.unread).toEqual([expect.objectContaining({ name: 'shopflow-db', presentIn: 'old', why: expect.stringMatching(/new snapshot could not read rds\.db-instance in us-east-1/) })]);
    expect(graphChanged(d)).toBe(false);
    expect(diffGraphs(partial, full).unread[0]).toMatchObject({ presentIn: 'new' });
  });

  it('tags a failed tagging read left unknown are no change, and do not hide a removed or changed bucket', () => {
    const bucket = (name: string, tags: Record<string, string>, versioning = 'Enabled'): NodeInput => ({ type: 's3.bucket', name, tags, props: { bucketName: name, versioning } });
    const gap = { service: 's3', operation: 'GetResources', resourceTypes: ['s3.bucket'] } as never;
    const tagged = buildSnapshot({ nodes: [bucket('shopflow-static', { app: 'shopflow' }), bucket('shopflow-logs', { app: 'shopflow' })] });
    const unknownTags = buildSnapshot({ nodes: [bucket('shopflow-static', {}, 'Suspended')], gaps: [gap] });
    for (const [before, after] of [[tagged, unknownTags], [unknownTags, tagged]] as const) {
      const d = diffGraphs(before, after);
      expect(d.changed.map((c) => c.changes.map((x) => x.path))).toEqual([['props.versioning']]);
      expect(d.unread).toEqual([]);
      expect([...d.added, ...d.removed].map((n) => n.name)).toEqual(['shopflow-logs']);
    }
    // A gap in another region leaves this region's tags compared.
    const elsewhere = buildSnapshot({ nodes: [bucket('shopflow-static', {}), bucket('shopflow-logs', { app: 'shopflow' })], gaps: [{ ...(gap as object), region: 'us-west-2' } as never] });
    expect(diffGraphs(tagged, elsewhere).changed.map((c) => c.changes.map((x) => x.path))).toEqual([['tags.app']]);
  });

  it('lists a resource in a region the other snapshot did not collect as unread', () => {
    const east = buildSnapshot({ nodes: [subnet('a')] });
    const both = buildSnapshot({ nodes: [subnet('a'), { ...subnet('w'), region: 'us-west-2' }], regions: ['us-east-1', 'us-west-2'] });
    const d = diffGraphs(east, both);
    expect(d.added).toEqual([]);
    expect(d.unread).toEqual([expect.objectContaining({ name: 'w', why: 'the old snapshot did not collect us-west-2' })]);
  });
});
