// `check --suppressions FILE` end to end: suppressed failures are shown (JSON and the table's SUPPRESSED
// section) but not counted; expired and stale entries warn; a bad file exits 2 before anything is written.
import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCli } from '../cli/run-cli.js';
import { DB_ARN, entry, lineOf, tempDir, writeTemp, type EntryInput } from './helpers.js';

const root = new URL('../..', import.meta.url).pathname;
const drifted = join(root, 'examples/shopflow-drifted.snapshot.json');
const ONLY_MULTI_AZ = ['--rule', 'rds-writer-multi-az'];

async function check(entries: EntryInput[], opts: { today?: string; args?: string[]; name?: string } = {}) {
  const file = await writeTemp(opts.name ?? 'suppressions.json', { $schema: '../schemas/suppressions.schema.json', suppressions: entries.map(entry) });
  const out = join(await tempDir(), `${opts.name ?? 'report'}.report.json`);
  const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', drifted, '--suppressions', file, '--json', out, ...(opts.args ?? [])], {
    env: { INFRA_AUDIT_TODAY: opts.today ?? '2026-11-20' },
  });
  const report = existsSync(out) ? JSON.parse(await readFile(out, 'utf8')) : undefined;
  return { ...run, file, text: await readFile(file, 'utf8'), report };
}

describe('check --suppressions', () => {
  it('shows a suppressed failure in the JSON report and the SUPPRESSED section, and stops counting it', async () => {
    const { code, stdout, stderr, report } = await check([{}], { name: 'e2e' });
    expect(stderr).toBe('');
    const multiAz = report.results.find((r: any) => r.ruleId === 'rds-writer-multi-az' && r.resource.id === DB_ARN);
    expect(multiAz.status).toBe('fail');
    expect(multiAz.suppression).toEqual({ reason: entry().reason, owner: 'platform-team', expires: '2026-11-24', resource: DB_ARN });
    expect(report.summary.suppressed).toBe(1);
    expect(report.summary.fail).toBe(report.results.filter((r: any) => r.status === 'fail' && !r.suppression).length);
    expect(stdout).toMatch(/SUPPRESSED \(1\)[\s\S]*rds-writer-multi-az[\s\S]*suppressed by platform-team until 2026-11-24/);
    // No FAIL row for it (the composite DR rule may still name it in its message).
    expect(stdout.slice(0, stdout.indexOf('SUPPRESSED'))).not.toMatch(/^ {2}\w+ +rds-writer-multi-az /m);
    expect(code).toBe(1); // the drifted example has other failures
  });

  it('exits 0 when the only failure is suppressed (through the expiry day)', async () => {
    for (const today of ['2026-11-23', '2026-11-24']) {
      const { code, stderr, report } = await check([{}], { today, args: ONLY_MULTI_AZ });
      expect(stderr).toBe('');
      expect(report.summary).toMatchObject({ fail: 0, suppressed: 1 });
      expect(code).toBe(0);
    }
  });

  it('an expired entry warns, suppresses nothing, and the failure counts again (exit 1)', async () => {
    const { code, stderr, stdout, report, file, text } = await check([{}], { today: '2026-11-25', args: ONLY_MULTI_AZ });
    const warning = `${file}:${lineOf(text, '{\n      "rule"')}: entry for rds-writer-multi-az / ${DB_ARN} expired on 2026-11-24 (owner platform-team)`;
    expect(stderr).toBe(`infra-audit: warning: ${warning}\n`);
    expect(report.warnings).toEqual([warning]);
    expect(report.summary).toMatchObject({ fail: 1, suppressed: 0 });
    expect(stdout).not.toMatch(/SUPPRESSED/);
    expect(stdout).toContain(`warning: ${warning}`);
    expect(code).toBe(1);
  });

  it('a stale entry warns with its line', async () => {
    const { stderr, report, file, text } = await check([{}, { rule: 'redis-node-type', resource: 'shopflow-redis-old' }]);
    const line = lineOf(text, '"rule": "redis-node-type"') - 1;
    expect(stderr).toBe(`infra-audit: warning: ${file}:${line}: entry for redis-node-type / shopflow-redis-old matches nothing (stale)\n`);
    expect(report.warnings).toHaveLength(1);
  });

  it('matches by rule glob and resource name', async () => {
    const { report } = await check([{ rule: 'rds-*', resource: 'shopflow-db' }], { args: ['--service', 'rds'] });
    const onDb = report.results.filter((r: any) => r.status === 'fail' && r.resource.name === 'shopflow-db' && r.ruleId.startsWith('rds-'));
    expect(onDb.map((r: any) => r.ruleId)).toContain('rds-writer-multi-az');
    expect(onDb.every((r: any) => r.suppression?.resource === 'shopflow-db')).toBe(true);
    expect(report.results.filter((r: any) => r.suppression)).toHaveLength(onDb.length);
  });

  const bad: { name: string; edit: EntryInput; pointer: string; message: RegExp; at: string }[] = [
    { name: 'bad date format', edit: { expires: '2026-11-5' }, pointer: '/suppressions/0/expires', message: /must match the pattern/, at: '"expires"' },
    { name: 'no such day', edit: { expires: '2026-02-30' }, pointer: '/suppressions/0/expires', message: /date/, at: '"expires"' },
    { name: 'unknown property', edit: { ticket: 'OPS-1' }, pointer: '/suppressions/0/ticket', message: /unknown property "ticket"/, at: '"ticket"' },
    { name: 'missing reason', edit: { reason: undefined }, pointer: '/suppressions/0', message: /missing required property "reason"/, at: '{\n      "rule"' },
  ];
  for (const b of bad) {
    it(`exits 2 on an invalid file (${b.name}) with file:line:column and pointer, writing nothing`, async () => {
      const { code, stdout, stderr, report, file, text } = await check([b.edit], { name: `bad-${b.name.replace(/\W+/g, '-')}` });
      expect(code).toBe(2);
      expect(report).toBeUndefined();
      expect(stdout).toBe('');
      const line = lineOf(text, b.at);
      expect(stderr).toMatch(new RegExp(`^infra-audit: ${escape(file)}:${line}:\\d+: .+ \\(at ${escape(b.pointer)}\\)\\n$`));
      expect(stderr).toMatch(b.message);
    });
  }

  it('exits 2 when the file does not exist', async () => {
    const { code, stderr } = await runCli(['check', '--spec', 'shopflow', '--snapshot', drifted, '--suppressions', join(await tempDir(), 'nope.json')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope\.json: cannot read file: no such file/);
  });
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
