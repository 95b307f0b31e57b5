// The Ledgerly examples as named patches on its account (test/scenario/ledgerly/): the drifted account
// is the compliant one with five drifts, each breaking one thing docs/examples/ledgerly.md promises.
// Each patch names what it plants: the failing results an audit of the compliant account plus that
// patch alone reports, as "<rule id> <resource name>" (the rule id alone for a rule-level result).
import type { Account } from './account.js';
import { DR_REGION, REGION, ledgerlyAccount } from './ledgerly/index.js';
import { DOCUMENTS } from './ledgerly/s3.js';

export interface LedgerlyPatch {
  /** The promise it breaks, in the design document's words. */
  breaks: string;
  /** What an audit reports because of it (see the file comment). */
  plants: string[];
  apply(a: Account): void;
}

function find<T>(items: T[], match: (item: T) => boolean, what: string): T {
  const item = items.find(match);
  if (!item) throw new Error(`ledgerly patch: no ${what}`);
  return item;
}
const primary = (a: Account) => a[REGION]!;
const taskDefinition = (a: Account, family: string) =>
  find(primary(a).ecs.taskDefinitions, (t) => t.taskDefinition.family === family, `task definition ${family}`).taskDefinition;

export const LEDGERLY_DRIFTS = {
  'reader-same-az': {
    breaks: 'the cluster is Multi-AZ through its reader in us-east-1b',
    plants: ['rds-cluster-multi-az ledgerly-db', 'rds-read-replicas ledgerly-db-1', 'dr-multi-az-failover'],
    apply(a) {
      // The reader was recreated in the writer's zone: AWS then reports the cluster single-AZ.
      const rds = primary(a).rds;
      find(rds.dbInstances, (d) => d.DBInstanceIdentifier === 'ledgerly-db-2', 'instance ledgerly-db-2').AvailabilityZone = 'us-east-1a';
      find(rds.dbClusters, (c) => c.DBClusterIdentifier === 'ledgerly-db', 'cluster ledgerly-db').MultiAZ = false;
    },
  },
  'backup-retention-7': {
    breaks: 'backups are kept 14 days',
    plants: ['rds-backup-retention ledgerly-db-1'],
    apply(a) {
      find(primary(a).rds.dbClusters, (c) => c.DBClusterIdentifier === 'ledgerly-db', 'cluster ledgerly-db').BackupRetentionPeriod = 7;
    },
  },
  'api-task-size': {
    breaks: 'the api task has 0.5 vCPU and 1 GiB',
    plants: ['ecs-task-size ledgerly-api:31'],
    apply(a) {
      Object.assign(taskDefinition(a, 'ledgerly-api'), { cpu: '1024', memory: '2048' });
    },
  },
  'web-log-retention-30': {
    breaks: "the web container's logs are kept 90 days",
    plants: ['logs-api-log-group web'],
    apply(a) {
      find(primary(a).logs.logGroups, (g) => g.logGroupName === '/ecs/ledgerly-web', 'log group /ecs/ledgerly-web').retentionInDays = 30;
    },
  },
  'documents-not-replicated': {
    breaks: 'the documents bucket replicates to us-west-2',
    plants: ['dr-s3-cross-region-replication ledgerly-documents-123456789012'],
    apply(a) {
      // Replication was switched off; the replica bucket in us-west-2 stays.
      for (const region of [REGION, DR_REGION]) {
        const bucket = a[region]!.s3.buckets.find((b) => b.bucket.Name === DOCUMENTS);
        if (bucket) bucket.replication = null;
      }
    },
  },
} satisfies Record<string, LedgerlyPatch>;

export type LedgerlyDrift = keyof typeof LEDGERLY_DRIFTS;

/** The Ledgerly examples (examples/ledgerly-<name>.snapshot.json), by the patches that make them. */
export const LEDGERLY_VARIANTS = {
  compliant: [],
  drifted: Object.keys(LEDGERLY_DRIFTS) as LedgerlyDrift[],
} satisfies Record<string, LedgerlyDrift[]>;
export type LedgerlyVariant = keyof typeof LEDGERLY_VARIANTS;

/** The Ledgerly account with these patches applied, in order. */
export function patchedLedgerly(patches: readonly LedgerlyDrift[]): Account {
  const a = ledgerlyAccount();
  for (const name of patches) LEDGERLY_DRIFTS[name].apply(a);
  return a;
}

export const ledgerlyExampleFile = (variant: LedgerlyVariant) => `examples/ledgerly-${variant}.snapshot.json`;
