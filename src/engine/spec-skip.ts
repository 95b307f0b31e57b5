// Whether a rule skips whatever the account holds: its `when` is false for the spec, or the item it is
// evaluated for leaves out a value the check compares with. The engine and `rules explain` ask the same
// question, so explain never renders a fix for an item the audit would only skip.
import { evaluateSpecCondition, type SpecEnv } from './conditions.js';
import { ItemValueMissing, SectionAbsent, requireItemValues } from './items.js';
import type { Rule } from './types.js';

/** The skip reason, or undefined when the rule judges the account. A rule that cannot be evaluated throws RuleEvalError. */
export function specSkipReason(rule: Rule, env: SpecEnv): string | undefined {
  try {
    if (rule.when) {
      const v = evaluateSpecCondition(rule.when, env);
      if (!v.ok) return `not required by the spec: ${v.path} is ${JSON.stringify(v.actual)}`;
    }
    // The skip names the value the check compares with, not a value it happened to read first.
    if (env.item) requireItemValues(env.item, rule.expect, rule.aggregate, rule.select);
    return undefined;
  } catch (err) {
    // The item does not set a value the rule compares with: it does not ask for this check.
    if (err instanceof ItemValueMissing) return `not required by the spec: ${err.message}`;
    if (err instanceof SectionAbsent) return 'not in this architecture';
    throw err;
  }
}
