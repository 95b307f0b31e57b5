// The drift between two loaded snapshots: resources and relations, and with a spec and rules the findings.
// Findings come from the engine directly (not from audit()), so the library pipeline can use this module.
import { evaluateRules } from '../engine/evaluate.js';
import type { LoadedSpec } from '../engine/spec.js';
import type { LoadedRule } from '../engine/types.js';
import type { Snapshot } from '../graph/types.js';
import { TOOL } from '../version.js';
import { diffFindings, findingsChanged } from './findings-diff.js';
import { diffGraphs, graphChanged } from './graph-diff.js';
import type { DiffReport, SnapshotInfo } from './render.js';

export interface AuditWith { spec: LoadedSpec; rules: LoadedRule[] }
export interface NamedSnapshot { file: string; snapshot: Snapshot }

export function diffSnapshots(old: NamedSnapshot, now: NamedSnapshot, audited?: AuditWith): DiffReport {
  const graph = diffGraphs(old.snapshot, now.snapshot);
  let findings: DiffReport['findings'] = null;
  if (audited) {
    // Only the spec and rules are shared: a caller's object may carry a snapshot of its own, which must
    // not stand in for the one being audited (check --previous once compared a snapshot with itself).
    const run = (snapshot: Snapshot) => evaluateRules({ snapshot, spec: audited.spec.value, rules: audited.rules.map((l) => l.rule) });
    findings = { spec: audited.spec.file, ...diffFindings(run(old.snapshot), run(now.snapshot)) };
  }
  return {
    tool: TOOL,
    old: infoOf(old.file, old.snapshot),
    new: infoOf(now.file, now.snapshot),
    graph,
    findings,
    changed: graphChanged(graph) || (findings !== null && findingsChanged(findings)),
    complete: !old.snapshot.gaps.length && !now.snapshot.gaps.length && !graph.unread.length && (findings?.complete ?? true),
  };
}

function infoOf(file: string, s: Snapshot): SnapshotInfo {
  return { file, account: s.meta.account, regions: s.meta.regions, finishedAt: s.meta.finishedAt, gaps: s.gaps };
}
