// Bad input: every invalid spec, rule or snapshot exits 2 with file:line:column and the JSON pointer,
// no stack trace, and nothing written.
import { beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.js';

const root = new URL('../..', import.meta.url).pathname;
const compliant = join(root, 'examples/shopflow-compliant.snapshot.json');
const specText = () => readFile(join(root, 'spec.shopflow.json'), 'utf8');
const ruleText = () => readFile(join(root, 'rules/rds-writer-multi-az.json'), 'utf8');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-bad-'));
});

/** The line (1-based) of the first occurrence of `needle` in `text`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

interface Bad {
  name: string;
  kind: 'snapshot' | 'spec' | 'rule';
  make: () => Promise<string>;
  /** Where the problem is; a function when it depends on the file (a node's index). */
  pointer: string | ((text: string) => string);
  message: RegExp;
  /** A text whose line the error must point at. */
  line?: (text: string) => number;
  ruleFileName?: string;
}

const snapshotEdit = (edit: (s: any) => void) => async () => {
  const s = JSON.parse(await readFile(compliant, 'utf8'));
  edit(s);
  return JSON.stringify(s, null, 2);
};
const specEdit = (edit: (s: any) => void) => async () => {
  const s = JSON.parse(await specText());
  edit(s);
  return JSON.stringify(s, null, 2);
};
const ruleEdit = (edit: (r: any) => void) => async () => {
  const r = JSON.parse(await ruleText());
  edit(r);
  return JSON.stringify(r, null, 2);
};
const firstOfType = (s: any, type: string) => s.nodes.findIndex((n: any) => n.type === type);

const cases: Bad[] = [
  { name: 'snapshot: trailing comma', kind: 'snapshot', make: async () => '{\n  "schemaVersion": 1,\n}\n', pointer: '', message: /invalid JSON/, line: () => 3 },
  { name: 'snapshot: a comment', kind: 'snapshot', make: async () => '{\n  // note\n  "schemaVersion": 1\n}\n', pointer: '', message: /comments are not allowed|invalid JSON/, line: () => 2 },
  { name: 'snapshot: empty file', kind: 'snapshot', make: async () => '', pointer: '', message: /invalid JSON/ },
  { name: 'snapshot: unterminated string', kind: 'snapshot', make: async () => '{\n  "schemaVersion": 1,\n  "meta": "abc\n}', pointer: '', message: /invalid JSON/, line: () => 3 },
  { name: 'snapshot: wrong schemaVersion', kind: 'snapshot', make: snapshotEdit((s) => (s.schemaVersion = 2)), pointer: '/schemaVersion', message: /./ },
  { name: 'snapshot: account not 12 digits', kind: 'snapshot', make: snapshotEdit((s) => (s.meta.account = '1234')), pointer: '/meta/account', message: /pattern|must/ },
  { name: 'snapshot: node without type', kind: 'snapshot', make: snapshotEdit((s) => delete s.nodes[0].type), pointer: '/nodes/0', message: /missing required property "type"|type/ },
  { name: 'snapshot: unknown resource type', kind: 'snapshot', make: snapshotEdit((s) => (s.nodes[0].type = 'ec2.teleporter')), pointer: '/nodes/0/type', message: /must be one of/ },
  {
    name: 'snapshot: multiAz as a string', kind: 'snapshot',
    make: snapshotEdit((s) => (s.nodes[firstOfType(s, 'rds.db-instance')].props.multiAz = 'yes')),
    pointer: (t) => `/nodes/${firstOfType(JSON.parse(t), 'rds.db-instance')}/props/multiAz`, message: /must be boolean/,
  },
  {
    name: 'snapshot: unknown prop', kind: 'snapshot',
    make: snapshotEdit((s) => (s.nodes[firstOfType(s, 'ec2.vpc')].props.colour = 'blue')),
    pointer: (t) => `/nodes/${firstOfType(JSON.parse(t), 'ec2.vpc')}/props/colour`, message: /unknown property "colour"/,
  },
  { name: 'snapshot: duplicate node id', kind: 'snapshot', make: snapshotEdit((s) => (s.nodes[1].id = s.nodes[0].id)), pointer: '/nodes/1/id', message: /duplicate node id/ },
  { name: 'snapshot: dangling edge', kind: 'snapshot', make: snapshotEdit((s) => (s.edges[0].to = 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-missing')), pointer: '/edges/0/to', message: /is not a node/ },
  {
    name: 'snapshot: an edge between the wrong kinds of resource', kind: 'snapshot',
    make: snapshotEdit((s) => { const e = s.edges.findIndex((x: any) => x.type === 'replica-of'); s.edges[e].to = s.nodes[firstOfType(s, 'ec2.vpc')].id; s.edges.unshift(...s.edges.splice(e, 1)); }),
    pointer: '/edges/0/to', message: /a replica-of edge cannot end at a ec2\.vpc/,
  },
  { name: 'snapshot: unknown edge type', kind: 'snapshot', make: snapshotEdit((s) => (s.edges[0].type = 'loves')), pointer: '/edges/0/type', message: /must be one of/ },
  { name: 'snapshot: gap without code', kind: 'snapshot', make: snapshotEdit((s) => s.gaps.push({ service: 'ec2', operation: 'DescribeVpcs', region: 'us-east-1', message: 'x', resourceTypes: ['ec2.vpc'] })), pointer: '/gaps/0', message: /missing required property "code"/ },
  { name: 'spec: invalid JSON', kind: 'spec', make: async () => (await specText()).replace('"cpu": 512,', '"cpu": 512,,'), pointer: '', message: /invalid JSON/, line: (t) => lineOf(t, '"cpu": 512') },
  { name: 'spec: unknown property', kind: 'spec', make: specEdit((s) => (s.database.colour = 'blue')), pointer: '/database/colour', message: /unknown property "colour"/ },
  { name: 'spec: cpu as a string', kind: 'spec', make: specEdit((s) => (s.compute.taskDefinition.cpu = '512')), pointer: '/compute/taskDefinition/cpu', message: /must be/ },
  { name: 'spec: missing region', kind: 'spec', make: specEdit((s) => delete s.region), pointer: '', message: /missing required property "region"/ },
  { name: 'spec: bad AZ name', kind: 'spec', make: specEdit((s) => (s.network.availabilityZones[1] = 'use1-az2')), pointer: '/network/availabilityZones/1', message: /pattern|must/ },
  { name: 'spec: negative retention', kind: 'spec', make: specEdit((s) => (s.database.backupRetentionDays = -1)), pointer: '/database/backupRetentionDays', message: /must be >=/ },
  { name: 'rule: id differs from file name', kind: 'rule', make: ruleEdit((r) => (r.id = 'something-else')), pointer: '/id', message: /differs from its file name/ },
  { name: 'rule: unknown operator', kind: 'rule', make: ruleEdit((r) => (r.expect.all[0].op = 'approximately')), pointer: '/expect/all/0/op', message: /must be one of/ },
  { name: 'rule: unknown resource type', kind: 'rule', make: ruleEdit((r) => (r.select.type = 'rds.teleporter')), pointer: '/select/type', message: /unknown resource type/ },
  { name: 'rule: invalid regex', kind: 'rule', make: ruleEdit((r) => (r.expect = { path: 'engine', op: 'matches', value: '([a-z' })), pointer: '/expect/value', message: /invalid regular expression/ },
  { name: 'rule: missing remediation', kind: 'rule', make: ruleEdit((r) => delete r.remediation), pointer: '', message: /missing required property "remediation"/ },
  { name: 'rule: bad severity', kind: 'rule', make: ruleEdit((r) => (r.severity = 'catastrophic')), pointer: '/severity', message: /must be one of/ },
  { name: 'rule: composite of an unknown rule', kind: 'rule', make: ruleEdit((r) => { delete r.select; delete r.expect; r.composite = { rules: ['no-such-rule'] }; }), pointer: '/composite/rules/0', message: /unknown rule "no-such-rule"/ },
  { name: 'rule: unknown edge type', kind: 'rule', make: ruleEdit((r) => (r.expect = { edge: 'loves', op: 'gte', value: 1 })), pointer: '/expect/edge', message: /unknown edge type/ },
];

describe('bad input exits 2 with file:line:column and pointer', () => {
  it('covers at least 20 bad inputs', () => expect(cases.length).toBeGreaterThanOrEqual(20));

  for (const c of cases) {
    it(c.name, async () => {
      const text = await c.make();
      const caseDir = await mkdtemp(join(dir, 'case-'));
      let file: string;
      const args = ['check', '--json', join(caseDir, 'out.json'), '--sarif', join(caseDir, 'out.sarif')];
      if (c.kind === 'snapshot') {
        file = join(caseDir, 'bad.snapshot.json');
        args.push('--snapshot', file);
      } else if (c.kind === 'spec') {
        file = join(caseDir, 'bad.spec.json');
        args.push('--snapshot', compliant, '--spec', file);
      } else {
        await cp(join(root, 'rules'), join(caseDir, 'rules'), { recursive: true });
        file = join(caseDir, 'rules', 'rds-writer-multi-az.json');
        args.push('--snapshot', compliant, '--rules', join(caseDir, 'rules'));
      }
      await writeFile(file, text);
      const run = await runCli(args, { cwd: caseDir });

      expect(run.code, run.stderr).toBe(2);
      const pointer = typeof c.pointer === 'function' ? c.pointer(text) : c.pointer;
      const m = run.stderr.match(/^infra-audit: (.+?):(\d+):(\d+): (.+) \(at (.*)\)\n$/);
      expect(m, run.stderr).not.toBeNull();
      const [, where, line, column, message, at] = m!;
      expect(where).toBe(file);
      expect(Number(line)).toBeGreaterThanOrEqual(1);
      expect(Number(column)).toBeGreaterThanOrEqual(1);
      expect(message!).toMatch(c.message);
      expect(at).toBe(pointer === '' ? '/' : pointer);
      if (c.line) expect(Number(line)).toBe(c.line(text));
      else if (pointer !== '' && !/invalid JSON/.test(message!)) {
        // The reported line holds the key of the value the pointer names (or its parent's).
        const key = pointer.split('/').pop()!;
        const reported = text.split('\n')[Number(line) - 1]!;
        if (!/^\d+$/.test(key)) expect(reported).toContain(`"${key}"`);
      }
      expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?/); // no stack trace
      expect(run.stdout).toBe('');
      expect(await readdir(caseDir)).not.toContain('out.json');
      expect(await readdir(caseDir)).not.toContain('out.sarif');
    });
  }

  it('a missing snapshot file names the file, exit 2', async () => {
    const run = await runCli(['check', '--snapshot', join(dir, 'nope.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, 'nope.json')}: cannot read file: no such file`);
  });

  it('an unknown flag is a usage error, exit 2', async () => {
    const run = await runCli(['check', '--snapshot', compliant, '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown argument: colour/);
  });

  it('spec validate names a spec value a rule reads but the spec lacks', async () => {
    const file = join(dir, 'thin.spec.json');
    const spec = JSON.parse(await specText());
    delete spec.database.multiAz;
    await writeFile(file, JSON.stringify(spec, null, 2));
    const run = await runCli(['spec', 'validate', file]);
    // Either the schema or the rule cross-check refuses it; both name the place.
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^infra-audit: ${file}:\\d+:\\d+: .+\\(at /database`));
  });
});
