// diffFindings: failures matched by rule id + resource id; whatever a run could not check is unknown.
import { describe, expect, it } from 'vitest';
import { diffFindings, findingsChanged } from '../../src/diff/findings-diff.js';
import type { RuleResult, Status } from '../../src/engine/types.js';

const r = (ruleId: string, resource: string, status: Status, reason?: string): RuleResult => ({
  ruleId, status, severity: 'high', claims: ['C01'], resource: { id: resource, type: 'rds.db-instance', region: 'us-east-1', name: resource }, subject: { kind: 'resource' },
  message: `${ruleId} on ${resource}: ${status}`, ...(reason && { reason }),
});
const ids = (fs: { ruleId: string; resource: { id: string } }[]) => fs.map((f) => `${f.ruleId}@${f.resource.id}`);

describe('diffFindings', () => {
  it('classifies failures as new, resolved and still open', () => {
    const d = diffFindings(
      [r('multi-az', 'db', 'fail'), r('encrypted', 'db', 'fail'), r('engine', 'db', 'pass')],
      [r('multi-az', 'db', 'fail'), r('encrypted', 'db', 'pass'), r('engine', 'db', 'fail'), r('replicas', 'db-2', 'fail')],
    );
    expect(ids(d.new)).toEqual(['engine@db', 'replicas@db-2']);
    expect(ids(d.resolved)).toEqual(['encrypted@db']);
    expect(ids(d.stillOpen)).toEqual(['multi-az@db']);
    expect(d.unknown).toEqual([]);
    expect(d.complete).toBe(true);
    expect(findingsChanged(d)).toBe(true);
  });

  it('a failure whose resource is gone is resolved', () => {
    expect(ids(diffFindings([r('multi-az', 'db', 'fail')], []).resolved)).toEqual(['multi-az@db']);
  });

  it('nothing changed when the same failures remain', () => {
    const d = diffFindings([r('a', 'x', 'fail'), r('b', 'x', 'pass')], [r('b', 'x', 'pass'), r('a', 'x', 'fail')]);
    expect(findingsChanged(d)).toBe(false);
    expect(ids(d.stillOpen)).toEqual(['a@x']);
  });

  it('a failure that becomes an error is unknown, never resolved', () => {
    const d = diffFindings([r('multi-az', 'db', 'fail')], [r('multi-az', 'db', 'error', 'could not read rds')]);
    expect(d.resolved).toEqual([]);
    expect(d.unknown).toEqual([expect.objectContaining({ ruleId: 'multi-az', before: 'fail', after: 'error', reason: 'could not read rds' })]);
    expect(d.complete).toBe(false);
  });

  it('per-resource failures of a rule that errored at rule level are unknown, not resolved', () => {
    const d = diffFindings(
      [r('redis-node-type', 'redis-1', 'fail'), r('redis-node-type', 'redis-2', 'pass')],
      [r('redis-node-type', '123456789012:us-east-1:elasticache.replication-group', 'error', 'could not read elasticache')],
    );
    expect(d.resolved).toEqual([]);
    expect(d.unknown.map((u) => [u.resource.id, u.before, u.after, u.reason])).toEqual([
      ['123456789012:us-east-1:elasticache.replication-group', null, 'error', 'could not read elasticache'],
      ['redis-1', 'fail', null, 'could not read elasticache'],
    ]);
  });

  it('a failure after a run that could not check is unknown, not new', () => {
    const d = diffFindings([r('x', 'rule-level', 'error', 'denied')], [r('x', 'db', 'fail')]);
    expect(d.new).toEqual([]);
    expect(ids(d.unknown)).toEqual(['x@db', 'x@rule-level']);
  });
});
