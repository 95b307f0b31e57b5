// `rules explain` renders one fix per item of a forEach rule. An item the audit would skip (it leaves
// out a value the check compares with) gets the skip's reason, never a fix rendered from absent values
// ("Set not set (name: value) in the not set container's environment").
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SPECS, bundledSpecFile } from '../../src/engine/bundled-specs.js';
import { loadRules } from '../../src/engine/load-rules.js';
import { loadSpec } from '../../src/engine/spec.js';
import { fixLines } from '../../src/cli/rules.js';
import { runCli } from './run-cli.js';

const RULE_COUNT = readdirSync('rules').filter((f) => f.endsWith('.json')).length;

const fixSection = (stdout: string) => stdout.slice(stdout.indexOf('\nFix:'), stdout.indexOf('\nRule definition:'));

describe('rules explain: the Fix lines', () => {
  it('an item that leaves out what the rule compares with gets the skip reason, not a fix', async () => {
    const run = await runCli(['rules', 'explain', 'ecs-container-environment', '--spec', 'shopflow']);
    expect(run.code).toBe(0);
    const fix = fixSection(run.stdout);
    expect(fix).toMatch(/^  services api: Set .*NODE_ENV.* in the api container's environment/m);
    expect(fix).toMatch(/^  services worker: nothing to fix, the rule skips this item \(not required by the spec: services worker sets no \/taskDefinition\/container\/environment\)$/m);
  });

  it('a `when` the spec makes false: the reason names the spec value', async () => {
    // Staging recovers by restoring from backup, so the Multi-AZ failover rule does not apply to it.
    const run = await runCli(['rules', 'explain', 'dr-multi-az-failover', '--spec', 'shopflow-staging']);
    expect(run.code).toBe(0);
    expect(fixSection(run.stdout)).toMatch(/^Fix: nothing to fix, the rule skips \(not required by the spec: \/dr\/rto\/strategy is "restore-from-backup"\)$/m);
  });

  // Every rule against every bundled spec: no fix line renders an absent value.
  it.each(Object.keys(BUNDLED_SPECS))('spec %s: no rule renders a fix from values the spec leaves out', async (name) => {
    const rules = await loadRules();
    expect(rules.length).toBe(RULE_COUNT);
    const spec = (await loadSpec(bundledSpecFile(name)!)).value;
    for (const { rule } of rules) expect(fixLines(rule, spec).join('\n'), rule.id).not.toMatch(/\bnot set\b/);
  });
});
