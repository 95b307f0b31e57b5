// `infra-audit init`'s generator: a snapshot's in-scope resources become a valid v2 spec holding the
// values the account has, the same on every run; unknown values are left out (never invented),
// environment values are never written, names of any shape become valid item names, and a scope
// that matches nothing is refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initSpec } from '../../src/engine/spec-init.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { UsageError } from '../../src/errors.js';
import type { GraphNode, Snapshot } from '../../src/graph/types.js';

const load = (name: string): Snapshot => JSON.parse(readFileSync(`examples/${name}.snapshot.json`, 'utf8')) as Snapshot;
const compliant = load('shopflow-compliant');
const drifted = load('shopflow-drifted');
const shopflow = { scope: { tags: { app: 'shopflow' } } };
const spec = (snapshot: Snapshot, options = shopflow) => initSpec(snapshot, options).spec as Record<string, any>;
const node = (snapshot: Snapshot, type: string, name: string): GraphNode => {
  const found = snapshot.nodes.find((n) => n.type === type && n.name === name);
  if (!found) throw new Error(`no ${type} ${name}`);
  return found;
};
const edited = (snapshot: Snapshot, edit: (s: Snapshot) => void): Snapshot => {
  const copy = structuredClone(snapshot);
  edit(copy);
  return copy;
};

describe('init: a baseline spec from a snapshot', () => {
  it('writes one item per in-scope resource, recognised by its exact name, with the live values', () => {
    const s = spec(compliant);
    expect(schemaValidator('specV2')(s)).toBe(true);
    expect(s).toMatchObject({ specVersion: 2, application: 'shopflow', region: 'us-east-1', scope: { tags: { app: 'shopflow' } } });
    expect(Object.keys(s.services)).toEqual(['api', 'worker']);
    expect(s.services.api.match).toEqual({ name: 'shopflow-api' });
    expect(s.services.api.taskDefinition).toMatchObject({ family: 'shopflow-api', cpu: 512, memory: 1024, container: { name: 'api', containerPort: 3000 } });
    expect(s.services.api.scaling).toEqual({
      minTasks: 2, maxTasks: 20, desiredTasks: 4, triggers: { cpuPercent: 70, memoryPercent: 80, requestsPerMinute: 1000 }, scaleOutBy: 2, scaleInBy: -1, cooldownSeconds: 300,
    });
    expect(s.databases.db).toMatchObject({ kind: 'rds-instance', match: { name: 'shopflow-db' }, multiAz: true, readReplicas: { count: 2, availabilityZones: ['us-east-1a', 'us-east-1b'] } });
    expect(s.networks.vpc.natGateways).toEqual({ count: 2, state: 'available', onePerAvailabilityZone: true });
    // Another application's resources (billing) are not the application's: no item for them.
    expect(JSON.stringify(s)).not.toContain('billing');
    // The replicas are the writer's, not databases of their own.
    expect(Object.keys(s.databases)).toEqual(['db']);
    // Item names: without the application's prefix or the account id; a distribution by its first alias.
    expect(Object.keys(s.buckets)).toEqual(['logs', 'product-images', 'static-assets']);
    expect(Object.keys(s.edge)).toEqual(['example-com']);
  });

  it('states the drift as today\'s values, so the drifted account is its own baseline', () => {
    const s = spec(drifted);
    expect(s.networks.vpc.natGateways).toEqual({ count: 1, state: 'available', onePerAvailabilityZone: false });
    expect(s.databases.db).toMatchObject({ multiAz: false, backupRetentionDays: 6, readReplicas: { count: 1, availabilityZones: ['us-east-1a'] } });
    expect(s.databases.db.standbyAvailabilityZone).toBeUndefined();
    expect(s.edge['example-com'].waf).toEqual({ required: false });
    expect(s.edge['example-com'].certificateExpiryWarningDays).toBe(18);
    // DATABASE_URL is a plain variable there: it is not listed as a secret, which would contradict the account.
    expect(s.services.api.taskDefinition.container.secrets).toEqual(['SESSION_KEY']);
    // One of its secrets does not rotate: rotation is left unstated rather than given a period nothing has.
    expect(s.services.api.taskDefinition.container.secretRotation).toBeUndefined();
  });

  it('recognises an Aurora cluster item by the exact names of the cluster and its instances, since its rules read both', () => {
    const s = spec(load('ledgerly-compliant'), { scope: { tags: { app: 'ledgerly' } } });
    const [db] = Object.values(s.databases as Record<string, any>);
    expect(db).toMatchObject({ kind: 'aurora-cluster', engine: 'aurora-postgresql', match: { namePattern: '^(ledgerly-db|ledgerly-db-1|ledgerly-db-2)$' } });
    const pattern = new RegExp(db.match.namePattern);
    expect(['ledgerly-db', 'ledgerly-db-1', 'ledgerly-db-2'].every((n) => pattern.test(n))).toBe(true);
    expect(['ledgerly-db-archive', 'ledgerly-db-10', 'xledgerly-db'].some((n) => pattern.test(n))).toBe(false);
  });

  it('never writes an environment value, though the snapshot holds some', () => {
    const container = node(compliant, 'ecs.container', 'api');
    expect(Object.keys((container.props as any).environmentValues)).not.toHaveLength(0);
    const text = JSON.stringify(spec(compliant));
    expect(text).not.toContain('"environment"');
    for (const value of Object.values((container.props as any).environmentValues as Record<string, string>)) expect(text).not.toContain(JSON.stringify(value));
  });

  it('is the same for the same account whatever order the snapshot lists it in', () => {
    const reversed = edited(compliant, (s) => {
      s.nodes.reverse();
      s.edges.reverse();
    });
    expect(JSON.stringify(spec(reversed))).toBe(JSON.stringify(spec(compliant)));
  });

  it('leaves out a value the snapshot does not know, and never invents one', () => {
    const unknown = edited(compliant, (s) => {
      const db = node(s, 'rds.db-instance', 'shopflow-db').props as any;
      db.instanceClass = null;
      delete db.multiAz;
      db.backupRetentionPeriod = 'seven';
      const group = node(s, 'elasticache.replication-group', 'shopflow-redis').props as any;
      delete group.cacheNodeType;
      group.numNodeGroups = null;
      (node(s, 'ecs.service', 'shopflow-api').props as any).usesFargate = null;
    });
    const s = spec(unknown);
    expect(schemaValidator('specV2')(s)).toBe(true);
    for (const key of ['instanceClass', 'multiAz', 'backupRetentionDays', 'standbyAvailabilityZone']) expect(s.databases.db).not.toHaveProperty(key);
    expect(s.databases.db).toMatchObject({ engine: 'postgres', storageType: 'gp3' });
    expect(s.caches.redis).not.toHaveProperty('nodeType');
    expect(s.caches.redis).not.toHaveProperty('shards');
    expect(s.services.api).not.toHaveProperty('fargate');
  });

  it('leaves out what the live resources disagree on, and what the spec could not accept', () => {
    const odd = edited(compliant, (s) => {
      (node(s, 'ecs.service', 'shopflow-api').props as any).desiredCount = 40; // above the scalable target's max of 20
      (node(s, 'elbv2.target-group', 'shopflow-api-tg').props as any).port = 8080; // not the container's port
      const policies = s.nodes.filter((n) => n.type === 'application-autoscaling.scaling-policy');
      (policies[0]!.props as any).cooldown = 60; // the two step policies now disagree
    });
    const api = spec(odd).services.api;
    expect(api.scaling).not.toHaveProperty('desiredTasks');
    expect(api.scaling).not.toHaveProperty('cooldownSeconds');
    expect(api.scaling).toMatchObject({ minTasks: 2, maxTasks: 20 });
    expect(api.loadBalancer).toEqual({ targetType: 'ip' });
    expect(api.taskDefinition.container.containerPort).toBe(3000);
  });

  it('turns any resource name into a valid item name, keeping the exact name to match', () => {
    const names = edited(compliant, (s) => {
      const queues = s.nodes.filter((n) => n.type === 'sqs.queue');
      queues[0]!.name = 'Shopflow/Orders~"Ü"';
      queues[1]!.name = 'shopflow orders';
    });
    const s = spec(names);
    expect(schemaValidator('specV2')(s)).toBe(true);
    const matched = Object.values(s.queues as Record<string, { match: { name: string } }>).map((q) => q.match.name).sort();
    expect(matched).toEqual(['Shopflow/Orders~"Ü"', 'shopflow orders'].sort());
    expect(Object.keys(s.queues).sort()).toEqual(['orders', 'orders-2']);
  });

  it('gives an item in another region its region, and takes the spec\'s region from most resources', () => {
    const twoRegions = edited(compliant, (s) => {
      node(s, 'sqs.queue', 'shopflow-orders-dlq').region = 'eu-west-1';
    });
    const s = spec(twoRegions);
    expect(s.region).toBe('us-east-1');
    expect(s.queues['orders-dlq'].region).toBe('eu-west-1');
    expect(s.queues.orders).not.toHaveProperty('region');
    expect(spec(twoRegions, { ...shopflow, region: 'eu-west-1' } as never).queues.orders.region).toBe('us-east-1');
  });

  it('builds the scope from tags and a name prefix, and names the application from them', () => {
    const s = spec(compliant, { scope: { namePrefix: 'shopflow' } } as never);
    expect(s.scope).toEqual({ namePrefix: 'shopflow' });
    expect(s.application).toBe('shopflow');
    expect(spec(compliant, { ...shopflow, application: 'shop-prod' } as never).application).toBe('shop-prod');
  });

  it('refuses a scope that matches nothing, an empty scope and a bad application name', () => {
    expect(() => initSpec(compliant, { scope: { tags: { app: 'nobody' } } })).toThrow(/no resource in the snapshot belongs to the scope \(tag app=nobody\)/);
    expect(() => initSpec(compliant, { scope: {} })).toThrow(UsageError);
    expect(() => initSpec(compliant, { scope: { tags: { '': 'x' } } })).toThrow(/needs a key/);
    expect(() => initSpec(compliant, { ...shopflow, application: 'Shop Flow' })).toThrow(/--application/);
    expect(() => initSpec(compliant, { ...shopflow, region: 'mars' })).toThrow(/--region/);
    const empty = edited(compliant, (s) => {
      s.nodes = [];
      s.edges = [];
    });
    expect(() => initSpec(empty, shopflow)).toThrow(UsageError);
  });
});
