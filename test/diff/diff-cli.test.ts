// `infra-audit diff OLD NEW` end to end on the bundled examples: exit codes, findings, the three
// formats, files written atomically, and the JSON diff valid against schemas/diff.schema.json.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { runCli } from '../cli/run-cli.js';

const root = new URL('../..', import.meta.url).pathname;
const example = (name: string) => join(root, `examples/shopflow-${name}.snapshot.json`);
const [compliant, drifted, partial] = ['compliant', 'drifted', 'partial'].map(example) as [string, string, string];
const DB_ARN = 'arn:aws:rds:us-east-1:123456789012:db:shopflow-db';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-diff-'));
});

const diffJson = async (...argv: string[]) => {
  const run = await runCli(['diff', '--spec', 'shopflow', ...argv, '--format', 'json']);
  return { ...run, diff: run.stdout ? JSON.parse(run.stdout) : undefined };
};

const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const validateDiff = addFormats(new Ajv({ allErrors: true, strict: true, allowUnionTypes: true })).compile(
  JSON.parse(readFileSync(join(root, 'schemas/diff.schema.json'), 'utf8')),
);

describe('infra-audit diff', () => {
  it('exits 0 with NO CHANGE for the same file', async () => {
    const { code, stdout, stderr } = await runCli(['diff', '--spec', 'shopflow', compliant, compliant]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/NO CHANGE\s+0 added · 0 removed · 0 changed · 0 relation\(s\) changed · findings: 0 new · 0 resolved/);
    expect(code).toBe(0);
  });

  it('exits 0 for the same content with nodes, edges and set-like arrays in another order', async () => {
    const s = JSON.parse(await readFile(compliant, 'utf8'));
    s.nodes.reverse();
    s.edges.reverse();
    for (const n of s.nodes) for (const key of ['subnetIds', 'availabilityZones', 'aliases', 'origins']) if (Array.isArray(n.props[key])) n.props[key].reverse();
    const shuffled = join(dir, 'shuffled.json');
    await writeFile(shuffled, JSON.stringify(s, null, 2));
    const { code, diff } = await diffJson(compliant, shuffled);
    expect(diff.graph).toEqual({ added: [], removed: [], changed: [], unread: [], edges: { added: [], removed: [] } });
    expect(diff.changed).toBe(false);
    expect(code).toBe(0);
  });

  it('reports reordered cacheBehaviors as a change (exit 1)', async () => {
    const s = JSON.parse(await readFile(compliant, 'utf8'));
    const dist = s.nodes.find((n: any) => n.type === 'cloudfront.distribution');
    expect(dist.props.cacheBehaviors.length).toBeGreaterThan(1);
    dist.props.cacheBehaviors.reverse();
    const reordered = join(dir, 'reordered-behaviors.json');
    await writeFile(reordered, JSON.stringify(s, null, 2));
    const { code, diff } = await diffJson(compliant, reordered, '--graph-only');
    expect(diff.graph.changed).toEqual([expect.objectContaining({ id: dist.id, changes: [expect.objectContaining({ path: 'props.cacheBehaviors' })] })]);
    expect(code).toBe(1);
  });

  it('compliant -> drifted: the changes, and every planted drift as a new finding (exit 1)', async () => {
    const { code, diff, stderr } = await diffJson(compliant, drifted);
    expect(stderr).toBe('');
    expect(code).toBe(1);
    expect(diff.changed).toBe(true);
    const db = diff.graph.changed.find((c: any) => c.id === DB_ARN);
    expect(db.changes).toContainEqual({ path: 'props.multiAz', before: true, after: false });
    expect(diff.graph.removed.map((n: any) => n.name)).toContain('shopflow-db-replica-2');

    // Every failure `check` finds on the drifted example is new relative to the compliant one, but for the
    // cost rule's info finding: both accounts cost more than the document's table, so it is still open.
    const out = join(dir, 'drifted.report.json');
    await runCli(['check', '--spec', 'shopflow', '--snapshot', drifted, '--json', out]);
    const failures = JSON.parse(await readFile(out, 'utf8')).results.filter((r: any) => r.status === 'fail');
    const key = (f: any) => `${f.ruleId} ${f.resource.id}`;
    expect(failures.length).toBeGreaterThan(0);
    expect(diff.findings.new.map(key).sort()).toEqual(failures.filter((f: any) => f.ruleId !== 'cost-within-budget').map(key).sort());
    expect(diff.findings.stillOpen.map((f: any) => f.ruleId)).toEqual(['cost-within-budget']);
    expect(diff.findings.new).toContainEqual(expect.objectContaining({ ruleId: 'rds-writer-multi-az', resource: expect.objectContaining({ id: DB_ARN }) }));
    expect(diff.findings.resolved).toEqual([]);
    expect(diff.findings.unknown).toEqual([]);
  });

  it('drifted -> compliant: the same findings resolved', async () => {
    const { code, diff } = await diffJson(drifted, compliant);
    expect(code).toBe(1);
    expect(diff.findings.new).toEqual([]);
    expect(diff.findings.resolved).toContainEqual(expect.objectContaining({ ruleId: 'rds-writer-multi-az', resource: expect.objectContaining({ id: DB_ARN }) }));
  });

  it('drifted -> drifted with one more change: findings still open, one new', async () => {
    const s = JSON.parse(await readFile(drifted, 'utf8'));
    const db = s.nodes.find((n: any) => n.id === DB_ARN);
    db.props.storageEncrypted = false;
    const worse = join(dir, 'worse.json');
    await writeFile(worse, JSON.stringify(s, null, 2));
    const { code, diff } = await diffJson(drifted, worse);
    expect(code).toBe(1);
    expect(diff.findings.stillOpen).toContainEqual(expect.objectContaining({ ruleId: 'rds-writer-multi-az' }));
    expect(diff.findings.new.map((f: any) => f.ruleId)).toContain('rds-storage-encrypted');
    expect(diff.graph.changed).toEqual([expect.objectContaining({ id: DB_ARN, changes: [{ path: 'props.storageEncrypted', before: true, after: false }] })]);
  });

  it('compliant -> partial: unread resources, unknown findings, exit 3', async () => {
    const { code, diff, stdout } = await diffJson(compliant, partial);
    expect(code).toBe(3);
    expect(diff.complete).toBe(false);
    expect(diff.findings.complete).toBe(false);
    expect(diff.findings.unknown.length).toBeGreaterThan(0);
    expect(diff.findings.resolved).toEqual([]);
    expect(diff.graph.removed).toEqual([]);
    expect(diff.graph.unread.map((u: any) => u.type)).toContain('elasticache.replication-group');
    expect(diff.new.gaps).toHaveLength(2); // both ElastiCache listings were denied
    expect(validateDiff(JSON.parse(stdout)), JSON.stringify(validateDiff.errors)).toBe(true);
    const table = await runCli(['diff', '--spec', 'shopflow', compliant, partial]);
    expect(table.stdout).toMatch(/NOT COMPARED[\s\S]*UNKNOWN \(could not check in one run\)[\s\S]*READ FAILURES[\s\S]*INCOMPLETE/);
  });

  it('--graph-only never exits 3: unread resources are not changes', async () => {
    const { code, diff } = await diffJson(compliant, partial, '--graph-only');
    expect(diff.findings).toBeNull();
    expect(diff.graph.unread).toHaveLength(2);
    expect(code).toBe(0);
  });

  it('writes --json and --markdown files; the JSON validates against the schema', async () => {
    const json = join(dir, 'diff.json');
    const md = join(dir, 'diff.md');
    const { code, stdout } = await runCli(['diff', '--spec', 'shopflow', compliant, drifted, '--json', json, '--markdown', md]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/RESOURCES CHANGED[\s\S]*props\.multiAz: true → false[\s\S]*NEW FINDINGS[\s\S]*rds-writer-multi-az/);
    const written = JSON.parse(await readFile(json, 'utf8'));
    expect(validateDiff(written), JSON.stringify(validateDiff.errors)).toBe(true);
    expect(written.$schema).toBe('https://infra-audit.dev/schemas/diff.schema.json');
    const markdown = await readFile(md, 'utf8');
    expect(markdown).toMatch(/^## Drift since the previous snapshot/);
    expect(markdown).toMatch(/### New findings \(\d+\)[\s\S]*`rds-writer-multi-az`/);
    expect(markdown).toContain('| database instance shopflow-db | `props.multiAz` | `true` | `false` |');
  });

  it('exits 2 on an invalid snapshot, with file:line:column and pointer', async () => {
    const s = JSON.parse(await readFile(compliant, 'utf8'));
    s.nodes[0].colour = 'blue';
    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify(s, null, 2));
    const { code, stdout, stderr } = await runCli(['diff', '--spec', 'shopflow', compliant, bad]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(new RegExp(`^infra-audit: ${bad.replace(/[.]/g, '\\.')}:\\d+:\\d+: unknown property "colour" \\(at /nodes/0/colour\\)\\n$`));
  });

  it('exits 2 on a missing snapshot or a missing argument', async () => {
    expect((await runCli(['diff', '--spec', 'shopflow', compliant, join(dir, 'nope.json')])).code).toBe(2);
    expect((await runCli(['diff', '--spec', 'shopflow', compliant])).code).toBe(2);
  });
});
