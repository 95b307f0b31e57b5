// init's annotated keys (`x-init` in spec-v2-schema.ts): the values of the KMS keys, log groups,
// secrets and certificates reach the spec through the schema's annotations, with the same rules as
// hand-written reads: a value the key refuses, a missing one or two that disagree leave the key out;
// an object left without a required key is dropped; keys keep the schema's order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initSpec } from '../../src/engine/spec-init.js';
import { fits } from '../../src/engine/spec-init-derive.js';
import { initSourcesSource } from '../../src/engine/spec-init-sources.js';
import { INIT_SOURCES } from '../../src/engine/spec-init-sources.generated.js';
import { specV2SchemaText } from '../../src/engine/spec-v2-schema.js';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';
import { EDGE_TYPES } from '../../src/graph/edge-types.js';
import type { GraphNode, Snapshot } from '../../src/graph/types.js';

const load = (name: string): Snapshot => JSON.parse(readFileSync(`examples/${name}.snapshot.json`, 'utf8')) as Snapshot;
const compliant = load('shopflow-compliant');
const spec = (snapshot: Snapshot) => initSpec(snapshot, { scope: { tags: { app: 'shopflow' } } }).spec as Record<string, any>;
const edited = (edit: (s: Snapshot) => void): Snapshot => {
  const copy = structuredClone(compliant);
  edit(copy);
  return copy;
};
const ofType = (s: Snapshot, type: string): GraphNode[] => s.nodes.filter((n) => n.type === type);
const propsOf = (n: GraphNode) => n.props as Record<string, unknown>;
const container = (s: Record<string, any>) => s.services.api.taskDefinition.container;

describe('init reads the annotated keys', () => {
  it("writes the KMS keys', log group's, secrets' and certificate's values, each key in the schema's order", () => {
    const s = spec(compliant);
    expect(s.databases.db.encryptionKey).toEqual({ manager: 'CUSTOMER', rotation: true });
    const keys = Object.keys(s.databases.db);
    expect(keys.indexOf('encryptionKey')).toBe(keys.indexOf('storageEncrypted') + 1);
    expect(container(s).logging).toMatchObject({ driver: 'awslogs', retentionDays: 30 });
    expect(Object.keys(container(s).logging).at(-1)).toBe('retentionDays');
    expect(container(s).secretRotation).toEqual({ enabled: true, maxDays: 30 });
    // The certificate is valid for longer than the customary window: the window, not its expiry, is stated.
    expect(s.edge['example-com'].certificateExpiryWarningDays).toBe(30);
    expect(JSON.stringify(s)).not.toContain('x-init');
  });

  it("records a bucket's key reference that names no key, and only that one", () => {
    const s = spec(edited((snap) => {
      const bucket = ofType(snap, 's3.bucket').find((b) => propsOf(b).kmsKeyId)!;
      propsOf(bucket).kmsKeyId = 'alias/does-not-exist';
      snap.edges = snap.edges.filter((e) => !(e.type === 'encrypted-by' && e.from === bucket.id));
    }));
    const dangling = Object.values(s.buckets as Record<string, any>).filter((b) => b.missingEncryptionKey !== undefined);
    expect(dangling.map((b) => b.missingEncryptionKey)).toEqual(['alias/does-not-exist']);
    expect(Object.values(spec(compliant).buckets as Record<string, any>).some((b) => 'missingEncryptionKey' in b)).toBe(false);
  });

  it('leaves out a value the key would refuse, an unknown one, and two that disagree', () => {
    const s = spec(edited((snap) => {
      for (const key of ofType(snap, 'kms.key')) propsOf(key).keyManager = 'SOMEONE';
      for (const group of ofType(snap, 'logs.log-group')) propsOf(group).retentionInDays = 2;
      for (const cert of ofType(snap, 'acm.certificate')) propsOf(cert).daysUntilExpiry = -3;
    }));
    expect(s.databases.db.encryptionKey).toEqual({ rotation: true });
    expect(container(s).logging.retentionDays).toBeUndefined();
    expect(s.edge['example-com'].certificateExpiryWarningDays).toBeUndefined();

    const unknown = spec(edited((snap) => {
      for (const key of ofType(snap, 'kms.key')) propsOf(key).rotationEnabled = null;
    }));
    expect(unknown.databases.db.encryptionKey).toEqual({ manager: 'CUSTOMER' });

    const keys = ofType(compliant, 'kms.key').filter((k) => compliant.edges.some((e) => e.type === 'encrypted-by' && e.to === k.id && e.from.includes(':db:')));
    expect(keys.length).toBeGreaterThan(0);
    const disagree = spec(edited((snap) => {
      // A second key behind the database, managed by AWS: the keys no longer agree on their manager.
      const db = ofType(snap, 'rds.db-instance').find((d) => d.name === 'shopflow-db')!;
      const other = ofType(snap, 'kms.key').find((k) => !snap.edges.some((e) => e.type === 'encrypted-by' && e.from === db.id && e.to === k.id))!;
      propsOf(other).keyManager = 'AWS';
      snap.edges.push({ type: 'encrypted-by', from: db.id, to: other.id });
    }));
    expect(disagree.databases.db.encryptionKey?.manager).toBeUndefined();
  });

  it("accepts every container's credential-like names by name, together, and nothing when none has any", () => {
    expect(spec(compliant).services.api.taskDefinition.acceptedPlaintextCredentials).toBeUndefined();
    const leaky = edited((s) => {
      for (const c of ofType(s, 'ecs.container')) {
        if (c.name === 'api') propsOf(c).credentialLikeEnvironmentNames = ['STRIPE_KEY', 'DATABASE_URL'];
        if (c.name === 'xray-daemon') propsOf(c).credentialLikeEnvironmentNames = ['DATABASE_URL', 'AWS_SECRET_ACCESS_KEY'];
      }
    });
    const s = spec(leaky);
    expect(s.services.api.taskDefinition.acceptedPlaintextCredentials).toEqual(['AWS_SECRET_ACCESS_KEY', 'DATABASE_URL', 'STRIPE_KEY']);
    expect(s.services.worker.taskDefinition.acceptedPlaintextCredentials).toBeUndefined();
    // A container whose names are unknown leaves the key out: the rule then fails on every name, never passes one.
    const unknown = edited((s) => {
      for (const c of ofType(s, 'ecs.container')) if (c.name === 'xray-daemon') delete propsOf(c).credentialLikeEnvironmentNames;
      for (const c of ofType(s, 'ecs.container')) if (c.name === 'api') propsOf(c).credentialLikeEnvironmentNames = ['DATABASE_URL'];
    });
    expect(spec(unknown).services.api.taskDefinition.acceptedPlaintextCredentials).toBeUndefined();
  });

  it('drops an object that would lack a required key (rotation on, but a period unknown)', () => {
    const s = spec(edited((snap) => {
      for (const secret of ofType(snap, 'secretsmanager.secret')) propsOf(secret).rotationDays = null;
    }));
    expect(container(s).secretRotation).toBeUndefined();
    expect(container(s).name).toBe('api');
  });

  it("writes each service's zones (its subnets', sorted and distinct) and the static origin's bucket as an exact pattern", () => {
    const s = spec(compliant);
    expect(s.services.api.availabilityZones).toEqual(['us-east-1a', 'us-east-1b']);
    expect(Object.keys(s.services.api).indexOf('availabilityZones')).toBe(Object.keys(s.services.api).indexOf('minAvailabilityZones') + 1);
    expect(s.edge['example-com'].staticOrigin).toEqual({ kind: 's3', originAccessControl: true, bucketNamePattern: '^shopflow-static-assets-123456789012$' });
    // A dotted bucket name: its dots are literal, so the pattern matches that name and no other.
    const dotted = spec(edited((snap) => {
      for (const b of ofType(snap, 's3.bucket').filter((x) => x.name.startsWith('shopflow-static'))) propsOf(b).bucketName = 'static.shopflow.com';
    }));
    const pattern = dotted.edge['example-com'].staticOrigin.bucketNamePattern as string;
    expect(pattern).toBe('^static\\.shopflow\\.com$');
    expect(new RegExp(pattern).test('static.shopflow.com')).toBe(true);
    expect(new RegExp(pattern).test('staticxshopflow.com')).toBe(false);
    expect(new RegExp(pattern).test('static.shopflow.com.evil')).toBe(false);
  });

  it('leaves the zones out when one subnet has a zone the key refuses, and the bucket when the S3 origins are two buckets', () => {
    const s = spec(edited((snap) => {
      const api = ofType(snap, 'ecs.service').find((x) => x.name === 'shopflow-api')!;
      const subnet = snap.nodes.find((n) => snap.edges.some((e) => e.type === 'in-subnet' && e.from === api.id && e.to === n.id))!;
      propsOf(subnet).availabilityZone = 'use1-az1';
      const dist = ofType(snap, 'cloudfront.distribution')[0]!;
      const images = ofType(snap, 's3.bucket').find((b) => b.name.startsWith('shopflow-product-images'))!;
      snap.edges.push({ type: 'origin', from: dist.id, to: images.id });
    }));
    expect(s.services.api.availabilityZones).toBeUndefined();
    expect(s.edge['example-com'].staticOrigin).toEqual({ kind: 's3', originAccessControl: true });
  });

  it('states nothing about resources the snapshot has none of', () => {
    const s = spec(edited((snap) => {
      const gone = new Set(snap.nodes.filter((n) => ['kms.key', 'logs.log-group', 'secretsmanager.secret', 'acm.certificate'].includes(n.type)).map((n) => n.id));
      snap.nodes = snap.nodes.filter((n) => !gone.has(n.id));
      snap.edges = snap.edges.filter((e) => !gone.has(e.from) && !gone.has(e.to));
    }));
    expect(s.databases.db.encryptionKey).toBeUndefined();
    expect(container(s).logging.retentionDays).toBeUndefined();
    expect(container(s).secretRotation).toBeUndefined();
    expect(s.edge['example-com'].certificateExpiryWarningDays).toBeUndefined();
  });
});

describe('the annotations', () => {
  it('src/engine/spec-init-sources.generated.ts is current', () => {
    expect(initSourcesSource() === readFileSync('src/engine/spec-init-sources.generated.ts', 'utf8'), 'spec-init-sources.generated.ts is stale: run `npm run schemas`').toBe(true);
  });

  it('name declared resource types and edges, and never reach the schema file', () => {
    for (const src of INIT_SOURCES) {
      if ('unresolved' in src.from) expect(Object.keys(EDGE_TYPES)).toContain(src.from.unresolved);
      else {
        expect(Object.keys(RESOURCE_TYPES)).toContain(src.from.type);
        expect(Object.keys(EDGE_TYPES)).toContain(src.from.via);
      }
    }
    expect(specV2SchemaText()).not.toContain('x-init');
  });

  it('check single values as the schema would', () => {
    expect(fits(30, { enum: [1, 30] })).toBe(true);
    expect(fits(2, { enum: [1, 30] })).toBe(false);
    expect(fits(3, { type: 'integer', minimum: 1, maximum: 1000 })).toBe(true);
    expect(fits(0, { type: 'integer', minimum: 1 })).toBe(false);
    expect(fits(1.5, { type: 'integer' })).toBe(false);
    expect(fits(Number.NaN, { type: 'number' })).toBe(false);
    expect(fits('', { type: 'string', minLength: 1 })).toBe(false);
    expect(fits('x', { type: 'string', minLength: 1 })).toBe(true);
    expect(fits(null, { type: 'boolean' })).toBe(false);
    expect(fits('true', { type: 'boolean' })).toBe(false);
    const names = { type: 'array', items: { type: 'string', minLength: 1 } };
    expect(fits(['A', 'B'], names)).toBe(true);
    expect(fits([], names)).toBe(true);
    expect(fits(['A', ''], names)).toBe(false);
    expect(fits(['A', 1], names)).toBe(false);
    expect(fits('A', names)).toBe(false);
    expect(fits(['A'], { type: 'array' })).toBe(false);
    const zones = { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[a-z]+-[0-9][a-z]$' } };
    expect(fits(['us-1a', 'us-1b'], zones)).toBe(true);
    expect(fits([], zones)).toBe(false);
    expect(fits(['us-1a', 'us-1a'], zones)).toBe(false);
    expect(fits(['us-1a', 'use1-az1'], zones)).toBe(false);
    expect(fits('us-1a', zones)).toBe(false);
  });
});
