// The rule files themselves: each validates, its id is its file name, it has RuleTester cases, and
// together they check every leaf of the spec and every live claim.
import { describe, expect, it } from 'vitest';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRuleFile, loadRules } from '../../src/engine/load-rules.js';
import { specPointers } from '../../src/engine/spec-pointers.js';
import { resolvePointer } from '../../src/input/json-source.js';

const root = new URL('../..', import.meta.url).pathname;
const rulesDir = join(root, 'rules');

/** Spec leaves: primitive values and lists of primitives (a list is one value: the AZs, the TLS versions). */
function leaves(value: unknown, pointer = ''): string[] {
  if (Array.isArray(value) && value.every((v) => v === null || typeof v !== 'object')) return [pointer];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`));
  }
  return [pointer];
}

// Metadata and scope are read by the engine itself, not by rules.
// The cost table is read as a whole by `infra-audit cost`, `spec lint` (C60) and the rule cost-within-budget (C55), not leaf by leaf.
const NOT_CLAIMS = ['/$schema', '/specVersion', '/application', '/document', '/scope', '/cost'];

// The live claims of ../shared/architecture-claims.md (a copy: nothing under ../shared is read at test time).
const LIVE_CLAIMS = [
  'C01', 'C02', 'C03', 'C04', 'C05', 'C06', 'C07', 'C10', 'C11', 'C12', 'C13', 'C14', 'C15', 'C16', 'C17', 'C19', 'C20', 'C21', 'C22',
  'C23', 'C24', 'C25', 'C26', 'C28', 'C29', 'C30', 'C31', 'C32', 'C34', 'C35', 'C36', 'C37', 'C38', 'C39', 'C40', 'C41', 'C42', 'C43',
  'C44', 'C45', 'C46', 'C49', 'C50', 'C51', 'C52', 'C53',
];

describe('rule files', async () => {
  const files = (await readdir(rulesDir)).filter((f) => f.endsWith('.json')).sort();
  const testSources = await Promise.all(
    (await readdir(join(root, 'test/rules'))).filter((f) => f.endsWith('.test.ts')).map((f) => readFile(join(root, 'test/rules', f), 'utf8')),
  );
  const tested = new Set(testSources.flatMap((src) => [...src.matchAll(/testRule\(\s*['"]([a-z0-9-]+)['"]/g)].map((m) => m[1]!)));

  it('there are rules', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    it(`${file}: valid, id == file name, has valid and invalid cases`, async () => {
      const loaded = await loadRuleFile(join(rulesDir, file)); // throws InputError with the place on any problem
      expect(loaded.rule.id).toBe(file.replace(/\.json$/, ''));
      expect(tested.has(loaded.rule.id), `no testRule('${loaded.rule.id}', …) in test/rules/`).toBe(true);
    });
  }

  it('every spec leaf is checked by at least one rule', async () => {
    const spec = JSON.parse(await readFile(join(root, 'spec.shopflow.json'), 'utf8'));
    const rules = (await loadRules(rulesDir)).map((l) => l.rule);
    const referenced = new Set(rules.flatMap((r) => specPointers(r, spec)));
    const unchecked = leaves(spec)
      .filter((leaf) => !NOT_CLAIMS.some((p) => leaf === p || leaf.startsWith(p + '/')))
      // A cite says where a value comes from in the document (SARIF, spec check-doc); it is no claim itself.
      .filter((leaf) => !/^(\/[^/]+\/[^/]+|\/dr)\/cite(\/|$)/.test(leaf))
      .filter((leaf) => ![...referenced].some((r) => r === leaf || r.startsWith(leaf + '/') || leaf.startsWith(r + '/')))
      // A database's kind (RDS instance or Aurora cluster) says which rules apply; none distinguishes it yet.
      .filter((leaf) => !/^\/databases\/[^/]+\/kind$/.test(leaf));
    expect(unchecked).toEqual([]);
  });

  it('every pointer a rule reads resolves in the shipped spec', async () => {
    const spec = JSON.parse(await readFile(join(root, 'spec.shopflow.json'), 'utf8'));
    const rules = (await loadRules(rulesDir)).map((l) => l.rule);
    const missing = rules.flatMap((r) => specPointers(r).filter((p) => resolvePointer(spec, p) === undefined).map((p) => `${r.id}: ${p}`));
    expect(missing).toEqual([]);
  });

  it('every live claim is checked by at least one rule', async () => {
    const rules = (await loadRules(rulesDir)).map((l) => l.rule);
    const claimed = new Set(rules.flatMap((r) => r.claims));
    expect(LIVE_CLAIMS.filter((c) => !claimed.has(c))).toEqual([]);
  });
});
