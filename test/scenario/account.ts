// An example account across regions: each region's answers are a Scenario (the same services and
// record() functions as ShopFlow's, test/scenario/shopflow/index.ts), so any architecture's account is
// data in the same shapes. Global services (CloudFront, WAF for CloudFront, Route 53) are read once,
// from us-east-1, and recorded only there.
import type { Recording } from './recording.js';
import { SCENARIO_SERVICES, emptyScenario, recordScenario, type Scenario } from './shopflow/index.js';

/** The region global services are read from. */
export const GLOBAL_REGION = 'us-east-1';

/** One Scenario per region the account has resources in. */
export type Account = Record<string, Scenario>;

/** What the account answers, by region. */
export function recordAccount(account: Account): Record<string, Recording> {
  return Object.fromEntries(Object.entries(account).map(([region, scenario]) => [region, recordScenario(scenario, region)]));
}

/** A region's scenario with nothing in it but what `answers` gives (the caller's identity is always answered). */
export function regionScenario(answers: Partial<Omit<Scenario, 'refused'>>): Scenario {
  return { ...emptyScenario(), ...structuredClone(answers) };
}

export { SCENARIO_SERVICES };
