// Which service a rule belongs to, for --service filters, `rules list` and SARIF tags: the service of the
// type it selects. A composite selects nothing: it belongs to the pseudo-service `composite`, a word the
// filters accept, derived from the rule's shape and never from a result.
import { RESOURCE_TYPES, isResourceType, serviceOf } from '../graph/resource-types.js';
import type { Rule } from './types.js';

export const COMPOSITE_SERVICE = 'composite';

export function ruleService(rule: Pick<Rule, 'select'>): string {
  const type = rule.select?.type;
  return type && isResourceType(type) ? serviceOf(type) : COMPOSITE_SERVICE;
}

/** The services `--service` and `--exclude-service` accept: those rules select from, and composite. */
export const FILTER_SERVICES: readonly string[] = [...new Set(Object.values(RESOURCE_TYPES).map((t) => t.service)), COMPOSITE_SERVICE];
