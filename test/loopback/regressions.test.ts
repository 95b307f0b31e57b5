// Issue 7's broken endpoints, as full scans (runScan, real clients) of the ShopFlow account on the wire:
// a deadline that ends a scan whose endpoint stalls mid-body, and the empty answers that used to turn
// findings into passes or make them vanish.
import { describe, expect, it } from 'vitest';
import { REQUIRED_OUTPUT } from '../../src/collect/answer.js';
import type { Exchange } from '../e2e/aws-fixtures.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { shopflowServer } from './harness.js';
import { scanOnWire, type WireScan } from './scan-on-wire.js';

const NETWORK_RULES = ['subnet-private-no-internet-route', 'subnet-data-no-internet-route', 'ecs-service-private-subnets'];
const CREDENTIAL_RULE = 'ecs-container-no-plaintext-credentials';

const statuses = (scan: WireScan, ruleId: string) => [...new Set(scan.results.filter((r) => r.ruleId === ruleId).map((r) => r.status))].sort();

async function scan(setup: (server: AwsLoopbackServer) => void, opts: Parameters<typeof scanOnWire>[1] = { timeoutSeconds: 30 }): Promise<WireScan> {
  const server = await shopflowServer();
  try {
    setup(server);
    return await scanOnWire(server, opts);
  } finally {
    await server.close();
  }
}

/** The account with every private and data subnet routed to the internet gateway (instead of a NAT, or of nothing). */
function routeEverythingToTheInternetGateway(server: AwsLoopbackServer, answer: (routeTables: unknown[]) => unknown = (t) => t): void {
  // The real answer, rewritten: NAT default routes become IGW routes (the IGW id from the account itself).
  const account = server.scenario['us-east-1']!;
  const output = (e: Exchange) => ('output' in e ? e.output : {});
  const igw = (output(account['EC2:DescribeInternetGateways']![0]!).InternetGateways as { InternetGatewayId: string }[])[0]!.InternetGatewayId;
  for (const page of account['EC2:DescribeRouteTables']!.map(output)) {
    const tables = page.RouteTables as { Routes?: Record<string, unknown>[] }[];
    for (const table of tables) {
      for (const route of table.Routes ?? []) {
        if (route.NatGatewayId) {
          delete route.NatGatewayId;
          route.GatewayId = igw;
        }
      }
      // Data subnets had no default route at all: give them one to the internet gateway.
      if (!(table.Routes ?? []).some((r) => r.DestinationCidrBlock === '0.0.0.0/0')) {
        table.Routes = [...(table.Routes ?? []), { DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw, Origin: 'CreateRoute', State: 'active' }];
      }
    }
    page.RouteTables = answer(tables);
  }
}

describe('regressions on the wire (issue 7)', () => {
  it('a scan whose endpoint stalls mid-body ends by its deadline with exit 3 and gaps naming the operations', async () => {
    const result = await scan(
      (server) => {
        for (const operation of Object.keys(REQUIRED_OUTPUT)) if (!operation.startsWith('STS:')) server.fault(operation, { kind: 'stall' });
      },
      // Idle and request timeouts far beyond the deadline: only the deadline can end this scan.
      { timeoutSeconds: 1.5, client: { socketTimeoutMs: 120_000, requestTimeoutMs: 120_000 } },
    );
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/deadline \(--timeout 1\.5 s\) passed/);
    const named = new Set(result.gaps.filter((g) => g.code === 'DeadlineExceeded').map((g) => `${g.service}:${g.operation}`));
    // The first read of every service was in flight when the deadline passed.
    for (const op of ['ec2:DescribeVpcs', 'rds:DescribeDBInstances', 'ecs:ListClusters', 's3:ListBuckets', 'sqs:ListQueues', 'route53:ListHostedZones', 'cloudfront:ListDistributions', 'wafv2:ListWebACLs', 'cloudwatch:DescribeAlarms', 'elbv2:DescribeLoadBalancers', 'elasticache:DescribeReplicationGroups', 'application-autoscaling:DescribeScalableTargets']) {
      expect(named, op).toContain(op);
    }
    expect(result.results.filter((r) => r.status === 'pass')).toEqual([]);
  });

  it('private and data subnets routed to the internet gateway fail the network rules', async () => {
    const result = await scan((server) => routeEverythingToTheInternetGateway(server));
    for (const rule of NETWORK_RULES) expect(statuses(result, rule), rule).toContain('fail');
  });

  it.each([
    ['an empty 200', (server: AwsLoopbackServer) => server.fault('EC2:DescribeRouteTables', { kind: 'empty200' })],
    ['an empty 200 with a request id', (server: AwsLoopbackServer) => server.fault('EC2:DescribeRouteTables', { kind: 'empty200', requestId: true })],
    ['a well-formed answer listing no route tables', (server: AwsLoopbackServer) => routeEverythingToTheInternetGateway(server, () => [])],
  ])('%s from DescribeRouteTables does not turn those failures into passes', async (_label, fault) => {
    const result = await scan((server) => {
      routeEverythingToTheInternetGateway(server);
      fault(server);
    });
    expect(result.code, result.stderr).toBe(3);
    expect(result.gaps.some((g) => g.operation === 'DescribeRouteTables' && g.resourceTypes.includes('ec2.subnet'))).toBe(true);
    for (const rule of NETWORK_RULES) {
      expect(statuses(result, rule), rule).not.toContain('pass');
      expect(statuses(result, rule), rule).not.toEqual([]);
    }
  });

  it('an empty task-definition answer does not make the plaintext-credential finding vanish', async () => {
    const baseline = await scan(() => {});
    expect(statuses(baseline, CREDENTIAL_RULE)).toContain('fail');
    for (const fault of [{ kind: 'empty200' }, { kind: 'empty200', requestId: true }, { kind: 'html200' }] as const) {
      const result = await scan((server) => server.fault('ECS:DescribeTaskDefinition', fault));
      expect(result.code, JSON.stringify(fault)).toBe(3);
      expect(statuses(result, CREDENTIAL_RULE), JSON.stringify(fault)).toEqual(['error']);
    }
  });
});
