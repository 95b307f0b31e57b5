// The example accounts as named patches on the ShopFlow scenario (test/scenario/shopflow/): the drifted
// account is the compliant one with eleven drifts, each breaking one claim of the architecture; the
// partial account is the compliant one with ElastiCache unreadable. Each patch names what it plants:
// the failing (or erroring) results an audit of the compliant account plus that patch alone reports,
// as "<rule id> <resource name>" (the rule id alone for a rule-level or composite result).
import { shopflowScenario, type Scenario } from './shopflow/index.js';
import type { RecordedError } from './recording.js';
import { SHOPFLOW_CERTIFICATE } from './shopflow/acm.js';
import { DATA_KEY_ID } from './shopflow/kms.js';

export interface Patch {
  /** The claim it breaks, in the architecture document's words. */
  breaks: string;
  /** What an audit reports because of it (see the file comment). */
  plants: string[];
  apply(s: Scenario): void;
}

/** The drifted task definition's DATABASE_URL, as a plain environment variable: it must never reach a snapshot. */
export const PLANTED_DATABASE_URL = 'postgres://u:S3cret@db/x';

function find<T>(items: T[], match: (item: T) => boolean, what: string): T {
  const item = items.find(match);
  if (!item) throw new Error(`scenario patch: no ${what}`);
  return item;
}
function drop<T>(items: T[], match: (item: T) => boolean, what: string): void {
  items.splice(items.indexOf(find(items, match, what)), 1);
}
const dbInstance = (s: Scenario, id: string) => find(s.rds.dbInstances, (d) => d.DBInstanceIdentifier === id, `DB instance ${id}`);
const apiTask = (s: Scenario) => find(s.ecs.taskDefinitions, (t) => t.taskDefinition.family === 'shopflow-api', 'task definition shopflow-api').taskDefinition;

const NAT_A = 'nat-0a9b8c7d6e5f4a3b2';
const NAT_B = 'nat-0b8c7d6e5f4a3b2c1';

export const DRIFTS = {
  'writer-single-az': {
    breaks: 'C38: the writer is Multi-AZ, with a standby in a second AZ',
    plants: ['rds-writer-multi-az shopflow-db', 'dr-multi-az-failover'],
    apply(s) {
      const writer = dbInstance(s, 'shopflow-db');
      writer.MultiAZ = false;
      delete writer.SecondaryAvailabilityZone;
    },
  },
  'backup-retention-6': {
    breaks: 'C40: automated backups are kept 7 days',
    plants: ['rds-backup-retention shopflow-db'],
    apply(s) {
      dbInstance(s, 'shopflow-db').BackupRetentionPeriod = 6;
    },
  },
  'one-nat-gateway': {
    breaks: "C14/C15: one NAT gateway per AZ, each private subnet routing through its own AZ's",
    plants: ['nat-gateway-count', 'nat-gateway-per-az', 'subnet-private-nat-same-az shopflow-private-b', 'dr-multi-az-failover'],
    apply(s) {
      // The AZ-b NAT gateway is gone; private-b's default route goes through AZ-a's.
      drop(s.ec2.natGateways, (n) => n.NatGatewayId === NAT_B, `NAT gateway ${NAT_B}`);
      for (const table of s.ec2.routeTables) for (const route of table.Routes ?? []) if (route.NatGatewayId === NAT_B) route.NatGatewayId = NAT_A;
    },
  },
  'no-waf': {
    breaks: 'C05: the distribution is protected by a WAF web ACL',
    plants: ['cloudfront-waf E2QWRUHAPOMQZL'],
    apply(s) {
      // No web ACL: the API answers with an empty string. The ACL itself still exists.
      for (const d of s.cloudfront.distributions) d.WebACLId = '';
    },
  },
  'certificate-expiring': {
    breaks: "C56: the distribution's ACM certificate is issued, covers its aliases and does not expire within the warning window",
    plants: ['cloudfront-certificate-valid E2QWRUHAPOMQZL'],
    apply(s) {
      // Renewal failed (its DNS validation record was removed): 18 days left when the account is read.
      find(s.acm.certificates, (c) => c.CertificateArn === SHOPFLOW_CERTIFICATE, 'the distribution\'s certificate').NotAfter = new Date('2026-12-08T23:59:59.000Z');
    },
  },
  'task-size': {
    breaks: 'C21: the api task has 0.5 vCPU and 1 GB',
    plants: ['ecs-task-size shopflow-api:42'],
    apply(s) {
      Object.assign(apiTask(s), { cpu: '1024', memory: '2048' });
    },
  },
  'database-url-plain': {
    breaks: 'C24: DATABASE_URL comes from Secrets Manager, never from plain environment',
    plants: ['ecs-container-no-plaintext-credentials api', 'ecs-container-secret-not-plain-env api', 'ecs-container-secrets-manager api'],
    apply(s) {
      const api = find(apiTask(s).containerDefinitions ?? [], (c) => c.name === 'api', 'container api');
      api.secrets = (api.secrets ?? []).filter((x) => x.name !== 'DATABASE_URL');
      api.environment = [...(api.environment ?? []), { name: 'DATABASE_URL', value: PLANTED_DATABASE_URL }];
    },
  },
  'app-keys-not-rotated': {
    breaks: 'C57: every secret the API task definition references rotates (every 30 days)',
    plants: ['secretsmanager-api-secrets api'],
    apply(s) {
      const keys = find(s.secretsmanager.secrets, (x) => x.Name === 'shopflow/prod/app-keys', 'secret shopflow/prod/app-keys');
      keys.RotationEnabled = false;
      for (const field of ['RotationRules', 'RotationLambdaARN', 'NextRotationDate'] as const) delete keys[field];
    },
  },
  'one-read-replica': {
    breaks: 'C39: two read replicas of the writer',
    plants: ['rds-read-replicas shopflow-db'],
    apply(s) {
      drop(s.rds.dbInstances, (d) => d.DBInstanceIdentifier === 'shopflow-db-replica-2', 'DB instance shopflow-db-replica-2');
      const writer = dbInstance(s, 'shopflow-db');
      writer.ReadReplicaDBInstanceIdentifiers = (writer.ReadReplicaDBInstanceIdentifiers ?? []).filter((id) => id !== 'shopflow-db-replica-2');
    },
  },
  'data-key-rotation-off': {
    breaks: 'C59: the KMS key behind the database, cache and buckets rotates its material',
    plants: ['kms-data-keys alias/shopflow-data'],
    apply(s) {
      find(s.kms.keys, (k) => k.metadata.KeyId === DATA_KEY_ID, `KMS key ${DATA_KEY_ID}`).rotation = false;
    },
  },
  'images-bucket-key-missing': {
    breaks: 'C59: the product images bucket is encrypted with a KMS key of the account',
    plants: ['kms-bucket-key-exists shopflow-product-images-123456789012'],
    apply(s) {
      // S3 takes any alias without checking it: this one names no key.
      const bucket = find(s.s3.buckets, (b) => b.bucket.Name === 'shopflow-product-images-123456789012', 'bucket shopflow-product-images');
      bucket.encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/shopflow-images' }, BucketKeyEnabled: true }] };
    },
  },
} satisfies Record<string, Patch>;

/** What IAM answers a role without elasticache:Describe* (ElastiCache's Query API says AccessDeniedException). */
function elastiCacheDenied(operation: string): RecordedError {
  return {
    code: 'AccessDeniedException',
    httpStatusCode: 400,
    message: `User: arn:aws:sts::123456789012:assumed-role/infra-audit/nightly is not authorized to perform: elasticache:${operation} on resource: arn:aws:elasticache:us-east-1:123456789012:* because no identity-based policy allows the elasticache:${operation} action`,
  };
}

const REDIS_RULES = ['redis-cluster-mode', 'redis-shards-and-replicas', 'redis-node-type', 'redis-failover-multi-az', 'dr-redis-daily-snapshots'];

export const GAPS = {
  'elasticache-unreadable': {
    breaks: '(none: the audit cannot tell) the role may not list ElastiCache replication groups or cache subnet groups',
    // Every rule that reads replication groups (the data-subnet rule finds data subnets through the
    // cache's subnet group; the KMS key rule finds keys through the cache that names one), and the DR
    // composite over redis-failover-multi-az, cannot be evaluated.
    plants: [...REDIS_RULES, 'subnet-data-no-internet-route', 'dr-multi-az-failover', 'kms-data-keys'],
    apply(s) {
      for (const op of ['DescribeReplicationGroups', 'DescribeCacheSubnetGroups']) s.refused[`ElastiCache:${op}`] = elastiCacheDenied(op);
    },
  },
} satisfies Record<string, Patch>;

export type DriftName = keyof typeof DRIFTS;
export type GapName = keyof typeof GAPS;
export const PATCHES: Record<DriftName | GapName, Patch> = { ...DRIFTS, ...GAPS };

/** The examples (examples/shopflow-<name>.snapshot.json), by the patches that make them. */
export const VARIANTS = {
  compliant: [],
  drifted: Object.keys(DRIFTS) as DriftName[],
  partial: ['elasticache-unreadable'],
} satisfies Record<string, (DriftName | GapName)[]>;
export type Variant = keyof typeof VARIANTS;

/** The ShopFlow scenario with these patches applied, in order. */
export function patchedScenario(patches: readonly (DriftName | GapName)[]): Scenario {
  const s = shopflowScenario();
  for (const name of patches) PATCHES[name].apply(s);
  return s;
}

export const exampleFile = (variant: Variant) => `examples/shopflow-${variant}.snapshot.json`;

export const scenarioOf = (variant: Variant): Scenario => patchedScenario(VARIANTS[variant]);
