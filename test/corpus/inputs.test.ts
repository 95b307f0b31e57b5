// The bad-input corpus: spec, rules, snapshot and suppressions, from broken bytes to broken meaning.
// Every case must exit 2 with `file:line:column: message (at /pointer)` (or, when the file itself is
// refused, `file: message`), print nothing on stdout, write no output file and change no file.
// Cases quoted from issue 7 are marked "(issue 7)".
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIZE_LIMITS } from '../../src/input/read-bounded.js';
import { runCli } from '../cli/run-cli.js';
import { copyInputs, expectRefused, lineOf, newCaseDir, outputFlags, repoFile, type CaseDir, type Expected } from './harness.js';

type Kind = 'spec' | 'rule' | 'snapshot' | 'suppressions';
type Command = Kind | 'spec-validate' | 'rules-dir' | 'diff';

interface Case extends Expected {
  name: string;
  command: Command;
  /** The bad file: its bytes, or an edit of the good text of its kind. */
  content?: string | Buffer | ((good: string) => string | Buffer);
  /** Instead of content: makes something that is not a readable JSON file and returns its path. */
  special?: (c: CaseDir, target: string) => Promise<string>;
  /** More rule files for the rules directory (composite cycles). */
  extraRules?: () => Record<string, string>;
}

const MiB = 1024 * 1024;
const good: Record<Kind, string> = { spec: '', rule: '', snapshot: '', suppressions: '' };
const SUPPRESSIONS = {
  suppressions: [{ rule: 'ecs-task-size', resource: 'arn:aws:ecs:us-east-1:123456789012:task-definition/shopflow-api*', reason: 'load test until the 1st', owner: 'platform-team', expires: '2099-12-01' }],
};
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'infra-audit-corpus-'));
  good.spec = await readFile(repoFile('spec.shopflow.json'), 'utf8');
  good.rule = await readFile(repoFile('rules/rds-writer-multi-az.json'), 'utf8');
  good.snapshot = await readFile(repoFile('examples/shopflow-compliant.snapshot.json'), 'utf8');
  good.suppressions = JSON.stringify(SUPPRESSIONS, null, 2) + '\n';
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const edit = (change: (value: any) => void) => (text: string) => {
  const value = JSON.parse(text);
  change(value);
  return JSON.stringify(value, null, 2);
};
const asComposite = (parts: string[]) => edit((r) => {
  // A composite has no items of its own: no forEach, and nothing in it reads one.
  for (const key of ['select', 'expect', 'forEach', 'when']) delete r[key];
  Object.assign(r, { title: 'The combined rules hold', message: '{resource.name}: {finding}', remediation: 'Fix the rules it combines.' });
  r.composite = { rules: parts };
});
const compositeRule = (id: string, parts: string[]) => asComposite(parts)(good.rule).replace('"rds-writer-multi-az"', JSON.stringify(id));
const firstOfType = (s: any, type: string) => s.nodes.findIndex((n: any) => n.type === type);
/** Rule files are found by listing the rules directory, so a device gets there as a symlink. */
const isRuleFile = (target: string) => target.includes('/rules/');
const device = (path: string) => async (_c: CaseDir, target: string) => (isRuleFile(target) ? (await symlink(path, target), target) : path);
const mkfifo = async (_c: CaseDir, target: string) => {
  execFileSync('mkfifo', [target]);
  return target;
};

// ---- The same broken bytes, for each kind of input -------------------------------------------------

/** A key at the top level of each kind, with a valid value, for duplicate-key cases. */
const TOP_KEY: Record<Kind, [key: string, value: string]> = {
  spec: ['region', '"eu-west-1"'],
  rule: ['severity', '"low"'],
  snapshot: ['schemaVersion', '1'],
  suppressions: ['suppressions', '[]'],
};
/** A nested key and the pointer to it, for nested duplicate-key cases. */
const NESTED: Record<Kind, [needle: string, pointer: string]> = {
  spec: ['"multiAz": true,', '/databases/main/multiAz'],
  rule: ['"op": "eq", "value": true },', '/when/op'],
  snapshot: ['"account": "123456789012",', '/meta/account'],
  suppressions: ['"owner": "platform-team",', '/suppressions/0/owner'],
};
const deepDup = (kind: Kind) => (text: string) => {
  const [needle] = NESTED[kind];
  if (kind === 'rule') return text.replace(needle, '"op": "eq", "op": "ne", "value": true },');
  const key = needle.slice(0, needle.indexOf(':'));
  return text.replace(needle, `${needle} ${key}: ${needle.slice(needle.indexOf(':') + 1).trim().replace(/,$/, '')},`);
};
const addTopKey = (text: string, key: string, value: string) => text.replace(/\}\s*$/, `,\n  ${key}: ${value}\n}\n`);

// Deterministic "random" bytes: the same corpus every run.
function noise(length: number, seed = 7): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}
const withBytes = (text: string, at: number, bytes: number[]) => Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from(bytes), Buffer.from(text.slice(at))]);
const firstStringValue = (text: string) => text.indexOf('"', text.indexOf('": "') + 3) + 1;

function bytesCases(kind: Kind): Case[] {
  const k = kind;
  const [topKey, topValue] = TOP_KEY[kind];
  const capMiB = (kind === 'snapshot' ? SIZE_LIMITS.snapshot : SIZE_LIMITS.document) / MiB;
  return [
    { name: `${k}: trailing comma`, command: k, content: '{\n  "a": 1,\n}\n', pointer: '', message: /invalid JSON/, line: 3 },
    { name: `${k}: a comment`, command: k, content: '{\n  // note\n  "a": 1\n}\n', pointer: '', message: /comments are not allowed|invalid JSON/, line: 2 },
    { name: `${k}: empty file`, command: k, content: '', pointer: '', message: /invalid JSON: the file is empty/, line: 1, column: 1 },
    { name: `${k}: only whitespace`, command: k, content: ' \n\t\r\n  \n', pointer: '', message: /the file is empty/, line: 1 },
    { name: `${k}: unterminated string`, command: k, content: '{\n  "a": 1,\n  "b": "abc\n}', pointer: '', message: /invalid JSON/, line: 3 },
    { name: `${k}: cut off half way`, command: k, content: (t) => t.slice(0, Math.floor(t.length / 2)), pointer: '', message: /invalid JSON/ },
    { name: `${k}: content after the value`, command: k, content: (t) => t.trimEnd() + '\n{}\n', pointer: '', message: /unexpected content after the JSON value/, line: (t) => t.split('\n').length - 1 },
    { name: `${k}: a NUL byte between tokens`, command: k, content: (t) => t.replace('{\n', '{\n\u0000'), pointer: '', message: /invalid JSON/, line: 2, column: 1 },
    { name: `${k}: not an object`, command: k, content: '[1, 2, 3]\n', pointer: '', message: /must be object/ },
    { name: `${k}: duplicate key at the top (issue 7)`, command: k, content: (t) => addTopKey(t, `"${topKey}"`, topValue), pointer: `/${topKey}`, message: new RegExp(`duplicate key "${topKey}"`), line: (t) => t.trimEnd().split('\n').length - 1, column: 3 },
    { name: `${k}: duplicate nested key`, command: k, content: deepDup(k), pointer: NESTED[k][1], message: /duplicate key/ },
    { name: `${k}: duplicate key spelled with an escape`, command: k, content: (t) => addTopKey(t, `"\\u00${topKey.charCodeAt(0).toString(16)}${topKey.slice(1)}"`, topValue), pointer: `/${topKey}`, message: new RegExp(`duplicate key "${topKey}"`), line: (t) => t.trimEnd().split('\n').length - 1, column: 3 },
    { name: `${k}: nested 5,000 deep (issue 7)`, command: k, content: `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`, pointer: '/a' + '/0'.repeat(63), message: /nested more than 64 levels deep/, line: 1, column: 69 },
    { name: `${k}: nested 100,000 deep (issue 7)`, command: k, content: '['.repeat(100_000) + ']'.repeat(100_000), pointer: '/0'.repeat(64), message: /nested more than 64 levels deep/, line: 1, column: 65 },
    { name: `${k}: nested 100,000 deep and never closed`, command: k, content: '{"x":\n' + '{"y":'.repeat(100_000), pointer: '/x' + '/y'.repeat(63), message: /nested more than 64 levels deep/, line: 2 },
    { name: `${k}: random bytes in a regular file`, command: k, content: noise(4096), pointer: '', message: /not UTF-8 text|invalid JSON/ },
    { name: `${k}: invalid UTF-8 inside a string`, command: k, content: (t) => withBytes(t, firstStringValue(t), [0xc3, 0x28]), pointer: '', message: /not UTF-8 text/, line: (t) => t.split(/\r\n|\r|\n/).findIndex((l) => l.includes('\uFFFD')) + 1 },
    {
      name: `${k}: CRLF line ends, error positioned right`, command: k, content: (t) => addTopKey(t, '"colour"', '"blue"').replace(/\n/g, '\r\n'),
      pointer: '/colour', message: /unknown property "colour"|must NOT have additional properties/, line: (t) => lineOf(t.replace(/\r\n/g, '\n'), '"colour"'),
    },
    {
      name: `${k}: CR-only line ends, error positioned right`, command: k, content: (t) => addTopKey(t, '"colour"', '"blue"').replace(/\n/g, '\r'),
      pointer: '/colour', message: /unknown property "colour"|must NOT have additional properties/, line: (t) => lineOf(t.replace(/\r/g, '\n'), '"colour"'),
    },
    { name: `${k}: a directory`, command: k, special: async (_c, target) => (await mkdir(target), target), pointer: null, message: /is a directory/ },
    { name: `${k}: a FIFO with no writer (would block)`, command: k, special: mkfifo, pointer: null, message: /FIFO/ },
    { name: `${k}: /dev/urandom (issue 7)`, command: k, special: device('/dev/urandom'), pointer: null, message: /character device, not a regular file/ },
    { name: `${k}: /dev/null`, command: k, special: device('/dev/null'), pointer: null, message: /not a regular file/ },
    { name: `${k}: missing file`, command: k, special: async (_c, target) => (isRuleFile(target) ? (await symlink('/nonexistent/rule.json', target), target) : target), pointer: null, message: /no such file/ },
    { name: `${k}: a symlink loop`, command: k, special: async (_c, target) => (await symlink(target, target), target), pointer: null, message: /symbolic links/ },
    {
      name: `${k}: larger than the ${capMiB} MiB cap`, command: k, pointer: '', message: new RegExp(`larger than ${capMiB} MiB`), line: 1, column: 1,
      // Sparse: the size alone must refuse it, before a byte is read.
      special: async (_c, target) => (await writeFile(target, '{}'), await truncate(target, capMiB * MiB + 1), target),
    },
  ];
}

// ---- Meaning: what parses but cannot be audited ----------------------------------------------------

const specCases: Case[] = [
  { name: 'spec: desiredTasks 50 with maxTasks 20 (issue 7)', command: 'spec', content: edit((s) => (s.services.api.scaling.desiredTasks = 50)), pointer: '/services/api/scaling/desiredTasks', message: /desiredTasks 50 is outside minTasks\.\.maxTasks \(2\.\.20\)/ },
  { name: 'spec validate: desiredTasks 50 with maxTasks 20 (issue 7)', command: 'spec-validate', content: edit((s) => (s.services.api.scaling.desiredTasks = 50)), pointer: '/services/api/scaling/desiredTasks', message: /outside minTasks\.\.maxTasks/ },
  { name: 'spec: desiredTasks below minTasks', command: 'spec', content: edit((s) => (s.services.api.scaling.desiredTasks = 1)), pointer: '/services/api/scaling/desiredTasks', message: /desiredTasks 1 is outside/ },
  { name: 'spec: minTasks above maxTasks', command: 'spec-validate', content: edit((s) => Object.assign(s.services.api.scaling, { minTasks: 30, desiredTasks: 25 })), pointer: '/services/api/scaling/minTasks', message: /minTasks 30 is above maxTasks 20/ },
  { name: 'spec: three read replicas over two AZs', command: 'spec', content: edit((s) => (s.databases.main.readReplicas.count = 3)), pointer: '/databases/main/readReplicas/availabilityZones', message: /2 availability zones for 3 read replicas/ },
  { name: 'spec: a replica AZ the network does not span', command: 'spec', content: edit((s) => (s.databases.main.readReplicas.availabilityZones[1] = 'us-east-1c')), pointer: '/databases/main/readReplicas/availabilityZones/1', message: /us-east-1c is not one of the network's availability zones/ },
  { name: 'spec: a network AZ in another region', command: 'spec-validate', content: edit((s) => (s.networks.main.availabilityZones[1] = 'eu-west-1b')), pointer: '/networks/main/availabilityZones/1', message: /not an availability zone of the network's region us-east-1/ },
  { name: 'spec: primary AZ outside the network', command: 'spec', content: edit((s) => (s.databases.main.primaryAvailabilityZone = 'us-east-1d')), pointer: '/databases/main/primaryAvailabilityZone', message: /us-east-1d is not one of/ },
  { name: 'spec: standby AZ outside the network', command: 'spec', content: edit((s) => (s.databases.main.standbyAvailabilityZone = 'us-east-1f')), pointer: '/databases/main/standbyAvailabilityZone', message: /us-east-1f is not one of/ },
  { name: 'spec: target port is not the container port', command: 'spec', content: edit((s) => (s.services.api.loadBalancer.targetPort = 8080)), pointer: '/services/api/loadBalancer/targetPort', message: /targetPort 8080 differs from the container port 3000/ },
  { name: 'spec: three NAT gateways for two AZs, one per AZ', command: 'spec', content: edit((s) => (s.networks.main.natGateways.count = 3)), pointer: '/networks/main/natGateways/count', message: /count 3 does not give one NAT gateway to each of the 2/ },
  { name: 'spec: load balancer in more AZs than the network', command: 'spec', content: edit((s) => (s.loadBalancers.public.minAvailabilityZones = 3)), pointer: '/loadBalancers/public/minAvailabilityZones', message: /more than the 2 availability zones/ },
  { name: 'spec: service in more AZs than the network', command: 'spec-validate', content: edit((s) => (s.services.api.minAvailabilityZones = 4)), pointer: '/services/api/minAvailabilityZones', message: /more than the 2 availability zones/ },
  { name: 'spec: a service zone the network does not span', command: 'spec', content: edit((s) => (s.services.api.availabilityZones[1] = 'us-east-1c')), pointer: '/services/api/availabilityZones/1', message: /us-east-1c is not one of the network's availability zones/ },
  { name: 'spec: a service zone in another region', command: 'spec-validate', content: edit((s) => (s.services.api.availabilityZones[0] = 'eu-west-1a')), pointer: '/services/api/availabilityZones/0', message: /eu-west-1a is not an availability zone of the service's region us-east-1/ },
  { name: 'spec: a service spanning more zones than it may run in', command: 'spec', content: edit((s) => (s.services.api.availabilityZones = ['us-east-1b'])), pointer: '/services/api/minAvailabilityZones', message: /minAvailabilityZones 2 is more than the zones the service may run in \(us-east-1b, \/services\/api\/availabilityZones\)/ },
  { name: 'spec: a variable both secret and plain', command: 'spec', content: edit((s) => (s.services.api.taskDefinition.container.environment.DATABASE_URL = 'postgres://x')), pointer: '/services/api/taskDefinition/container/secrets/0', message: /DATABASE_URL is declared both a secret and a plain environment variable/ },
  { name: 'spec: a pattern with lookahead', command: 'spec', content: edit((s) => (s.buckets['static-assets'].match.namePattern = '^(?=shopflow)')), pointer: '/buckets/static-assets/match/namePattern', message: /invalid regular expression.*lookaround/ },
  { name: 'spec: a pattern with a backreference', command: 'spec', content: edit((s) => (s.queues.work.match.namePattern = '^(shop)\\1')), pointer: '/queues/work/match/namePattern', message: /invalid regular expression.*\\1/ },
  { name: 'spec: a pattern that does not compile', command: 'spec-validate', content: edit((s) => (s.services.api.taskDefinition.tracing.imagePattern = 'aws-xray-(daemon')), pointer: '/services/api/taskDefinition/tracing/imagePattern', message: /invalid regular expression/ },
  { name: 'spec: a pattern longer than 1,000 characters', command: 'spec', content: edit((s) => (s.buckets.logs.match.namePattern = 'a'.repeat(1001))), pointer: '/buckets/logs/match/namePattern', message: /longer than 1000 characters/ },
  { name: 'spec: 200 MB of whitespace (issue 7)', command: 'spec', special: async (_c, target) => (await writeFile(target, Buffer.alloc(200_000_000, 0x20)), target), pointer: '', message: /larger than 16 MiB/, line: 1, column: 1 },
  // From the first bad-input table (test/cli/bad-input.test.ts).
  { name: 'spec: invalid JSON', command: 'spec', content: (t) => t.replace('"cpu": 512,', '"cpu": 512,,'), pointer: '', message: /invalid JSON/, line: (t) => lineOf(t, '"cpu": 512') },
  { name: 'spec: unknown property', command: 'spec', content: edit((s) => (s.databases.main.colour = 'blue')), pointer: '/databases/main/colour', message: /unknown property "colour"/ },
  { name: 'spec: cpu as a string', command: 'spec', content: edit((s) => (s.services.api.taskDefinition.cpu = '512')), pointer: '/services/api/taskDefinition/cpu', message: /must be/ },
  // A spec that is no overlay needs its header; the message names the value, never "extends" it does not need.
  { name: 'spec: missing region', command: 'spec', content: edit((s) => delete s.region), pointer: '', message: /missing required property "region"/, line: 1, column: 1 },
  { name: 'spec validate: missing region', command: 'spec-validate', content: edit((s) => delete s.region), pointer: '', message: /missing required property "region"/, line: 1, column: 1 },
  { name: 'spec: missing scope', command: 'spec', content: edit((s) => delete s.scope), pointer: '', message: /missing required property "scope"/, line: 1, column: 1 },
  { name: 'spec: region that is no region name', command: 'spec', content: edit((s) => (s.region = 'us-east')), pointer: '/region', message: /must match the pattern/, line: (t) => lineOf(t, '"region": "us-east"') },
  { name: 'spec: bad AZ name', command: 'spec', content: edit((s) => (s.networks.main.availabilityZones[1] = 'use1-az2')), pointer: '/networks/main/availabilityZones/1', message: /pattern|must/ },
  { name: 'spec: negative retention', command: 'spec', content: edit((s) => (s.databases.main.backupRetentionDays = -1)), pointer: '/databases/main/backupRetentionDays', message: /must be >=/ },
  {
    name: 'spec validate: a value that identifies an item is missing', command: 'spec-validate', content: edit((s) => delete s.services.api.taskDefinition.family),
    pointer: '/services/api/taskDefinition', message: /missing required property "family"/,
  },
];

const ruleCases: Case[] = [
  { name: 'rule: a composite that lists itself (issue 7)', command: 'rule', content: asComposite(['rds-writer-multi-az']), pointer: '/composite/rules/0', message: /a composite cannot combine itself/ },
  {
    name: 'rule: composites in a cycle, A -> B -> A', command: 'rule', content: asComposite(['cycle-b']), extraRules: () => ({ 'cycle-b.json': compositeRule('cycle-b', ['rds-writer-multi-az']) }),
    pointer: '/composite/rules/0', message: /composite cycle: cycle-b -> rds-writer-multi-az -> cycle-b/,
  },
  {
    name: 'rule: composites in a cycle of three, through a real rule', command: 'rule', content: asComposite(['alb-internet-facing', 'cycle-c']),
    extraRules: () => ({ 'cycle-c.json': compositeRule('cycle-c', ['cycle-d']), 'cycle-d.json': compositeRule('cycle-d', ['rds-writer-multi-az']) }),
    pointer: '/composite/rules/1', message: /composite cycle: cycle-c -> cycle-d -> rds-writer-multi-az -> cycle-c/,
  },
  { name: 'rule: a "when" regex with lookahead', command: 'rule', content: edit((r) => (r.when = { spec: '/application', op: 'matches', value: '^(?=shop)' })), pointer: '/when/value', message: /invalid regular expression.*lookaround/ },
  { name: 'rule: a "when" regex inside all/not', command: 'rule', content: edit((r) => (r.when = { all: [{ spec: '/application', op: 'exists' }, { not: { spec: '/application', op: 'matches', value: '(?<!x)y' } }] })), pointer: '/when/all/1/not/value', message: /invalid regular expression/ },
  { name: 'rule: a backreference in matches', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'matches', value: '^(a)\\1$' })), pointer: '/expect/value', message: /invalid regular expression/ },
  { name: 'rule: a regex longer than 1,000 characters', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'matches', value: 'x'.repeat(1001) })), pointer: '/expect/value', message: /longer than 1000/ },
  { name: 'rule: matches with a number', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'matches', value: 5 })), pointer: '/expect/value', message: /"matches" needs a string pattern, got a number/ },
  { name: 'rule: "hasEntries" with a list', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'hasEntries', value: ['NODE_ENV'] })), pointer: '/expect/value', message: /"hasEntries" needs an object \(key -> value\), got a list/ },
  { name: 'rule: "subsetOf" with an object', command: 'rule', content: edit((r) => (r.expect = { path: 'readReplicaIdentifiers', op: 'subsetOf', value: { a: 1 } })), pointer: '/expect/value', message: /"subsetOf" needs a list, got an object/ },
  { name: 'rule: "matchesItem" as an expectation', command: 'rule', content: edit((r) => (r.expect = { matchesItem: true })), pointer: '/expect/matchesItem', message: /"matchesItem" selects resources: use it in select.where/ },
  { name: 'rule: "matchesItem" inside a list', command: 'rule', content: edit((r) => (r.select.where = { path: 'readReplicaIdentifiers', some: { matchesItem: true } })), pointer: '/select/where/some/matchesItem', message: /"matchesItem" inside a list/ },
  {
    name: 'rule: "matchesItem" without forEach', command: 'rule',
    content: edit((r) => { delete r.forEach; delete r.when; r.title = 'T'; r.select = { type: 'rds.db-instance', where: { matchesItem: true } }; r.expect = { path: 'multiAz', op: 'eq', value: true }; }),
    pointer: '/select/where/matchesItem', message: /matchItem and matchesItem need "forEach"/,
  },
  { name: 'rule: an unknown value format in a template', command: 'rule', content: edit((r) => (r.message = '{resource.name}: Multi-AZ {item:/multiAz|yesNo}')), pointer: '/message', message: /unknown value format "yesNo" in \{item:\/multiAz\|yesNo\} \(known: duration, onOff\)/ },
  { name: 'rule: "in" with a string', command: 'rule', content: edit((r) => (r.expect.all[0] = { path: 'engine', op: 'in', value: 'postgres' })), pointer: '/expect/all/0/value', message: /"in" needs a list/ },
  { name: 'rule: "gt" with an object', command: 'rule', content: edit((r) => (r.expect = { path: 'allocatedStorage', op: 'gt', value: { size: 1 } })), pointer: '/expect/value', message: /"gt" needs a number or a string, got an object/ },
  { name: 'rule: "exists" with a string', command: 'rule', content: edit((r) => (r.expect = { path: 'kmsKeyId', op: 'exists', value: 'yes' })), pointer: '/expect/value', message: /"exists" takes true or false/ },
  { name: 'rule: "eq" with no value', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'eq' })), pointer: '/expect', message: /"eq" needs a value/ },
  { name: 'rule: $prop in a "when" condition', command: 'rule', content: edit((r) => (r.when = { spec: '/region', op: 'eq', value: { $prop: 'region' } })), pointer: '/when/value', message: /reads the spec only/ },
  { name: 'rule: aggregate "as": "set" without distinct', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { as: 'set', op: 'eq', value: ['a'] }; }), pointer: '/aggregate/as', message: /needs "distinct"/ },
  { name: 'rule: aggregate "as": "set" with gt', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { distinct: 'engine', as: 'set', op: 'gt', value: ['a'] }; }), pointer: '/aggregate/op', message: /op must be eq or ne, not gt/ },
  { name: 'rule: aggregate "as": "set" with a number', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { distinct: 'engine', as: 'set', op: 'eq', value: 2 }; }), pointer: '/aggregate/value', message: /compares with a list/ },
  { name: 'rule: aggregate count with a string', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { op: 'eq', value: 'two' }; }), pointer: '/aggregate/value', message: /compared with a number, got a string/ },
  { name: 'rule: aggregate with $prop', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { op: 'eq', value: { $prop: 'multiAz' } }; }), pointer: '/aggregate/value', message: /no single resource for \$prop/ },
  { name: 'rule: min with an aggregate', command: 'rule', content: edit((r) => { delete r.expect; r.select.min = 0; r.aggregate = { op: 'eq', value: 1 }; }), pointer: '/select/min', message: /"min" applies to rules with "expect"/ },
  { name: 'rule: edge distinct with every', command: 'rule', content: edit((r) => (r.expect = { edge: 'replica-of', reverse: true, distinct: 'availabilityZone', every: { path: 'multiAz', op: 'eq', value: true } })), pointer: '/expect/distinct', message: /"distinct" counts values/ },
  { name: 'rule: edge count with a list', command: 'rule', content: edit((r) => (r.expect = { edge: 'replica-of', reverse: true, op: 'eq', value: [2] })), pointer: '/expect/value', message: /compared with a number, got a list/ },
  { name: 'rule: a region that is a number', command: 'rule', content: edit((r) => (r.select.region = 5)), pointer: '/select/region', message: /a region is a string/ },
  { name: 'rule: an unknown edge target type', command: 'rule', content: edit((r) => (r.expect = { edge: 'replica-of', to: 'rds.teleporter', op: 'eq', value: 1 })), pointer: '/expect/to', message: /unknown resource type "rds\.teleporter"/ },
  { name: 'rule: a node field that is not one', command: 'rule', content: edit((r) => (r.expect = { path: '@constructor', op: 'exists' })), pointer: '/expect/path', message: /must match the pattern/ },
  // Paths and edges are checked against the type they read (issue 9): a misspelt path in each clause kind.
  { name: 'rule: a misspelt path in select.where', command: 'rule', content: edit((r) => (r.select.where = { path: 'rol', op: 'eq', value: 'writer' })), pointer: '/select/where/path', message: /unknown path "rol" for rds\.db-instance.*did you mean "role"/ },
  { name: 'rule: multiAZ for multiAz inside expect.all', command: 'rule', content: edit((r) => (r.expect.all[0].path = 'multiAZ')), pointer: '/expect/all/0/path', message: /unknown path "multiAZ" for rds\.db-instance.*did you mean "multiAz"/ },
  { name: 'rule: a dotted path into a string', command: 'rule', content: edit((r) => (r.expect = { path: 'engine.version', op: 'exists' })), pointer: '/expect/path', message: /unknown path "engine\.version".*no "version"/ },
  { name: 'rule: every over a value that is not a list', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', every: { path: '.', op: 'eq', value: 'x' } })), pointer: '/expect/path', message: /"engine" is not a list/ },
  { name: 'rule: a path a list item does not have', command: 'rule', content: edit((r) => (r.expect = { path: 'parameterGroups', some: { path: 'name', op: 'eq', value: 'x' } })), pointer: '/expect/some/path', message: /unknown path "name" in a list item/ },
  { name: 'rule: a resource field inside a list', command: 'rule', content: edit((r) => (r.expect = { path: 'parameterGroups', every: { path: '@name', op: 'exists' } })), pointer: '/expect/every/path', message: /reads a resource, but inside "every"\/"some"/ },
  { name: 'rule: an edge inside a list', command: 'rule', content: edit((r) => (r.expect = { path: 'parameterGroups', every: { edge: 'replica-of', op: 'eq', value: 1 } })), pointer: '/expect/every/edge', message: /inside a list/ },
  { name: 'rule: a misspelt path on the far side of an edge', command: 'rule', content: edit((r) => (r.expect = { edge: 'replica-of', reverse: true, every: { path: 'multiAZ', op: 'eq', value: true } })), pointer: '/expect/every/path', message: /unknown path "multiAZ" for rds\.db-instance/ },
  { name: 'rule: a misspelt edge distinct', command: 'rule', content: edit((r) => (r.expect = { edge: 'replica-of', reverse: true, distinct: 'availabilityZon', op: 'gte', value: 2 })), pointer: '/expect/distinct', message: /unknown path "availabilityZon"/ },
  { name: 'rule: an edge the selected type never has', command: 'rule', content: edit((r) => (r.expect = { edge: 'in-cluster', op: 'gte', value: 1 })), pointer: '/expect/edge', message: /edge "in-cluster" does not start from rds\.db-instance: it starts from ecs\.service/ },
  { name: 'rule: an edge to a type it never reaches', command: 'rule', content: edit((r) => (r.expect = { edge: 'in-subnet-group', to: 'ec2.vpc', op: 'eq', value: 1 })), pointer: '/expect/to', message: /never reaches "ec2\.vpc"/ },
  { name: 'rule: a misspelt aggregate distinct', command: 'rule', content: edit((r) => { delete r.expect; r.aggregate = { distinct: 'availabilityZones', op: 'gte', value: 2 }; }), pointer: '/aggregate/distinct', message: /unknown path "availabilityZones".*did you mean "availabilityZone"/ },
  { name: 'rule: a misspelt $prop', command: 'rule', content: edit((r) => (r.expect = { path: 'availabilityZone', op: 'ne', value: { $prop: 'secondaryAZ' } })), pointer: '/expect/value/$prop', message: /unknown path "secondaryAZ"/ },
  // From the first bad-input table.
  { name: 'rule: id differs from file name', command: 'rule', content: edit((r) => (r.id = 'something-else')), pointer: '/id', message: /differs from its file name/ },
  { name: 'rule: unknown operator', command: 'rule', content: edit((r) => (r.expect.all[0].op = 'approximately')), pointer: '/expect/all/0/op', message: /must be one of/ },
  { name: 'rule: unknown resource type', command: 'rule', content: edit((r) => (r.select.type = 'rds.teleporter')), pointer: '/select/type', message: /unknown resource type/ },
  { name: 'rule: invalid regex', command: 'rule', content: edit((r) => (r.expect = { path: 'engine', op: 'matches', value: '([a-z' })), pointer: '/expect/value', message: /invalid regular expression/ },
  { name: 'rule: missing remediation', command: 'rule', content: edit((r) => delete r.remediation), pointer: '', message: /missing required property "remediation"/ },
  { name: 'rule: bad severity', command: 'rule', content: edit((r) => (r.severity = 'catastrophic')), pointer: '/severity', message: /must be one of/ },
  { name: 'rule: composite of an unknown rule', command: 'rule', content: asComposite(['no-such-rule']), pointer: '/composite/rules/0', message: /unknown rule "no-such-rule"/ },
  { name: 'rule: unknown edge type', command: 'rule', content: edit((r) => (r.expect = { edge: 'loves', op: 'gte', value: 1 })), pointer: '/expect/edge', message: /unknown edge type/ },
  // The rules directory itself.
  { name: 'rules dir: missing (issue 7)', command: 'rules-dir', special: async (c) => join(c.dir, 'no-rules'), pointer: null, message: /cannot read the rules directory: no such directory/ },
  { name: 'rules dir: empty (issue 7)', command: 'rules-dir', special: async (c) => (await mkdir(join(c.dir, 'empty')), join(c.dir, 'empty')), pointer: null, message: /has no rule files/ },
  { name: 'rules dir: only a README', command: 'rules-dir', special: async (c) => (await mkdir(join(c.dir, 'r')), await c.write('r/README.md', '# rules'), join(c.dir, 'r')), pointer: null, message: /has no rule files/ },
  { name: 'rules dir: a file, not a directory', command: 'rules-dir', special: async (c) => c.write('rules.txt', 'x'), pointer: null, message: /not a directory/ },
];

const snapshotCases: Case[] = [
  {
    name: 'snapshot: a duplicated edge (issue 7: it invented a third read replica)', command: 'snapshot',
    content: edit((s) => s.edges.push({ ...s.edges.find((e: any) => e.type === 'replica-of') })),
    pointer: (t) => `/edges/${JSON.parse(t).edges.length - 1}`, message: /duplicate edge: the same replica-of edge as \/edges\/\d+/,
  },
  {
    name: 'snapshot: an edge from a resource to itself', command: 'snapshot',
    content: edit((s) => { const e = s.edges.find((x: any) => x.type === 'replica-of'); e.from = e.to; }),
    pointer: (t) => `/edges/${JSON.parse(t).edges.findIndex((e: any) => e.from === e.to)}/to`, message: /edge from .* to itself/,
  },
  { name: 'snapshot: a gap that names no resource type', command: 'snapshot', content: edit((s) => s.gaps.push({ service: 'ec2', operation: 'DescribeVpcs', region: 'us-east-1', code: 'AccessDenied', message: 'x', resourceTypes: [] })), pointer: '/gaps/0/resourceTypes', message: /must have at least 1 item/ },
  { name: 'snapshot: a newer schemaVersion', command: 'snapshot', content: edit((s) => (s.schemaVersion = 2)), pointer: '/schemaVersion', message: /schemaVersion 2, newer than this release reads \(schemaVersion 1\)/ },
  { name: 'diff: a newer schemaVersion', command: 'diff', content: edit((s) => (s.schemaVersion = 7)), pointer: '/schemaVersion', message: /schemaVersion 7, newer than this release reads/ },
  { name: 'diff: a duplicated edge', command: 'diff', content: edit((s) => s.edges.push({ ...s.edges[0] })), pointer: (t) => `/edges/${JSON.parse(t).edges.length - 1}`, message: /duplicate edge/ },
  { name: 'snapshot: schemaVersion 0', command: 'snapshot', content: edit((s) => (s.schemaVersion = 0)), pointer: '/schemaVersion', message: /constant|must/ },
  { name: 'snapshot: schemaVersion as a string', command: 'snapshot', content: edit((s) => (s.schemaVersion = '2')), pointer: '/schemaVersion', message: /constant|must/ },
  // Under the snapshot cap, so it is read: megabytes of whitespace are still "empty", found natively.
  { name: 'snapshot: 20 MB of whitespace', command: 'snapshot', special: async (_c, target) => (await writeFile(target, Buffer.alloc(20_000_000, 0x20)), target), pointer: '', message: /the file is empty/, line: 1, column: 1 },
  // From the first bad-input table.
  { name: 'snapshot: wrong schemaVersion type', command: 'snapshot', content: edit((s) => (s.schemaVersion = true)), pointer: '/schemaVersion', message: /./ },
  { name: 'snapshot: account not 12 digits', command: 'snapshot', content: edit((s) => (s.meta.account = '1234')), pointer: '/meta/account', message: /pattern|must/ },
  { name: 'snapshot: node without type', command: 'snapshot', content: edit((s) => delete s.nodes[0].type), pointer: '/nodes/0', message: /missing required property "type"|type/ },
  { name: 'snapshot: unknown resource type', command: 'snapshot', content: edit((s) => (s.nodes[0].type = 'ec2.teleporter')), pointer: '/nodes/0/type', message: /must be one of/ },
  {
    name: 'snapshot: multiAz as a string', command: 'snapshot', content: edit((s) => (s.nodes[firstOfType(s, 'rds.db-instance')].props.multiAz = 'yes')),
    pointer: (t) => `/nodes/${firstOfType(JSON.parse(t), 'rds.db-instance')}/props/multiAz`, message: /must be boolean/,
  },
  {
    name: 'snapshot: unknown prop', command: 'snapshot', content: edit((s) => (s.nodes[firstOfType(s, 'ec2.vpc')].props.colour = 'blue')),
    pointer: (t) => `/nodes/${firstOfType(JSON.parse(t), 'ec2.vpc')}/props/colour`, message: /unknown property "colour"/,
  },
  { name: 'snapshot: duplicate node id', command: 'snapshot', content: edit((s) => (s.nodes[1].id = s.nodes[0].id)), pointer: '/nodes/1/id', message: /duplicate node id/ },
  { name: 'snapshot: dangling edge', command: 'snapshot', content: edit((s) => (s.edges[0].to = 'arn:aws:ec2:us-east-1:123456789012:vpc/vpc-missing')), pointer: '/edges/0/to', message: /is not a node/ },
  {
    name: 'snapshot: an edge between the wrong kinds of resource', command: 'snapshot',
    content: edit((s) => { const e = s.edges.findIndex((x: any) => x.type === 'replica-of'); s.edges[e].to = s.nodes[firstOfType(s, 'ec2.vpc')].id; s.edges.unshift(...s.edges.splice(e, 1)); }),
    pointer: '/edges/0/to', message: /a replica-of edge cannot end at a ec2\.vpc/,
  },
  { name: 'snapshot: unknown edge type', command: 'snapshot', content: edit((s) => (s.edges[0].type = 'loves')), pointer: '/edges/0/type', message: /must be one of/ },
  { name: 'snapshot: gap without code', command: 'snapshot', content: edit((s) => s.gaps.push({ service: 'ec2', operation: 'DescribeVpcs', region: 'us-east-1', message: 'x', resourceTypes: ['ec2.vpc'] })), pointer: '/gaps/0', message: /missing required property "code"/ },
];

const entryEdit = (change: (e: any) => void) => edit((s) => change(s.suppressions[0]));
const suppressionCases: Case[] = [
  { name: 'suppressions: a rule glob with an unclosed [', command: 'suppressions', content: entryEdit((e) => (e.rule = 'rds-[abc')), pointer: '/suppressions/0/rule', message: /unclosed "\["/ },
  { name: 'suppressions: a rule glob with an unclosed {', command: 'suppressions', content: entryEdit((e) => (e.rule = '{rds,ecs-*')), pointer: '/suppressions/0/rule', message: /unclosed "\{"/ },
  { name: 'suppressions: a rule glob with an unclosed extglob', command: 'suppressions', content: entryEdit((e) => (e.rule = '@(rds|ecs-*')), pointer: '/suppressions/0/rule', message: /unclosed "\("/ },
  { name: 'suppressions: !(...) inside a rule glob', command: 'suppressions', content: entryEdit((e) => (e.rule = 'rds-!(writer)')), pointer: '/suppressions/0/rule', message: /only as the whole pattern/ },
  { name: 'suppressions: a rule glob longer than 1,000 characters', command: 'suppressions', content: entryEdit((e) => (e.rule = '*'.repeat(1001))), pointer: '/suppressions/0/rule', message: /longer than 1000/ },
  { name: 'suppressions: a resource glob longer than 1,000 characters', command: 'suppressions', content: entryEdit((e) => (e.resource = '*?'.repeat(501))), pointer: '/suppressions/0/resource', message: /longer than 1000/ },
  { name: 'suppressions: 30 February', command: 'suppressions', content: entryEdit((e) => (e.expires = '2026-02-30')), pointer: '/suppressions/0/expires', message: /date/ },
  { name: 'suppressions: expiry not a date', command: 'suppressions', content: entryEdit((e) => (e.expires = 'next week')), pointer: '/suppressions/0/expires', message: /pattern|date/ },
  { name: 'suppressions: missing owner', command: 'suppressions', content: entryEdit((e) => delete e.owner), pointer: '/suppressions/0', message: /missing required property "owner"/ },
  { name: 'suppressions: a blank reason', command: 'suppressions', content: entryEdit((e) => (e.reason = '   ')), pointer: '/suppressions/0/reason', message: /pattern/ },
  { name: 'suppressions: unknown property in an entry', command: 'suppressions', content: entryEdit((e) => (e.colour = 'blue')), pointer: '/suppressions/0/colour', message: /unknown property "colour"/ },
  { name: 'suppressions: not a list', command: 'suppressions', content: '{ "suppressions": { "rule": "x" } }\n', pointer: '/suppressions', message: /must be array/ },
  { name: 'suppressions: an empty rule', command: 'suppressions', content: entryEdit((e) => (e.rule = '')), pointer: '/suppressions/0/rule', message: /fewer than 1|must/ },
];

const KINDS: Kind[] = ['spec', 'rule', 'snapshot', 'suppressions'];
const cases: Case[] = [...KINDS.flatMap(bytesCases), ...specCases, ...ruleCases, ...snapshotCases, ...suppressionCases];

const kindOf = (command: Command): Kind => (command === 'spec-validate' ? 'spec' : command === 'diff' ? 'snapshot' : command === 'rules-dir' ? 'rule' : command);

async function prepare(c: Case) {
  const dir = await newCaseDir(root);
  const rules = c.command === 'rule' || c.command === 'rules-dir';
  const inputs = await copyInputs(dir.dir, { rules });
  const kind = kindOf(c.command);
  const target = {
    spec: join(dir.dir, 'bad.spec.json'),
    // Bad bytes replace a real rule; a special file joins the directory under a name of its own.
    rule: join(inputs.rules, c.special ? 'zz-special.json' : 'rds-writer-multi-az.json'),
    snapshot: join(dir.dir, 'bad.snapshot.json'),
    suppressions: join(dir.dir, 'bad.suppressions.json'),
  }[kind];
  for (const [name, text] of Object.entries(c.extraRules?.() ?? {})) await dir.write(join('rules', name), text);
  let file: string;
  let text: string | undefined;
  if (c.special) {
    file = await c.special(dir, target);
  } else {
    const content = typeof c.content === 'function' ? c.content(good[kind]) : c.content!;
    text = typeof content === 'string' ? content : content.toString('utf8');
    file = target;
    await writeFile(file, content);
  }
  const out = outputFlags(dir.dir);
  const argv = {
    spec: ['check', '--snapshot', inputs.snapshot, '--spec', file, ...out],
    'spec-validate': ['spec', 'validate', file],
    snapshot: ['check', '--snapshot', file, '--spec', inputs.spec, ...out],
    diff: ['diff', '--spec', 'shopflow', inputs.snapshot, file],
    rule: ['check', '--snapshot', inputs.snapshot, '--spec', inputs.spec, '--rules', inputs.rules, ...out],
    'rules-dir': ['check', '--snapshot', inputs.snapshot, '--spec', inputs.spec, '--rules', file, ...out],
    suppressions: ['check', '--snapshot', inputs.drifted, '--spec', inputs.spec, '--suppressions', file, ...out],
  }[c.command];
  return { dir, prepared: { argv, file, ...(text !== undefined && { text }) } };
}

describe('bad input: exit 2, file:line:column and pointer, nothing written, nothing changed', () => {
  it('the corpus has at least 110 cases across spec, rules, snapshot and suppressions', () => {
    expect(cases.length).toBeGreaterThanOrEqual(110);
    for (const kind of KINDS) expect(cases.filter((c) => kindOf(c.command) === kind).length).toBeGreaterThanOrEqual(20);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(c.name, async () => {
      const { dir, prepared } = await prepare(c);
      await expectRefused(dir, prepared, c);
      // Big files are removed as soon as they have served.
      if (/ MB |cap/.test(c.name)) await rm(dir.dir, { recursive: true, force: true });
    });
  }
});

describe('usage', () => {
  it('an unknown flag is a usage error, exit 2', async () => {
    const run = await runCli(['check', '--spec', 'shopflow', '--snapshot', repoFile('examples/shopflow-compliant.snapshot.json'), '--colour']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Unknown argument: colour/);
    expect(run.stdout).toBe('');
  });
});

describe('hostile but valid input ends with a verdict, promptly', () => {
  it('the suppression glob *?*?*?*?*?*?*?*?*?*?*?*?*?*?! (issue 7) matches nothing and does not hang', async () => {
    const dir = await newCaseDir(root);
    const inputs = await copyInputs(dir.dir);
    const file = await dir.write('s.json', JSON.stringify({ suppressions: [{ ...SUPPRESSIONS.suppressions[0], rule: '*?*?*?*?*?*?*?*?*?*?*?*?*?*?!', resource: '*?*?*?*?*?*?*?*?*?*?*?*?*?*?!' }] }));
    const run = await runCli(['check', '--snapshot', inputs.drifted, '--spec', inputs.spec, '--suppressions', file], { cwd: dir.dir });
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/matches nothing \(stale\)/);
  });

  it('a catastrophic regex in the spec (issue 7) runs in linear time and decides correctly', async () => {
    const dir = await newCaseDir(root);
    const inputs = await copyInputs(dir.dir);
    // Overlapping alternatives under a star: a backtracking engine explores every split of the name.
    const verdict = async (pattern: string) => {
      const spec = JSON.parse(good.spec);
      spec.buckets['static-assets'].match.namePattern = pattern;
      const file = await dir.write('spec.hostile.json', JSON.stringify(spec));
      const run = await runCli(['check', '--snapshot', inputs.snapshot, '--spec', file, '--rule', 's3-bucket', '--format', 'json'], { cwd: dir.dir });
      expect([0, 1], run.stderr).toContain(run.code);
      return JSON.parse(run.stdout).results.find((r: any) => r.ruleId === 's3-bucket' && r.item?.name === 'static-assets');
    };
    // The example's three buckets end in the account id: digits only the second pattern allows.
    expect(await verdict('^(s|sh|sho|shop|shopflow|[a-z-]|[a-z-]+)*$')).toMatchObject({ status: 'fail', actual: 0 });
    expect(await verdict('^(s|sh|sho|shop|shopflow|[a-z0-9-]|[a-z0-9-]+)*$')).toMatchObject({ status: 'pass', actual: 3 });
  });

  it('a catastrophic regex in a rule runs in linear time against a long name', async () => {
    const dir = await newCaseDir(root);
    const inputs = await copyInputs(dir.dir, { rules: true });
    const rule = JSON.parse(good.rule);
    rule.expect = { path: '@name', op: 'matches', value: '^(a+)+$' };
    await dir.write('rules/rds-writer-multi-az.json', JSON.stringify(rule));
    const snapshot = JSON.parse(good.snapshot);
    snapshot.nodes[firstOfType(snapshot, 'rds.db-instance')].name = 'a'.repeat(100_000) + '!';
    const snap = await dir.write('long-name.snapshot.json', JSON.stringify(snapshot));
    const run = await runCli(['check', '--snapshot', snap, '--spec', inputs.spec, '--rules', inputs.rules, '--rule', 'rds-writer-multi-az', '--format', 'json'], { cwd: dir.dir });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(JSON.parse(run.stdout).results.some((r: any) => r.ruleId === 'rds-writer-multi-az')).toBe(true);
  });
});
