// "Rules never print a value that the spec does not hold": with every value of the ShopFlow spec
// changed, no rule's title, message or remediation (rendered per item, as reports render them) still
// says one of ShopFlow's values. A hard-coded "shopflow-api", "us-east-1a" or "300" seconds fails here.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import { itemsOf } from '../../src/engine/items.js';
import { renderSpecText } from '../../src/engine/message.js';
import { buildSnapshot } from './rule-tester.js';

const SHOPFLOW = JSON.parse(readFileSync(new URL('../../spec.shopflow.json', import.meta.url), 'utf8')) as Record<string, unknown>;
// Read by the engine or the report header (or, the cost table, by `cost` and `spec lint`), never by a rule's text.
const HEADER = new Set(['$schema', 'specVersion', 'document', 'application', 'scope', 'cost']);
const SECTIONS = new Set(['networks', 'edge', 'loadBalancers', 'services', 'databases', 'caches', 'queues', 'buckets', 'dns']);

/** Every value (and every environment variable's name) replaced by one ShopFlow's spec never holds. */
function changed(spec: Record<string, unknown>): { spec: Record<string, unknown>; old: (string | number)[] } {
  const old: (string | number)[] = [];
  let n = 0;
  const change = (v: unknown, key: string): unknown => {
    // A cite holds the document's words (for SARIF and spec check-doc), not values a rule reads.
    if (key === 'cite') return v;
    if (typeof v === 'string') {
      old.push(v);
      n += 1;
      // Still a region, a zone, a pattern: the rules can evaluate it.
      return key === 'region' ? `zz-north-${n}` : /^[a-z]{2}-[a-z]+-\d[a-z]$/.test(v) ? `zz-north-9${String.fromCharCode(97 + (n % 26))}` : `changed${n}`;
    }
    if (typeof v === 'number') {
      old.push(v);
      n += 1;
      return v < 0 ? -(7000 + n) : 7000 + n;
    }
    if (Array.isArray(v)) return v.map((x) => change(x, key));
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => {
        if (key === 'environment') { old.push(k); n += 1; return [`CHANGED_${n}`, change(x, k)]; }
        return [k, change(x, k)];
      }));
    }
    return v;
  };
  // Item names are the spec's too ("service api"): each section's items are renamed.
  const renamed = (section: unknown) => Object.fromEntries(Object.entries(section as Record<string, unknown>).map(([name, item]) => { old.push(name); n += 1; return [`item-${n}`, change(item, name)]; }));
  const out = Object.fromEntries(Object.entries(spec).map(([k, v]) => [k, HEADER.has(k) ? v : SECTIONS.has(k) ? renamed(v) : change(v, k)]));
  return { spec: out, old };
}

describe('rules never print a value the spec does not hold', async () => {
  const rules = (await loadRules()).map((l) => l.rule);
  const { spec, old } = changed(SHOPFLOW);
  // Short numbers ("2 tasks") are words too common to attribute; every string value and every number of 3+ digits is checked.
  // Words a sentence or an AWS command uses anyway ("the application", "aws acm", "capacityProvider=FARGATE")
  // are not attributable to the spec.
  const COMMON = new Set(['application', 'available', 'daily', 'passive', 'acm', 'FARGATE', 'main', 'public', 'site', 'logs', 'work']);
  const watched = [...new Set(old)].filter((v) => (typeof v === 'string' ? v.length >= 3 && !COMMON.has(v) : Math.abs(v) >= 100)).map(String);
  const says = (text: string) => watched.filter((v) => new RegExp(`(^|[^A-Za-z0-9_-])${v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text));

  it('the changed spec changed what is watched', () => {
    expect(watched).toEqual(expect.arrayContaining(['shopflow-api', 'us-east-1', 'us-east-1a', 'db.r6g.xlarge', 'cache.r6g.large', 'NODE_ENV', '300', '1000']));
  });

  it('titles and remediations, rendered for each item', () => {
    const found: string[] = [];
    for (const rule of rules) {
      const items = rule.forEach ? (itemsOf(spec, rule.forEach.$spec) ?? []) : [undefined];
      for (const item of items) {
        for (const key of ['title', 'remediation'] as const) {
          const hits = says(renderSpecText(rule[key], spec, item));
          if (hits.length) found.push(`${rule.id} ${key}${item ? ` (${item.name})` : ''}: ${hits.join(', ')}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('rationales, which rules explain and SARIF print verbatim, quote none of the spec\'s values', () => {
    // A rationale is never rendered (no placeholders), so it is checked against ShopFlow's own values,
    // small numbers included ("RTO of 4 hours", "7 days"); AWS's and English's own words that a spec value repeats are not.
    const PLAIN_WORDS = new Set(['awsvpc', 'awslogs', 'internet-facing', 'passive', 'daily', 'application', 'available', 'public', 'main', 'site', 'logs', 'work', 'worker']);
    const quoted = [...new Set(old)]
      .filter((v) => (typeof v === 'string' ? v.length >= 3 && !PLAIN_WORDS.has(v) : Math.abs(v) >= 3))
      .map(String);
    const found = rules.flatMap((rule) => {
      const hits = quoted.filter((v) => new RegExp(`(^|[^A-Za-z0-9_.-])${v.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(rule.rationale));
      return hits.length ? [`${rule.id}: ${hits.join(', ')}`] : [];
    });
    expect(quoted).toEqual(expect.arrayContaining(['db.r6g.xlarge', 'NODE_ENV', 'us-east-1', '512', '300', '7']));
    expect(found).toEqual([]);
  });

  it('messages of every result on an account with nothing in it', () => {
    const region = String(spec.region);
    const snapshot = buildSnapshot({ nodes: [], regions: [region] });
    const results = evaluateRules({ snapshot, spec: spec as never, rules });
    expect(results.length).toBeGreaterThan(rules.length);
    const found = results.flatMap((r) => { const hits = says(`${r.message} ${r.reason ?? ''}`); return hits.length ? [`${r.ruleId}: ${hits.join(', ')} in "${r.message}"`] : []; });
    expect(found).toEqual([]);
  });
});
