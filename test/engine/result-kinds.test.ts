// Typed result kinds: every result says what it is about (subject) and what decided it (check), so no
// module decodes '(resources)', '(count)', a fake type 'composite', a fake region 'all' or 'not eq'.
// The text fields the JSON report has always carried (path, op, resource ids) stay as they were.
import { describe, expect, it } from 'vitest';
import { evaluateRules, legacyPathOp } from '../../src/engine/evaluate.js';
import { describeFinding, renderMessage } from '../../src/engine/message.js';
import type { Check, Rule, RuleResult } from '../../src/engine/types.js';
import { buildSnapshot, patchSpec, type NodeInput } from '../rules/rule-tester.js';

const base: Omit<Rule, 'id'> = { title: 'T', severity: 'high', claims: ['C38'], rationale: 'r', remediation: 'f', message: '{finding}' };
const rule = (id: string, r: Partial<Rule>): Rule => ({ ...base, id, ...r }) as Rule;
const db = (name: string, props: Record<string, unknown>): NodeInput => ({ type: 'rds.db-instance', name, props: { role: 'writer', ...props } });
const nat = (name: string, az: string): NodeInput => ({ type: 'ec2.nat-gateway', name, props: { availabilityZone: az } });
const run = (rules: Rule[], nodes: NodeInput[], gaps: any[] = []) => evaluateRules({ snapshot: buildSnapshot({ nodes, edges: [], gaps }), spec: patchSpec({}) as never, rules });
const ACCOUNT = run([rule('a', { select: { type: 'rds.db-instance' }, aggregate: { op: 'eq', value: 0 } })], [])[0]!.resource.id.split(':')[0];

describe('subject and check of every kind of result', () => {
  const multiAz = rule('m', { select: { type: 'rds.db-instance', region: { $spec: '/region' } }, expect: { path: 'multiAz', op: 'eq', value: true } });
  const cases: [string, () => RuleResult, Partial<RuleResult>][] = [
    ['a resource', () => run([multiAz], [db('shop', { multiAz: false })])[0]!, { subject: { kind: 'resource' }, check: { kind: 'value', path: 'multiAz', op: 'eq', negated: false }, path: 'multiAz', op: 'eq' }],
    ['a missing resource', () => run([multiAz], [])[0]!, { subject: { kind: 'set', type: 'rds.db-instance', region: 'us-east-1' }, check: { kind: 'selected', op: 'gte' }, path: '(resources)', op: 'gte' }],
    ['a count', () => run([rule('c', { select: { type: 'ec2.nat-gateway' }, aggregate: { op: 'eq', value: 2 } })], [nat('a', 'us-east-1a')])[0]!,
      { subject: { kind: 'set', type: 'ec2.nat-gateway', region: null }, check: { kind: 'count', op: 'eq' }, path: '(count)', op: 'eq', resource: { id: `${ACCOUNT}:all:ec2.nat-gateway`, type: 'ec2.nat-gateway', region: 'all' } }],
    ['a distinct count', () => run([rule('z', { select: { type: 'ec2.nat-gateway' }, aggregate: { distinct: 'availabilityZone', op: 'eq', value: 2 } })], [nat('a', 'us-east-1a')])[0]!,
      { check: { kind: 'count', op: 'eq', distinct: 'availabilityZone' }, path: 'availabilityZone (distinct)' }],
    ['a set', () => run([rule('s', { select: { type: 'ec2.nat-gateway' }, aggregate: { distinct: 'availabilityZone', as: 'set', op: 'eq', value: ['us-east-1b'] } })], [nat('a', 'us-east-1a')])[0]!,
      { check: { kind: 'set', op: 'eq', distinct: 'availabilityZone' }, path: 'availabilityZone (distinct)', actual: ['us-east-1a'] }],
    ['a global type', () => run([rule('g', { select: { type: 'cloudfront.distribution' }, aggregate: { op: 'eq', value: 1 } })], [])[0]!,
      { subject: { kind: 'set', type: 'cloudfront.distribution', region: 'global' }, resource: { id: `${ACCOUNT}:global:cloudfront.distribution`, type: 'cloudfront.distribution', region: 'global' } }],
    ['a composite', () => run([multiAz, rule('c', { composite: { rules: ['m'] } })], [db('shop', { multiAz: false })])[1]!,
      { subject: { kind: 'rules', rules: ['m'] }, check: { kind: 'rules' }, path: 'rules', op: 'eq', resource: { id: `${ACCOUNT}:all:composite`, type: 'composite', region: 'all' } }],
    ['a negated value', () => run([rule('n', { select: { type: 'rds.db-instance' }, expect: { not: { path: 'multiAz', op: 'eq', value: false } } })], [db('shop', { multiAz: false })])[0]!,
      { check: { kind: 'value', path: 'multiAz', op: 'eq', negated: true }, op: 'not eq' }],
  ];
  it.each(cases)('%s', (_name, make, expected) => expect(make()).toMatchObject(expected));

  // A passing condition keeps no leaf, so its negation has no value to show: no check, never a made-up one.
  it('a negated pass with no leaf fails without a check', () => {
    const [r] = run([rule('n', { select: { type: 'rds.db-instance' }, expect: { not: { all: [{ path: 'multiAz', op: 'eq', value: false }] } } })], [db('shop', { multiAz: false })]);
    expect(r!.status).toBe('fail');
    for (const key of ['check', 'path', 'op']) expect(r).not.toHaveProperty(key);
  });

  it('skips and errors are about the selection and carry no check', () => {
    const skip = run([rule('s', { when: { spec: '/databases/main/multiAz', op: 'eq', value: 'never' }, select: { type: 'rds.db-instance' }, expect: { path: 'multiAz', op: 'eq', value: true } })], [])[0]!;
    const error = run([rule('e', { select: { type: 'rds.db-instance' }, expect: { path: 'multiAz', op: 'eq', value: true } })], [], [{ service: 'rds', region: 'us-east-1', resourceTypes: ['rds.db-instance'] }])[0]!;
    for (const r of [skip, error]) {
      expect(r.subject).toEqual({ kind: 'set', type: 'rds.db-instance', region: null });
      expect(r.check).toBeUndefined();
      expect(r.path).toBeUndefined();
    }
  });
});

describe('the text of a check is derived, never parsed back', () => {
  it.each<[Check, { path: string; op: string }]>([
    [{ kind: 'value', path: 'a.b', op: 'in', negated: true }, { path: 'a.b', op: 'not in' }],
    [{ kind: 'value', path: 'a', op: 'exists', negated: false }, { path: 'a', op: 'exists' }],
    [{ kind: 'selected', op: 'gte' }, { path: '(resources)', op: 'gte' }],
    [{ kind: 'count', op: 'lt' }, { path: '(count)', op: 'lt' }],
    [{ kind: 'count', op: 'eq', distinct: 'az' }, { path: 'az (distinct)', op: 'eq' }],
    [{ kind: 'set', op: 'ne', distinct: 'az' }, { path: 'az (distinct)', op: 'ne' }],
    [{ kind: 'rules' }, { path: 'rules', op: 'eq' }],
  ])('%j -> %j', (check, text) => expect(legacyPathOp(check)).toEqual(text));

  // A path that looks like the old markers is just a path: the words come from the kind.
  it('a prop literally named "(count)" or "rules" is read as a prop', () => {
    expect(describeFinding({ check: { kind: 'value', path: 'rules', op: 'eq', negated: false }, expected: 1, actual: 2 })).toBe('rules is 2, expected 1');
    expect(describeFinding({ check: { kind: 'selected', op: 'gte' }, expected: 1, actual: 0 }, 'rds.db-instance')).toBe('number of database instances is 0, expected at least 1');
  });

  it('a missing-resource message names the type in words and the region from the subject', () => {
    const r = run([rule('m', { select: { type: 'rds.db-instance', region: { $spec: '/region' } }, expect: { path: 'multiAz', op: 'eq', value: true } })], [])[0]!;
    expect(r.message).toBe('T: found 0 database instances of the application in us-east-1, expected at least 1');
    const one: RuleResult = { ...r, actual: 1, expected: 2, subject: { kind: 'set', type: 'rds.db-instance', region: null } };
    expect(renderMessage(rule('m', { select: { type: 'rds.db-instance', min: 2 } }), one, {})).toBe('T: found 1 database instance of the application, expected at least 2');
  });
});

describe('"some" that fails: values of different props are never merged', () => {
  const list = rule('l', { select: { type: 'rds.db-instance' }, expect: { path: 'items', some: { all: [{ path: 'a', op: 'eq', value: 1 }, { path: 'b', op: 'eq', value: 1 }] } } as never });

  it('elements failing on the same leaf share one list; another leaf is its own further failure', () => {
    const [r] = run([list], [db('shop', { items: [{ a: 2, b: 1 }, { a: 1, b: 5 }, { a: 3, b: 1 }] })]);
    expect(r).toMatchObject({ status: 'fail', path: 'items[*].a', actual: [2, 3] });
    expect(r!.otherFailures).toEqual([expect.objectContaining({ path: 'items[1].b', actual: 5, expected: 1 })]);
  });

  it('the first element\'s own further leaves keep its index in their path', () => {
    const [r] = run([list], [db('shop', { items: [{ a: 2, b: 2 }] })]);
    expect(r).toMatchObject({ path: 'items[*].a', actual: [2] });
    expect(r!.otherFailures).toEqual([expect.objectContaining({ path: 'items[0].b', actual: 2 })]);
  });

  it('the same path compared against another value is another leaf', () => {
    const anyOf = rule('x', { select: { type: 'rds.db-instance' }, expect: { path: 'items', some: { any: [{ path: 'a', op: 'eq', value: 1 }] } } as never });
    const [r] = run([anyOf], [db('shop', { items: [{ a: 2 }, { a: 3 }] })]);
    expect(r).toMatchObject({ path: 'items[*].a', actual: [2, 3] });
    expect(r!.otherFailures).toBeUndefined();
  });
});
