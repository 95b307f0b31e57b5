// The bundled ShopFlow spec carries the document's cost table ("Cost Breakdown (Monthly)"):
// `spec lint` finds exactly its RDS and ElastiCache lines (C60), `cost --spec shopflow` puts the
// estimate next to it line by line, and the staging/development overlays drop it (`"cost": null`):
// the document's table budgets production, not the smaller environments.
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../src/engine/spec.js';
import { bundledSpecFile } from '../../src/engine/bundled-specs.js';
import { runCli } from '../cli/run-cli.js';
import { DOCUMENT_COST, root } from './shopflow.js';

describe("the bundled ShopFlow spec's cost section", () => {
  it("is the document's table, line for line", async () => {
    const spec = await loadSpec(bundledSpecFile('shopflow')!);
    expect((spec.value as { cost?: unknown }).cost).toEqual(DOCUMENT_COST);
  });

  it('spec lint flags exactly the RDS and ElastiCache lines (C60) and exits 1', async () => {
    const run = await runCli(['spec', 'lint', root('spec.shopflow.json')]);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/spec\.shopflow\.json:\d+:\d+: \$800\.00 pays for about 2 db\.r6g\.xlarge .*\(at \/cost\/lines\/rds\/monthly\) \[C60\]$/);
    expect(lines[1]).toMatch(/spec\.shopflow\.json:\d+:\d+: \$300\.00 pays for about 2 cache\.r6g\.large .*\(at \/cost\/lines\/elasticache\/monthly\) \[C60\]$/);
    expect(run.stderr).toMatch(/2 inconsistencies between the cost table and the topology/);
  });

  it('cost --spec shopflow compares the estimate with every line of the table', async () => {
    const run = await runCli(['cost', '--snapshot', root('examples/shopflow-compliant.snapshot.json'), '--spec', 'shopflow']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Category +Estimate +Document +Difference$/m);
    const documented: Record<string, number> = { 'ECS Fargate': 150, 'RDS PostgreSQL': 800, ElastiCache: 300, CloudFront: 50, S3: 15, ALB: 25, 'NAT Gateway': 100, 'Route 53': 1, Total: 1441 };
    for (const [label, usd] of Object.entries(documented)) {
      expect(run.stdout).toMatch(new RegExp(`^${label}[^\\n]* +\\$[\\d,]+\\.\\d\\d +\\$${usd.toLocaleString('en-US')}\\.00 +[+-]\\$[\\d,]+\\.\\d\\d$`, 'm'));
    }
  });

  it.each(['shopflow-staging', 'shopflow-development'])('the %s overlay loads and has no cost section of its own', async (name) => {
    const spec = await loadSpec(bundledSpecFile(name)!);
    expect(spec.value).not.toHaveProperty('cost');
    const lint = await runCli(['spec', 'lint', root(`specs/${name}.json`)]);
    expect(lint.stdout).toBe('');
    expect(lint.code).toBe(0);
  });
});
