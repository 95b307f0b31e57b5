// The library pipeline: audit() returns the finished report (suppressed, with drift), the same one the
// CLI prints — a library user never has to patch the report afterwards.
import { describe, expect, it } from 'vitest';
import { audit, loadCheckInputs, loadPrevious } from '../src/index.js';
import type { LoadedSuppressions } from '../src/suppress/load.js';
import type { Gap } from '../src/graph/types.js';

const example = (name: string) => new URL(`../examples/shopflow-${name}.snapshot.json`, import.meta.url).pathname;
const SPEC = new URL('../spec.shopflow.json', import.meta.url).pathname;
const inputs = () => loadCheckInputs({ snapshotFile: example('drifted'), specFile: SPEC });
const TODAY = '2026-11-20';

function suppressing(ruleId: string, resource: string, expires = '2026-12-31'): LoadedSuppressions {
  return { file: '/s.json', label: 's.json', entries: [{ rule: ruleId, resource, reason: 'accepted', owner: 'platform', expires, index: 0, line: 3 }] };
}

describe('audit() finishes the report', () => {
  it('marks a suppressed failure, stops counting it, and keeps the result', async () => {
    const plain = audit(await inputs()).report;
    const failure = plain.results.find((r) => r.status === 'fail')!;
    const { report } = audit({ ...(await inputs()), suppressions: { loaded: suppressing(failure.ruleId, failure.resource.id), today: TODAY } });
    const same = report.results.filter((r) => r.ruleId === failure.ruleId && r.resource.id === failure.resource.id);
    expect(same).toHaveLength(1);
    expect(same[0]!.suppression?.reason).toBe('accepted');
    expect(report.results).toHaveLength(plain.results.length);
    expect(report.summary).not.toEqual(plain.summary);
    expect(report.warnings).toEqual([]);
  });

  it('an expired or stale suppression becomes a report warning, and suppresses nothing', async () => {
    const expired = audit({ ...(await inputs()), suppressions: { loaded: suppressing('*', '*', '2026-01-01'), today: TODAY } }).report;
    expect(expired.results.some((r) => r.suppression)).toBe(false);
    expect(expired.warnings).toEqual([expect.stringMatching(/^s\.json:3: .*expired on 2026-01-01/)]);
    const stale = audit({ ...(await inputs()), suppressions: { loaded: suppressing('no-such-rule', '*'), today: TODAY } }).report;
    expect(stale.warnings).toEqual([expect.stringMatching(/matches nothing \(stale\)/)]);
  });

  it('a filtered report does not call entries about rules it left out stale', async () => {
    const loaded = await inputs();
    const keep = loaded.rules[0]!.rule.id;
    const { report } = audit({ ...loaded, filter: { rules: [keep] }, suppressions: { loaded: suppressing('no-such-rule', '*'), today: TODAY } });
    expect(report.warnings).toEqual([]);
  });

  it('adds the drift since a previous snapshot: the diff both ways is not empty and names the files', async () => {
    const previous = await loadPrevious(example('compliant'), 'compliant.json');
    const outcome = audit({ ...(await inputs()), previous, snapshotName: 'drifted.json' });
    expect(outcome.drift && 'diff' in outcome.drift).toBe(true);
    const diff = (outcome.drift as { diff: { old: { file: string }; new: { file: string }; changed: boolean } }).diff;
    expect([diff.old.file, diff.new.file, diff.changed]).toEqual(['compliant.json', 'drifted.json', true]);
  });

  it('an unreadable previous snapshot is a warning and a drift note, never a failed audit', async () => {
    const previous = await loadPrevious('/nonexistent/prev.json', 'prev.json');
    const outcome = audit({ ...(await inputs()), previous });
    expect(outcome.drift).toEqual({ previous: 'prev.json', unreadable: expect.stringMatching(/prev\.json: .*no such file/) });
    expect(outcome.report.warnings).toEqual([expect.stringMatching(/^cannot compare with the previous snapshot: /)]);
    expect(outcome.report.complete).toBe(true);
  });

  it('without a previous snapshot there is no drift', async () => {
    expect(audit(await inputs()).drift).toBeUndefined();
  });
});

describe('complete means the whole snapshot was read', () => {
  // A gap is unknown, never "none": even when no rule reads the type that could not be read.
  it('a gap in a type no evaluated rule reads makes the report incomplete, and lists the gap', async () => {
    const loaded = await loadCheckInputs({ snapshotFile: example('compliant'), specFile: SPEC });
    const rules = loaded.rules.filter((l) => l.rule.id === 'rds-writer-multi-az');
    const whole = audit({ ...loaded, rules }).report;
    expect(whole).toMatchObject({ complete: true, gaps: [] });
    const gap: Gap = { service: 'elbv2', operation: 'DescribeListeners', region: 'us-east-1', code: 'AccessDenied', message: 'denied', resourceTypes: ['elbv2.listener'] };
    const partial = audit({ ...loaded, rules, snapshot: { ...loaded.snapshot, gaps: [gap] } }).report;
    expect(partial.summary.error).toBe(0);
    expect(partial.complete).toBe(false);
    expect(partial.gaps).toEqual([gap]);
  });
});
