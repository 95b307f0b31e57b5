// The library API. The CLI (src/cli) is a thin layer over these: audit() returns the finished report.
export { main } from './cli/main.js';
export type { CliIO } from './cli/io.js';
export { audit, loadCheckInputs, type AuditInput, type AuditOutcome, type ResultFilter } from './audit.js';
export { loadSuppressions } from './suppress/load.js';
export { loadPrevious, driftMarkdown, type Drift, type Previous } from './diff/drift.js';
export { diffSnapshots, type AuditWith } from './diff/snapshots.js';
export type { DiffReport } from './diff/render.js';
export { evaluateRules } from './engine/evaluate.js';
export { loadRules, loadRuleFile } from './engine/load-rules.js';
export { loadSpec, type LoadedSpec } from './engine/spec.js';
export { initSpec, type InitOptions, type InitResult } from './engine/spec-init.js';
export { loadSnapshot, serializeSnapshot } from './graph/snapshot.js';
export { saveSnapshot, type SaveOptions } from './output/save-snapshot.js';
export { Graph } from './graph/graph.js';
export { RESOURCE_TYPES, type ResourceType, type PropsByType } from './graph/resource-types.js';
export { EDGE_TYPES, type EdgeType } from './graph/edge-types.js';
export type { Snapshot, GraphNode, GraphEdge, Gap } from './graph/types.js';
export type { Rule, RuleResult, Severity, Status } from './engine/types.js';
export type { AuditReport, ReportContext } from './report/model.js';
export { EXIT, InputError, UsageError } from './errors.js';
export type { AccountTarget, SkippedAccount } from './accounts/targets.js';
export type { ManifestAccount as AccountRun, RunManifest, AccountStatus } from './multi/types.js';
export type { AccountsRunRequest } from './accounts/run.js';
export type { CoverageCell, CoverageState } from './accounts/coverage.js';

/** Audits many accounts in parallel (src/accounts/run.ts); loaded on first use, so importing the library loads no AWS SDK. */
export async function runAccounts(req: import('./accounts/run.js').AccountsRunRequest): Promise<import('./multi/types.js').RunManifest> {
  return (await import('./accounts/run.js')).runAccounts(req);
}
export const loadAccountsFile = async (file: string) => (await import('./accounts/accounts-file.js')).loadAccountsFile(file);
export const prepareOutputDir = async (dir: string, opts?: { force?: boolean }) => (await import('./accounts/output-dir.js')).prepareOutputDir(dir, opts);
