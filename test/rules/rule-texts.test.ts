// Every rule's title, message and remediation as a reader gets them from the bundled specs (ShopFlow,
// its staging and development overlays, Ledgerly): rendered for each item a rule judges, and every
// result's message, on an empty account and on each application's examples. None may print a value
// the spec does not hold ("not set", "undefined", "NaN", "[object Object]", a placeholder left in),
// and the grammar slips a value can cause ("a application", "reports's", "1 read replicas") are caught.
import { describe, expect, it } from 'vitest';
import { evaluateRules } from '../../src/engine/evaluate.js';
import { loadRules } from '../../src/engine/load-rules.js';
import { itemsOf, type ItemBinding } from '../../src/engine/items.js';
import { renderMessage, renderSpecText } from '../../src/engine/message.js';
import { loadSpec } from '../../src/engine/spec.js';
import { loadSnapshot } from '../../src/graph/snapshot.js';
import { packagePath } from '../../src/input/package-root.js';
import type { Snapshot } from '../../src/graph/types.js';
import type { Rule, RuleResult } from '../../src/engine/types.js';

const SPECS = {
  'spec.shopflow.json': 'shopflow',
  'specs/shopflow-staging.json': 'shopflow',
  'specs/shopflow-development.json': 'shopflow',
  'specs/ledgerly.json': 'ledgerly',
} as const;

const NEVER = ['not set', 'undefined', 'NaN', '[object Object]', '{item', '{spec'];
const SLIPS: [RegExp, string][] = [
  [/\ban? (?:a|an) /, 'a doubled article'],
  [/\ba [aeiou]/, '"a" before a vowel'],
  [/[a-z]s's\b/, 'a possessive after a plural-looking name'],
  [/\b1 (?:[a-z-]+ )?(?:zones|tasks|replicas|read replicas|days|seconds|shards|services)\b/, 'a plural after 1'],
  [/\bone of (?:the [a-z ]+ )?[\w.-]+(?:, [\w.-]+)* and [\w.-]+/, '"one of" a list joined with "and"'],
  [/\d %/, 'a space before %'],
];

/** What is wrong with one text a reader gets: a word it must never say, or a slip. */
function problems(text: string, never = NEVER): string[] {
  return [...never.filter((w) => text.includes(w)), ...SLIPS.filter(([re]) => re.test(text)).map(([, what]) => what)];
}
// A failure may say a resource's own value is not set ("web ACL is not set, expected a value"): that is
// the account's state, not the spec's. Every spec value in a message is rendered, never "not set".
const IN_A_FINDING = NEVER.filter((w) => w !== 'not set');

describe('rule texts rendered against the bundled specs', async () => {
  const rules = (await loadRules()).map((l) => l.rule);
  const empty = (regions: string[]): Snapshot => ({
    schemaVersion: 1,
    meta: { tool: { name: 'infra-audit', version: 'test' }, account: '123456789012', regions, startedAt: '2026-11-20T02:00:00Z', finishedAt: '2026-11-20T02:00:30Z' },
    nodes: [],
    edges: [],
    gaps: [],
  });

  for (const [file, app] of Object.entries(SPECS)) {
    it(`${file}: every text a rule shows for each item it judges, and every result's message`, async () => {
      const spec = (await loadSpec(packagePath(file))).value;
      const snapshots = [empty(['us-east-1', 'us-west-2'])];
      for (const variant of ['compliant', 'drifted']) snapshots.push(await loadSnapshot(packagePath(`examples/${app}-${variant}.snapshot.json`)));
      const found = new Set<string>();
      let judged = 0;
      for (const snapshot of snapshots) {
        for (const r of evaluateRules({ snapshot, spec: spec as never, rules })) {
          for (const p of problems(r.message, r.status === 'fail' ? IN_A_FINDING : NEVER)) found.add(`${r.ruleId} ${r.status} message: ${p}: ${r.message}`);
          if (r.status === 'skip') continue;
          const rule = rules.find((x) => x.id === r.ruleId)!;
          const item: ItemBinding | undefined = r.item && itemsOf(spec, `/${r.item.section}`)!.find((i) => i.name === r.item!.name);
          judged += 1;
          for (const key of ['title', 'message', 'remediation'] as const) {
            const text = renderSpecText(rule[key], spec, item);
            for (const p of problems(text)) found.add(`${r.ruleId}${item ? ` (${item.name})` : ''} ${key}: ${p}: ${text}`);
          }
        }
      }
      expect(judged).toBeGreaterThan(rules.length);
      expect([...found]).toEqual([]);
    });
  }

  it('the checks catch what they are for', () => {
    expect(problems('Load balancer public is a application load balancer')).toEqual(['"a" before a vowel']);
    expect(problems('The secrets of service reports\'s container')).toEqual(['a possessive after a plural-looking name']);
    expect(problems('(1 read replicas across us-east-1b)')).toEqual(['a plural after 1']);
    expect(problems('Pick one of the policies TLSv1.2_2019 and TLSv1.2_2021: Console')).toEqual(['"one of" a list joined with "and"']);
    expect(problems('exceeds 70 % (neither')).toEqual(['a space before %']);
    expect(problems('Cooldown=not set, {item:/x}')).toEqual(['not set', '{item']);
    expect(problems('an availability zone of one of us-east-1a or us-east-1b, in at least 1 of them')).toEqual([]);
  });

  it('a value the item leaves out renders as a placeholder to fill in, never "not set"', () => {
    const item: ItemBinding = { section: 'services', name: 'api', value: { scaling: { scaleOutBy: 2 } }, region: 'us-east-1' };
    expect(renderSpecText('ScalingAdjustment={item:/scaling/scaleOutBy},Cooldown={item:/scaling/cooldownSeconds} in {item:/region} ({spec:/dr/rto/seconds} s)', {}, item))
      .toBe('ScalingAdjustment=2,Cooldown=<cooldownSeconds> in us-east-1 (<seconds> s)');
  });
});

it('a skip of an item whose title would state a value the item leaves out reads as the reason alone', () => {
  const rule = { id: 'lb-scheme', title: 'Load balancer {item} is {item:/scheme}' } as Rule;
  const reason = 'not required by the spec: loadBalancers public sets no /scheme';
  const skip = { status: 'skip', reason } as RuleResult;
  const item: ItemBinding = { section: 'loadBalancers', name: 'public', value: {}, region: 'us-east-1' };
  expect(renderMessage(rule, skip, {}, item)).toBe(reason);
  expect(renderMessage(rule, skip, {}, { ...item, value: { scheme: 'internal' } })).toBe(`Load balancer public is internal: ${reason}`);
});
