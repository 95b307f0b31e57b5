// `infra-audit check` end to end on the bundled examples: exit codes, the planted drifts, several
// outputs in one run, colour rules, filters, and refusing SARIF for an incomplete audit.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const ex = (name: string) => `examples/shopflow-${name}.snapshot.json`;
const tmp = () => mkdtemp(join(tmpdir(), 'infra-audit-check-'));
const failingRows = (table: string) => [...table.matchAll(/^ {2}(?:critical|high|medium|low|info) +([a-z0-9-]+) +(\S+)/gm)].map((m) => `${m[1]} ${m[2]}`);

// Each drift planted in examples/shopflow-drifted.snapshot.json, and the rule row that must name it.
const PLANTED = [
  ['single-AZ writer', 'rds-writer-multi-az shopflow-db'],
  ['6-day retention', 'rds-backup-retention shopflow-db'],
  ['one NAT gateway', 'nat-gateway-count NAT'],
  ['private subnet through the other AZ\'s NAT', 'subnet-private-nat-same-az shopflow-private-b'],
  ['no WAF on CloudFront', 'cloudfront-waf'],
  ['task size 1024/2048', 'ecs-task-size'],
  ['DATABASE_URL as a plain environment variable', 'ecs-container-secret-not-plain-env api'],
  ['a missing read replica', 'rds-read-replicas shopflow-db'],
] as const;

describe('check on the bundled examples', () => {
  it('drifted: a table naming each planted drift, exit 1', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted')]);
    expect(run.code).toBe(1);
    const rows = failingRows(run.stdout);
    for (const [drift, row] of PLANTED) expect(rows.some((r) => r.startsWith(row)), `${drift}: no row "${row}" in\n${run.stdout}`).toBe(true);
    expect(run.stdout).toContain('DRIFT FOUND');
    expect(run.stderr).toBe('');
  });

  it('compliant: exit 0, nothing failed but the cost rule, as info', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('compliant'), '--format', 'json']);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.complete).toBe(true);
    expect(report.summary.error).toBe(0);
    // The account costs more than the document's table: information, which never fails the run.
    expect(report.results.filter((r: { status: string }) => r.status === 'fail').map((r: { ruleId: string; severity: string }) => `${r.ruleId} ${r.severity}`)).toEqual(['cost-within-budget info']);
    expect(report.summary.pass).toBeGreaterThan(50);
    // The terminal agrees with the exit code: the info note is no drift.
    const table = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('compliant')]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^MATCHES THE SPEC {2}\d+ pass · 1 fail \(1 info\) · 0 error/m);
    expect(table.stdout).not.toContain('DRIFT FOUND');
  });

  it('partial: the Redis rules are error (never pass), exit 3', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('partial'), '--format', 'json']);
    expect(run.code).toBe(3);
    const report = JSON.parse(run.stdout);
    expect(report.complete).toBe(false);
    const redis = report.results.filter((r: { ruleId: string }) => r.ruleId.startsWith('redis-'));
    expect(redis.length).toBeGreaterThan(0);
    expect(redis.every((r: { status: string }) => r.status === 'error')).toBe(true);
    expect(report.gaps).toEqual([
      expect.objectContaining({ service: 'elasticache', operation: 'DescribeCacheSubnetGroups' }),
      expect.objectContaining({ service: 'elasticache', operation: 'DescribeReplicationGroups' }),
    ]);
  });

  it('--fail-on sets the threshold; incomplete (3) wins over findings', async () => {
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--fail-on', 'critical'])).code).toBe(1); // the plain-text secret is critical
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--fail-on', 'none'])).code).toBe(0);
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--rule', 'ecs-task-size', '--fail-on', 'high'])).code).toBe(0); // medium
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('partial'), '--fail-on', 'none'])).code).toBe(3);
  });

  it('a read failure no reported rule needed still makes the run incomplete (3), and is listed', async () => {
    // The partial example could not read ElastiCache; the RDS rule does not need it.
    const out = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('partial'), '--rule', 'rds-writer-multi-az', '--format', 'markdown']);
    expect(out.code).toBe(3);
    expect(out.stdout).toMatch(/\*\*INCOMPLETE\*\*: [1-9]\d* reads? of the account failed \(see Read failures\)\./);
    expect(out.stdout).toMatch(/## Read failures \([1-9]\d*\)[\s\S]*\| elasticache \| DescribeReplicationGroups \|/);
    const table = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('partial'), '--rule', 'rds-writer-multi-az']);
    expect(table.stdout).toMatch(/READ FAILURES \([1-9]\d*\)[\s\S]*INCOMPLETE  \d+ pass · \d+ fail · 0 error/);
  });
});

describe('outputs', () => {
  it('one run writes JSON, SARIF and Markdown files and prints the table', async () => {
    const dir = await tmp();
    const out = await runCli(['check', '--spec', 'shopflow', '--snapshot', join(process.cwd(), ex('drifted')), '--json', 'r.json', '--sarif', 'r.sarif', '--markdown', 'r.md'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('FAIL (');
    expect(JSON.parse(await readFile(join(dir, 'r.json'), 'utf8')).summary.fail).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(dir, 'r.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(await readFile(join(dir, 'r.md'), 'utf8')).toMatch(/^# infra-audit/);
  });

  it('an incomplete audit refuses to write SARIF unless --allow-incomplete', async () => {
    const dir = await tmp();
    const snap = join(process.cwd(), ex('partial'));
    const refused = await runCli(['check', '--spec', 'shopflow', '--snapshot', snap, '--sarif', 'a.sarif', '--json', 'a.json'], { cwd: dir });
    expect(refused.code).toBe(3);
    expect(existsSync(join(dir, 'a.sarif'))).toBe(false);
    expect(existsSync(join(dir, 'a.json'))).toBe(true);
    expect(refused.stderr).toMatch(/not writing a\.sarif: the audit is incomplete.*--allow-incomplete/);
    const stdoutRefused = await runCli(['check', '--spec', 'shopflow', '--snapshot', snap, '--format', 'sarif'], { cwd: dir });
    expect(stdoutRefused.stdout).toBe('');
    const allowed = await runCli(['check', '--spec', 'shopflow', '--snapshot', snap, '--sarif', 'a.sarif', '--allow-incomplete'], { cwd: dir });
    expect(allowed.code).toBe(3);
    const sarif = JSON.parse(await readFile(join(dir, 'a.sarif'), 'utf8'));
    expect(sarif.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it('colour only on a TTY, never with NO_COLOR', async () => {
    const esc = /\x1b\[/;
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted')], { tty: true })).stdout).toMatch(esc);
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted')], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toMatch(esc);
    expect((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted')], { tty: false })).stdout).not.toMatch(esc);
  });

  it('--previous adds the drift since an earlier snapshot to the Markdown summary', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--previous', ex('compliant'), '--format', 'markdown']);
    expect(run.stdout).toMatch(/## Drift since the previous snapshot[\s\S]*shopflow-db/);
    const plain = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--format', 'markdown']);
    expect(plain.stdout).not.toMatch(/Drift since/);
  });
});

describe('filters', () => {
  const results = async (...args: string[]) => JSON.parse((await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--format', 'json', ...args])).stdout).results as { ruleId: string; severity: string; resource: { type: string } }[];

  it('--rule, --service and --severity narrow what is reported', async () => {
    expect(new Set((await results('--rule', 'ecs-task-size', '--rule', 'cloudfront-waf')).map((r) => r.ruleId))).toEqual(new Set(['ecs-task-size', 'cloudfront-waf']));
    const rds = await results('--service', 'rds');
    expect(rds.length).toBeGreaterThan(0);
    expect(rds.every((r) => r.resource.type.startsWith('rds.'))).toBe(true);
    const critical = await results('--severity', 'critical');
    expect(critical.length).toBeGreaterThan(0);
    expect(critical.every((r) => r.severity === 'critical')).toBe(true);
  });

  it('an unknown rule id is a usage error (exit 2)', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--rule', 'no-such-rule']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown rule id "no-such-rule"');
  });
});

describe('rules, spec and help', () => {
  it('rules list names every rule; explain shows why, spec values with their lines, and the fix', async () => {
    const list = await runCli(['rules', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^critical +rds-storage-encrypted/m);
    const explain = await runCli(['rules', 'explain', 'rds-writer-multi-az', '--spec', 'shopflow']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^rds-writer-multi-az — /);
    expect(explain.stdout).toMatch(/\/databases\/main\/multiAz = true +\(.*spec\.shopflow\.json:\d+\)/);
    expect(explain.stdout).toMatch(/^For each item of databases: main$/m);
    expect(explain.stdout).toMatch(/^Item values it reads: \/multiAz, \/region, \/primaryAvailabilityZone, \/standbyAvailabilityZone$/m);
    expect(explain.stdout).toMatch(/^Fix:\n  databases main: Enable Multi-AZ .*modify-db-instance/m);
    // A rule over services: each item's values and its own remediation; the worker sets none of them.
    const size = (await runCli(['rules', 'explain', 'ecs-task-size', '--spec', 'shopflow'])).stdout;
    expect(size).toMatch(/^For each item of services: api, worker$/m);
    expect(size).toMatch(/^  \/services\/api\/taskDefinition\/cpu = 512 +\(/m);
    expect(size).toMatch(/^  \/services\/worker\/taskDefinition\/cpu = \(absent\)/m);
    expect(size).toMatch(/^  services api: .*--family shopflow-api --cpu 512 --memory 1024/m);
    // The worker's item sets none of them: the audit skips it, so explain renders no fix from absent values.
    expect(size).toMatch(/^  services worker: nothing to fix, the rule skips this item \(not required by the spec: services worker sets no \/taskDefinition\/cpu\)$/m);
    expect(size).not.toMatch(/not set/);
    const unknown = await runCli(['rules', 'explain', 'rds-writer', '--spec', 'shopflow']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/did you mean .*rds-writer-multi-az/);
  });

  it('spec validate accepts the shipped spec', async () => {
    const run = await runCli(['spec', 'validate', 'spec.shopflow.json']);
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining('valid') });
  });

  it('--help and --version exit 0 on stdout; no command is a usage error', async () => {
    expect(await runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('infra-audit <command>') });
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect((await runCli([])).code).toBe(2);
  });
});

describe('SARIF categories', () => {
  const category = async (...args: string[]) => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', ex('drifted'), '--format', 'sarif', ...args]);
    return JSON.parse(run.stdout).runs[0].automationDetails.id as string;
  };

  it('a filtered run never shares the full audit\'s category (its upload would close the other alerts)', async () => {
    expect(await category()).toBe('infra-audit/123456789012/us-east-1/20261120T020000Z');
    expect(await category('--service', 'rds')).toBe('infra-audit/123456789012/us-east-1/service=rds/20261120T020000Z');
    expect(await category('--category', 'nightly/prod')).toBe('nightly/prod/20261120T020000Z');
  });
});

describe('check with values from another architecture', () => {
  // Outsider try: the same account judged by a spec whose values are not ShopFlow's. The finding must
  // quote the spec's value, never ShopFlow's, and every other rule keeps its verdict.
  it('a different instance class fails only that rule, quoting the spec', async () => {
    const dir = await tmp();
    const spec = JSON.parse(await readFile('spec.shopflow.json', 'utf8'));
    spec.databases.main.instanceClass = 'db.m5.large';
    const file = join(dir, 'other.spec.json');
    await writeFile(file, JSON.stringify(spec, null, 2));
    const run = await runCli(['check', '--snapshot', ex('compliant'), '--spec', file]);
    expect(run.code, run.stderr).toBe(1);
    // The cost rule's info finding is there with ShopFlow's own values too (see the compliant case).
    expect(failingRows(run.stdout)).toEqual(['rds-writer-instance-class shopflow-db', 'cost-within-budget monthly']);
    expect(run.stdout).toContain('the architecture requires db.m5.large');
  });
});
