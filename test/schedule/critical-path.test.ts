// The scan at its critical path, on the wire (real SDK clients against the loopback server): the
// account id is read alongside the collectors' first reads, never before them; AWS's buckets are
// respected per bucket; and the server's model of them throttles as AWS does.
import { describe, expect, it, type TestContext } from 'vitest';
import { EC2Client, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { ClientFactory, type ClientOptions } from '../../src/collect/clients.js';
import { startDeadline } from '../../src/collect/deadline.js';
import { collectSnapshot } from '../../src/collect/index.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { Collector, CollectContext } from '../../src/collect/types.js';
import type { Snapshot } from '../../src/graph/types.js';
import { RECORDED_AT, loadExample } from '../e2e/aws-fixtures.js';
import { snapshotDifferences } from '../e2e/snapshot-differences.js';
import type { AwsLoopbackServer, AwsModel } from '../loopback/aws-server.js';
import { loopbackClientOptions, shopflowServer } from '../loopback/harness.js';
import { findExchange } from '../loopback/scenario.js';

/** Every collector, each telling which SDK clients it asked for (client names without "Client"). */
function watchedCollectors(): { collectors: Collector[]; clientsOf: Map<string, Set<string>> } {
  const clientsOf = new Map<string, Set<string>>();
  const collectors = ALL_COLLECTORS.map((c): Collector => ({
    ...c,
    collect: (ctx) => {
      const seen = clientsOf.get(c.service) ?? new Set<string>();
      clientsOf.set(c.service, seen);
      // A view of ctx whose client() notes the class; account and the rest stay ctx's own (getters).
      const watched = Object.create(ctx, {
        client: { value: <C>(ctor: new (config: any) => C) => (seen.add(ctor.name.replace(/Client$/, '')), ctx.client(ctor)) },
      }) as CollectContext;
      return c.collect(watched);
    },
  }));
  return { collectors, clientsOf };
}

async function scan(t: TestContext, server: AwsLoopbackServer, opts: { collectors?: Collector[]; client?: Partial<ClientOptions> } = {}): Promise<{ snapshot: Snapshot; clients: ClientFactory }> {
  // A deadline ends the scan if the identity and the collectors ever wait on each other.
  const deadline = startDeadline(15_000);
  const clients = new ClientFactory(loopbackClientOptions(server, { signal: deadline.signal, ...opts.client }));
  t.onTestFinished(async () => {
    deadline.clear();
    clients.destroy();
    await server.close();
  });
  const snapshot = await collectSnapshot({
    regions: ['us-east-1'], clients, collectors: opts.collectors ?? [...ALL_COLLECTORS], options: { keepEnvironmentValues: ['NODE_ENV'] },
    now: () => new Date(RECORDED_AT), signal: deadline.signal,
  });
  return { snapshot, clients };
}

describe('the account id is not on the critical path', () => {
  it('STS answers only once every collector has sent its first read, and the snapshot is still exact', async (t) => {
    const server = await shopflowServer();
    const { collectors, clientsOf } = watchedCollectors();
    const identity = findExchange(server.scenario, 'us-east-1', 'STS:GetCallerIdentity', []);
    if (!identity || !('output' in identity)) throw new Error('the scenario records no identity');
    let everyCollectorCalled = false;
    const allFirstReads = new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const arrived = new Set(server.requests.map((r) => r.client));
        everyCollectorCalled = collectors.every((c) => [...(clientsOf.get(c.service) ?? [])].some((client) => arrived.has(client)));
        if (everyCollectorCalled) {
          clearInterval(poll);
          resolve();
        }
      }, 5);
      t.onTestFinished(() => clearInterval(poll));
    });
    // Held until then: were the identity read before the collectors, it would time out (6 s, one attempt)
    // and the scan would fail instead of deadlocking.
    server.on('STS:GetCallerIdentity', { until: allFirstReads, then: { output: identity.output } });
    const { snapshot } = await scan(t, server, { collectors, client: { requestTimeoutMs: 6_000, socketTimeoutMs: 6_000, maxAttempts: 1 } });
    expect(everyCollectorCalled).toBe(true);
    expect(server.requestsFor('STS:GetCallerIdentity')).toHaveLength(1);
    expect(snapshot.meta.account).toBe('123456789012');
    expect(snapshot.gaps).toEqual([]);
    // ARNs built from the account after the fact are the ones built before: the example, exactly.
    expect(snapshotDifferences(loadExample(), snapshot)).toEqual([]);
  });

  it('an identity that fails after the collectors started still fails the scan, naming it', async (t) => {
    const server = await shopflowServer();
    server.on('STS:GetCallerIdentity', { error: 'InternalFailure', message: 'boom', status: 500 });
    await expect(scan(t, server, { client: { maxAttempts: 1 } })).rejects.toThrow(/GetCallerIdentity failed: InternalFailure/);
  });
});

/** Resolves once the server has received `count` requests of `operation` (polling its log; the test's deadline bounds it). */
function arrived(t: TestContext, server: AwsLoopbackServer, operation: string, count = 1): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (server.requestsFor(operation).length >= count) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
    t.onTestFinished(() => clearInterval(poll));
  });
}

describe('no read waits on an answer it does not need', () => {
  // Each case holds one answer until a read that does not need it has arrived: were that read still
  // waiting for it, the held call would time out (one attempt) and the scan would have a gap.
  it.for([
    ['ecs', 'ECS:DescribeClusters', 'ECS:ListServices'],
    ['application-autoscaling', 'ApplicationAutoScaling:DescribeScalableTargets', 'ApplicationAutoScaling:DescribeScalingPolicies'],
  ] as const)('%s: %s is answered only after %s has been sent', async ([service, held, independent], t) => {
    const server = await shopflowServer();
    server.on(held, { until: arrived(t, server, independent) });
    const collectors = ALL_COLLECTORS.filter((c) => c.service === service);
    const { snapshot } = await scan(t, server, { collectors, client: { requestTimeoutMs: 6_000, socketTimeoutMs: 6_000, maxAttempts: 1 } });
    expect(snapshot.gaps).toEqual([]);
    expect(server.requestsFor(held).length).toBeGreaterThan(0);
    const example = loadExample().nodes.filter((n) => n.type.startsWith(`${service}.`)).map((n) => n.id).sort();
    expect(snapshot.nodes.map((n) => n.id).sort()).toEqual(example);
  });
});

describe('ECS task definitions wait only on the services that name them', () => {
  it('the first batch of described services sends its task definition reads while the other batches are held', async (t) => {
    const server = await shopflowServer();
    // Every DescribeServices after the first is held until a task definition read arrives: were those
    // reads still waiting for every cluster's services, the held calls would time out into a gap.
    const taskDefinitionRead = arrived(t, server, 'ECS:DescribeTaskDefinition');
    server.on('ECS:DescribeServices', (call) => ({ until: call === 0 ? Promise.resolve() : taskDefinitionRead }));
    const collectors = ALL_COLLECTORS.filter((c) => c.service === 'ecs');
    const { snapshot } = await scan(t, server, { collectors, client: { requestTimeoutMs: 6_000, socketTimeoutMs: 6_000, maxAttempts: 1 } });
    expect(snapshot.gaps).toEqual([]);
    // ShopFlow's services take more than one batch, or this would prove nothing.
    expect(server.requestsFor('ECS:DescribeServices').length).toBeGreaterThan(1);
    const example = loadExample().nodes.filter((n) => n.type.startsWith('ecs.')).map((n) => n.id).sort();
    expect(snapshot.nodes.map((n) => n.id).sort()).toEqual(example);
  });
});

/** Every service's reads in one small bucket per service: small enough that ShopFlow's scan fills it. */
const TIGHT = (client: string) => ({ key: client, limit: { capacity: 2, refillPerSecond: 1_000 } });

describe('AWS token buckets on the wire', () => {
  it('no bucket ever has more calls in flight than its size, and pacing costs no extra call', async (t) => {
    const server = await shopflowServer();
    const model: AwsModel = { latencyMs: 5, buckets: TIGHT };
    server.model(model);
    const { snapshot, clients } = await scan(t, server, { client: { buckets: TIGHT } });
    expect(snapshot.gaps).toEqual([]);
    expect(snapshotDifferences(loadExample(), snapshot)).toEqual([]);
    const use = server.bucketUse();
    expect(Object.keys(use).length).toBeGreaterThan(10);
    for (const [bucket, u] of Object.entries(use)) {
      expect(u.maxInFlight, bucket).toBeLessThanOrEqual(2);
      expect(u.throttled, bucket).toBe(0);
    }
    // The scan filled some bucket (or this test would prove nothing), and the client saw the same.
    expect(Math.max(...Object.values(use).map((u) => u.maxInFlight))).toBe(2);
    expect(Math.max(...Object.values(clients.throttle.peaks()))).toBe(2);
    expect(server.requests).toHaveLength(clients.stats.attempts);
    expect(clients.stats.attempts).toBe(clients.stats.calls);
  });

  it('the socket cap bounds calls in flight across every service', async (t) => {
    const server = await shopflowServer();
    // The identity read is exempt from pacing (the scan waits on it): counted apart.
    server.model({ latencyMs: 5, buckets: (client) => ({ key: client === 'STS' ? 'identity' : 'every call', limit: { capacity: 1e6, refillPerSecond: 1e6 } }) });
    const { snapshot, clients } = await scan(t, server, { client: { socketCap: 3 } });
    expect(snapshot.gaps).toEqual([]);
    expect(server.bucketUse()['us-east-1|every call']!.maxInFlight).toBeLessThanOrEqual(3);
    expect(clients.throttle.sockets.maxInFlight).toBe(3);
  });

  it("the server's model answers the service's own throttling error once a bucket is empty", async (t) => {
    const server = await shopflowServer();
    server.model({ buckets: () => ({ key: 'one', limit: { capacity: 1, refillPerSecond: 0.001 } }) }).on('EC2:DescribeVpcs', { output: { Vpcs: [] } });
    const clients = new ClientFactory(loopbackClientOptions(server, { maxAttempts: 1 }));
    t.onTestFinished(async () => {
      clients.destroy();
      await server.close();
    });
    const ec2 = clients.get(EC2Client, 'us-east-1');
    const [first, second] = await Promise.allSettled([ec2.send(new DescribeVpcsCommand({})), ec2.send(new DescribeVpcsCommand({}))]);
    expect([first.status, second.status].sort()).toEqual(['fulfilled', 'rejected']);
    const failed = [first, second].find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as Error).name).toBe('RequestLimitExceeded');
    expect(server.bucketUse()).toEqual({ 'us-east-1|one': { requests: 2, throttled: 1, maxInFlight: 1 } });
  });
});
