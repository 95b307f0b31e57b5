// The hasEntries operator: a map holds every expected key with an equal value. Its other keys are
// neither judged nor shown (another service's declared environment values), and an absent map is
// unknown, never "no entries": it passes nothing.
import { describe, expect, it } from 'vitest';
import { compare, RuleEvalError } from '../../src/engine/conditions.js';
import { evaluateRules } from '../../src/engine/evaluate.js';
import type { Rule } from '../../src/engine/types.js';
import { buildSnapshot, patchSpec, type NodeInput } from '../rules/rule-tester.js';

describe('compare hasEntries', () => {
  it('every expected key with an equal value; other keys do not matter', () => {
    expect(compare('hasEntries', { A: '1', B: '2' }, { A: '1' })).toBe(true);
    expect(compare('hasEntries', { A: '1' }, { A: '1', B: '2' })).toBe(false);
    expect(compare('hasEntries', { A: '2' }, { A: '1' })).toBe(false);
    expect(compare('hasEntries', { A: null }, { A: null })).toBe(true);
    expect(compare('hasEntries', { a: '1' }, { A: '1' })).toBe(false);
  });

  it('an absent map, a list or a string passes nothing, not even over no keys', () => {
    for (const actual of [undefined, null, ['A'], 'A=1']) {
      expect(compare('hasEntries', actual, {}), JSON.stringify(actual)).toBe(false);
      expect(compare('hasEntries', actual, { A: '1' }), JSON.stringify(actual)).toBe(false);
    }
    expect(compare('hasEntries', {}, {})).toBe(true);
  });

  it('a key is never found through the prototype', () => {
    expect(compare('hasEntries', {}, { constructor: Object })).toBe(false);
    expect(compare('hasEntries', {}, JSON.parse('{"__proto__": "x"}'))).toBe(false);
  });

  it('an expected value that is no map is the rule\'s error', () => {
    expect(() => compare('hasEntries', { A: '1' }, ['A'])).toThrow(RuleEvalError);
    expect(() => compare('hasEntries', { A: '1' }, 'A')).toThrow(RuleEvalError);
  });
});

describe('a hasEntries result', () => {
  const rule = {
    id: 'env', title: 'T', severity: 'medium', claims: ['C23'], rationale: 'r', remediation: 'f',
    message: '{resource.name}: {finding}',
    select: { type: 'ecs.container' },
    expect: { path: 'environmentValues', op: 'hasEntries', value: { $spec: '/services/api/taskDefinition/container/environment' } },
  } as unknown as Rule;
  const container = (environmentValues: unknown): NodeInput => ({ type: 'ecs.container', name: 'api', props: { name: 'api', environmentValues } });
  const run = (node: NodeInput) => evaluateRules({ snapshot: buildSnapshot({ nodes: [node] }), spec: patchSpec({ '/services/api/taskDefinition/container/environment': { NODE_ENV: 'production', LOG_LEVEL: 'warn' } }) as never, rules: [rule] })[0]!;

  it('shows only the expected keys, a missing one as not set', () => {
    const r = run(container({ NODE_ENV: 'development', QUEUE_MODE: 'consume' }));
    expect(r).toMatchObject({ status: 'fail', op: 'hasEntries', actual: { NODE_ENV: 'development', LOG_LEVEL: null }, specPointer: '/services/api/taskDefinition/container/environment' });
    expect(r.message).toBe('api: environment variable is NODE_ENV=development and LOG_LEVEL not set, the architecture requires NODE_ENV=production and LOG_LEVEL=warn');
    expect(JSON.stringify(r)).not.toContain('QUEUE_MODE');
    expect(JSON.stringify(r)).not.toContain('consume');
  });

  it('passes with more entries than expected', () => {
    expect(run(container({ NODE_ENV: 'production', LOG_LEVEL: 'warn', QUEUE_MODE: 'consume' })).status).toBe('pass');
  });

  it('a container without the map fails, and says it is not set', () => {
    const r = run({ type: 'ecs.container', name: 'api', props: { name: 'api' } });
    expect(r).toMatchObject({ status: 'fail' });
    expect(r.message).toContain('environment variable is not set');
  });
});
