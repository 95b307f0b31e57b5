// The rule language is defined once (src/engine/rule-schema.ts): schemas/rule.schema.json is generated
// from it and the Rule/Condition types are derived from it. A stale schema fails here; a derived type
// that stops narrowing the way the engine relies on fails the type-check.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { ruleSchemaText } from '../../src/engine/rule-schema.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { SEVERITIES, type Condition, type CountOp, type EdgeCondition, type Op, type Rule, type Severity, type Value } from '../../src/engine/types.js';

const root = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url));

describe('schemas/rule.schema.json', () => {
  it('is generated from src/engine/rule-schema.ts (else run `npm run schemas`)', () => {
    expect(ruleSchemaText() === readFileSync(root('schemas/rule.schema.json'), 'utf8'), 'schemas/rule.schema.json is stale: run `npm run schemas`').toBe(true);
  });

  it('keeps its $id, and every reference resolves to one of its definitions', () => {
    const schema = JSON.parse(ruleSchemaText());
    expect(schema.$id).toBe('https://infra-audit.dev/schemas/rule.schema.json');
    const refs = [...ruleSchemaText().matchAll(/"\$ref": "([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const ref of refs) expect(Object.keys(schema.definitions), ref).toContain(ref.replace('#/definitions/', ''));
    expect(ruleSchemaText()).not.toMatch(/"\$id": "(?!https)/);
  });

  it('accepts every bundled rule', () => {
    const validate = schemaValidator('rule');
    const files = readdirSync(root('rules')).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expect(validate(JSON.parse(readFileSync(root(`rules/${f}`), 'utf8'))), `${f}: ${JSON.stringify(validate.errors?.[0])}`).toBe(true);
  });

  const base = { id: 'x', title: 't', severity: 'high', claims: ['C01'], rationale: 'r', remediation: 'r', message: 'm', select: { type: 'ec2.vpc' } };
  const cases: [string, unknown, boolean][] = [
    ['every over a list', { path: 'a', every: { path: '.', op: 'exists' } }, true],
    ['some over a list', { path: 'a', some: { path: '.', op: 'exists' } }, true],
    ['every and some at once', { path: 'a', every: { path: '.', op: 'exists' }, some: { path: '.', op: 'exists' } }, false],
    ['a list path without every or some', { path: 'a' }, false],
    ['an edge count', { edge: 'in-vpc', op: 'eq', value: 1 }, true],
    ['an edge count and every at once', { edge: 'in-vpc', op: 'eq', value: 1, every: { path: 'a', op: 'exists' } }, false],
    ['an edge with op but no value', { edge: 'in-vpc', op: 'eq' }, false],
    ['an empty all', { all: [] }, false],
    ['every reference resolves', { resolves: 'logs-to' }, true],
    ['resolves with anything else', { resolves: 'logs-to', every: { path: 'a', op: 'exists' } }, false],
    ['resolves naming no edge', { resolves: '' }, false],
    ['a value that is a spec pointer with extra keys', { path: 'a', op: 'eq', value: { $spec: '/a', x: 1 } }, false],
    ['a $prop that is not a path', { path: 'a', op: 'eq', value: { $prop: 'a b' } }, false],
    ['an $origin path', { path: 'a', op: 'coversHostnames', value: { $origin: 'aliases' } }, true],
    ['an $origin with extra keys', { path: 'a', op: 'eq', value: { $origin: 'aliases', x: 1 } }, false],
    ['an $origin that is not a path', { path: 'a', op: 'eq', value: { $origin: 'a b' } }, false],
    ['an item pointer', { path: 'a', op: 'eq', value: { $item: '/scaling/minTasks' } }, true],
    ['an item pointer that is not a pointer', { path: 'a', op: 'eq', value: { $item: 'scaling' } }, false],
    ['an object literal that looks like an item pointer', { path: 'a', op: 'eq', value: { $item: '/a', x: 1 } }, false],
    ['an unknown operator', { path: 'a', op: 'about' }, false],
  ];
  it.each(cases)('%s: valid %s', (_name, expectation, valid) => {
    expect(schemaValidator('rule')({ ...base, expect: expectation })).toBe(valid);
  });
});

describe('types derived from the rule language', () => {
  it('match the words the engine uses', () => {
    expectTypeOf<Severity>().toEqualTypeOf<'critical' | 'high' | 'medium' | 'low' | 'info'>();
    expectTypeOf<Op>().toEqualTypeOf<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'matches' | 'exists' | 'coversHostnames' | 'hasEntries' | 'subsetOf'>();
    expectTypeOf<CountOp>().toEqualTypeOf<'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'>();
    expect(SEVERITIES).toEqual(['critical', 'high', 'medium', 'low', 'info']);
    expectTypeOf<Value>().toEqualTypeOf<{ $spec: string } | { $item: string; default?: unknown } | { $prop: string } | { $origin: string } | string | number | boolean | null | unknown[] | Record<string, unknown>>();
    expectTypeOf<Rule['select']>().toEqualTypeOf<{ type: string; region?: Value; where?: Condition; matchItem?: boolean; min?: number } | undefined>();
    expectTypeOf<EdgeCondition['op']>().toEqualTypeOf<CountOp | undefined>();
  });

  it('narrow a condition by its key, as the engine walks it', () => {
    const kind = (c: Condition): string => {
      if ('all' in c) return `all ${c.all.length}`;
      if ('any' in c) return `any ${c.any.length}`;
      if ('not' in c) return `not ${kind(c.not)}`;
      if ('edge' in c) return `edge ${c.edge}`;
      if ('resolves' in c) return `resolves ${c.resolves}`;
      if ('matchesItem' in c) return 'matchesItem';
      if ('every' in c) return `every ${c.path} ${kind(c.every)}`;
      if ('some' in c) return `some ${c.path} ${kind(c.some)}`;
      expectTypeOf(c).toEqualTypeOf<{ path: string; op: Op; value?: Value }>();
      return `${c.path} ${c.op}`;
    };
    expect(kind({ all: [{ path: 'a', every: { not: { path: '.', op: 'exists' } } }] })).toBe('all 1');
    expect(kind({ path: 'a', every: { not: { path: '.', op: 'exists' } } })).toBe('every a not . exists');
  });
});
