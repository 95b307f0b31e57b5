// The ShopFlow account over the wire: every protocol's answers, rendered from the SDK's models, parse
// back into exactly the example snapshot; an S3-compatible endpoint (no BucketRegion) loses no bucket;
// and every fault the server can inject, on one operation of each protocol, is a gap, never "none".
import { describe, expect, it, type TestContext } from 'vitest';
import { ClientFactory, type ClientOptions } from '../../src/collect/clients.js';
import { REQUIRED_OUTPUT } from '../../src/collect/answer.js';
import { collectSnapshot } from '../../src/collect/index.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import type { Snapshot } from '../../src/graph/types.js';
import { RECORDED_AT, loadExample } from '../e2e/aws-fixtures.js';
import { SDK_SERVICES } from '../sdk/services.js';
import { snapshotDifferences } from '../e2e/snapshot-differences.js';
import type { AwsLoopbackServer } from './aws-server.js';
import type { Fault } from './faults.js';
import { loopbackClientOptions, shopflowServer } from './harness.js';

async function collectOnWire(
  t: TestContext, server: AwsLoopbackServer, opts: { services?: string[]; client?: Partial<ClientOptions> } = {},
): Promise<{ snapshot: Snapshot; clients: ClientFactory }> {
  const clients = new ClientFactory(loopbackClientOptions(server, opts.client));
  // Per test (its own context), not afterEach: the fault tests run concurrently.
  t.onTestFinished(async () => {
    clients.destroy();
    await server.close();
  });
  const collectors = opts.services ? ALL_COLLECTORS.filter((c) => opts.services!.includes(c.service)) : [...ALL_COLLECTORS];
  const snapshot = await collectSnapshot({
    regions: ['us-east-1'], clients, collectors, options: { keepEnvironmentValues: ['NODE_ENV'] }, now: () => new Date(RECORDED_AT),
  });
  return { snapshot, clients };
}

describe('the ShopFlow account on the wire', () => {
  it('every protocol parses back into exactly the example snapshot, with no gap', async (t) => {
    const server = await shopflowServer();
    const { snapshot, clients } = await collectOnWire(t, server);
    expect(snapshot.gaps).toEqual([]);
    expect(snapshotDifferences(loadExample(), snapshot)).toEqual([]);
    // Every answer met its operation's declared required field (or a scan would have gaps), and
    // every operation called is declared.
    expect(Object.keys(clients.stats.byOperation).filter((op) => !(op in REQUIRED_OUTPUT))).toEqual([]);
    // Every client a scan uses (the identity check's and each collector's) met the server.
    expect(new Set(server.requests.map((r) => r.client))).toEqual(new Set(SDK_SERVICES.map((s) => s.client)));
  });

  it('every client of a scan shares one keep-alive agent: no more connections than the socket cap and the identity read', async (t) => {
    const server = await shopflowServer();
    const { snapshot, clients } = await collectOnWire(t, server, { client: { socketCap: 4 } });
    expect(snapshot.gaps).toEqual([]);
    // Fourteen clients, each with an agent of its own, would open at least fourteen.
    expect(clients.stats.attempts).toBeGreaterThan(40);
    expect(server.connections).toBeGreaterThan(0);
    expect(server.connections).toBeLessThanOrEqual(4 + 1);
  });

  it('an S3-compatible endpoint (ListBuckets without BucketRegion): GetBucketLocation per bucket, no bucket lost', async (t) => {
    const server = await shopflowServer({ s3Compatible: true });
    const { snapshot } = await collectOnWire(t, server, { services: ['s3'] });
    const example = loadExample().nodes.filter((n) => n.type === 's3.bucket').map((n) => n.id).sort();
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.nodes.map((n) => n.id).sort()).toEqual(example);
    expect(server.requestsFor('S3:GetBucketLocation')).toHaveLength(example.length);
  });

  it("a bucket that GetBucketLocation places in another region is that region's, not a gap", async (t) => {
    const server = await shopflowServer({ s3Compatible: true });
    const elsewhere = loadExample().nodes.find((n) => n.type === 's3.bucket')!.name;
    server.on('S3:GetBucketLocation', (_call, params) => (String(params.path).includes(elsewhere) ? { output: { LocationConstraint: 'EU' } } : { output: {} }));
    const { snapshot } = await collectOnWire(t, server, { services: ['s3'] });
    expect(snapshot.gaps).toEqual([]);
    expect(snapshot.nodes.map((n) => n.name)).not.toContain(elsewhere);
    expect(snapshot.nodes.length).toBeGreaterThan(0);
  });
});

/** One read of each protocol (and of each REST-XML service), the collector that makes it, and a node type it yields. */
const PROBES: { operation: string; service: string; type: string }[] = [
  { operation: 'EC2:DescribeVpcs', service: 'ec2', type: 'ec2.vpc' },
  { operation: 'RDS:DescribeDBInstances', service: 'rds', type: 'rds.db-instance' },
  { operation: 'ECS:ListClusters', service: 'ecs', type: 'ecs.cluster' },
  { operation: 'SQS:GetQueueAttributes', service: 'sqs', type: 'sqs.queue' },
  { operation: 'CloudWatch:DescribeAlarms', service: 'cloudwatch', type: 'cloudwatch.alarm' },
  { operation: 'S3:ListBuckets', service: 's3', type: 's3.bucket' },
  { operation: 'Route53:ListHostedZones', service: 'route53', type: 'route53.hosted-zone' },
  { operation: 'CloudFront:ListDistributions', service: 'cloudfront', type: 'cloudfront.distribution' },
];

/** Faults and the gap code each must leave (a regex: codes differ by protocol). */
const FAULTS: { fault: Fault; code: RegExp }[] = [
  { fault: { kind: 'deny' }, code: /^(AccessDenied|AccessDeniedException|UnauthorizedOperation)$/ },
  { fault: { kind: 'throttle' }, code: /^(Throttling|ThrottlingException|RequestLimitExceeded|SlowDown)$/ },
  { fault: { kind: '5xx' }, code: /^(InternalError|InternalFailure|ServiceUnavailable|ServerException|InternalServerException)$/ },
  { fault: { kind: 'hang' }, code: /^TimeoutError$/ },
  { fault: { kind: 'stall' }, code: /^TimeoutError$/ },
  { fault: { kind: 'truncate' }, code: /./ },
  { fault: { kind: 'reset' }, code: /./ },
  { fault: { kind: 'empty200' }, code: /^IncompleteAnswer$/ },
  { fault: { kind: 'empty200', requestId: true }, code: /^IncompleteAnswer$/ },
  { fault: { kind: 'html200' }, code: /./ },
];

describe.concurrent('faults on the wire: every one is a gap naming the operation, never an empty list', () => {
  for (const probe of PROBES) {
    for (const { fault, code } of FAULTS) {
      it(`${probe.operation} under ${JSON.stringify(fault)}`, async (t) => {
        const { expect } = t;
        const server = await shopflowServer();
        server.fault(probe.operation, fault);
        const { snapshot } = await collectOnWire(t, server, { services: [probe.service], client: { requestTimeoutMs: 1_000 } });
        const [, name] = probe.operation.split(':');
        const gaps = snapshot.gaps.filter((g) => g.operation === name);
        expect(gaps.length, JSON.stringify(snapshot.gaps)).toBeGreaterThan(0);
        for (const g of gaps) expect(g.code).toMatch(code);
        expect(gaps.flatMap((g) => g.resourceTypes)).toContain(probe.type);
        expect(snapshot.nodes.filter((n) => n.type === probe.type)).toEqual([]);
      });
    }
    it(`${probe.operation} answering late (latency) is still read in full`, async (t) => {
      const { expect } = t;
      const server = await shopflowServer();
      server.fault(probe.operation, { kind: 'latency', ms: 150 });
      const { snapshot } = await collectOnWire(t, server, { services: [probe.service] });
      expect(snapshot.gaps).toEqual([]);
      expect(snapshot.nodes.filter((n) => n.type === probe.type).length).toBe(loadExample().nodes.filter((n) => n.type === probe.type).length);
    });
  }
});
