// Many accounts in one run: each account is today's single-account scan (its own ClientFactory, so its
// own assumed-role credentials, token buckets and deadline) and audit; accounts run in parallel under a
// global cap. Each account's snapshot and report go to disk as soon as it finishes; only its summary
// stays in memory, so memory is flat in the number of accounts. Fail closed per account: one that
// cannot be assumed, identified or read is an `error` (or `incomplete`) for that account, never dropped.
import { setMaxListeners } from 'node:events';
import pLimit from 'p-limit';
import { audit, type ResultFilter } from '../audit.js';
import { ClientFactory, chainCredentials, type ClientOptions } from '../collect/clients.js';
import { DeadlineExceededError, startDeadline } from '../collect/deadline.js';
import { nonSecretEnvironmentNames } from '../collect/environment-names.js';
import { collectSnapshot } from '../collect/index.js';
import { ALL_COLLECTORS } from '../collect/registry.js';
import { specRegions } from '../engine/spec-regions.js';
import { CredentialsError } from '../errors.js';
import { serializeSnapshot } from '../graph/snapshot.js';
import { renderJson } from '../report/json.js';
import { SEVERITY_RANK } from '../report/model.js';
import type { Collector } from '../collect/types.js';
import type { LoadedSpec } from '../engine/spec.js';
import type { LoadedRule, Severity } from '../engine/types.js';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { coverageOf, nothingRead, plannedCells } from './coverage.js';
import { RUN_MANIFEST } from '../multi/load.js';
import type { ManifestAccount as AccountRun, RunManifest } from '../multi/types.js';
import { replaceFile, writeAccountFiles } from './output-dir.js';
import type { AccountTarget, SkippedAccount } from './targets.js';
import { join } from 'node:path';

export const DEFAULT_MAX_ACCOUNTS_IN_FLIGHT = 8;

/** Why an account has no (or no complete) report: run.json's `error.kind`. */
export type AccountErrorKind = 'assume-role' | 'credentials' | 'identity' | 'wrong-account' | 'deadline' | 'output' | 'internal';

export interface AccountsRunRequest {
  targets: AccountTarget[];
  skipped?: SkippedAccount[];
  /** Every account this run (or shard) is responsible for; default: the targets'. */
  expectedAccounts?: string[];
  shard?: { index: number; count: number } | null;
  /** Prepared by prepareOutputDir: `<outDir>/<id>/snapshot.json|report.json` and `<outDir>/run.json`. */
  outDir: string;
  /** The spec each target is audited against (loaded before any account is read). */
  specOf: (target: AccountTarget) => LoadedSpec;
  rules: LoadedRule[];
  filter?: ResultFilter;
  /** Shared by every account's ClientFactory: endpoint, timeouts, buckets; `credentials` are the base ones. */
  clientOptions?: ClientOptions;
  collectors?: readonly Collector[];
  maxAccountsInFlight?: number;
  /** Each account's deadline (its reads, then its gaps), as `scan --timeout`. */
  accountTimeoutMs: number;
  /** The whole run's: accounts still running then are cut off; ones not started are errors. */
  runTimeoutMs: number;
  /** Interruption (SIGINT): stops the run like its deadline. */
  signal?: AbortSignal;
  /** Called as each account finishes (progress). */
  onAccount?: (account: AccountRun, done: number, total: number) => void;
  /** The directory report paths are relative to. */
  baseDir?: string;
}

export async function runAccounts(req: AccountsRunRequest): Promise<RunManifest> {
  const collectors = req.collectors ?? ALL_COLLECTORS;
  const cap = req.maxAccountsInFlight ?? DEFAULT_MAX_ACCOUNTS_IN_FLIGHT;
  if (!Number.isInteger(cap) || cap < 1) throw new RangeError(`max accounts in flight must be a whole number of at least 1 (got ${cap})`);
  const base = baseCredentials(req.clientOptions);
  await checkBaseCredentials(req.targets, base);
  const run = startDeadline(req.runTimeoutMs);
  const runSignal = req.signal ? AbortSignal.any([run.signal, req.signal]) : run.signal;
  setMaxListeners(0, runSignal);
  const limit = pLimit(cap);
  let done = 0;
  try {
    const accounts = await Promise.all(
      req.targets.map((target) =>
        limit(async () => {
          const result = runSignal.aborted
            ? failed(target, collectors, req.specOf(target), 'deadline', "not started before the run's deadline")
            : await auditAccount(target, req, collectors, base, runSignal);
          req.onAccount?.(result, ++done, req.targets.length);
          return result;
        }),
      ),
    );
    const manifest: RunManifest = {
      expectedAccounts: req.expectedAccounts ?? req.targets.map((t) => t.id),
      shard: req.shard ?? null,
      accounts,
      ...(req.skipped?.length && { skipped: req.skipped.map((s) => ({ accountId: s.id, ...(s.name && { name: s.name }), reason: s.reason })) }),
    };
    await replaceFile(join(req.outDir, RUN_MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    return manifest;
  } finally {
    run.clear();
  }
}

/** One account, start to finish; never throws: whatever goes wrong is this account's error. */
async function auditAccount(target: AccountTarget, req: AccountsRunRequest, collectors: readonly Collector[], base: BaseCredentials, runSignal: AbortSignal): Promise<AccountRun> {
  const spec = req.specOf(target);
  const regions = regionsOf(target, spec);
  const planned = plannedCells(collectors, regions);
  const deadline = startDeadline(req.accountTimeoutMs);
  const signal = AbortSignal.any([deadline.signal, runSignal]);
  setMaxListeners(0, signal);
  const clients = new ClientFactory({
    ...req.clientOptions, signal,
    credentials: base.of(target.profile),
    ...(target.roleArn && { roleArn: target.roleArn }),
    ...(target.externalId && { externalId: target.externalId }),
  });
  const fail = (kind: AccountErrorKind, message: string) => failed(target, collectors, spec, kind, message, planned);
  try {
    // The role first, alone: an account that cannot be assumed is said so, not as a failed identity read.
    try {
      await untilAborted(clients.resolveCredentials(), signal);
    } catch (err) {
      if (signal.aborted) return fail('deadline', `the account's credentials were not ready before the deadline (${describe(err)})`);
      return fail(target.roleArn ? 'assume-role' : 'credentials', target.roleArn ? `cannot assume ${target.roleArn}: ${describe(err)}` : `no credentials for the account: ${describe(err)}`);
    }
    let snapshot;
    try {
      snapshot = await collectSnapshot({ regions, clients, options: { keepEnvironmentValues: nonSecretEnvironmentNames(spec) }, signal, collectors: [...collectors] });
    } catch (err) {
      return fail(signal.aborted ? 'deadline' : 'identity', describe(err));
    }
    // Credentials that reach another account would file its findings under this one.
    if (snapshot.meta.account !== target.id) {
      return fail('wrong-account', `the credentials for ${target.id} are account ${snapshot.meta.account}'s (${target.roleArn ?? target.profile ?? 'base credentials'}); nothing of it is reported`);
    }
    const outcome = audit({ snapshot, spec, rules: req.rules, ...(req.filter && { filter: req.filter }), snapshotName: 'this scan' });
    const report = outcome.report;
    try {
      await writeAccountFiles(req.outDir, target.id, [
        { name: 'snapshot.json', content: serializeSnapshot(snapshot) },
        { name: 'report.json', content: renderJson({ report, rules: outcome.rules, spec, baseDir: req.baseDir ?? '.', color: false }) },
      ]);
    } catch (err) {
      return fail('output', `the account's files could not be written: ${describe(err)}`);
    }
    return {
      accountId: target.id, ...(target.name && { name: target.name }),
      status: report.complete ? 'complete' : 'incomplete',
      coverage: coverageOf(planned, snapshot.gaps),
      failures: failuresBySeverity(report.results),
    };
  } catch (err) {
    return fail('internal', describe(err));
  } finally {
    deadline.clear();
    clients.destroy();
  }
}

function failed(target: AccountTarget, collectors: readonly Collector[], spec: LoadedSpec, kind: AccountErrorKind, message: string, planned?: ReturnType<typeof plannedCells>): AccountRun {
  const cells = planned ?? plannedCells(collectors, regionsOf(target, spec));
  return { accountId: target.id, ...(target.name && { name: target.name }), status: 'error', error: { kind, message }, coverage: nothingRead(cells) };
}

/** The account's own regions, else every region the spec's architecture runs in (as `scan` reads them). */
const regionsOf = (target: AccountTarget, spec: LoadedSpec): string[] => (target.regions?.length ? [...new Set(target.regions)] : specRegions(spec.value));

function failuresBySeverity(results: readonly { status: string; severity: Severity; suppression?: unknown }[]): Partial<Record<Severity, number>> {
  const out: Partial<Record<Severity, number>> = {};
  for (const r of results) if (r.status === 'fail' && !r.suppression) out[r.severity] = (out[r.severity] ?? 0) + 1;
  return out;
}

/** Whether any account has an unsuppressed failure at `failOn` or worse. */
export function anyFailureAtOrAbove(accounts: readonly AccountRun[], failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  const threshold = SEVERITY_RANK[failOn];
  return accounts.some((a) => Object.entries(a.failures ?? {}).some(([sev, n]) => n && SEVERITY_RANK[sev as Severity] <= threshold));
}

interface BaseCredentials { of(profile?: string): AwsCredentialIdentityProvider | undefined }

/** The credentials each account starts from: the injected ones (tests), else one shared chain per profile. */
function baseCredentials(options: ClientOptions = {}): BaseCredentials {
  const injected = options.credentials;
  const chains = new Map<string, AwsCredentialIdentityProvider>();
  return {
    of(profile) {
      if (injected) return typeof injected === 'function' ? injected : async () => injected;
      const key = profile ?? '';
      let chain = chains.get(key);
      if (!chain) chains.set(key, (chain = chainCredentials(profile)));
      return chain;
    },
  };
}

/** No base credentials at all is the operator's to fix (exit 2), before any account is tried. */
async function checkBaseCredentials(targets: readonly AccountTarget[], base: BaseCredentials): Promise<void> {
  if (!targets.some((t) => !t.profile)) return;
  try {
    await base.of(undefined)!();
  } catch (err) {
    throw new CredentialsError(`no AWS credentials to reach the accounts with (the default credential chain: AWS_PROFILE, environment, ~/.aws, SSO, instance role): ${describe(err)}`);
  }
}

function untilAborted<T>(task: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? new DeadlineExceededError('aborted'));
    signal.addEventListener('abort', onAbort, { once: true });
    task.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function describe(err: unknown): string {
  const e = err as { name?: string; message?: string } | undefined;
  const message = (e?.message ?? String(err)).split('\n')[0]!.slice(0, 500);
  return e?.name && e.name !== 'Error' && !message.startsWith(e.name) ? `${e.name}: ${message}` : message;
}
