// The least-privilege IAM policy, derived from the reads each collector declares (read.ts) plus the
// identity check every scan starts with. It is written to iam/infra-audit-readonly.json by
// scripts/make-iam.mjs; test/iam-policy.test.ts fails when the committed file differs, so the policy
// can never drift from the collectors.
import type { Collector } from './types.js';

export const IAM_POLICY_FILE = 'iam/infra-audit-readonly.json';

/** What identity.ts calls before any collector runs. */
export const IDENTITY_ACTIONS: readonly string[] = ['sts:GetCallerIdentity'];

export function iamPolicy(collectors: readonly Pick<Collector, 'actions'>[]) {
  const actions = [...new Set([...IDENTITY_ACTIONS, ...collectors.flatMap((c) => c.actions)])].sort();
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'InfraAuditReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export const renderIamPolicy = (collectors: readonly Pick<Collector, 'actions'>[]): string => `${JSON.stringify(iamPolicy(collectors), null, 2)}\n`;
