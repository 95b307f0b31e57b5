// `infra-audit cost` without --snapshot: the account read as `scan` reads it (runCostScan, in-process,
// real SDK clients) from the loopback server, then estimated. The live estimate is the saved snapshot's
// to the character; a read that fails leaves its category unknown and the total a lower bound (exit 3).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/main.js';
import { runCost } from '../../src/cli/cost.js';
import { runCostScan } from '../../src/cli/scan-run.js';
import { EXAMPLE_FILE } from '../e2e/aws-fixtures.js';
import type { AwsLoopbackServer } from './aws-server.js';
import { loopbackClientOptions, shopflowServer } from './harness.js';
import { ROOT } from './scan-on-wire.js';

const capture = () => {
  const out = { stdout: '', stderr: '' };
  const io = { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) }, env: {}, cwd: ROOT };
  return { out, io };
};

async function costOnWire(server: AwsLoopbackServer, more: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const { out, io } = capture();
  const args = { spec: 'shopflow', timeout: 60, clientOptions: loopbackClientOptions(server), ...(more.includes('json') && { format: 'json' as const }) };
  const code = await runCostScan(args, io).catch((err: unknown) => reportError(err, io));
  return { code, ...out };
}

describe('infra-audit cost on a live scan', () => {
  it('prints what cost --snapshot prints for the same account, exit 0', async () => {
    const server = await shopflowServer();
    try {
      const live = await costOnWire(server);
      expect(live.code, live.stderr).toBe(0);
      const { out, io } = capture();
      expect(await runCost({ snapshot: join(ROOT, EXAMPLE_FILE), spec: 'shopflow' }, io)).toBe(0);
      expect(live.stdout).toBe(out.stdout);
      expect(live.stdout).toMatch(/^Total +\$1,913\.78 +\$1,441\.00/m);
      // It read the account: every collector's first call reached the server.
      expect(server.requestsFor('ElastiCache:DescribeReplicationGroups').length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('a denied DescribeReplicationGroups: ElastiCache unknown, the total a lower bound, exit 3', async () => {
    const server = await shopflowServer();
    server.fault('ElastiCache:DescribeReplicationGroups', { kind: 'deny' });
    try {
      const live = await costOnWire(server);
      expect(live.code, live.stderr).toBe(3);
      expect(live.stdout).toMatch(/^ElastiCache +>= \$0\.00 +\$300\.00 +-$/m);
      expect(live.stdout).toMatch(/^Total +>= \$1,011\.50 +\$1,441\.00 +-$/m);
      expect(live.stdout).toMatch(/Unknown \(a read failed; the total is a lower bound\):\n {2}ElastiCache: elasticache DescribeReplicationGroups failed in us-east-1 \(AccessDenied\w*\)/);
    } finally {
      await server.close();
    }
  });

  it('as JSON: incomplete, with the failed read named in its category', async () => {
    const server = await shopflowServer();
    server.fault('ElastiCache:DescribeReplicationGroups', { kind: 'throttle' });
    try {
      const live = await costOnWire(server, ['json']);
      expect(live.code, live.stderr).toBe(3);
      const { estimate } = JSON.parse(live.stdout);
      expect(estimate.complete).toBe(false);
      expect(estimate.categories.find((c: { category: string }) => c.category === 'elasticache')).toMatchObject({ monthly: 0, gaps: [expect.stringMatching(/DescribeReplicationGroups failed in us-east-1/)] });
    } finally {
      await server.close();
    }
  });
});
