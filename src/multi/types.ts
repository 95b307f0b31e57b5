// What a multi-account run leaves behind (the run manifest, written by `scan --accounts` in
// src/accounts/run.ts) and what `mergeRuns()` makes of one or more of them: one report with an account
// dimension. RunManifest is the one type of run.json, for its writer and its readers alike.
import type { AuditReport, ReportedResult } from '../report/model.js';
import type { Severity, Status } from '../engine/types.js';

export type CoverageState = 'read' | 'denied' | 'failed';

/** One service read in one region of one account, and how that went. */
export interface Coverage { region: string; service: string; state: CoverageState }

export type AccountStatus = 'complete' | 'incomplete' | 'error';

/** `<out>/run.json`: one line per account the run attempted; `<out>/<accountId>/report.json` beside it. */
export interface RunManifest {
  /**
   * Every account the run was asked about (the accounts file or the organization's members), before
   * any --shard selection: merging shards then knows which accounts a missing shard would have held.
   */
  expectedAccounts: string[];
  shard: ShardRef | null;
  accounts: ManifestAccount[];
  /** Accounts named but not audited, and why (a suspended member account). */
  skipped?: { accountId: string; name?: string; reason: string }[];
}

/** `--shard index/count`, 1-based. */
export interface ShardRef { index: number; count: number }

export interface ManifestAccount {
  accountId: string;
  name?: string;
  status: AccountStatus;
  /** Why the account could not be audited (assume-role denied, identity mismatch, ...): status `error`. */
  error?: { kind: string; message: string };
  coverage: Coverage[];
  /** Unsuppressed failures per severity (absent for an account that was not audited). */
  failures?: Partial<Record<Severity, number>>;
}

/** One run as mergeRuns() takes it: its manifest, each audited account's report, and where they came from. */
export interface LoadedRun {
  /** The manifest's path (or a label) for messages: a duplicate account names both. */
  source: string;
  manifest: RunManifest;
  /** By account id; an account with status `error` may have none. */
  reports: ReadonlyMap<string, AuditReport>;
}

/**
 * What one account came to: `missing` (expected, in no run), `error` (not audited), `incomplete`
 * (audited, but a read or a check failed), `fail` (complete, open findings) or `pass`.
 */
export type Verdict = 'pass' | 'fail' | 'incomplete' | 'error' | 'missing';

export type Counts = Record<Status, number> & { suppressed: number };

/** A failure or an error of one account's audit, carrying the account so a flat list stays readable. */
export type MultiFinding = ReportedResult & { account: string };

export interface MultiAccount {
  accountId: string;
  name?: string;
  /** The manifest's status; `missing` when no merged run has the account. */
  status: AccountStatus | 'missing';
  verdict: Verdict;
  error?: { kind: string; message: string };
  /** The regions its report read; empty without a report. */
  regions: string[];
  /** The spec its report audited against (application name, file as given); absent without a report. */
  spec?: AuditReport['spec'];
  snapshot?: AuditReport['snapshot'];
  summary: Counts;
  /** Reads that failed (report gaps) and coverage cells not `read`. */
  gaps: AuditReport['gaps'];
  /** Failures (suppressed ones too, marked) and errors; passes and skips are counted only. */
  findings: MultiFinding[];
}

/** One cell of the coverage matrix. */
export interface CoverageCell { account: string; region: string; service: string; state: CoverageState }

export interface MultiReport {
  tool: { name: string; version: string };
  /** False when any account is error, incomplete or missing, or a shard is missing. */
  complete: boolean;
  expectedAccounts: string[];
  /** Expected accounts no merged run has: each is also listed in `accounts` with verdict `missing`. */
  missingAccounts: string[];
  /** The shards merged (1-based) and shards of the same count that are absent. */
  shards: { count: number; merged: number[]; missing: number[] } | null;
  totals: { accounts: number; verdicts: Record<Verdict, number>; results: Counts };
  /** Sorted by account id. */
  accounts: MultiAccount[];
  coverage: CoverageCell[];
  warnings: string[];
}
