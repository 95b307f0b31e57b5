// A finished run read back from its output directory as mergeRuns() takes it: run.json and the
// report.json of every account that has one (reports only: snapshots stay on disk).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditReport } from '../report/model.js';
import type { LoadedRun, RunManifest } from '../multi/types.js';
import { MANIFEST_FILE } from './manifest.js';

export async function loadRunDir(outDir: string, manifest?: RunManifest): Promise<LoadedRun> {
  const source = join(outDir, MANIFEST_FILE);
  const m = manifest ?? (JSON.parse(await readFile(source, 'utf8')) as RunManifest);
  const reports = new Map<string, AuditReport>();
  for (const a of m.accounts) {
    if (a.status === 'error') continue;
    reports.set(a.accountId, JSON.parse(await readFile(join(outDir, a.accountId, 'report.json'), 'utf8')) as AuditReport);
  }
  return { source, manifest: m, reports };
}
