// The load-time path checker reads the props shapes from the declarations: each type must have one,
// and the shapes must accept what real rules read (nullable objects, string maps, lists) while refusing
// what no resource has. Misspellings per clause kind are in test/corpus/inputs.test.ts (through the CLI).
import { describe, expect, it } from 'vitest';
import { checkRulePaths } from '../../src/engine/rule-paths.js';
import { propsSchemaOf } from '../../src/graph/props-schema.js';
import { RESOURCE_TYPES, type ResourceType } from '../../src/graph/resource-types.js';
import type { Condition, Rule } from '../../src/engine/types.js';

const problem = (type: string, expect: Condition): string | undefined => {
  const rule = { id: 'x', select: { type }, expect } as unknown as Rule;
  try {
    checkRulePaths(rule, (pointer, message) => {
      throw new Error(`${pointer}: ${message}`);
    });
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
};

describe('rule paths against the props schemas', () => {
  it('every resource type has a props schema', () => {
    expect(Object.keys(RESOURCE_TYPES).filter((t) => !propsSchemaOf(t as ResourceType))).toEqual([]);
  });

  it.each<[string, string, Condition]>([
    ['a nullable object', 'ec2.subnet', { path: 'defaultRoute.targetType', op: 'eq', value: 'nat-gateway' }],
    ['any key of a string map', 'ecs.container', { path: 'logOptions.awslogs-group', op: 'exists' }],
    ['a list of strings, item by item', 'ecs.container', { path: 'environmentNames', every: { path: '.', op: 'ne', value: 'X' } }],
    ['an object list item', 'ecs.container', { path: 'secrets', some: { path: 'valueFrom', op: 'exists' } }],
    ['tags and node fields', 's3.bucket', { all: [{ path: '@tags.Team', op: 'exists' }, { path: '@region', op: 'exists' }] }],
    ['a path on either far type of an edge', 'rds.db-instance', { edge: 'in-subnet-group', every: { path: 'vpcId', op: 'exists' } }],
  ])('accepts %s', (_name, type, condition) => {
    expect(problem(type, condition)).toBeUndefined();
  });

  it.each<[string, string, Condition, RegExp]>([
    ['a prop of another type', 's3.bucket', { path: 'multiAz', op: 'eq', value: true }, /^\/expect\/path: unknown path "multiAz" for s3\.bucket/],
    ['a key inside a list without every/some', 'ecs.container', { path: 'secrets.name', op: 'exists' }, /^\/expect\/path: unknown path "secrets\.name"/],
    ['a path only the other far type has', 'rds.db-instance', { edge: 'in-subnet-group', to: 'rds.db-subnet-group', every: { path: 'cacheNodeType', op: 'exists' } }, /^\/expect\/every\/path: unknown path/],
    ['an unknown node field', 's3.bucket', { path: '@arn', op: 'exists' }, /^\/expect\/path: unknown resource field "@arn"/],
    ['an empty tag key', 's3.bucket', { path: '@tags.', op: 'exists' }, /^\/expect\/path: unknown resource field/],
    ['a reverse edge from the wrong end', 'rds.db-cluster', { edge: 'member-of', op: 'gte', value: 1 }, /^\/expect\/edge: edge "member-of" does not start from rds\.db-cluster/],
  ])('refuses %s', (_name, type, condition, message) => {
    expect(problem(type, condition)).toMatch(message);
  });
});
