// Rules over the items of a v2 spec section: one result per item and resource, the item in the result
// and its id, an absent section skipped "not in this architecture" (never vanished), a value the item
// leaves out skipped for that item, titles and messages filled only from spec values, and rule files
// whose item pointers no item can have refused when they load.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRuleFile } from '../../src/engine/load-rules.js';
import { InputError } from '../../src/errors.js';
import type { Rule } from '../../src/engine/types.js';
import { buildSnapshot, type NodeInput } from '../rules/rule-tester.js';

const V2 = JSON.parse(/```json\n([\s\S]*?)```/.exec(readFileSync('docs/spec-v2.md', 'utf8'))![1]!) as Record<string, any>;
const spec = (change: (s: Record<string, any>) => void = () => {}) => {
  const s = structuredClone(V2);
  change(s);
  return s;
};
const service = (name: string, props: Record<string, unknown>, extra: Partial<NodeInput> = {}): NodeInput => ({ type: 'ecs.service', name, props, ...extra });
const run = (rules: Rule[], nodes: NodeInput[], s = spec()) => evaluateRules({ snapshot: buildSnapshot({ nodes, edges: [] }), spec: s as never, rules });

const fargate: Rule = {
  id: 'service-fargate',
  title: 'Service {item} runs on Fargate',
  severity: 'medium',
  claims: ['C19'],
  rationale: 'r',
  remediation: 'Move {item:/match/name} to Fargate',
  message: '{resource.name} ({item}): {finding}',
  forEach: { $spec: '/services' },
  when: { item: '/fargate', op: 'exists' },
  select: { type: 'ecs.service', region: { $item: '/region' }, matchItem: true },
  expect: { path: 'usesFargate', op: 'eq', value: { $item: '/fargate' } },
};
const rule = (r: Partial<Rule>): Rule => ({ ...fargate, ...r }) as Rule;
const NODES = [service('shopflow-api', { usesFargate: false }), service('shopflow-worker-1', { usesFargate: true })];

describe('forEach over a spec section', () => {
  it('one result per item and resource: the item names its resources by match, the result names the item', () => {
    const results = run([fargate], NODES, spec((s) => (s.services.worker.fargate = true)));
    expect(results.map((r) => [r.item?.name, r.resource.name, r.status])).toEqual([
      ['api', 'shopflow-api', 'fail'],
      ['worker', 'shopflow-worker-1', 'pass'],
    ]);
    expect(results[0]).toMatchObject({ item: { section: 'services', name: 'api' }, specPointer: '/services/api/fargate', expected: true, actual: false });
    expect(results[0]!.message).toBe('shopflow-api (api): runs on Fargate is false, the architecture requires true');
    expect(results[1]!.message).toBe('Service worker runs on Fargate');
  });

  it('an item that leaves the value out skips for that item, and says which value', () => {
    const results = run([rule({ when: undefined })], NODES);
    expect(results.map((r) => [r.item?.name, r.status])).toEqual([['api', 'fail'], ['worker', 'skip']]);
    expect(results[1]!.reason).toBe('not required by the spec: services worker sets no /fargate');
    // With `when ... exists`, the same: a skip naming the item's pointer.
    expect(run([fargate], NODES)[1]).toMatchObject({ status: 'skip', reason: expect.stringContaining('/services/worker/fargate') });
  });

  it('an absent or empty section: one skip, "not in this architecture"; the rule never vanishes', () => {
    for (const s of [spec((x) => delete x.services), spec((x) => (x.services = {}))]) {
      const results = run([fargate], NODES, s);
      expect(results).toHaveLength(1);
      expect(results[0]).toMatchObject({ ruleId: 'service-fargate', status: 'skip', reason: 'not in this architecture' });
      expect(results[0]!.item).toBeUndefined();
    }
  });

  it('a missing resource is a failure per item, with ids kept apart by the item', () => {
    const results = run([rule({ when: undefined })], [], spec((s) => (s.services.worker.fargate = true)));
    expect(results.map((r) => [r.item?.name, r.status, r.actual])).toEqual([['api', 'fail', 0], ['worker', 'fail', 0]]);
    expect(new Set(results.map((r) => r.resource.id)).size).toBe(2);
    expect(results[0]!.resource.id).toMatch(/:services\/api$/);
  });

  it('match is every criterion: name, prefix, pattern and tags; no match takes every in-scope resource', () => {
    const nodes = [service('shopflow-api', { usesFargate: true }, { tags: { app: 'shopflow', tier: 'web' } }), service('shopflow-api-canary', { usesFargate: true })];
    const names = (match: unknown) =>
      run([rule({ when: undefined })], nodes, spec((s) => {
        s.services = { x: { fargate: true, ...(match ? { match } : {}) } };
      })).map((r) => r.resource.name ?? `(${r.status} ${r.actual})`);
    expect(names({ name: 'shopflow-api' })).toEqual(['shopflow-api']);
    expect(names({ namePrefix: 'shopflow-api' })).toEqual(['shopflow-api', 'shopflow-api-canary']);
    expect(names({ namePattern: 'canary$' })).toEqual(['shopflow-api-canary']);
    expect(names({ namePrefix: 'shopflow', tags: { tier: 'web' } })).toEqual(['shopflow-api']);
    expect(names({ tags: { tier: 'db' } })).toEqual(['(fail 0)']);
    expect(names(undefined)).toEqual(['shopflow-api', 'shopflow-api-canary']);
  });

  it("an item's region is where the rule looks; without one, the spec's", () => {
    const nodes = [service('shopflow-api', { usesFargate: true }, { region: 'eu-west-1' })];
    const snapshot = buildSnapshot({ nodes, edges: [], regions: ['us-east-1', 'eu-west-1'] });
    const one = (s: Record<string, any>) => evaluateRules({ snapshot, spec: s as never, rules: [rule({ when: undefined })] })[0]!;
    expect(one(spec((s) => (s.services = { api: { match: { name: 'shopflow-api' }, fargate: true, region: 'eu-west-1' } })))).toMatchObject({ status: 'pass' });
    expect(one(spec((s) => (s.services = { api: { match: { name: 'shopflow-api' }, fargate: true } })))).toMatchObject({ status: 'fail', actual: 0 });
  });

  it('titles and messages print only spec values: what the spec leaves out reads as a blank to fill in', () => {
    const r = rule({ when: undefined, title: 'Service {item} ({item:/deploymentController}) in {spec:/region}', message: '{item:/taskDefinition/cpu} {resource.name}' });
    const results = run([r], NODES, spec((s) => (s.services.worker.fargate = true)));
    expect(results[1]!.message).toBe('Service worker (<deploymentController>) in us-east-1');
    expect(results[0]!.message).toBe('512 shopflow-api');
  });
});

describe('rule files with forEach, checked when they load', () => {
  const load = async (r: Record<string, unknown>) => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-foreach-'));
    const file = join(dir, `${r.id}.json`);
    await writeFile(file, JSON.stringify(r, null, 2));
    return loadRuleFile(file);
  };
  const failure = async (r: Record<string, unknown>) => {
    try {
      await load(r);
    } catch (e) {
      if (e instanceof InputError) return `${e.location.pointer}: ${e.message}`;
      throw e;
    }
    return 'loaded';
  };

  it('a well-formed forEach rule loads', async () => {
    expect(await failure(fargate as never)).toBe('loaded');
  });

  it('refuses item pointers no item of the section can have, and item pointers without forEach', async () => {
    expect(await failure({ ...fargate, expect: { path: 'usesFargate', op: 'eq', value: { $item: '/fargat' } } })).toMatch(/^\/expect\/value\/\$item: \/fargat is not a value an item of \/services can have/);
    expect(await failure({ ...fargate, when: { item: '/scaling/minTask', op: 'exists' } })).toMatch(/^\/when\/item: /);
    expect(await failure({ ...fargate, title: 'Service {item:/nope}' })).toMatch(/^\/title: \/nope is not a value/);
    expect(await failure({ ...fargate, forEach: { $spec: '/servics' } })).toMatch(/^\/forEach\/\$spec: \/servics is not a section/);
    expect(await failure({ ...fargate, forEach: { $spec: '/dr' } })).toMatch(/not a section/);
    const { forEach: _, ...noForEach } = fargate;
    expect(await failure(noForEach)).toMatch(/need "forEach"/);
    const plain = { ...noForEach, when: undefined, title: 'T', remediation: 'f', message: 'm', expect: { path: 'usesFargate', op: 'eq', value: true } };
    expect(await failure({ ...plain, select: { type: 'ecs.service', matchItem: true } })).toMatch(/^\/select\/matchItem: /);
    expect(await failure({ ...plain, select: { type: 'ecs.service' } })).toBe('loaded');
    // Values inside maps and lists of an item are reachable: environment names, list indexes.
    expect(await failure({ ...fargate, when: { item: '/taskDefinition/container/environment/NODE_ENV', op: 'exists' } })).toBe('loaded');
    expect(await failure({ ...fargate, forEach: { $spec: '/networks' }, when: { item: '/availabilityZones/0', op: 'exists' } , expect: { path: 'usesFargate', op: 'eq', value: true } })).toBe('loaded');
  });
});
