// @ts-check
// Writes iam/infra-audit-readonly.json from the collectors' declared actions (built code in dist/).
//
//   npm run build && node scripts/make-iam.mjs
//
// test/iam-policy.test.ts fails when the committed policy is stale.
import { writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALL_COLLECTORS } from '../dist/collect/registry.js';
import { IAM_POLICY_FILE, renderIamPolicy } from '../dist/collect/iam-policy.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(resolve(root, IAM_POLICY_FILE), renderIamPolicy(ALL_COLLECTORS));
console.log(`wrote ${IAM_POLICY_FILE}`);
