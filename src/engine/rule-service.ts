// Which service a rule belongs to, for --service filters, `rules list` and SARIF tags: the service of the
// type it selects. A composite selects nothing: it belongs to the pseudo-service `composite`, a word the
// filters accept, derived from the rule's shape and never from a result; a cost rule, to `cost`.
import { RESOURCE_TYPES, isResourceType, serviceOf } from '../graph/resource-types.js';
import type { Rule } from './types.js';

export const COMPOSITE_SERVICE = 'composite';
/** A cost rule prices every service at once: it belongs to the pseudo-service `cost`. */
export const COST_SERVICE = 'cost';

export function ruleService(rule: Pick<Rule, 'select' | 'cost'>): string {
  if (rule.cost) return COST_SERVICE;
  const type = rule.select?.type;
  return type && isResourceType(type) ? serviceOf(type) : COMPOSITE_SERVICE;
}

/** The services `--service` and `--exclude-service` accept: those rules select from, composite and cost. */
export const FILTER_SERVICES: readonly string[] = [...new Set(Object.values(RESOURCE_TYPES).map((t) => t.service)), COMPOSITE_SERVICE, COST_SERVICE];
