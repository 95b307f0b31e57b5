// Secrets Manager: the API's secrets, both rotating every 30 days as the spec says (DATABASE_URL's by
// full ARN, the app keys by a partial ARN with a JSON key), and billing's, which no ShopFlow container
// reads. ListSecrets answers metadata only: there is no value here, as there is none in AWS's answer.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as SM from '@aws-sdk/client-secrets-manager';
import { defineService } from '../recording.js';
import { secret as secretEntry } from '../build.js';

export interface SecretsManagerAnswers { secrets: SM.SecretListEntry[] }

const secret = (name: string, suffix: string, rotationDays: number | undefined, tags: Record<string, string>) =>
  secretEntry('us-east-1', name, suffix, rotationDays === undefined ? undefined : { days: rotationDays, lambda: 'shopflow-secret-rotation' }, tags);

const answers: SecretsManagerAnswers = {
  secrets: [
    secret('shopflow/prod/database-url', 'Xk3p9Q', 30, { app: 'shopflow' }),
    secret('shopflow/prod/app-keys', 'Pq7RsT', 30, { app: 'shopflow' }),
    secret('billing/prod/stripe-key', 'Lm4NoP', undefined, { app: 'billing' }),
  ],
};

export const secretsmanager = defineService({
  name: 'secretsmanager', global: false,
  empty: { secrets: [] },
  record(a, r) {
    r.paged('SecretsManager:ListSecrets', { MaxResults: 100 }, a.secrets, 'NextToken', (SecretList, NextToken) => ({ SecretList, NextToken }));
  },
  answers,
});
