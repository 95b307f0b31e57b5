// Multi-account runs made from real single-account reports (the bundled ShopFlow examples), relabelled
// to other account ids, so merge tests see the results an audit really produces.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exampleContext, type Example } from '../report/report-fixtures.js';
import type { AuditReport } from '../../src/report/model.js';
import type { Coverage, LoadedRun, ManifestAccount, RunManifest } from '../../src/multi/types.js';

const cache = new Map<Example, Promise<AuditReport>>();
/**
 * The example's report. The compliant account keeps its one finding, the cost rule's info note (its
 * estimate is above the document's cost table): an info note is no drift, so its verdict is pass.
 */
const exampleReport = (name: Example) => {
  let p = cache.get(name);
  if (!p) {
    p = exampleContext(name).then((c) => c.report);
    cache.set(name, p);
  }
  return p;
};

/** The example's report as if account `accountId` had been audited (every mention of the account replaced). */
export async function reportFor(accountId: string, example: Example): Promise<AuditReport> {
  const report = await exampleReport(example);
  return JSON.parse(JSON.stringify(report).split(report.account).join(accountId)) as AuditReport;
}

export const accountIds = (n: number) => Array.from({ length: n }, (_v, i) => String(100000000000 + i * 1009));

export const coverageOf = (state: Coverage['state'] = 'read'): Coverage[] => [
  { region: 'eu-west-1', service: 'ecs', state: 'read' },
  { region: 'eu-west-1', service: 'rds', state },
  { region: 'global', service: 'cloudfront', state: 'read' },
];

export type Plan = Record<string, Example | 'error'>;

/** One run over `plan`'s accounts: `error` ones get no report, the partial example is `incomplete`. */
export async function runOf(plan: Plan, opts: { source?: string; expected?: string[]; shard?: RunManifest['shard'] } = {}): Promise<LoadedRun> {
  const reports = new Map<string, AuditReport>();
  const accounts: ManifestAccount[] = [];
  for (const [accountId, what] of Object.entries(plan)) {
    if (what === 'error') {
      accounts.push({ accountId, status: 'error', error: { kind: 'assume-role', message: `AccessDenied assuming arn:aws:iam::${accountId}:role/audit` }, coverage: [] });
      continue;
    }
    reports.set(accountId, await reportFor(accountId, what));
    accounts.push({ accountId, name: `team-${accountId.slice(-4)}`, status: what === 'partial' ? 'incomplete' : 'complete', coverage: coverageOf(what === 'partial' ? 'failed' : 'read') });
  }
  return {
    source: opts.source ?? 'out/run.json',
    manifest: { expectedAccounts: opts.expected ?? Object.keys(plan), shard: opts.shard ?? null, accounts },
    reports,
  };
}

/** Writes a run as `scan --accounts` lays it out: `<dir>/run.json` and `<dir>/<accountId>/report.json`. */
export function writeRunDir(dir: string, run: LoadedRun): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'run.json'), JSON.stringify(run.manifest, null, 2));
  for (const [id, report] of run.reports) {
    mkdirSync(join(dir, id), { recursive: true });
    writeFileSync(join(dir, id, 'report.json'), JSON.stringify({ $schema: 'https://infra-audit.dev/schemas/report.schema.json', ...report }, null, 2));
  }
}
