// The command line as SREs expect it: -h/-v, shell completion, "did you mean", exclusions that the
// report owns up to, and a CSV that a spreadsheet opens safely.
import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';
import { suggest } from '../../src/suggest.js';
import { parseCsv } from '../report/csv-reader.js';

const DRIFTED = 'examples/shopflow-drifted.snapshot.json';
const check = (...args: string[]) => runCli(['check', '--spec', 'shopflow', '--snapshot', DRIFTED, ...args]);

describe('-h, -v and completion', () => {
  it('-h prints the same help as --help; -v the same version as --version', async () => {
    const [h, help, v, version] = await Promise.all([runCli(['-h']), runCli(['--help']), runCli(['-v']), runCli(['--version'])]);
    expect(h).toEqual(help);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain('infra-audit <command>');
    expect(v).toEqual(version);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('`completion` prints a shell script that asks the CLI for completions', async () => {
    const run = await runCli(['completion']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^###-begin-infra-audit-completions-###/m);
    expect(run.stdout).toContain('--get-yargs-completions');
    expect(run.stdout).toMatch(/###-end-infra-audit-completions-###\s*$/);
  });

  it('completing `infra-audit ch` offers check; completing `rules ` offers explain', async () => {
    const top = await runCli(['--get-yargs-completions', 'infra-audit', 'ch']);
    expect(top.code).toBe(0);
    expect(top.stdout.split('\n')).toContain('check');
    const sub = await runCli(['--get-yargs-completions', 'infra-audit', 'rules', '']);
    expect(sub.stdout.split('\n')).toEqual(expect.arrayContaining(['list', 'explain']));
  });
});

describe('did you mean', () => {
  it.each([
    [['chek'], /Unknown argument: chek\. Did you mean check\?/],
    [['rules', 'explan', 'x'], /Did you mean explain\?/],
    [['rules', 'explain', 'rds-multi-az'], /unknown rule id "rds-multi-az" \(did you mean rds-writer-multi-az\b/],
    [['check', '--spec', 'shopflow', '--snapshot', DRIFTED, '--rule', 'rds-multi-az'], /unknown rule id "rds-multi-az" \(did you mean rds-writer-multi-az\b/],
    [['check', '--spec', 'shopflow', '--snapshot', DRIFTED, '--exclude-rule', 'cloudfront-waff'], /unknown rule id "cloudfront-waff" \(did you mean cloudfront-waf\?\)/],
    [['check', '--spec', 'shopflow', '--snapshot', DRIFTED, '--service', 'rsd'], /unknown service "rsd" \(did you mean rds\b/],
    [['check', '--spec', 'shopflow', '--snapshot', DRIFTED, '--exclude-service', 'elb'], /unknown service "elb" \(did you mean elbv2\b/],
  ])('%j exits 2 with the suggestion', async (argv, message) => {
    const run = await runCli(argv);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('suggests nothing for a name that resembles nothing; case does not matter', () => {
    expect(suggest('lambda', ['ec2', 'rds', 'ecs', 's3'])).toEqual([]);
    expect(suggest('', ['ec2'])).toEqual([]);
    expect(suggest('rds', ['rds', 'ecs'])).toContain('rds');
    expect(suggest('RDS-WRITER-MULTI-AZ', ['rds-writer-multi-az'])).toEqual(['rds-writer-multi-az']);
  });

  it('an unknown name with no close match still names the list to look in', async () => {
    const run = await check('--service', 'lambda');
    expect(run.code).toBe(2);
    const listed = /unknown service "lambda"; see: (.*)/.exec(run.stderr)?.[1]?.split(', ') ?? [];
    expect(listed).toEqual(expect.arrayContaining(['ec2', 'rds', 's3', 'kms']));
    expect(listed).not.toContain('lambda');
  });
});

describe('--exclude-rule and --exclude-service', () => {
  const json = async (...args: string[]) => {
    const run = await check('--format', 'json', ...args);
    return JSON.parse(run.stdout) as { results: { ruleId: string; resource: { type: string } }[]; filtered?: { rules: string[] } };
  };

  it('leave rules out, and the report lists every rule it left out', async () => {
    const full = await json();
    expect(full.filtered).toBeUndefined();
    const out = await json('--exclude-rule', 'cloudfront-waf', '--exclude-rule', 'ecs-task-size', '--exclude-service', 'rds');
    const ids = new Set(out.results.map((r) => r.ruleId));
    expect(ids.has('cloudfront-waf')).toBe(false);
    expect(ids.has('ecs-task-size')).toBe(false);
    expect(out.results.some((r) => r.resource.type.startsWith('rds.'))).toBe(false);
    const rdsRules = new Set(full.results.filter((r) => r.resource.type.startsWith('rds.')).map((r) => r.ruleId));
    expect(out.filtered!.rules).toEqual(expect.arrayContaining(['cloudfront-waf', 'ecs-task-size', ...rdsRules]));
    // Every rule is accounted for: reported or listed as filtered, never both, never neither.
    const all = new Set(full.results.map((r) => r.ruleId));
    expect(new Set([...ids, ...out.filtered!.rules])).toEqual(all);
    expect(out.filtered!.rules.filter((id) => ids.has(id))).toEqual([]);
  });

  it('the table says how many rules a filter excluded; an exclusion combines with --rule', async () => {
    const run = await check('--exclude-rule', 'cloudfront-waf');
    expect(run.stdout).toMatch(/ · 1 rule excluded by filter/);
    expect(run.stdout).not.toMatch(/^ {2}\S+ +cloudfront-waf /m);
    const both = await json('--rule', 'ecs-task-size', '--rule', 'cloudfront-waf', '--exclude-rule', 'cloudfront-waf');
    expect(new Set(both.results.map((r) => r.ruleId))).toEqual(new Set(['ecs-task-size']));
  });

  it('a filtered run gets its own SARIF category (its upload must not close the excluded alerts)', async () => {
    const run = await check('--format', 'sarif', '--exclude-service', 'rds');
    expect(JSON.parse(run.stdout).runs[0].automationDetails.id).toMatch(/exclude-service=rds/);
  });
});

describe('--csv', () => {
  it('writes one RFC 4180 row per result with a header, next to the other outputs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-csv-'));
    const file = join(dir, 'findings.csv');
    const run = await check('--csv', file, '--json', join(dir, 'r.json'));
    expect(run.code).toBe(1);
    const csv = await readFile(file, 'utf8');
    const report = JSON.parse(await readFile(join(dir, 'r.json'), 'utf8'));
    expect(csv.endsWith('\r\n')).toBe(true);
    const rows = parseCsv(csv);
    expect(rows[0]).toEqual(expect.arrayContaining(['status', 'severity', 'rule', 'resource', 'message']));
    expect(rows).toHaveLength(report.results.length + 1);
    expect(rows.every((r) => r.length === rows[0]!.length)).toBe(true);
    const rule = rows[0]!.indexOf('rule');
    const status = rows[0]!.indexOf('status');
    expect(rows.filter((r) => r[status] === 'fail').map((r) => r[rule])).toContain('rds-writer-multi-az');
  });
});
