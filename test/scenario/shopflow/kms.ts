// KMS: ShopFlow's data key (a customer managed key with rotation, behind the database, the cache and
// the product images bucket), the AWS managed keys of RDS and S3 (which no ShopFlow data store names),
// billing's key (never rotated, but no ShopFlow resource uses it: it never joins the application), and
// an AWS managed alias whose key does not exist yet (ListAliases answers it without a target).
// The AWS answers as the SDK returns them (its output shapes); record() says which request gets which.
import type * as KMS from '@aws-sdk/client-kms';
import { defineService, uuid } from '../recording.js';
import { kmsAlias, kmsKey, type KmsKey } from '../build.js';

export type { KmsKey };
export interface KmsAnswers { keys: KmsKey[]; aliases: KMS.AliasListEntry[] }

/** The data key's id: the database's KmsKeyId (test/scenario/shopflow/rds.ts) names it by ARN. */
export const DATA_KEY_ID = '1f7c3a2b-9d4e-4b6a-8c5f-0e2d1a3b4c5d';

const key = (id: string, manager: 'AWS' | 'CUSTOMER', description: string, rotation: boolean) => kmsKey('us-east-1', id, manager, description, rotation);
const alias = (name: string, target: string | undefined) => kmsAlias('us-east-1', name, target);

const RDS_KEY = uuid('kms aws/rds');
const S3_KEY = uuid('kms aws/s3');
const BILLING_KEY = uuid('kms billing');

const answers: KmsAnswers = {
  keys: [
    key(DATA_KEY_ID, 'CUSTOMER', 'ShopFlow data at rest (database, cache, product images)', true),
    // AWS managed keys always rotate: GetKeyRotationStatus answers true for them.
    key(RDS_KEY, 'AWS', 'Default key that protects my RDS database volumes when no other key is defined', true),
    key(S3_KEY, 'AWS', 'Default key that protects my S3 objects when no other key is defined', true),
    key(BILLING_KEY, 'CUSTOMER', 'billing invoices', false),
  ],
  aliases: [
    alias('aws/ebs', undefined),
    alias('aws/rds', RDS_KEY),
    alias('aws/s3', S3_KEY),
    alias('billing-invoices', BILLING_KEY),
    alias('shopflow-data', DATA_KEY_ID),
  ],
};

export const kms = defineService({
  name: 'kms', global: false,
  empty: { keys: [], aliases: [] },
  record(a, r) {
    const page = (next: string | undefined) => ({ Truncated: next !== undefined, ...(next && { NextMarker: next }) });
    r.paged('KMS:ListKeys', { Limit: 1000 }, a.keys.map((k) => ({ KeyId: k.metadata.KeyId, KeyArn: k.metadata.Arn })), 'Marker', (Keys, next) => ({ Keys, ...page(next) }));
    r.paged('KMS:ListAliases', { Limit: 100 }, a.aliases, 'Marker', (Aliases, next) => ({ Aliases, ...page(next) }));
    for (const k of a.keys) {
      const input = { KeyId: k.metadata.KeyId };
      r.record('KMS:DescribeKey', { input, output: { KeyMetadata: k.metadata } });
      r.record('KMS:GetKeyRotationStatus', {
        input,
        output: { KeyId: k.metadata.Arn, KeyRotationEnabled: k.rotation, ...(k.rotation && { RotationPeriodInDays: 365, NextRotationDate: new Date('2027-03-14T09:26:53.000Z') }) },
      });
    }
  },
  answers,
});
