// The snapshot and spec schemas against the TypeScript contract, and the example snapshots against
// both: they validate, load, and differ from each other in exactly the planted ways. (That they are
// what the collectors make of the ShopFlow scenario is test/scenario/examples.test.ts.)
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaValidator } from '../src/input/schemas.js';
import { loadSnapshot } from '../src/graph/snapshot.js';
import { Graph } from '../src/graph/graph.js';
import { computeScope } from '../src/engine/scope.js';
import { looksLikeCredential } from '../src/collect/secrets.js';
import { RESOURCE_TYPES, type ResourceType } from '../src/graph/resource-types.js';
import { EDGE_TYPES } from '../src/graph/edge-types.js';
import type { GraphNode, Snapshot } from '../src/graph/types.js';
import { ACCOUNT } from './scenario/shopflow/index.js';
import { DRIFTS, PLANTED_DATABASE_URL, VARIANTS, exampleFile, type Variant } from './scenario/patches.js';
import { LEDGERLY_VARIANTS, ledgerlyExampleFile, type LedgerlyVariant } from './scenario/ledgerly-patches.js';

const root = (...parts: string[]) => fileURLToPath(new URL(`../${parts.join('/')}`, import.meta.url));
const readJsonFile = (...parts: string[]) => JSON.parse(readFileSync(root(...parts), 'utf8'));

const snapshotSchema = readJsonFile('schemas', 'snapshot.schema.json');
const specSchema = readJsonFile('schemas', 'spec.schema.json');
const spec = readJsonFile('test/fixtures/spec.shopflow.v1.json');
const files = [
  ...(Object.keys(VARIANTS) as Variant[]).map(exampleFile),
  ...(Object.keys(LEDGERLY_VARIANTS) as LedgerlyVariant[]).map(ledgerlyExampleFile),
].map((f) => f.replace('examples/', ''));
const texts = Object.fromEntries(files.map((f) => [f, readFileSync(root('examples', f), 'utf8')]));
const examples = Object.fromEntries(files.map((f) => [f, JSON.parse(texts[f]!) as Snapshot]));
const compliant = examples['shopflow-compliant.snapshot.json']!;
const drifted = examples['shopflow-drifted.snapshot.json']!;
const partial = examples['shopflow-partial.snapshot.json']!;

type JsonSchema = Record<string, any>;
const definitions = snapshotSchema.definitions as Record<string, JsonSchema>;
const sorted = (values: Iterable<string>) => [...values].sort();

/** Resource type -> the name of its props definition, read from the node's oneOf (chosen by type). */
function propsDefinitions(): Map<string, string> {
  const map = new Map<string, string>();
  expect(definitions.node!.discriminator).toEqual({ propertyName: 'type' });
  for (const branch of definitions.node!.oneOf as JsonSchema[]) {
    const type = branch.properties?.type?.const as string;
    const ref = branch.properties?.props?.$ref as string;
    expect(map.has(type), `two branches for ${type}`).toBe(false);
    map.set(type, ref.replace('#/definitions/', ''));
  }
  return map;
}
const propsDefinitionOf = propsDefinitions();

const nodeById = (s: Snapshot) => new Map(s.nodes.map((n) => [n.id, n]));
const find = (s: Snapshot, type: ResourceType, name: string): GraphNode => {
  const node = s.nodes.find((n) => n.type === type && n.name === name);
  if (!node) throw new Error(`no ${type} named ${name}`);
  return node;
};
const props = (node: GraphNode) => node.props as unknown as Record<string, any>;
/** A container of a task definition, found through its in-task-definition edge. */
const container = (s: Snapshot, taskDefinition: string, name: string): GraphNode => {
  const task = find(s, 'ecs.task-definition', taskDefinition);
  const ids = new Set(s.edges.filter((e) => e.type === 'in-task-definition' && e.to === task.id).map((e) => e.from));
  const node = s.nodes.find((n) => ids.has(n.id) && n.name === name);
  if (!node) throw new Error(`no container ${name} in ${taskDefinition}`);
  return node;
};
const edgeKey = (e: { type: string; from: string; to: string }) => `${e.type} ${e.from} -> ${e.to}`;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** JSON pointers where two values differ; arrays are compared whole. */
function diff(a: unknown, b: unknown, path = ''): string[] {
  if (isPlainObject(a) && isPlainObject(b)) {
    return sorted(new Set([...Object.keys(a), ...Object.keys(b)])).flatMap((k) => diff(a[k], b[k], `${path}/${k}`));
  }
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [path];
}

/** Every object schema (with `properties`) anywhere under `schema`, with where it is. */
function objectSchemas(schema: unknown, at = '#'): { at: string; schema: JsonSchema }[] {
  if (!isPlainObject(schema)) return Array.isArray(schema) ? schema.flatMap((s, i) => objectSchemas(s, `${at}/${i}`)) : [];
  const own = isPlainObject(schema.properties) ? [{ at, schema: schema as JsonSchema }] : [];
  return [...own, ...Object.entries(schema).flatMap(([k, v]) => (k === 'enum' || k === 'const' ? [] : objectSchemas(v, `${at}/${k}`)))];
}

describe('snapshot schema', () => {
  it('has a validator, compiled in strict mode at build time (scripts/build-validators.mjs)', () => {
    expect(() => schemaValidator('snapshot')).not.toThrow();
  });

  it('lists exactly the resource types of RESOURCE_TYPES and the edge types of EDGE_TYPES', () => {
    expect(sorted(definitions.resourceType!.enum)).toEqual(sorted(Object.keys(RESOURCE_TYPES)));
    expect(sorted(definitions.edgeType!.enum)).toEqual(sorted(Object.keys(EDGE_TYPES)));
    expect(definitions.node!.properties.type.$ref).toBe('#/definitions/resourceType');
    expect(definitions.edge!.properties.type.$ref).toBe('#/definitions/edgeType');
  });

  it('has one props definition per resource type', () => {
    expect(sorted(propsDefinitionOf.keys())).toEqual(sorted(Object.keys(RESOURCE_TYPES)));
    for (const [type, name] of propsDefinitionOf) {
      expect(definitions[name], `definition ${name} for ${type}`).toBeDefined();
      expect(definitions[name]!.type).toBe('object');
    }
  });

  it('requires every property and allows no others, at every level', () => {
    const objects = objectSchemas(snapshotSchema);
    expect(objects.length).toBeGreaterThan(40);
    for (const { at, schema } of objects) {
      // The node's oneOf branches only dispatch on type; they are not object shapes.
      if (/\/node\/oneOf\/\d+$/.test(at)) continue;
      expect(schema.additionalProperties, `${at}: additionalProperties`).toBe(false);
      expect(sorted(schema.required ?? []), `${at}: required`).toEqual(sorted(Object.keys(schema.properties)));
    }
  });

  it('validates props per type', () => {
    const validate = schemaValidator('snapshot');
    const vpc = structuredClone(compliant.nodes.find((n) => n.type === 'ec2.vpc')!);
    const withNode = (node: unknown) => ({ ...compliant, nodes: [node], edges: [] });
    expect(validate(withNode(vpc))).toBe(true);
    expect(validate(withNode({ ...vpc, props: { ...vpc.props, extra: 1 } }))).toBe(false);
    const { isDefault: _, ...missing } = vpc.props as unknown as Record<string, unknown>;
    expect(validate(withNode({ ...vpc, props: missing }))).toBe(false);
    expect(validate(withNode({ ...vpc, props: { ...vpc.props, isDefault: 'false' } }))).toBe(false);
    // A VPC's props under another type fail that type's definition.
    expect(validate(withNode({ ...vpc, type: 'ec2.subnet' }))).toBe(false);
    expect(validate(withNode({ ...vpc, type: 'ec2.vpn' }))).toBe(false);
    const subnet = compliant.nodes.find((n) => n.type === 'ec2.subnet')!;
    expect(validate(withNode({ ...subnet, props: { ...subnet.props, availabilityZone: 'use1-az1' } }))).toBe(false);
    const nat = compliant.nodes.find((n) => n.type === 'ec2.nat-gateway')!;
    expect(validate(withNode({ ...nat, props: { ...nat.props, availabilityMode: 'multi-az' } }))).toBe(false);
    const db = compliant.nodes.find((n) => n.type === 'rds.db-instance')!;
    expect(validate(withNode({ ...db, props: { ...db.props, kmsKeyId: null, latestRestorableTime: null, restoreLagSeconds: null } }))).toBe(true);
    expect(validate(withNode({ ...db, props: { ...db.props, latestRestorableTime: 'yesterday' } }))).toBe(false);
    const distribution = compliant.nodes.find((n) => n.type === 'cloudfront.distribution')!;
    expect(validate(withNode({ ...distribution, region: 'us-east-1' }))).toBe(false);
    expect(validate({ ...compliant, edges: [{ type: 'owns', from: 'a', to: 'b' }] })).toBe(false);
    expect(validate({ ...compliant, gaps: [{ ...partial.gaps[0], resourceTypes: ['elasticache.cluster'] }] })).toBe(false);
    expect(validate({ ...compliant, meta: { ...compliant.meta, account: '1234' } })).toBe(false);
    expect(validate({ ...compliant, extra: true })).toBe(false);
  });
});

describe('spec schema', () => {
  const validate = schemaValidator('spec');

  it('accepts the ShopFlow v1 spec (test/fixtures/spec.shopflow.v1.json; v1 is frozen, spec.shopflow.json is v2)', () => {
    expect(validate(spec), JSON.stringify(validate.errors)).toBe(true);
  });

  it('describes every key of the v1 ShopFlow spec and requires every section', () => {
    const { $schema: _, ...rest } = spec as Record<string, unknown>;
    expect(sorted(specSchema.required)).toEqual(sorted(Object.keys(spec)));
    for (const section of Object.keys(rest)) {
      const copy = structuredClone(spec);
      delete copy[section];
      expect(validate(copy), `without ${section}`).toBe(false);
    }
  });

  it('rejects unknown keys, bad AZs, bad regexes and wrong types', () => {
    const patched = (mutate: (s: any) => void) => {
      const copy = structuredClone(spec);
      mutate(copy);
      return validate(copy);
    };
    expect(patched((s) => (s.database.extra = 1))).toBe(false);
    expect(patched((s) => (s.extra = 1))).toBe(false);
    expect(patched((s) => (s.database.primaryAvailabilityZone = 'use1-az1'))).toBe(false);
    expect(patched((s) => (s.network.availabilityZones = []))).toBe(false);
    expect(patched((s) => (s.region = 'us-east'))).toBe(false);
    expect(patched((s) => (s.storage.logsBucket = '^shopflow-(logs'))).toBe(false);
    expect(patched((s) => (s.compute.taskDefinition.cpu = '512'))).toBe(false);
    expect(patched((s) => (s.specVersion = 2))).toBe(false);
    expect(patched((s) => (s.scaling.scaleInBy = 1))).toBe(false);
    expect(patched((s) => (s.scope = {}))).toBe(false);
    expect(patched((s) => delete s.scope.tags)).toBe(true);
    expect(patched((s) => (s.database.readReplicas = { count: 0, availabilityZones: [] }))).toBe(true);
  });
});

describe('example snapshots', () => {
  it.each(files)('%s validates against the snapshot schema', (file) => {
    const validate = schemaValidator('snapshot');
    expect(validate(examples[file]), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it.each(files)('%s loads through loadSnapshot (unique ids, no dangling edges)', async (file) => {
    const snapshot = await loadSnapshot(root('examples', file));
    expect(snapshot.nodes.length).toBe(examples[file]!.nodes.length);
    const ids = nodeById(snapshot);
    expect(ids.size).toBe(snapshot.nodes.length);
    for (const edge of snapshot.edges) {
      expect(ids.has(edge.from), edgeKey(edge)).toBe(true);
      expect(ids.has(edge.to), edgeKey(edge)).toBe(true);
    }
    expect(new Set(snapshot.edges.map(edgeKey)).size).toBe(snapshot.edges.length);
  });

  it.each(files)('%s: every node has exactly the props its type definition requires', (file) => {
    for (const node of examples[file]!.nodes) {
      const definition = definitions[propsDefinitionOf.get(node.type)!]!;
      expect(sorted(Object.keys(node.props)), `${node.type} ${node.id}`).toEqual(sorted(definition.required));
    }
  });

  it.each(files)('%s: every edge joins the kinds of resource its type declares (EDGE_TYPES)', (file) => {
    const ids = nodeById(examples[file]!);
    for (const edge of examples[file]!.edges) {
      const { from, to }: { from: readonly string[]; to: readonly string[] } = EDGE_TYPES[edge.type];
      expect(from, edgeKey(edge)).toContain(ids.get(edge.from)!.type);
      expect(to, edgeKey(edge)).toContain(ids.get(edge.to)!.type);
    }
  });

  it('cover every resource type and every edge type between them (ShopFlow all but Aurora clusters, which Ledgerly has)', () => {
    expect(sorted(new Set(compliant.nodes.map((n) => n.type)))).toEqual(sorted(Object.keys(RESOURCE_TYPES).filter((t) => t !== 'rds.db-cluster')));
    expect(sorted(new Set(compliant.edges.map((e) => e.type)))).toEqual(sorted(Object.keys(EDGE_TYPES).filter((t) => t !== 'member-of')));
    const ledgerly = examples['ledgerly-compliant.snapshot.json']!;
    expect(ledgerly.nodes.some((n) => n.type === 'rds.db-cluster')).toBe(true);
    expect(ledgerly.edges.some((e) => e.type === 'member-of')).toBe(true);
  });

  it('are sorted by type then id, and their edges by type, from, to', () => {
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    for (const s of Object.values(examples)) {
      const nodes = s.nodes.map((n) => `${n.type}\u0000${n.id}`);
      expect(nodes).toEqual([...nodes].sort(cmp));
      const edges = s.edges.map((e) => `${e.type}\u0000${e.from}\u0000${e.to}`);
      expect(edges).toEqual([...edges].sort(cmp));
    }
  });

  it('are every example there is, written as the CLI writes a snapshot (2-space JSON, trailing newline)', () => {
    expect(readdirSync(root('examples')).filter((f) => f.endsWith('.snapshot.json')).sort()).toEqual(sorted(files));
    for (const file of files) expect(texts[file]).toBe(JSON.stringify(JSON.parse(texts[file]!), null, 2) + '\n');
  });
});

describe('what the examples hold', () => {
  const inScope = (s: Snapshot, scope = spec.scope) => computeScope(new Graph(s), scope);

  it("Ledgerly is everything but the default VPC (with its gateway) and the AWS managed keys, in both regions", () => {
    const ledgerlyScope = JSON.parse(readFileSync(root('specs', 'ledgerly.json'), 'utf8')).scope;
    for (const s of files.filter((f) => f.startsWith('ledgerly-')).map((f) => examples[f]!)) {
      const scope = inScope(s, ledgerlyScope);
      const defaultVpc = s.nodes.find((n) => n.type === 'ec2.vpc' && props(n).isDefault)!;
      const outside = s.nodes.filter(
        (n) => n.id === defaultVpc.id || (n.type === 'kms.key' && n.name.startsWith('alias/aws/')) || s.edges.some((e) => e.type === 'attached-to' && e.from === n.id && e.to === defaultVpc.id),
      );
      expect(outside.map((n) => n.type).sort()).toEqual(['ec2.internet-gateway', 'ec2.vpc', 'kms.key', 'kms.key']);
      for (const n of s.nodes) expect(scope.has(n.id), `${n.type} ${n.name}`).toBe(!outside.includes(n));
      expect(s.nodes.some((n) => n.region === 'us-west-2' && scope.has(n.id))).toBe(true);
    }
  });

  it('ShopFlow is everything but the default VPC and the billing application', () => {
    for (const s of files.filter((f) => f.startsWith('shopflow-')).map((f) => examples[f]!)) {
      const scope = inScope(s);
      const ids = nodeById(s);
      const vpcOf = (n: GraphNode) => (props(n).vpcId as string | undefined) ?? null;
      const defaultVpc = s.nodes.find((n) => n.type === 'ec2.vpc' && props(n).isDefault)!;
      const billingVpc = find(s, 'ec2.vpc', 'billing-vpc');
      const outside = s.nodes.filter(
        (n) =>
          n.tags.app === 'billing' ||
          n.id.includes('billing') ||
          n.name.startsWith('billing.') ||
          // KMS keys take no scope tags: billing's key and the AWS managed keys no ShopFlow data store names.
          (n.type === 'kms.key' && (n.name.includes('billing') || n.name.startsWith('alias/aws/'))) ||
          [props(defaultVpc).vpcId, props(billingVpc).vpcId].includes(vpcOf(n)) ||
          n.id === defaultVpc.id ||
          s.edges.some((e) => e.type === 'attached-to' && e.from === n.id && [defaultVpc.id, billingVpc.id].includes(e.to)),
      );
      expect(outside.length).toBeGreaterThan(20);
      for (const n of outside) expect(scope.has(n.id), `${n.type} ${n.name} must not be ShopFlow's`).toBe(false);
      for (const n of s.nodes) if (!outside.includes(n)) expect(scope.has(n.id), `${n.type} ${n.name} is ShopFlow's`).toBe(true);
      // Some of ShopFlow's resources belong only through relationships.
      const untagged = s.nodes.filter((n) => scope.has(n.id) && !n.tags.app && !n.name.startsWith('shopflow'));
      expect(sorted(new Set(untagged.map((n) => n.type)))).toEqual(['application-autoscaling.scalable-target', 'ec2.nat-gateway', 'ec2.route-table', 'ecs.container', 'kms.key', 'logs.log-group']);
      expect(s.nodes.filter((n) => scope.has(n.id) && !n.tags.app).length).toBeGreaterThanOrEqual(15);
      expect(ids.size).toBe(s.nodes.length);
    }
  });

  it('the compliant account matches the spec where the drifts will be planted', () => {
    const writer = props(find(compliant, 'rds.db-instance', 'shopflow-db'));
    expect(writer).toMatchObject({ role: 'writer', multiAz: true, availabilityZone: 'us-east-1a', secondaryAvailabilityZone: 'us-east-1b', backupRetentionPeriod: 7 });
    expect(writer.readReplicaIdentifiers).toEqual(['shopflow-db-replica-1', 'shopflow-db-replica-2']);
    expect(writer.restoreLagSeconds).toBe(300);
    const nats = compliant.nodes.filter((n) => n.type === 'ec2.nat-gateway' && props(n).vpcId === props(find(compliant, 'ec2.vpc', 'shopflow-vpc')).vpcId);
    expect(sorted(nats.map((n) => props(n).availabilityZone))).toEqual(['us-east-1a', 'us-east-1b']);
    for (const name of ['shopflow-private-a', 'shopflow-private-b']) {
      const subnet = props(find(compliant, 'ec2.subnet', name));
      expect(subnet.defaultRoute.targetType).toBe('nat-gateway');
      expect(subnet.defaultRoute.natGatewayAvailabilityZone).toBe(subnet.availabilityZone);
    }
    for (const name of ['shopflow-public-a', 'shopflow-public-b']) expect(props(find(compliant, 'ec2.subnet', name)).routesToInternetGateway).toBe(true);
    for (const name of ['shopflow-data-a', 'shopflow-data-b']) expect(props(find(compliant, 'ec2.subnet', name)).defaultRoute).toBeNull();
    const distribution = compliant.nodes.find((n) => n.type === 'cloudfront.distribution')!;
    expect(props(distribution).webAclId).toBe(compliant.nodes.find((n) => n.type === 'wafv2.web-acl')!.id);
    expect(props(find(compliant, 'ecs.task-definition', 'shopflow-api:42'))).toMatchObject({ cpu: 512, memory: 1024 });
    const api = props(container(compliant, 'shopflow-api:42', 'api'));
    expect(api).toMatchObject({ imageRepository: 'shopflow/api', imageTag: '1.14.2', environmentNames: ['NODE_ENV'], environmentValues: { NODE_ENV: 'production' }, secretNames: ['DATABASE_URL', 'SESSION_KEY', 'FEATURE_FLAGS'], credentialLikeEnvironmentNames: [] });
    expect(api.logOptions).toEqual({ 'awslogs-group': '/ecs/shopflow-api', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': 'api' });
    expect(props(container(compliant, 'shopflow-api:42', 'xray-daemon')).imageRepository).toBe('xray/aws-xray-daemon');
  });

  it('the drifted account differs from the compliant one in exactly the planted ways', () => {
    expect(Object.keys(DRIFTS)).toHaveLength(11);
    const before = nodeById(compliant);
    const after = nodeById(drifted);
    const natB = compliant.nodes.find((n) => n.type === 'ec2.nat-gateway' && props(n).subnetId === props(find(compliant, 'ec2.subnet', 'shopflow-public-b')).subnetId)!;
    const natA = compliant.nodes.find((n) => n.type === 'ec2.nat-gateway' && props(n).subnetId === props(find(compliant, 'ec2.subnet', 'shopflow-public-a')).subnetId)!;
    const replica2 = find(compliant, 'rds.db-instance', 'shopflow-db-replica-2');
    const writer = find(compliant, 'rds.db-instance', 'shopflow-db');
    const privateB = find(compliant, 'ec2.subnet', 'shopflow-private-b');
    const privateBTable = before.get(`arn:aws:ec2:us-east-1:${ACCOUNT}:route-table/${props(privateB).routeTableId}`)!;
    const distribution = compliant.nodes.find((n) => n.type === 'cloudfront.distribution')!;
    const webAcl = compliant.nodes.find((n) => n.type === 'wafv2.web-acl')!;
    const apiTask = find(compliant, 'ecs.task-definition', 'shopflow-api:42');
    const apiContainer = container(compliant, 'shopflow-api:42', 'api');
    const databaseUrl = find(compliant, 'secretsmanager.secret', 'shopflow/prod/database-url');
    const appKeys = find(compliant, 'secretsmanager.secret', 'shopflow/prod/app-keys');
    const certificate = find(compliant, 'acm.certificate', 'shopflow.example.com');

    const dataKey = find(compliant, 'kms.key', 'alias/shopflow-data');
    const images = find(compliant, 's3.bucket', 'shopflow-product-images-123456789012');
    // Nodes: two gone, none added, ten changed in exactly these places.
    expect(sorted([...before.keys()].filter((id) => !after.has(id)))).toEqual(sorted([natB.id, replica2.id]));
    expect([...after.keys()].filter((id) => !before.has(id))).toEqual([]);
    const changed = drifted.nodes.flatMap((n) => diff(before.get(n.id), n).map((p) => `${n.id} ${p}`));
    expect(sorted(changed)).toEqual(
      sorted([
        `${writer.id} /props/multiAz`,
        `${writer.id} /props/secondaryAvailabilityZone`,
        `${writer.id} /props/backupRetentionPeriod`,
        `${writer.id} /props/readReplicaIdentifiers`,
        `${privateB.id} /props/defaultRoute/targetId`,
        `${privateB.id} /props/defaultRoute/natGatewayAvailabilityZone`,
        `${privateBTable.id} /props/routes`,
        `${distribution.id} /props/webAclId`,
        `${apiTask.id} /props/cpu`,
        `${apiTask.id} /props/memory`,
        `${apiContainer.id} /props/environmentNames`,
        `${apiContainer.id} /props/credentialLikeEnvironmentNames`,
        `${apiContainer.id} /props/secretNames`,
        `${apiContainer.id} /props/secrets`,
        `${appKeys.id} /props/rotationEnabled`,
        `${appKeys.id} /props/rotationDays`,
        `${certificate.id} /props/notAfter`,
        `${certificate.id} /props/daysUntilExpiry`,
        `${dataKey.id} /props/rotationEnabled`,
        `${images.id} /props/kmsKeyId`,
      ]),
    );

    // Edges: the removed resources' edges and the WAF attachment gone; private-b routes via NAT a.
    const edgesBefore = new Set(compliant.edges.map(edgeKey));
    const edgesAfter = new Set(drifted.edges.map(edgeKey));
    expect(sorted([...edgesBefore].filter((e) => !edgesAfter.has(e)))).toEqual(
      sorted([
        `in-vpc ${natB.id} -> arn:aws:ec2:us-east-1:${ACCOUNT}:vpc/${props(natB).vpcId}`,
        `in-subnet ${natB.id} -> arn:aws:ec2:us-east-1:${ACCOUNT}:subnet/${props(natB).subnetId}`,
        `routes-via ${privateB.id} -> ${natB.id}`,
        `protected-by ${distribution.id} -> ${webAcl.id}`,
        `replica-of ${replica2.id} -> ${writer.id}`,
        `in-subnet-group ${replica2.id} -> arn:aws:rds:us-east-1:${ACCOUNT}:subgrp:shopflow-data`,
        `uses-secret ${apiContainer.id} -> ${databaseUrl.id}`,
        `encrypted-by ${replica2.id} -> ${dataKey.id}`,
        `encrypted-by ${images.id} -> ${dataKey.id}`,
      ]),
    );
    expect([...edgesAfter].filter((e) => !edgesBefore.has(e))).toEqual([`routes-via ${privateB.id} -> ${natA.id}`]);
    expect(drifted.meta).toEqual(compliant.meta);
    expect(drifted.gaps).toEqual([]);

    // Each drift, as a rule would see it.
    const w = props(after.get(writer.id)!);
    expect(w.multiAz).toBe(false);
    expect(w.secondaryAvailabilityZone).toBeNull();
    expect(w.backupRetentionPeriod).toBe(6);
    expect(w.readReplicaIdentifiers).toEqual(['shopflow-db-replica-1']);
    expect(drifted.nodes.filter((n) => n.type === 'rds.db-instance' && props(n).readReplicaSourceIdentifier === 'shopflow-db').map((n) => n.name)).toEqual(['shopflow-db-replica-1']);
    const shopflowNats = drifted.nodes.filter((n) => n.type === 'ec2.nat-gateway' && props(n).vpcId === props(natA).vpcId);
    expect(shopflowNats.map((n) => n.id)).toEqual([natA.id]);
    const route = props(after.get(privateB.id)!).defaultRoute;
    expect(route).toEqual({ targetType: 'nat-gateway', targetId: props(natA).natGatewayId, natGatewayAvailabilityZone: 'us-east-1a' });
    expect(props(after.get(privateB.id)!).availabilityZone).toBe('us-east-1b');
    expect(props(after.get(privateBTable.id)!).routes.find((r: { destination: string }) => r.destination === '0.0.0.0/0').targetId).toBe(props(natA).natGatewayId);
    expect(props(after.get(distribution.id)!).webAclId).toBeNull();
    expect(after.has(webAcl.id)).toBe(true);
    expect(props(after.get(apiTask.id)!)).toMatchObject({ cpu: 1024, memory: 2048 });
    const c = props(after.get(apiContainer.id)!);
    expect(c.environmentNames).toContain('DATABASE_URL');
    expect(c.credentialLikeEnvironmentNames).toEqual(['DATABASE_URL']);
    expect(c.secretNames).not.toContain('DATABASE_URL');
    expect(c.secrets.map((x: { name: string }) => x.name)).toEqual(['SESSION_KEY', 'FEATURE_FLAGS']);
    expect(c.environmentValues).toEqual({ NODE_ENV: 'production' });
    expect(props(after.get(appKeys.id)!)).toMatchObject({ rotationEnabled: false, rotationDays: null });
  });

  it('the planted DATABASE_URL value is a credential, and never reaches any example', () => {
    const value = PLANTED_DATABASE_URL;
    expect(looksLikeCredential(value, 'DATABASE_URL')).toBe(true);
    const password = /:\/\/[^:]+:([^@]+)@/.exec(value)![1]!;
    for (const file of files) {
      for (const needle of [value, JSON.stringify(value).slice(1, -1), password, 'postgres://']) {
        expect(texts[file]!.includes(needle), `${file} contains ${needle}`).toBe(false);
      }
    }
  });

  it('the partial account is the compliant one without ElastiCache, and says why', () => {
    const gone = compliant.nodes.filter((n) => n.type.startsWith('elasticache.'));
    expect(gone.map((n) => n.type).sort()).toEqual(['elasticache.cache-subnet-group', 'elasticache.replication-group']);
    const goneIds = new Set(gone.map((n) => n.id));
    expect(partial.nodes).toEqual(compliant.nodes.filter((n) => !goneIds.has(n.id)));
    expect(partial.edges).toEqual(compliant.edges.filter((e) => !goneIds.has(e.from) && !goneIds.has(e.to)));
    expect(partial.edges.length).toBeLessThan(compliant.edges.length);
    expect(partial.meta).toEqual(compliant.meta);
    // Both ElastiCache listings were denied: one gap each, naming the types it hides.
    expect(partial.gaps.map((g) => [g.operation, g.resourceTypes])).toEqual([
      ['DescribeCacheSubnetGroups', ['elasticache.cache-subnet-group']],
      ['DescribeReplicationGroups', ['elasticache.replication-group']],
    ]);
    for (const gap of partial.gaps) {
      expect(gap).toMatchObject({ service: 'elasticache', region: 'us-east-1', code: 'AccessDeniedException' });
      expect(gap.message).toMatch(new RegExp(`^User: arn:aws:sts::123456789012:assumed-role/infra-audit/nightly is not authorized to perform: elasticache:${gap.operation}`));
    }
  });
});
