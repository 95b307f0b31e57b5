// A rule never vanishes from the report: every rule yields at least one result, whatever the snapshot
// holds — the bundled examples (ShopFlow's and Ledgerly's, each with its own spec), an account with
// nothing in it, and one where every read failed.
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import { RESOURCE_TYPES, serviceOf, type ResourceType } from '../../src/graph/resource-types.js';
import type { Snapshot } from '../../src/graph/types.js';
import type { Rule } from '../../src/engine/types.js';

const root = new URL('../..', import.meta.url).pathname;
const read = async (file: string) => JSON.parse(await readFile(root + file, 'utf8'));
let rules: Rule[];
let spec: any;
let ledgerlySpec: any;
let compliant: Snapshot;

beforeAll(async () => {
  rules = (await loadRules()).map((l) => l.rule);
  spec = await read('spec.shopflow.json');
  ledgerlySpec = await read('specs/ledgerly.json');
  compliant = await read('examples/shopflow-compliant.snapshot.json');
});

const emptied = (s: Snapshot): Snapshot => ({ ...s, nodes: [], edges: [], gaps: [] });
const allFailed = (s: Snapshot): Snapshot => ({
  ...emptied(s),
  gaps: (Object.keys(RESOURCE_TYPES) as ResourceType[]).map((t) => ({ service: serviceOf(t), operation: 'Describe', region: RESOURCE_TYPES[t].global ? 'global' : 'us-east-1', code: 'AccessDenied', message: 'denied', resourceTypes: [t] })),
});

describe('every rule reports', () => {
  const cases: [string, () => Promise<Snapshot>, (status: string) => boolean, (() => unknown)?][] = [
    ['the compliant example', async () => compliant, () => true],
    ['the drifted example', () => read('examples/shopflow-drifted.snapshot.json'), () => true],
    ['the partial example', () => read('examples/shopflow-partial.snapshot.json'), () => true],
    // Nothing found: a rule fails (a resource was expected), skips, or passes saying none are required.
    ['an empty account', async () => emptied(compliant), (s) => s !== 'error'],
    // Nothing readable: nothing may pass.
    ['an account where every read failed', async () => allFailed(compliant), (s) => s !== 'pass'],
    // Another shape (Aurora, three services, no cache, no CloudFront) against its own spec.
    ['the Ledgerly compliant example, with its spec', () => read('examples/ledgerly-compliant.snapshot.json'), (s) => s === 'pass' || s === 'skip', () => ledgerlySpec],
    ['the Ledgerly drifted example, with its spec', () => read('examples/ledgerly-drifted.snapshot.json'), (s) => s !== 'error', () => ledgerlySpec],
    // Both of its regions read, nothing found (a region never read would make its items' rules error).
    ['an empty account, with the Ledgerly spec', async () => emptied(await read('examples/ledgerly-compliant.snapshot.json')), (s) => s !== 'error', () => ledgerlySpec],
  ];
  for (const [name, snapshot, allowed, specOf] of cases) {
    it(name, async () => {
      const results = evaluateRules({ snapshot: await snapshot(), spec: specOf ? specOf() : spec, rules });
      const reported = new Set(results.map((r) => r.ruleId));
      expect(rules.filter((r) => !reported.has(r.id)).map((r) => r.id)).toEqual([]);
      expect(results.filter((r) => !allowed(r.status)).map((r) => `${r.ruleId}: ${r.status}`)).toEqual([]);
    });
  }
});
