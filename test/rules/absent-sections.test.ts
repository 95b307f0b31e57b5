// Every section of a v2 spec is optional: a spec without `caches` (or `dr`) keeps every rule in the
// report, and the rules about what it left out skip with reason "not in this architecture".
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import type { Snapshot } from '../../src/graph/types.js';

const read = (path: string) => JSON.parse(readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8'));
const SHOPFLOW = read('spec.shopflow.json') as Record<string, unknown>;
const COMPLIANT = read('examples/shopflow-compliant.snapshot.json') as Snapshot;
const without = (...keys: string[]) => Object.fromEntries(Object.entries(SHOPFLOW).filter(([k]) => !keys.includes(k))) as never;

describe('a spec without a section', async () => {
  const rules = (await loadRules()).map((l) => l.rule);
  const byRule = (spec: unknown) => {
    const results = evaluateRules({ snapshot: COMPLIANT, spec: spec as never, rules });
    return new Map(rules.map((r) => [r.id, results.filter((x) => x.ruleId === r.id)]));
  };

  it('without caches: each cache rule is one skip, "not in this architecture"; nothing else fails', () => {
    const results = byRule(without('caches'));
    const cacheRules = rules.filter((r) => r.forEach?.$spec === '/caches').map((r) => r.id);
    expect(cacheRules).toEqual(expect.arrayContaining(['redis-cluster-mode', 'redis-failover-multi-az', 'redis-node-type', 'redis-shards-and-replicas', 'dr-redis-daily-snapshots']));
    for (const id of cacheRules) expect(results.get(id), id).toEqual([expect.objectContaining({ status: 'skip', reason: 'not in this architecture' })]);
    expect(results.get('redis-node-type')![0]!.message).toBe('Cache runs the architecture\'s node type: not in this architecture');
    // Every rule still reports, and the rest of the compliant account still passes (but for the cost
    // rule's info finding: the account costs more than the document's table, with or without the cache item).
    for (const [id, rs] of results) {
      expect(rs.length, id).toBeGreaterThan(0);
      expect(rs.filter((r) => (r.status === 'fail' && r.severity !== 'info') || r.status === 'error').map((r) => r.message), id).toEqual([]);
    }
    expect(results.get('cost-within-budget')!.map((r) => `${r.status} ${r.severity}`)).toEqual(['fail info']);
  });

  it('without dr: the DR rules skip, "not in this architecture", even the composite', () => {
    const results = byRule(without('dr'));
    for (const id of ['dr-multi-az-failover', 'dr-rds-daily-backups', 'dr-rds-point-in-time-recovery', 'dr-redis-daily-snapshots']) {
      expect(results.get(id)!.map((r) => `${r.status}: ${r.reason}`), id).toEqual(results.get(id)!.map(() => 'skip: not in this architecture'));
    }
    // A value the rule needs, absent from a section that is there, is the rule's error: not a silent skip.
    const partial = { ...SHOPFLOW, dr: { backupFrequency: 'daily' } } as never;
    expect(byRule(partial).get('dr-rds-point-in-time-recovery')!.map((r) => r.status)).toEqual(['error']);
  });

  it('an item lacking a value a rule compares with: that item skips, naming the value', () => {
    const spec = structuredClone(SHOPFLOW) as any;
    delete spec.databases.main.instanceClass;
    const [r] = byRule(spec).get('rds-writer-instance-class')!;
    expect(r).toMatchObject({ status: 'skip', item: { section: 'databases', name: 'main' }, reason: 'not required by the spec: databases main sets no /instanceClass' });
    // A title that states no spec value keeps its place before the reason.
    expect(r!.message).toBe('The writer of database main is the architecture\'s instance class: not required by the spec: databases main sets no /instanceClass');
  });

  it('an empty account with the ShopFlow spec: findings, never a skip for an item that asks', () => {
    const empty = { ...COMPLIANT, nodes: [], edges: [] };
    const results = evaluateRules({ snapshot: empty, spec: SHOPFLOW as never, rules });
    const skipped = results.filter((r) => r.status === 'skip').map((r) => `${r.ruleId} ${r.item?.name}: ${r.reason}`);
    // Only items that do not ask (the worker sets nothing but `running`, the logs bucket no replication),
    // and rules about another kind of database than ShopFlow's RDS instance (an Aurora cluster).
    const otherKind = /^rds-cluster-[a-z0-9-]+ main: not required by the spec: \/databases\/main\/kind is "rds-instance"$/;
    for (const s of skipped.filter((x) => !otherKind.test(x))) expect(s).toMatch(/^[a-z0-9-]+ (worker|api|logs): not required by the spec: (services worker|services api|buckets logs) sets no \//);
    expect(skipped.filter((x) => otherKind.test(x)).length).toBeLessThanOrEqual(rules.filter((r) => r.id.startsWith('rds-cluster-')).length);
    expect(results.filter((r) => r.status === 'fail').length).toBeGreaterThan(rules.length / 2);
  });
});
