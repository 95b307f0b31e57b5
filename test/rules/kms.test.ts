// The KMS keys behind the database, cache and buckets (claim C59): enabled, of the spec's manager,
// rotated; and a bucket's SSE-KMS key exists. Keys take no scope tags: they join the application
// through the encrypted-by edges linkGraph makes from the data stores' kmsKeyId (here given directly).
import { expect } from 'vitest';
import { testRule, fromExample, expectFail, expectMissing, type Case, type Fixture } from './rule-tester.js';

const KEY = 'alias/shopflow-data';
const IMAGES = 'shopflow-product-images-123456789012';
const STATIC = 'shopflow-static-assets-123456789012';
const writer = fromExample('rds.db-instance', 'shopflow-db');
const redis = fromExample('elasticache.replication-group', 'shopflow-redis');
const images = (kmsKeyId: string | null = KEY) => fromExample('s3.bucket', IMAGES, { encryption: kmsKeyId ? 'aws:kms' : 'AES256', kmsKeyId });
const staticAssets = fromExample('s3.bucket', STATIC);
const key = (props: Partial<Fixture<'kms.key'>['props']> = {}, name = KEY): Fixture<'kms.key'> =>
  fromExample('kms.key', KEY, props, { name, tags: {} });
const awsRds = fromExample('kms.key', 'alias/aws/rds', {}, { tags: {} });
const billing = fromExample('kms.key', 'alias/billing-invoices', {}, { tags: {} });

/** The data stores, the keys, and which store names which key. */
const c = (name: string, keys: Fixture<'kms.key'>[], encrypts: [string, string][], extra: Partial<Case> = {}, stores: Fixture[] = [writer, redis, images(), staticAssets]): Case => ({
  name,
  nodes: [...stores, ...keys],
  edges: encrypts.map(([store, k]): [string, string, string] => [store, 'encrypted-by', k]),
  ...extra,
});
const ALL: [string, string][] = [['shopflow-db', KEY], ['shopflow-redis', KEY], [IMAGES, KEY]];
const gap = (operation: string, resourceTypes: string[], service = 'kms'): Case['gaps'] => [{ service, operation, resourceTypes: resourceTypes as never }];

testRule('kms-data-keys', {
  valid: [
    c('the data key is enabled, customer managed and rotated', [key()], ALL),
    c('keys no data store names are not judged (billing\'s, never rotated; the AWS managed ones)', [key(), billing, awsRds], ALL, {
      check: (rs) => expect(rs.map((r) => r.resource.name)).toEqual([KEY]),
    }),
    c('the spec asks for AWS managed keys and the database uses aws/rds', [awsRds], [['shopflow-db', 'alias/aws/rds']], { spec: { '/databases/main/encryptionKey/manager': 'AWS' } }),
    c('the spec does not ask for rotation and the key does not rotate', [key({ rotationEnabled: false })], ALL, { spec: { '/databases/main/encryptionKey/rotation': false } }),
  ],
  invalid: [
    c('the data key\'s rotation is off', [key({ rotationEnabled: false })], ALL, {
      check: (rs) => {
        expectFail('rotationEnabled', true, false, KEY)(rs);
        expect(rs[0]!.specPointer).toBe('/databases/main/encryptionKey/rotation');
      },
    }),
    c('the data key is disabled', [key({ keyState: 'Disabled', enabled: false })], ALL, { check: expectFail('keyState', 'Enabled', 'Disabled', KEY) }),
    c('the data key is pending deletion', [key({ keyState: 'PendingDeletion', enabled: false, rotationEnabled: false })], ALL, {
      check: (rs) => {
        expectFail('keyState', 'Enabled', 'PendingDeletion', KEY)(rs);
        expect(rs[0]!.otherFailures).toEqual([expect.objectContaining({ path: 'rotationEnabled', expected: true, actual: false })]);
      },
    }),
    c('the database uses the AWS managed aws/rds key where the spec asks for a customer managed one', [key(), awsRds], [...ALL.slice(1), ['shopflow-db', 'alias/aws/rds']], {
      check: expectFail('keyManager', 'CUSTOMER', 'AWS', 'alias/aws/rds'),
    }),
    c('a key named only by the cache still joins, and is judged', [key({ rotationEnabled: false }, 'alias/shopflow-cache'), key()], [...ALL.slice(0, 1), ['shopflow-redis', 'alias/shopflow-cache']], {
      check: expectFail('rotationEnabled', true, false, 'alias/shopflow-cache'),
    }),
    // null is "not read": never a pass, even without the gap that should come with it.
    c('a rotation status that is not known', [key({ rotationEnabled: null })], ALL, { check: expectFail('rotationEnabled', true, null, KEY) }),
    c('no data store names a KMS key at all', [key(), billing], [], { check: expectMissing }),
  ],
  error: [
    c('the rotation status could not be read', [key({ rotationEnabled: null })], ALL, { gaps: gap('GetKeyRotationStatus', ['kms.key']) }),
    c('the keys could not be listed', [], [], { gaps: gap('ListKeys', ['kms.key']) }),
    c('the aliases could not be listed (no key is known without them)', [], [], { gaps: gap('ListAliases', ['kms.key']) }),
    c('the replication groups could not be read (the cache may name a key)', [key()], ALL.filter(([s]) => s !== 'shopflow-redis'), {
      gaps: gap('DescribeReplicationGroups', ['elasticache.replication-group'], 'elasticache'),
    }),
  ],
});

testRule('kms-bucket-key-exists', {
  valid: [
    c('the images bucket names the data key by its alias, which exists', [key()], ALL),
    c('buckets with SSE-S3 name no key and are not selected', [key()], ALL.slice(0, 2), {
      check: (rs) => {
        expect(rs.length).toBeGreaterThan(0);
        for (const r of rs) expect(r).toEqual(expect.objectContaining({ status: 'pass', reason: expect.stringMatching(/no in-scope s3\.bucket/) }));
      },
    }, [writer, redis, images(null), staticAssets]),
    // A baseline records the dangling reference the bucket names today: accepted, and visible in the spec.
    c('the spec accepts the alias the images bucket names though no key answers to it', [key()], ALL.slice(0, 2), {
      spec: { '/buckets/product-images/missingEncryptionKey': 'alias/shopflow-images' },
    }, [writer, redis, images('alias/shopflow-images'), staticAssets]),
    // Whether a key rotates is kms-data-keys' question: this rule only needs the key to exist.
    c('a rotation status that could not be read does not stop it', [key({ rotationEnabled: null })], ALL, { gaps: gap('GetKeyRotationStatus', ['kms.key']) }),
  ],
  invalid: [
    c('the images bucket names an alias no key answers to', [key()], ALL.slice(0, 2), {
      check: expectFail('->encrypted-by(kms.key) (count)', 1, 0, IMAGES),
    }, [writer, redis, images('alias/shopflow-images'), staticAssets]),
    c('the spec accepts another dangling reference than the one the bucket names', [key()], ALL.slice(0, 2), {
      spec: { '/buckets/product-images/missingEncryptionKey': 'alias/shopflow-old-images' },
      check: (rs) => expect(rs.filter((r) => r.status === 'fail').map((r) => r.resource.name)).toEqual([IMAGES]),
    }, [writer, redis, images('alias/shopflow-images'), staticAssets]),
  ],
  error: [
    c('the keys could not be listed', [], [], { gaps: gap('ListKeys', ['kms.key']) }),
    c('the aliases could not be listed', [key()], ALL, { gaps: gap('ListAliases', ['kms.key']) }),
    c('a key could not be described', [], [], { gaps: gap('DescribeKey', ['kms.key']) }),
  ],
});
