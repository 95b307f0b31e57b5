// KMS keys, and the edge from the data stores they encrypt (claim C59).
import { ArnList, Bool, Name, Obj, OrNull, Str, StringList } from './shapes.js';
import { defineService } from './define.js';

export const kms = defineService({
  service: 'kms',
  iamPrefix: 'kms',
  global: false,
  types: {
    'kms.key': {
      doc: 'KMS key',
      label: { one: 'KMS key' },
      props: Obj({
        keyId: Name(),
        keyState: Str('Enabled, Disabled, PendingDeletion, PendingImport, Unavailable, ...'),
        enabled: Bool(),
        keyManager: Str('AWS (an AWS managed key, aws/<service>) or CUSTOMER.'),
        keySpec: Str('SYMMETRIC_DEFAULT for the keys data stores encrypt with.'),
        origin: Str('AWS_KMS, EXTERNAL (imported material), AWS_CLOUDHSM or EXTERNAL_KEY_STORE.'),
        rotationEnabled: OrNull(
          Bool(),
          'Automatic rotation of the key material (always true for AWS managed keys; false for keys that cannot rotate automatically); null when it could not be read (a gap says why).',
        ),
        aliases: StringList('Alias names (alias/x) pointing at the key.'),
        aliasArns: ArnList(),
      }),
    },
  },
  edges: {
    'encrypted-by': {
      scope: 'from-to',
      from: ['rds.db-instance', 'rds.db-cluster', 'elasticache.replication-group', 's3.bucket'],
      to: ['kms.key'],
      doc: 'database, cache or bucket -> the KMS key encrypting it at rest',
      label: { forward: { one: 'KMS key encrypting it', many: 'KMS keys encrypting it' }, reverse: { one: 'data store it encrypts', many: 'data stores it encrypts' } },
      // Each names its key its own way (key ARN, key id, alias name, alias ARN): only the props can join them.
      link: {
        from: { 'rds.db-instance': 'kmsKeyId', 'rds.db-cluster': 'kmsKeyId', 'elasticache.replication-group': 'kmsKeyId', 's3.bucket': 'kmsKeyId' },
        to: { 'kms.key': ['@id', 'aliasArns'] },
        // Key ARN or alias ARN: the key's own region and account; a key id or alias name: the naming resource's.
        match: {
          target: [{ regex: 'arn:[^:]+:kms:([^:]*):([^:]*):((?:key|alias)/.+)', key: '$1:$2:$3' }],
          reference: [
            { regex: 'arn:[^:]+:kms:([^:]*):([^:]*):((?:key|alias)/.+)', key: '$1:$2:$3', region: '$1', account: '$2' },
            { regex: 'arn:.*' }, // another service's ARN names no key
            { regex: '(alias/.+)', key: '{region}:{account}:$1' },
            { regex: '(.+)', key: '{region}:{account}:key/$1' },
          ],
        },
      },
    },
  },
});
