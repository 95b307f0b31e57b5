// Reports built from real inputs: the example snapshots, the shipped spec, the shipped rules (whatever
// exists today) plus three fixture rules that pin down cases the shipped rules may not produce yet:
// a literal expectation (anchored to its rule file), an ElastiCache read (errors on the partial
// example) and a rule the spec does not require (skips).
import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { audit } from '../../src/audit.js';
import { loadRuleFile, loadRules } from '../../src/engine/load-rules.js';
import { loadSpec } from '../../src/engine/spec.js';
import { loadSnapshot } from '../../src/graph/snapshot.js';
import { packagePath, PACKAGE_ROOT } from '../../src/input/package-root.js';
import { summarize, type ReportContext, type ReportedResult, type Suppression } from '../../src/report/model.js';
import type { LoadedRule } from '../../src/engine/types.js';
import type { Snapshot } from '../../src/graph/types.js';

export type Example = 'drifted' | 'compliant' | 'partial';

export const SPEC_FILE = packagePath('spec.shopflow.json');
export const FIXTURE_RULES_DIR = packagePath('test/report/fixtures/rules');
export const TASK_DEFINITION_RULE = 'fixture-task-definition-small';
export const REDIS_RULE = 'fixture-redis-encrypted';

export const loadExample = (name: Example): Promise<Snapshot> => loadSnapshot(packagePath('examples', `shopflow-${name}.snapshot.json`));

let rulesPromise: Promise<LoadedRule[]> | undefined;
async function allRules(): Promise<LoadedRule[]> {
  rulesPromise ??= (async () => {
    const fixtures = (await readdir(FIXTURE_RULES_DIR)).filter((f) => f.endsWith('.json')).sort();
    const loaded = await Promise.all(fixtures.map((f) => loadRuleFile(join(FIXTURE_RULES_DIR, f))));
    return [...(await loadRules()), ...loaded.map(({ source: _source, ...rest }) => rest)];
  })();
  return rulesPromise;
}

/** The report context `check` would build for this snapshot, with the repository root as baseDir. */
export async function contextFor(snapshot: Snapshot, extra: Partial<ReportContext> = {}): Promise<ReportContext> {
  const [spec, rules] = await Promise.all([loadSpec(SPEC_FILE), allRules()]);
  const outcome = audit({ snapshot, spec, rules });
  return { report: outcome.report, rules: outcome.rules, spec: outcome.spec, baseDir: PACKAGE_ROOT, color: false, ...extra };
}

export const exampleContext = async (name: Example, extra: Partial<ReportContext> = {}) => contextFor(await loadExample(name), extra);

/** What a suppression file would do: mark the matching failures and recount. */
export function suppress(ctx: ReportContext, match: (r: ReportedResult) => boolean, suppression: Omit<Suppression, 'resource'>): ReportedResult[] {
  const hit = ctx.report.results.filter((r) => r.status === 'fail' && match(r));
  for (const r of hit) r.suppression = { ...suppression, resource: r.resource.id };
  ctx.report.summary = summarize(ctx.report.results);
  return hit;
}

/** A copy of the snapshot with one node's props changed. */
export function withProps(snapshot: Snapshot, nodeId: string, props: Record<string, unknown>): Snapshot {
  const copy = structuredClone(snapshot);
  const node = copy.nodes.find((n) => n.id === nodeId);
  if (!node) throw new Error(`no node ${nodeId} in the snapshot`);
  Object.assign(node.props, props);
  return copy;
}

/** A copy of the snapshot where every id (nodes, edges) containing `from` uses `to` instead: a new deploy. */
export function renamed(snapshot: Snapshot, from: string, to: string): Snapshot {
  return JSON.parse(JSON.stringify(snapshot).split(from).join(to)) as Snapshot;
}

/** 1-based line of the first line of `file` (relative to the repository root) that contains `needle`. */
export function lineContaining(file: string, needle: string | RegExp, after = 0): number {
  const lines = readFileSync(packagePath(file), 'utf8').split('\n');
  const index = lines.findIndex((line, i) => i >= after && (typeof needle === 'string' ? line.includes(needle) : needle.test(line)));
  if (index < 0) throw new Error(`${file} has no line with ${String(needle)}`);
  return index + 1;
}
