// Secrets Manager: the API's secrets, both rotating every 30 days as the spec says (DATABASE_URL's by
// full ARN, the app keys by a partial ARN with a JSON key), and billing's, which no ShopFlow container
// reads. ListSecrets answers metadata only: there is no value here, as there is none in AWS's answer.
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as SM from '@aws-sdk/client-secrets-manager';
import { defineService, CREATED } from '../recording.js';

export interface SecretsManagerAnswers { secrets: SM.SecretListEntry[] }

const ROTATED = new Date('2026-11-15T03:00:00Z');

const secret = (name: string, suffix: string, rotationDays: number | undefined, tags: Record<string, string>): SM.SecretListEntry => ({
  ARN: `arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-${suffix}`,
  Name: name,
  Description: `${name} (managed by terraform)`,
  ...(rotationDays === undefined
    ? {}
    : {
        RotationEnabled: true,
        RotationLambdaARN: 'arn:aws:lambda:us-east-1:123456789012:function:shopflow-secret-rotation',
        RotationRules: { AutomaticallyAfterDays: rotationDays },
        LastRotatedDate: ROTATED,
        NextRotationDate: new Date(ROTATED.getTime() + rotationDays * 86_400_000),
      }),
  LastChangedDate: ROTATED,
  LastAccessedDate: new Date('2026-11-20T00:00:00Z'),
  CreatedDate: CREATED,
  Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
  SecretVersionsToStages: { 'b1f0c2d4-7e6a-4c1b-9a3e-5d2f8e7c6b1a': ['AWSCURRENT'] },
});

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
