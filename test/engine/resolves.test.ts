// The `resolves` condition: every reference a resource makes along a declared link names a collected
// resource. Tried on logs-to (a container's awslogs-group option naming a log group); failing closed
// when the reference's target could not have been seen.
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { neededReads } from '../../src/engine/needs.js';
import { checkRulePaths } from '../../src/engine/rule-paths.js';
import type { Condition, Rule } from '../../src/engine/types.js';
import { buildSnapshot, patchSpec, type NodeInput } from '../rules/rule-tester.js';

const rule = (expect: Condition): Rule =>
  ({ id: 'r', title: 'T', severity: 'high', claims: ['C58'], rationale: 'r', remediation: 'f', message: '{resource.name}: {finding}', select: { type: 'ecs.container', region: { $spec: '/region' } }, expect }) as Rule;
const RESOLVES = rule({ resolves: 'logs-to' });
const container = (group?: string): NodeInput => ({ type: 'ecs.container', name: 'api', props: { logOptions: group ? { 'awslogs-group': group } : {} } });
const group = (name: string): NodeInput => ({ type: 'logs.log-group', name, props: { logGroupName: name, retentionInDays: 30, kmsKeyId: null } });
const LOGS_GAP = { service: 'logs', operation: 'DescribeLogGroups', region: 'us-east-1', resourceTypes: ['logs.log-group'] };
const run = (nodes: NodeInput[], opts: { edges?: [string, string, string][]; gaps?: any[]; r?: Rule } = {}) =>
  evaluateRules({ snapshot: buildSnapshot({ nodes, edges: opts.edges ?? [], gaps: opts.gaps ?? [] }), spec: patchSpec() as never, rules: [opts.r ?? RESOLVES] });

describe('resolves', () => {
  it('passes when the reference reaches its resource, and when there is no reference at all', () => {
    expect(run([container('/ecs/api'), group('/ecs/api')], { edges: [['api', 'logs-to', '/ecs/api']] })[0]).toMatchObject({ status: 'pass' });
    expect(run([container(undefined), group('/ecs/api')])[0]).toMatchObject({ status: 'pass' });
  });

  it('fails naming the reference that resolves to nothing, in words', () => {
    const [r] = run([container('/ecs/gone'), group('/ecs/api')]);
    expect(r).toMatchObject({ status: 'fail', expected: [], actual: ['/ecs/gone'], path: '->logs-to(logs.log-group) (unresolved)' });
    expect(r!.message).toBe('api: unresolved reference to a log group is /ecs/gone, expected none');
  });

  it('inside a "not" it reads as "some reference is dangling"', () => {
    expect(run([container('/ecs/gone')], { r: rule({ not: { resolves: 'logs-to' } }) })[0]).toMatchObject({ status: 'pass' });
    expect(run([container('/ecs/api'), group('/ecs/api')], { edges: [['api', 'logs-to', '/ecs/api']], r: rule({ not: { resolves: 'logs-to' } }) })[0]).toMatchObject({ status: 'fail' });
  });

  it('an unresolved reference whose target read failed is unknown: error, never fail or pass', () => {
    expect(run([container('/ecs/gone')], { gaps: [LOGS_GAP] })[0]).toMatchObject({ status: 'error', reason: expect.stringContaining('logs:DescribeLogGroups') });
    // The rule declares the read through the condition: the engine's needs see it.
    expect(neededReads(RESOLVES).map((n) => `${n.service}:${n.operation}`)).toContain('logs:DescribeLogGroups');
  });

  it('is checked at load: the edge must be declared with a link from the resource type', () => {
    const problem = (type: string, c: Condition) => {
      try {
        checkRulePaths({ ...RESOLVES, select: { type }, expect: c } as Rule, (pointer, message) => {
          throw new Error(`${pointer}: ${message}`);
        });
        return undefined;
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problem('ecs.container', { resolves: 'logs-to' })).toBeUndefined();
    expect(problem('ecs.container', { resolves: 'in-task-definition' })).toMatch(/^\/expect\/resolves: edge "in-task-definition" is not declared with a link/);
    expect(problem('s3.bucket', { resolves: 'logs-to' })).toMatch(/^\/expect\/resolves: edge "logs-to" links no references from s3\.bucket/);
    expect(problem('ecs.container', { resolves: 'no-such-edge' })).toMatch(/unknown edge type "no-such-edge"/);
    expect(problem('ecs.container', { path: 'secrets', every: { resolves: 'logs-to' } })).toMatch(/^\/expect\/every\/resolves: "resolves" inside a list/);
  });
});
