// `infra-audit cost`: the estimate as a table or JSON, exit 3 when its total is only a lower bound,
// exit 2 for bad input with the place to fix; a difference from the document never fails.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { root } from './shopflow.js';

const snap = (name: string) => root(`examples/shopflow-${name}.snapshot.json`);

describe('infra-audit cost', () => {
  it('prints a line per category, every priced line, what is not priced and what is left out', async () => {
    const run = await runCli(['cost', '--snapshot', snap('compliant'), '--spec', 'shopflow']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Monthly cost of shopflow in account \d{12} \(us-east-1\)\nOn-demand list prices as of \d{4}-\d{2}-\d{2}, 730 hours a month/);
    for (const label of ['ECS Fargate', 'RDS PostgreSQL', 'ElastiCache', 'NAT Gateway', 'Route 53', 'Total']) expect(run.stdout).toMatch(new RegExp(`^${label} +\\$[\\d,]+\\.\\d\\d`, 'm'));
    expect(run.stdout).toMatch(/elasticache +shopflow-redis \(us-east-1\) +6 x cache\.r6g\.large \(redis\)/);
    expect(run.stdout).toContain('Left out by design');
    expect(run.stdout).not.toContain('billing');
  });

  it("flags the document's ElastiCache line, which prices 2 nodes of the 6 it draws (C60), and stays exit 0", async () => {
    const run = await runCli(['cost', '--snapshot', snap('compliant'), '--spec', 'shopflow']);
    expect(run.code).toBe(0);
    const section = run.stdout.split("The document's cost table disagrees with its own architecture")[1]?.split('\n\nLines:')[0] ?? '';
    expect(section).toMatch(/^ {2}ElastiCache: \$300\.00 pays for about 2 cache\.r6g\.large node\(s\).*caches\/main has 6.*\(spec \/cost\/lines\/elasticache\/monthly\)$/m);
    const json = JSON.parse((await runCli(['cost', '--snapshot', snap('compliant'), '--spec', 'shopflow', '--format', 'json'])).stdout);
    expect(json.documentInconsistencies.map((p: { pointer: string }) => p.pointer)).toContain('/cost/lines/elasticache/monthly');
  });

  it('a document whose table matches its architecture gets no such section', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-'));
    const spec = join(dir, 'consistent.json');
    // Only a line the topology agrees with: the lint has nothing to say.
    writeFileSync(spec, JSON.stringify({ extends: 'shopflow', cost: { total: null, lines: { rds: null, elasticache: null } } }));
    const run = await runCli(['cost', '--snapshot', snap('compliant'), '--spec', spec]);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('disagrees with its own architecture');
  });

  it('writes the estimate as JSON whose total is the sum of its categories', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-'));
    const file = join(dir, 'cost.json');
    const run = await runCli(['cost', '--snapshot', snap('compliant'), '--spec', 'shopflow', '--format', 'json', '--json', file]);
    expect(run.code).toBe(0);
    const printed = JSON.parse(run.stdout);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(printed);
    const { estimate } = printed;
    expect(estimate.complete).toBe(true);
    expect(estimate.total).toBeCloseTo(estimate.categories.reduce((s: number, c: { monthly: number }) => s + c.monthly, 0), 2);
  });

  it('exits 3 when a read failed: the category is unknown and the total a lower bound', async () => {
    const run = await runCli(['cost', '--snapshot', snap('partial'), '--spec', 'shopflow']);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^ElastiCache +>= \$0\.00/m);
    expect(run.stdout).toMatch(/^Total +>= \$/m);
    expect(run.stdout).toMatch(/Unknown \(a read failed.*\n {2}ElastiCache: elasticache DescribeReplicationGroups failed in us-east-1 \(AccessDeniedException\)/);
  });

  it('refuses a broken price table at the price to fix (exit 2, no stack)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cost-'));
    const file = join(dir, 'prices.json');
    writeFileSync(file, '{"currency": "USD", "asOf": "2030-01-01", "hoursPerMonth": 730,\n "regions": {"us-east-1": {"alb.hour": {"usd": -1, "unit": "hour", "source": "x", "asOf": "2030-01-01"}}}}');
    const run = await runCli(['cost', '--snapshot', snap('compliant'), '--spec', 'shopflow', '--prices', file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`infra-audit: ${file}:2:41: must be a non-negative number (at /regions/us-east-1/alb.hour/usd)\n`);
  });

  // Without --snapshot the account is read as scan reads it (test/loopback/cost-on-wire.test.ts); these
  // stop before any read, so nothing here reaches AWS.
  it('without --snapshot, scan\'s --timeout is checked as scan checks it (exit 2, nothing read)', async () => {
    const run = await runCli(['cost', '--spec', 'shopflow', '--timeout', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('infra-audit: --timeout must be a number of seconds above 0 and at most 86400 (got 0)\n');
  });

  it('without --snapshot, a spec that cannot be read is exit 2 before the account is read', async () => {
    const run = await runCli(['cost', '--spec', './no-such.spec.json', '--region', 'us-east-1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no-such\.spec\.json/);
    expect(run.stdout).toBe('');
  });
});
