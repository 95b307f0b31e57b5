// coversHostnames (DNS names with one-label wildcards against hostnames) and $origin (inside an edge's
// every/some, the resource the edge started from): together they say "the certificate a distribution
// uses covers the distribution's aliases". Tested on existing types so the engine stands alone.
import { describe, expect, it } from 'vitest';
import { compare, hostnameMatches, RuleEvalError } from '../../src/engine/conditions.js';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { neededReads } from '../../src/engine/needs.js';
import { checkRulePaths } from '../../src/engine/rule-paths.js';
import { checkRuleSemantics } from '../../src/engine/rule-checks.js';
import { JsonSource } from '../../src/input/json-source.js';
import type { Condition, Rule } from '../../src/engine/types.js';
import { buildSnapshot, patchSpec, type NodeInput } from '../rules/rule-tester.js';

describe('hostnameMatches', () => {
  it.each<[string, string, boolean]>([
    ['shop.example.com', 'shop.example.com', true],
    ['Shop.Example.com.', 'shop.example.COM', true],
    ['*.example.com', 'a.example.com', true],
    ['*.example.com', 'A.Example.Com.', true],
    ['*.example.com', 'a.b.example.com', false],
    ['*.example.com', 'example.com', false],
    ['*.example.com', '.example.com', false],
    ['*.example.com', '*.example.com', true],
    ['a.example.com', '*.example.com', false],
    ['*.b.example.com', 'a.b.example.com', true],
    ['*.example.com', 'a.example.org', false],
    ['*.example.com', 'aexample.com', false],
    ['example.com', 'www.example.com', false],
    ['', '', false],
    ['*.', 'a.', false],
  ])('%s covers %s: %s', (name, host, covered) => {
    expect(hostnameMatches(name, host)).toBe(covered);
  });
});

describe('compare coversHostnames', () => {
  const names = ['example.com', '*.example.com'];
  it('every hostname must be covered by some name', () => {
    expect(compare('coversHostnames', names, ['example.com', 'www.example.com'])).toBe(true);
    expect(compare('coversHostnames', names, ['www.example.com', 'a.b.example.com'])).toBe(false);
    expect(compare('coversHostnames', names, 'api.example.com')).toBe(true);
    expect(compare('coversHostnames', '*.example.com', 'api.example.com')).toBe(true);
  });
  it('absent names are unknown, never a pass, not even over no hostnames', () => {
    expect(compare('coversHostnames', undefined, [])).toBe(false);
    expect(compare('coversHostnames', null, ['a.example.com'])).toBe(false);
    expect(compare('coversHostnames', [], [])).toBe(true);
  });
  it('hostnames that are not strings are a rule error', () => {
    expect(() => compare('coversHostnames', names, 3)).toThrow(RuleEvalError);
    expect(() => compare('coversHostnames', names, ['a', 1])).toThrow(RuleEvalError);
  });
});

// A distribution and the load balancer it fronts: "the origin's DNS name is one of the aliases".
const base: Omit<Rule, 'id' | 'expect'> = { title: 'T', severity: 'high', claims: ['C56'], rationale: 'r', remediation: 'f', message: '{resource.name}: {finding}', select: { type: 'cloudfront.distribution' } };
const originCovers: Condition = { edge: 'origin', to: 'elbv2.load-balancer', every: { path: 'dnsName', op: 'coversHostnames', value: { $origin: 'aliases' } } };
const rule = (expect: Condition = originCovers): Rule => ({ ...base, id: 'r', expect }) as Rule;
const distribution = (aliases: unknown): NodeInput => ({ type: 'cloudfront.distribution', name: 'E1', region: 'global', props: { aliases } });
const alb = (dnsName: string): NodeInput => ({ type: 'elbv2.load-balancer', name: 'alb', props: { dnsName } });
const run = (nodes: NodeInput[], opts: { edges?: [string, string, string][]; gaps?: any[] } = {}) =>
  evaluateRules({ snapshot: buildSnapshot({ nodes, edges: opts.edges ?? [['E1', 'origin', 'alb']], gaps: opts.gaps ?? [] }), spec: patchSpec() as never, rules: [rule()] });

describe('$origin inside an edge', () => {
  it('reads the resource the edge started from', () => {
    expect(run([distribution(['a.example.com', 'b.example.com']), alb('*.example.com')])[0]).toMatchObject({ status: 'pass' });
    const [fail] = run([distribution(['a.example.com', 'x.y.example.com']), alb('*.example.com')]);
    expect(fail).toMatchObject({ status: 'fail', actual: '*.example.com', expected: ['a.example.com', 'x.y.example.com'], op: 'coversHostnames' });
    expect(fail!.message).toContain('expected names covering a.example.com and x.y.example.com');
  });

  it('a missing far end is a failure, its failed read an error', () => {
    expect(run([distribution(['a.example.com'])], { edges: [] })[0]).toMatchObject({ status: 'fail', expected: 1, actual: 0 });
    const gaps = [{ service: 'elbv2', operation: 'DescribeLoadBalancers', resourceTypes: ['elbv2.load-balancer'] }];
    expect(run([distribution(['a.example.com'])], { edges: [], gaps })[0]).toMatchObject({ status: 'error' });
  });

  it('reaches through a list inside the edge, and the reads of the origin prop are needed', () => {
    const inList: Condition = { edge: 'origin', to: 'elbv2.load-balancer', every: { path: 'availabilityZones', every: { path: '.', op: 'ne', value: { $origin: 'distributionId' } } } };
    expect(problems(rule(inList))).toBeUndefined();
    const needs = neededReads(rule());
    expect(needs.some((n) => n.type === 'cloudfront.distribution')).toBe(true);
    expect(needs.some((n) => n.type === 'elbv2.load-balancer')).toBe(true);
  });

  it('is refused at load outside an edge, in a "when", with a path the origin lacks, or a non-hostname value', () => {
    expect(problems(rule({ path: 'domainName', op: 'coversHostnames', value: { $origin: 'aliases' } }))).toMatch(/^\/expect\/value\/\$origin: "\$origin" reads the resource an edge starts from/);
    expect(problems(rule({ ...originCovers, every: { path: 'dnsName', op: 'coversHostnames', value: { $origin: 'alias' } } }))).toMatch(/^\/expect\/every\/value\/\$origin: unknown path "alias" for cloudfront\.distribution: no "alias" \(did you mean "aliases"\?\)/);
    expect(problems({ ...rule(), when: { spec: '/region', op: 'eq', value: { $origin: 'aliases' } } } as Rule)).toMatch(/^\/when\/value: a "when" condition reads the spec only/);
    expect(problems(rule({ path: 'domainName', op: 'coversHostnames', value: 3 }))).toMatch(/^\/expect\/value: "coversHostnames" needs a hostname or a list of hostnames, got a number/);
    expect(problems({ ...rule(), select: { type: 'cloudfront.distribution', region: { $origin: 'aliases' } } } as Rule)).toMatch(/^\/select\/region: /);
  });
});

function problems(r: Rule): string | undefined {
  const source = new JsonSource('rules/r.json', JSON.stringify(r), r);
  try {
    checkRuleSemantics(r, source);
    checkRulePaths(r, (pointer, message) => {
      throw new Error(`${pointer}: ${message}`);
    });
    return undefined;
  } catch (err) {
    const e = err as Error & { location?: { pointer?: string } };
    return e.location?.pointer !== undefined ? `${e.location.pointer}: ${e.message}` : e.message;
  }
}
