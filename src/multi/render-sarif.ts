// SARIF of a merged multi-account report: ONE RUN PER ACCOUNT, each under its own category
// (automationDetails.id `infra-audit/<accountId>/<run>`). GitHub closes the alerts of a category that
// an upload no longer reports, and rejects one upload with two runs of one category, so a category per
// account is what keeps one account's upload from closing another's alerts. Fingerprints already
// include the account (src/report/sarif.ts).
//
// An account that was not audited (error, missing) or audited incompletely gets NO run: a run without
// its failures would close them. Its alerts stay as they were until a complete audit of it is uploaded.
// GitHub accepts at most 20 runs per upload, so the runs are also offered in chunks of that size.
import { sarifDocument, sarifRun } from '../report/sarif.js';
import type { LoadedRule } from '../engine/types.js';
import type { LoadedSpec } from '../engine/spec.js';
import type { AuditReport } from '../report/model.js';
import type { ReportCitations } from '../report/sarif-citations.js';
import type { MultiAccount, MultiReport } from './types.js';

/** GitHub code scanning's hard limit on runs in one SARIF upload. */
export const MAX_RUNS_PER_UPLOAD = 20;

export interface MultiSarifContext {
  rules: ReadonlyMap<string, LoadedRule>;
  /** The spec an account was audited against, to anchor its findings to lines of it. */
  specOf: (account: MultiAccount) => LoadedSpec;
  baseDir: string;
  /** Write runs for incompletely audited accounts too (their missing findings would close alerts). */
  allowIncomplete?: boolean;
  /** The spec's quotes of its document, found (loaded beforehand: rendering reads no file); absent: findings stay on spec lines. */
  citationsOf?: (spec: LoadedSpec) => ReportCitations | undefined;
}

export interface MultiSarif {
  /** One run per account that has one, in account order. */
  runs: unknown[];
  /** Accounts without a run, and why. */
  omitted: { account: string; why: string }[];
}

export function multiSarifRuns(report: MultiReport, ctx: MultiSarifContext): MultiSarif {
  const runs: unknown[] = [];
  const omitted: MultiSarif['omitted'] = [];
  for (const account of report.accounts) {
    const why = omission(account, ctx.allowIncomplete === true);
    if (why) {
      omitted.push({ account: account.accountId, why });
      continue;
    }
    const spec = ctx.specOf(account);
    const citations = ctx.citationsOf?.(spec);
    runs.push(sarifRun({
      report: accountReport(report, account),
      rules: ctx.rules,
      spec,
      baseDir: ctx.baseDir,
      color: false,
      category: `infra-audit/${account.accountId}`,
      ...(citations && { citations }),
    }));
  }
  return { runs, omitted };
}

/** The SARIF documents to upload: every run in one, or chunks of at most MAX_RUNS_PER_UPLOAD. */
export function sarifDocuments(runs: readonly unknown[], perDocument = Infinity): string[] {
  if (!runs.length) return [sarifDocument([])];
  const out: string[] = [];
  for (let i = 0; i < runs.length; i += Math.min(perDocument, runs.length)) out.push(sarifDocument(runs.slice(i, i + perDocument)));
  return out;
}

/** The accounts that get a run. */
export function accountsWithRuns(report: MultiReport, allowIncomplete: boolean): MultiAccount[] {
  return report.accounts.filter((a) => !omission(a, allowIncomplete));
}

function omission(account: MultiAccount, allowIncomplete: boolean): string | undefined {
  if (account.verdict === 'missing') return 'in no merged run';
  if (account.verdict === 'error') return `not audited${account.error ? ` (${account.error.kind}: ${account.error.message})` : ''}`;
  if (account.verdict === 'incomplete' && !allowIncomplete) return 'audited incompletely; pass --allow-incomplete to write its run anyway';
  return undefined;
}

/** The single-account report the account's run is rendered from: its findings are its fails and errors. */
function accountReport(report: MultiReport, account: MultiAccount): AuditReport {
  return {
    tool: report.tool,
    account: account.accountId,
    regions: account.regions,
    snapshot: account.snapshot!,
    spec: account.spec!,
    complete: account.verdict === 'pass' || account.verdict === 'fail',
    gaps: account.gaps,
    summary: account.summary,
    results: account.findings.map(({ account: _account, ...result }) => result),
    warnings: [],
  };
}
