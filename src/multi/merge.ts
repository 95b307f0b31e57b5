// mergeRuns(): one report with an account dimension from one or more runs (one `scan --accounts`, or
// the N shards of one). Fail closed: an account that errored, was audited incompletely, or was
// expected but is in no run makes the whole merged report incomplete, and is listed, never dropped.
import { InputError } from '../errors.js';
import { byCodeUnits } from '../text/order.js';
import { TOOL } from '../version.js';
import { driftCount, type AuditReport } from '../report/model.js';
import type { Counts, CoverageCell, LoadedRun, ManifestAccount, MultiAccount, MultiReport, Verdict } from './types.js';

export interface MergeOptions {
  /** Accounts the caller expects (--expect-accounts), on top of those the manifests expect. */
  expectedAccounts?: readonly string[];
}

const VERDICTS: Verdict[] = ['pass', 'fail', 'incomplete', 'error', 'missing'];

export function mergeRuns(runs: readonly LoadedRun[], opts: MergeOptions = {}): MultiReport {
  const found = new Map<string, { run: LoadedRun; entry: ManifestAccount }>();
  for (const run of runs) {
    for (const entry of run.manifest.accounts) {
      const twin = found.get(entry.accountId);
      if (twin) {
        const where = twin.run === run ? `twice in ${run.source}` : `in both ${twin.run.source} and ${run.source}`;
        throw new InputError(`account ${entry.accountId} is ${where}: each account must be audited by exactly one run`, { file: run.source });
      }
      found.set(entry.accountId, { run, entry });
    }
  }
  const expected = unique([...runs.flatMap((r) => r.manifest.expectedAccounts), ...(opts.expectedAccounts ?? [])]);
  const missingAccounts = expected.filter((id) => !found.has(id));
  const shards = shardsOf(runs);

  const accounts: MultiAccount[] = [
    ...[...found.values()].map(({ run, entry }) => accountOf(entry, run)),
    ...missingAccounts.map(missingAccount),
  ].sort((a, b) => byCodeUnits(a.accountId, b.accountId));

  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  const results = zeroCounts();
  for (const a of accounts) {
    verdicts[a.verdict]++;
    for (const k of Object.keys(results) as (keyof Counts)[]) results[k] += a.summary[k];
  }
  const coverage: CoverageCell[] = [...found.values()]
    .flatMap(({ entry }) => entry.coverage.map((c) => ({ account: entry.accountId, region: c.region, service: c.service, state: c.state })))
    .sort((a, b) => byCodeUnits(a.account, b.account) || byCodeUnits(a.region, b.region) || byCodeUnits(a.service, b.service));
  const warnings = [
    ...(shards?.missing.length ? [`shard${shards.missing.length === 1 ? '' : 's'} ${shards.missing.map((i) => `${i}/${shards.count}`).join(', ')} not merged`] : []),
    ...accounts.flatMap((a) => (found.get(a.accountId)?.run.reports.get(a.accountId)?.warnings ?? []).map((w) => `account ${a.accountId}: ${w}`)),
  ];

  return {
    tool: { name: TOOL.name, version: TOOL.version },
    complete: accounts.every((a) => a.verdict === 'pass' || a.verdict === 'fail') && !shards?.missing.length,
    expectedAccounts: expected.sort(byCodeUnits),
    missingAccounts: missingAccounts.sort(byCodeUnits),
    shards,
    totals: { accounts: accounts.length, verdicts, results },
    accounts,
    coverage,
    warnings,
  };
}

function accountOf(entry: ManifestAccount, run: LoadedRun): MultiAccount {
  const report = run.reports.get(entry.accountId);
  const base = { accountId: entry.accountId, ...(entry.name !== undefined && { name: entry.name }), status: entry.status, ...(entry.error && { error: entry.error }) };
  if (entry.status === 'error' || !report) {
    if (entry.status !== 'error') throw new InputError(`account ${entry.accountId} is ${entry.status} but its report is missing`, { file: run.source });
    return { ...base, verdict: 'error', regions: [], summary: zeroCounts(), gaps: [], findings: [] };
  }
  if (report.account !== entry.accountId) throw new InputError(`the report of account ${entry.accountId} is about account ${report.account}`, { file: run.source });
  return {
    ...base,
    verdict: verdictOf(entry, report),
    regions: report.regions,
    spec: report.spec,
    snapshot: report.snapshot,
    summary: report.summary,
    gaps: report.gaps,
    findings: report.results.filter((r) => r.status === 'fail' || r.status === 'error').map((r) => ({ account: entry.accountId, ...r })),
  };
}

/** Incomplete unless both the run and the report say the audit was whole: either one failing is enough. */
function verdictOf(entry: ManifestAccount, report: AuditReport): Verdict {
  if (entry.status !== 'complete' || !report.complete) return 'incomplete';
  return driftCount(report.results) > 0 ? 'fail' : 'pass';
}

function missingAccount(accountId: string): MultiAccount {
  return { accountId, status: 'missing', verdict: 'missing', regions: [], summary: zeroCounts(), gaps: [], findings: [] };
}

/** Which of N shards were merged; manifests of one sharded run must agree on N and not repeat an index. */
function shardsOf(runs: readonly LoadedRun[]): MultiReport['shards'] {
  const sharded = runs.filter((r) => r.manifest.shard);
  if (!sharded.length) return null;
  const count = sharded[0]!.manifest.shard!.count;
  const seen = new Map<number, string>();
  for (const run of sharded) {
    const { index, count: n } = run.manifest.shard!;
    if (n !== count) throw new InputError(`shard ${index}/${n} cannot be merged with shards of ${count} (${sharded[0]!.source}): they split the accounts differently`, { file: run.source });
    const twin = seen.get(index);
    if (twin) throw new InputError(`shard ${index}/${count} is in both ${twin} and ${run.source}`, { file: run.source });
    seen.set(index, run.source);
  }
  const merged = [...seen.keys()].sort((a, b) => a - b);
  const missing = Array.from({ length: count }, (_v, i) => i + 1).filter((i) => !seen.has(i));
  return { count, merged, missing };
}

const zeroCounts = (): Counts => ({ pass: 0, fail: 0, skip: 0, error: 0, suppressed: 0 });
const unique = (xs: string[]) => [...new Set(xs)];
