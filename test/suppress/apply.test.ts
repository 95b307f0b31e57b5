// applySuppressions: which failures an entry covers, when it stops covering them, and what it warns about.
import { describe, expect, it } from 'vitest';
import { applySuppressions, resourceMatcher, todayOf } from '../../src/suppress/apply.js';
import type { LoadedSuppressions } from '../../src/suppress/load.js';
import { DB_ARN, entry, result, type EntryInput } from './helpers.js';

const loaded = (...entries: EntryInput[]): LoadedSuppressions => ({
  file: '/tmp/suppressions.json', label: 'suppressions.json', entries: entries.map((e, index) => ({ ...entry(e), index, line: 3 + index * 7 })),
});
const TODAY = '2026-11-20';

describe('matching', () => {
  it('suppresses a failure by exact rule id and resource id', () => {
    const { results, warnings } = applySuppressions([result()], loaded({}), TODAY);
    expect(results[0]!.suppression).toEqual({ reason: entry().reason, owner: 'platform-team', expires: '2026-11-24', resource: DB_ARN });
    expect(warnings).toEqual([]);
  });

  it('matches rules by glob', () => {
    const { results } = applySuppressions([result(), result({ ruleId: 'ecs-task-cpu' })], loaded({ rule: 'rds-*' }), TODAY);
    expect(results.map((r) => !!r.suppression)).toEqual([true, false]);
  });

  it('matches resources by a glob whose * crosses ":" and "/"', () => {
    const other = result({ resource: { id: 'arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1', type: 'ec2.subnet', region: 'us-east-1', name: 'a' } });
    const { results } = applySuppressions([result(), other], loaded({ rule: '*', resource: 'arn:aws:rds:*:db:shopflow-*' }), TODAY);
    expect(results.map((r) => !!r.suppression)).toEqual([true, false]);
    expect(applySuppressions([other], loaded({ rule: '*', resource: 'arn:aws:ec2:*' }), TODAY).results[0]!.suppression).toBeDefined();
  });

  it('matches a resource by its name', () => {
    const { results } = applySuppressions([result()], loaded({ resource: 'shopflow-db' }), TODAY);
    expect(results[0]!.suppression?.resource).toBe('shopflow-db');
  });

  it('does not match a different resource or rule', () => {
    const { results, warnings } = applySuppressions([result()], loaded({ resource: 'shopflow-db-replica-1' }, { rule: 'rds-writer-engine' }), TODAY);
    expect(results[0]!.suppression).toBeUndefined();
    expect(warnings).toHaveLength(2);
  });

  it('never suppresses pass, skip or error results (an error must stay visible)', () => {
    const rs = (['pass', 'skip', 'error'] as const).map((status) => result({ status }));
    const { results, warnings } = applySuppressions(rs, loaded({}), TODAY);
    expect(results.every((r) => r.suppression === undefined)).toBe(true);
    expect(warnings).toEqual([]); // it matched something: not stale
  });

  it('treats glob characters in the resource pattern literally apart from * and ?', () => {
    expect(resourceMatcher('a.b')('axb')).toBe(false);
    expect(resourceMatcher('db-?')('db-1')).toBe(true);
    expect(resourceMatcher('db-?')('db-12')).toBe(false);
    expect(resourceMatcher('arn:aws:rds:us-east-1:1:db:(x)')('arn:aws:rds:us-east-1:1:db:(x)')).toBe(true);
  });

  it('does not mutate its input', () => {
    const input = [result()];
    applySuppressions(input, loaded({}), TODAY);
    expect(input[0]!.suppression).toBeUndefined();
  });
});

describe('expiry: an entry applies through its expiry day (UTC)', () => {
  const on = (today: string) => applySuppressions([result()], loaded({ expires: '2026-11-24' }), today);

  it('suppresses the day before', () => {
    expect(on('2026-11-23').results[0]!.suppression).toBeDefined();
    expect(on('2026-11-23').warnings).toEqual([]);
  });

  it('suppresses on the expiry day itself', () => {
    expect(on('2026-11-24').results[0]!.suppression).toBeDefined();
    expect(on('2026-11-24').warnings).toEqual([]);
  });

  it('no longer suppresses the day after, and warns with file:line and owner', () => {
    const { results, warnings } = on('2026-11-25');
    expect(results[0]!.suppression).toBeUndefined();
    expect(warnings).toEqual([`suppressions.json:3: entry for rds-writer-multi-az / ${DB_ARN} expired on 2026-11-24 (owner platform-team)`]);
  });

  it('lets a later unexpired entry cover what an expired one no longer does', () => {
    const { results, warnings } = applySuppressions([result()], loaded({ expires: '2026-01-01' }, { expires: '2027-01-01', owner: 'dba' }), TODAY);
    expect(results[0]!.suppression?.owner).toBe('dba');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^suppressions\.json:3: .* expired on 2026-01-01/);
  });
});

describe('stale entries', () => {
  it('warns about an entry that matches no result', () => {
    const { warnings } = applySuppressions([result()], loaded({}, { rule: 'redis-node-type', resource: 'shopflow-redis' }), TODAY);
    expect(warnings).toEqual(['suppressions.json:10: entry for redis-node-type / shopflow-redis matches nothing (stale)']);
  });

  it('stays quiet about stale entries when asked (a filtered report)', () => {
    const { warnings } = applySuppressions([result()], loaded({ rule: 'redis-node-type' }), TODAY, { reportStale: false });
    expect(warnings).toEqual([]);
  });
});

describe('todayOf', () => {
  it('is the UTC calendar day', () => {
    expect(todayOf({}, new Date('2026-11-24T23:30:00-05:00'))).toBe('2026-11-25');
  });
  it('can be pinned with INFRA_AUDIT_TODAY', () => {
    expect(todayOf({ INFRA_AUDIT_TODAY: '2026-11-24' })).toBe('2026-11-24');
    expect(() => todayOf({ INFRA_AUDIT_TODAY: '24/11/2026' })).toThrow(/YYYY-MM-DD/);
  });
});
