// run.json: what a multi-account run (or one shard of it) did, per account. The interface with
// `infra-audit merge` (src/multi/): `<out>/<accountId>/snapshot.json` and `report.json` per account that
// was read, and this manifest naming every expected account, so a missing one is noticed, never dropped.
import type { Severity } from '../engine/types.js';
import type { CoverageCell } from './coverage.js';

export type AccountStatus = 'complete' | 'incomplete' | 'error';

/** Why an account has no (or no complete) report. */
export type AccountErrorKind = 'assume-role' | 'credentials' | 'identity' | 'wrong-account' | 'deadline' | 'output' | 'internal';

export interface AccountRun {
  accountId: string;
  name?: string;
  status: AccountStatus;
  error?: { kind: AccountErrorKind; message: string };
  coverage: CoverageCell[];
  /** Unsuppressed failures per severity (absent for an account that was not audited). */
  failures?: Partial<Record<Severity, number>>;
}

export interface RunManifest {
  expectedAccounts: string[];
  shard: { index: number; count: number } | null;
  accounts: AccountRun[];
  /** Accounts named but not audited, and why (a suspended member account). */
  skipped?: { accountId: string; name?: string; reason: string }[];
}

export const MANIFEST_FILE = 'run.json';
