// The SDK's real stack against a loopback AWS (test/loopback/aws-server.ts): ClientFactory's clients
// (adaptive retries, maxAttempts, request timeout, call/attempt counting, onRetry), the collectors and
// the SDK paginators, over HTTP on 127.0.0.1. aws-sdk-client-mock (the other collector tests) stubs
// `send`, so only these tests see what throttling, denial and hangs really turn into.
//
// Adaptive retry mode sleeps between attempts (throttling backoff up to 1 s, then 2 s, and its token
// bucket, which after a throttle lets a client send ~1 request a second), so a call throttled to the
// end takes 2-3 s with maxAttempts 3. The tests run concurrently (each has its own server and
// factory, so rate limiters don't interact) to keep the file at a few seconds; they use the test
// context's `expect`, as concurrent tests must.
import { afterAll, describe, it } from 'vitest';
import { ClientFactory, type ClientOptions } from '../../src/collect/clients.js';
import { ec2Collector } from '../../src/collect/ec2.js';
import { ecsCollector } from '../../src/collect/ecs.js';
import { collectSnapshot } from '../../src/collect/index.js';
import type { CollectContext } from '../../src/collect/types.js';
import { AwsLoopbackServer, type Reply } from './aws-server.js';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const MAX_ATTEMPTS = 3;
const CLUSTER = `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/shopflow`;

const ecsThrottled: Reply = { error: 'ThrottlingException', message: 'Rate exceeded' };
const ecsDenied: Reply = { error: 'AccessDeniedException', message: 'User is not authorized to perform: ecs:ListClusters' };
const ec2Throttled: Reply = { error: 'RequestLimitExceeded', message: 'Request limit exceeded.' };
const ec2Denied: Reply = { error: 'UnauthorizedOperation', message: 'You are not authorized to perform this operation.' };

const servers: AwsLoopbackServer[] = [];
const factories: ClientFactory[] = [];
afterAll(async () => {
  for (const f of factories) f.destroy();
  await Promise.all(servers.map((s) => s.close()));
});

/** A fresh server and factory per test: the adaptive rate limiter is per client, so no state leaks. */
async function loopback(options: Partial<ClientOptions> = {}) {
  const server = await AwsLoopbackServer.start();
  servers.push(server);
  const retries: string[] = [];
  const factory = new ClientFactory(
    { endpoint: server.endpoint, credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback-secret' }, maxAttempts: MAX_ATTEMPTS, ...options },
    (service) => retries.push(service),
  );
  factories.push(factory);
  const ctx: CollectContext = {
    region: REGION,
    account: ACCOUNT,
    partition: 'aws',
    startedAt: new Date('2025-01-01T00:00:00Z'),
    client: (ctor) => factory.get(ctor, REGION),
    limit: (fn) => fn(),
    options: { keepEnvironmentValues: [] },
  };
  return { server, factory, ctx, retries };
}

/** EC2's five reads, all empty: a test scripts the one it is about on top. */
function emptyEc2(server: AwsLoopbackServer): void {
  server
    .on('ec2:DescribeVpcs', { ok: { vpcSet: [] } })
    .on('ec2:DescribeSubnets', { ok: { subnetSet: [] } })
    .on('ec2:DescribeRouteTables', { ok: { routeTableSet: [] } })
    .on('ec2:DescribeInternetGateways', { ok: { internetGatewaySet: [] } })
    .on('ec2:DescribeNatGateways', { ok: { natGatewaySet: [] } });
}

const vpc = (id: string, cidr: string) => ({ vpcId: id, state: 'available', cidrBlock: cidr, isDefault: false, tagSet: [{ key: 'Name', value: id }] });

describe.concurrent('ClientFactory and collectors against a loopback AWS', () => {
  describe('EC2 over the query protocol', () => {
    it('pages DescribeVpcs through nextToken and emits every VPC', async ({ expect }) => {
      const { server, ctx, factory } = await loopback();
      emptyEc2(server);
      server.on('ec2:DescribeVpcs', [
        { ok: { vpcSet: [vpc('vpc-1', '10.0.0.0/16')], nextToken: 'page-2' } },
        { ok: { vpcSet: [vpc('vpc-2', '10.1.0.0/16')] } },
      ]);

      const result = await ec2Collector.collect(ctx);

      expect(result.gaps).toEqual([]);
      const vpcs = result.nodes.filter((n) => n.type === 'ec2.vpc');
      expect(vpcs.map((n) => [n.id, n.name, n.props])).toEqual([
        [`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-1`, 'vpc-1', { vpcId: 'vpc-1', cidrBlock: '10.0.0.0/16', isDefault: false, state: 'available' }],
        [`arn:aws:ec2:${REGION}:${ACCOUNT}:vpc/vpc-2`, 'vpc-2', { vpcId: 'vpc-2', cidrBlock: '10.1.0.0/16', isDefault: false, state: 'available' }],
      ]);
      const pages = server.requestsFor('ec2:DescribeVpcs');
      expect(pages.map((r) => r.params)).toEqual([
        { Action: 'DescribeVpcs', Version: '2016-11-15', MaxResults: '1000' },
        { Action: 'DescribeVpcs', Version: '2016-11-15', MaxResults: '1000', NextToken: 'page-2' },
      ]);
      expect(server.requests.every((r) => r.signed)).toBe(true);
      expect(factory.stats.byOperation['EC2:DescribeVpcs']).toBe(2);
    });
  });

  describe('throttling', () => {
    it('recovers when ListClusters is throttled twice and then answers', async ({ expect }) => {
      const { server, ctx, factory, retries } = await loopback();
      server
        .on('ecs:ListClusters', [ecsThrottled, ecsThrottled, { ok: { clusterArns: [CLUSTER] } }])
        .on('ecs:DescribeClusters', { ok: { clusters: [{ clusterArn: CLUSTER, clusterName: 'shopflow', status: 'ACTIVE' }], failures: [] } })
        .on('ecs:ListServices', { ok: { serviceArns: [] } });

      const result = await ecsCollector.collect(ctx);

      expect(result.gaps).toEqual([]);
      expect(result.nodes.map((n) => [n.type, n.id])).toEqual([['ecs.cluster', CLUSTER]]);
      expect(server.requestsFor('ecs:ListClusters').map((r) => r.sdkRequest)).toEqual([
        'attempt=1; max=3',
        'attempt=2; max=3',
        'attempt=3; max=3',
      ]);
      expect(factory.stats.attempts - factory.stats.calls).toBe(2);
      expect(retries).toEqual(['ECS', 'ECS']);
    });

    it('ECS: a gap after maxAttempts ThrottlingExceptions, and no ECS nodes', async ({ expect }) => {
      const { server, ctx, factory, retries } = await loopback();
      server.on('ecs:ListClusters', ecsThrottled);

      const result = await ecsCollector.collect(ctx);

      expect(server.requestsFor('ecs:ListClusters')).toHaveLength(MAX_ATTEMPTS);
      expect(result.nodes).toEqual([]);
      expect(result.gaps).toEqual([
        expect.objectContaining({ service: 'ecs', operation: 'ListClusters', region: REGION, code: 'ThrottlingException', message: 'Rate exceeded' }),
      ]);
      expect(factory.stats).toMatchObject({ calls: 1, attempts: MAX_ATTEMPTS });
      expect(retries).toHaveLength(MAX_ATTEMPTS - 1);
    });

    it('EC2: a gap after maxAttempts RequestLimitExceeded (HTTP 503), and no VPC nodes', async ({ expect }) => {
      const { server, ctx } = await loopback();
      emptyEc2(server);
      server.on('ec2:DescribeVpcs', ec2Throttled);

      const result = await ec2Collector.collect(ctx);

      expect(server.requestsFor('ec2:DescribeVpcs')).toHaveLength(MAX_ATTEMPTS);
      expect(result.nodes.filter((n) => n.type === 'ec2.vpc')).toEqual([]);
      expect(result.gaps).toEqual([
        expect.objectContaining({ service: 'ec2', operation: 'DescribeVpcs', code: 'RequestLimitExceeded', resourceTypes: ['ec2.vpc'] }),
      ]);
    });
  });

  describe('access denied is not retried', () => {
    it('ECS AccessDeniedException: one request, a gap', async ({ expect }) => {
      const { server, ctx, factory, retries } = await loopback();
      server.on('ecs:ListClusters', ecsDenied);

      const result = await ecsCollector.collect(ctx);

      expect(server.requestsFor('ecs:ListClusters')).toHaveLength(1);
      expect(result.nodes).toEqual([]);
      expect(result.gaps).toEqual([expect.objectContaining({ service: 'ecs', operation: 'ListClusters', code: 'AccessDeniedException' })]);
      expect(factory.stats).toMatchObject({ calls: 1, attempts: 1 });
      expect(retries).toEqual([]);
    });

    it('EC2 UnauthorizedOperation (HTTP 403): one request, a gap', async ({ expect }) => {
      const { server, ctx, retries } = await loopback();
      emptyEc2(server);
      server.on('ec2:DescribeVpcs', ec2Denied);

      const result = await ec2Collector.collect(ctx);

      expect(server.requestsFor('ec2:DescribeVpcs')).toHaveLength(1);
      expect(result.gaps).toEqual([expect.objectContaining({ service: 'ec2', operation: 'DescribeVpcs', code: 'UnauthorizedOperation' })]);
      expect(retries).toEqual([]);
    });
  });

  describe('a request that is never answered', () => {
    it('times out into a gap, not an empty list', async ({ expect }) => {
      const { server, ctx } = await loopback({ requestTimeoutMs: 300 });
      server.on('ecs:ListClusters', { hang: true });

      const started = Date.now();
      const result = await ecsCollector.collect(ctx);

      expect(Date.now() - started).toBeLessThan(5_000);
      expect(result.nodes).toEqual([]);
      expect(result.gaps).toEqual([expect.objectContaining({ service: 'ecs', operation: 'ListClusters', code: 'TimeoutError' })]);
      // A timeout is a transient error: the SDK retries it like throttling.
      expect(server.requestsFor('ecs:ListClusters')).toHaveLength(MAX_ATTEMPTS);
    });
  });

  describe('collectSnapshot end to end', () => {
    it('identifies the account through STS and records ECS throttling as a gap', async ({ expect }) => {
      const { server, factory } = await loopback();
      server
        .on('sts:GetCallerIdentity', {
          ok: { Arn: `arn:aws:sts::${ACCOUNT}:assumed-role/x/y`, UserId: 'x', Account: ACCOUNT },
        })
        .on('ecs:ListClusters', ecsThrottled);

      const snapshot = await collectSnapshot({ regions: [REGION], clients: factory, options: { keepEnvironmentValues: [] }, collectors: [ecsCollector] });

      expect(snapshot.meta.account).toBe(ACCOUNT);
      expect(snapshot.nodes).toEqual([]);
      expect(snapshot.gaps).toEqual([
        expect.objectContaining({ service: 'ecs', operation: 'ListClusters', region: REGION, code: 'ThrottlingException' }),
      ]);
      expect(server.requestsFor('sts:GetCallerIdentity').map((r) => r.params)).toEqual([{ Action: 'GetCallerIdentity', Version: '2011-06-15' }]);
      expect(server.requestsFor('ecs:ListClusters')).toHaveLength(MAX_ATTEMPTS);
    });
  });
});
