// The least-privilege IAM policy, derived from what each collector declares it calls. It is written to
// iam/infra-audit-readonly.json by scripts/make-iam.mjs; test/iam-policy.test.ts fails when the
// committed file differs, so the policy can never drift from the collectors.
import type { Collector } from './types.js';

export const IAM_POLICY_FILE = 'iam/infra-audit-readonly.json';

export function iamPolicy(collectors: readonly Collector[]) {
  const actions = [...new Set(collectors.flatMap((c) => c.actions))].sort();
  return {
    Version: '2012-10-17',
    Statement: [{ Sid: 'InfraAuditReadOnly', Effect: 'Allow', Action: actions, Resource: '*' }],
  };
}

/** The file's exact text: two-space JSON and a final newline. */
export const renderIamPolicy = (collectors: readonly Collector[]): string => `${JSON.stringify(iamPolicy(collectors), null, 2)}\n`;
