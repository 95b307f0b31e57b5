// `infra-audit merge` end to end: shard directories on disk in, merged outputs and exit codes out.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { selectShard } from '../../src/multi/shard.js';
import { accountIds, runOf, writeRunDir, type Plan } from './runs.js';

const [A, B, C] = ['111111111111', '222222222222', '333333333333'];
const tmp = () => mkdtempSync(join(tmpdir(), 'merge-cli-'));
const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));

async function shardDirs(root: string, plan: Plan, count: number): Promise<string[]> {
  const ids = Object.keys(plan);
  const dirs: string[] = [];
  for (let i = 1; i <= count; i++) {
    const dir = join(root, `shard-${i}`);
    writeRunDir(dir, await runOf(Object.fromEntries(selectShard(ids, i, count).map((id) => [id, plan[id]!])), { expected: ids, shard: { index: i, count } }));
    dirs.push(`shard-${i}`);
  }
  return dirs;
}

describe('infra-audit merge', () => {
  it('merges shards into the JSON report, SARIF chunks and the Markdown summary, exit 1 on findings', async () => {
    const cwd = tmp();
    const ids = accountIds(24);
    const plan: Plan = Object.fromEntries(ids.map((id, i) => [id, i % 3 ? 'compliant' : 'drifted']));
    const dirs = await shardDirs(cwd, plan, 4);
    const r = await runCli(['merge', ...dirs, '--json', 'merged.json', '--sarif-dir', 'sarif', '--markdown', 'summary.md', '--spec', 'shopflow'], { cwd });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('24 accounts: 16 pass, 8 fail, 0 incomplete, 0 error, 0 missing');
    const merged = read(join(cwd, 'merged.json'));
    expect(merged.complete).toBe(true);
    expect(merged.shards).toEqual({ count: 4, merged: [1, 2, 3, 4], missing: [] });
    expect(readdirSync(join(cwd, 'sarif')).sort()).toEqual(['infra-audit-1.sarif', 'infra-audit-2.sarif']);
    expect(read(join(cwd, 'sarif/infra-audit-1.sarif')).runs).toHaveLength(20);
    expect(readFileSync(join(cwd, 'summary.md'), 'utf8')).toMatch(/^# infra-audit: 24 accounts/);

    // The same accounts in one unsharded run merge to the same accounts and totals.
    const whole = tmp();
    writeRunDir(join(whole, 'all'), await runOf(plan, { expected: ids }));
    const one = await runCli(['merge', 'all', '--json', 'merged.json'], { cwd: whole });
    expect(one.code).toBe(1);
    const single = read(join(whole, 'merged.json'));
    expect(single.accounts).toEqual(merged.accounts);
    expect(single.totals).toEqual(merged.totals);
  });

  it('a missing shard: exit 3, its accounts named', async () => {
    const cwd = tmp();
    const ids = accountIds(12);
    const dirs = await shardDirs(cwd, Object.fromEntries(ids.map((id) => [id, 'compliant'])), 3);
    const r = await runCli(['merge', dirs[0]!, dirs[2]!, '--json', 'merged.json'], { cwd });
    expect(r.code).toBe(3);
    for (const id of selectShard(ids, 2, 3)) expect(r.stderr).toContain(`account ${id} is expected but in no merged run`);
    expect(r.stderr).toContain('shard 2/3 not merged');
    expect(read(join(cwd, 'merged.json')).missingAccounts).toEqual(selectShard(ids, 2, 3).sort());
  });

  it('--expect-accounts names an account no run has (exit 3); a bad line is exit 2 with line and column', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant' }));
    writeFileSync(join(cwd, 'accounts.txt'), `# production\n${A}\n\n  ${B}  # staging\n`);
    const r = await runCli(['merge', 'out', '--expect-accounts', 'accounts.txt'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`account ${B} is expected but in no merged run`);
    writeFileSync(join(cwd, 'bad.txt'), `${A}\n  12345\n`);
    const bad = await runCli(['merge', 'out', '--expect-accounts', 'bad.txt'], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('infra-audit: bad.txt:2:3: expected a 12-digit AWS account id, got "12345"\n');
  });

  it('--accounts takes the expected accounts from the accounts file scan --accounts read: one in no run is missing, exit 3', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant', [C]: 'compliant' }));
    writeFileSync(join(cwd, 'accounts.json'), JSON.stringify({ defaults: { role: 'infra-audit-readonly', spec: 'shopflow' }, accounts: [{ id: A, name: 'prod' }, { id: B, environment: 'staging' }, { id: C, profile: 'dev' }] }));
    const r = await runCli(['merge', 'out', '--accounts', 'accounts.json', '--json', 'm.json'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`account ${B} is expected but in no merged run`);
    expect(read(join(cwd, 'm.json'))).toMatchObject({ complete: false, expectedAccounts: [A, B, C], missingAccounts: [B] });
    // Every account of the file in a run: complete.
    writeFileSync(join(cwd, 'two.json'), JSON.stringify({ accounts: [{ id: A, role: 'audit' }, { id: C, role: 'audit' }] }));
    const whole = await runCli(['merge', 'out', '--accounts', 'two.json'], { cwd });
    expect(whole.code).toBe(0);
    expect(whole.stderr).toBe('');
  });

  it.each<[string, string, RegExp]>([
    ['an id that is not 12 digits', '{\n  "accounts": [\n    { "id": "42", "role": "audit" }\n  ]\n}\n', /^infra-audit: accts\.json:3:\d+: must match the pattern .* \(at \/accounts\/0\/id\)\n$/],
    ['an account listed twice', `{"accounts": [{"id": "${A}", "role": "a"},\n {"id": "${A}", "role": "b"}]}`, new RegExp(`^infra-audit: accts\\.json:2:\\d+: account ${A} is already listed at /accounts/0 \\(at /accounts/1/id\\)\\n$`)],
    ['invalid JSON', '{"accounts": [\n  {"id": "111111111111",}\n]}', /^infra-audit: accts\.json:2:\d+: invalid JSON/],
    ['an unknown key', `{"accounts": [{"id": "${A}", "rol": "audit"}]}`, /^infra-audit: accts\.json:1:\d+: .*rol.* \(at \/accounts\/0/],
    ['no accounts', '{}', /^infra-audit: accts\.json:1:1: .*accounts/],
  ])('--accounts with %s is exit 2 with file, line, column and pointer, nothing written', async (_what, text, message) => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant' }));
    writeFileSync(join(cwd, 'accts.json'), text);
    const r = await runCli(['merge', 'out', '--accounts', 'accts.json', '--json', 'm.json'], { cwd });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(existsSync(join(cwd, 'm.json'))).toBe(false);
  });

  it('--accounts naming a file that is not there is exit 2 naming it', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant' }));
    const r = await runCli(['merge', 'out', '--accounts', 'nowhere.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nowhere\.json/);
    expect(r.stderr).not.toContain('    at ');
  });

  it('a denied account: exit 3, marked, the others merged', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant', [B]: 'error', [C]: 'drifted' }));
    const r = await runCli(['merge', 'out', '--json', 'm.json', '--sarif', 'm.sarif', '--spec', 'shopflow'], { cwd });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(`account ${B} was not audited: assume-role: AccessDenied`);
    expect(r.stderr).toContain(`no SARIF run for account ${B}`);
    expect(read(join(cwd, 'm.sarif')).runs.map((x: { properties: { account: string } }) => x.properties.account)).toEqual([A, C]);
    expect(read(join(cwd, 'm.json')).accounts.map((a: { verdict: string }) => a.verdict)).toEqual(['pass', 'error', 'fail']);
  });

  it('each account\'s SARIF run shows a finding about a cited value on the document\'s line, as check does', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'drifted', [B]: 'compliant', [C]: 'drifted' }));
    const r = await runCli(['merge', 'out', '--sarif', 'm.sarif', '--spec', 'shopflow'], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    type Result = { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    const runs: { properties: { account: string }; results: Result[] }[] = read(join(cwd, 'm.sarif')).runs;
    const multiAz = runs.flatMap((run) => run.results.filter((x) => x.ruleId === 'rds-writer-multi-az').map((x) => [run.properties.account, x] as const));
    expect(multiAz.map(([account]) => account)).toEqual([A, C]);
    for (const [, result] of multiAz) {
      expect(result.locations[0]!.physicalLocation.artifactLocation.uri).toBe('docs/examples/shopflow-architecture.md');
      expect(result.relatedLocations![0]!.physicalLocation.artifactLocation.uri).toBe('spec.shopflow.json');
    }
  });

  it('one account in two directories: exit 2 naming both run.json files, nothing written', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'x'), await runOf({ [A]: 'compliant' }));
    writeRunDir(join(cwd, 'y'), await runOf({ [A]: 'drifted', [B]: 'compliant' }));
    const r = await runCli(['merge', 'x', 'y', '--json', 'm.json'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`account ${A} is in both x/run.json and y/run.json`);
    expect(existsSync(join(cwd, 'm.json'))).toBe(false);
  });

  it.each<[string, (dir: string) => void, RegExp]>([
    ['invalid JSON in run.json', (d) => writeFileSync(join(d, 'run.json'), '{"expectedAccounts": [,]}'), /^infra-audit: out\/run\.json:1:\d+: invalid JSON/],
    ['a bad status in run.json', (d) => {
      const m = read(join(d, 'run.json'));
      m.accounts[0].status = 'done';
      writeFileSync(join(d, 'run.json'), JSON.stringify(m, null, 2));
    }, /^infra-audit: out\/run\.json:\d+:\d+: must be one of "complete", "incomplete", "error" \(at \/accounts\/0\/status\)/],
    ['a report.json missing', (d) => writeFileSync(join(d, A, 'report.json.bak'), '') , /never/],
    ['a report about another account', (d) => {
      const f = join(d, A, 'report.json');
      writeFileSync(f, readFileSync(f, 'utf8').replace(`"account": "${A}"`, `"account": "${C}"`));
    }, new RegExp(`^infra-audit: out/${A}/report\\.json:\\d+:\\d+: is ${C}, but out/run\\.json files this report under account ${A} \\(at /account\\)`)],
    ['no run.json at all', (d) => writeFileSync(join(d, 'run.json'), ''), /^infra-audit: out\/run\.json:1:1: invalid JSON: the file is empty/],
  ])('refuses %s with exit 2, file, line, column and pointer', async (what, breakIt, message) => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant' }));
    if (what === 'a report.json missing') {
      const { rmSync } = await import('node:fs');
      rmSync(join(cwd, 'out', A, 'report.json'));
      message = new RegExp(`^infra-audit: out/${A}/report\\.json: out/run\\.json says account ${A} was audited \\(at /accounts/0/status\\) but out/${A}/report\\.json cannot be read`);
    } else breakIt(join(cwd, 'out'));
    const r = await runCli(['merge', 'out', '--json', 'm.json'], { cwd });
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('    at ');
  });

  it('a directory without run.json is exit 2', async () => {
    const cwd = tmp();
    mkdirSync(join(cwd, 'empty'));
    const r = await runCli(['merge', 'empty'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('infra-audit: empty/run.json: not a multi-account output directory: empty/run.json cannot be read (cannot read file: no such file)\n');
  });

  it('--sarif-dir refuses a directory that is not empty', async () => {
    const cwd = tmp();
    writeRunDir(join(cwd, 'out'), await runOf({ [A]: 'compliant' }));
    mkdirSync(join(cwd, 'sarif'));
    writeFileSync(join(cwd, 'sarif', 'keep.txt'), 'mine');
    const r = await runCli(['merge', 'out', '--sarif-dir', 'sarif', '--spec', 'shopflow'], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--sarif-dir sarif: is not empty');
    expect(readdirSync(join(cwd, 'sarif'))).toEqual(['keep.txt']);
  });
});
