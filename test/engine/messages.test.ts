// Every rule's fail message is plain words: what was found and what was expected, with none of the
// rule language's internals (edge arrows, "(count)", "@tags.", "props.", resource type ids).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadRules } from '../../src/engine/load-rules.js';
import { loadSnapshot } from '../../src/graph/snapshot.js';
import { packagePath } from '../../src/input/package-root.js';
import { failingResults } from './fail-variants.js';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';

const spec = JSON.parse(readFileSync(packagePath('spec.shopflow.json'), 'utf8'));

describe('fail messages', async () => {
  const rules = (await loadRules()).map((l) => l.rule);
  const drifted = await loadSnapshot(packagePath('examples/shopflow-drifted.snapshot.json'));
  const fails = failingResults(drifted, spec, rules);
  // A rule about a shape ShopFlow does not have (an Aurora cluster) fails in Ledgerly's drifted example.
  const ledgerly = JSON.parse(readFileSync(packagePath('specs/ledgerly.json'), 'utf8'));
  const ledgerlyDrifted = await loadSnapshot(packagePath('examples/ledgerly-drifted.snapshot.json'));
  const unshown = rules.filter((r) => !fails.has(r.id));
  for (const [id, results] of failingResults(ledgerlyDrifted, ledgerly, unshown)) fails.set(id, results);

  it('every rule fails in the drifted example or a generated variant', () => {
    expect(rules.filter((r) => !fails.has(r.id)).map((r) => r.id)).toEqual([]);
  });

  // What must never reach a reader: the rule language's own syntax and names.
  const typeIds = Object.keys(RESOURCE_TYPES);
  const propNames = [...new Set(rules.flatMap((r) => leafPaths([r.select?.where, r.expect, r.aggregate])).flatMap((p) => p.split('.')).filter((k) => /^[a-z]+[A-Z]\w*$/.test(k)))];

  it('the rules read camelCase props, so the check below has something to catch', () => {
    expect(propNames).toEqual(expect.arrayContaining(['multiAz', 'backupRetentionPeriod', 'routesToInternetGateway']));
  });

  it.each(rules.map((r) => r.id))('%s: plain words, found and expected', (id) => {
    const results = fails.get(id) ?? [];
    expect(results.length).toBeGreaterThan(0);
    for (const { message } of results) {
      for (const internal of ['<-', '->', '(count)', '(distinct)', '@tags.', '@name', 'props.', '[*]', '{', '}', '(absent)', 'undefined', '[object']) expect(message).not.toContain(internal);
      expect(message).not.toMatch(/\["|"\]/); // no JSON arrays
      for (const t of typeIds) expect(message).not.toMatch(new RegExp(`(^|[^\\w.-])${t.replace('.', '\\.')}($|[^\\w-])`));
      for (const p of propNames) expect(message.split(/[^\w]+/)).not.toContain(p);
    }
  });
});

/** Every dotted path a rule's conditions compare. */
function leafPaths(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => leafPaths(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if ((k === 'path' || k === 'distinct') && typeof x === 'string') out.push(x);
      else leafPaths(x, out);
    }
  }
  return out;
}
