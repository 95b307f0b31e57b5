// S3 buckets.
import { Bool, Enum, NullableStr, Obj, Str, StringList } from './shapes.js';
import { defineService } from './define.js';

export const s3 = defineService({
  service: 's3',
  iamPrefix: 's3',
  global: false,
  types: {
    's3.bucket': {
      doc: 'S3 bucket',
      props: Obj({
        bucketName: Str(undefined, { minLength: 3, maxLength: 63 }),
        encryption: NullableStr('Default encryption algorithm: AES256, aws:kms or aws:kms:dsse; null when none is configured.'),
        kmsKeyId: NullableStr(
          'SSE-KMS: the default key as the bucket names it (key id, key ARN, alias/x or alias ARN); alias/aws/s3 when it names none (S3 then uses that AWS managed key); null for SSE-S3 or no default encryption.',
        ),
        versioning: Enum(['Enabled', 'Suspended', 'Disabled'], 'Disabled: versioning was never enabled.'),
        publicAccessBlocked: Bool('All four Block Public Access settings are on for the bucket.'),
        replication: Obj({
          enabled: Bool('At least one replication rule is Enabled.'),
          destinationBuckets: StringList('Destination bucket ARNs of the enabled rules.'),
        }),
      }),
    },
  },
  edges: {},
});
