// Shared by the suppression tests: write a suppressions file, build results to suppress.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReportedResult } from '../../src/report/model.js';
import type { Status } from '../../src/engine/types.js';

export const DB_ARN = 'arn:aws:rds:us-east-1:123456789012:db:shopflow-db';

export interface EntryInput { rule?: string; resource?: string; reason?: string; owner?: string; expires?: string; [k: string]: unknown }

export const entry = (e: EntryInput = {}) => ({
  rule: 'rds-writer-multi-az', resource: DB_ARN, reason: 'Multi-AZ cut-over booked for the December window', owner: 'platform-team', expires: '2026-11-24', ...e,
});

let dir: string | undefined;
export async function tempDir(): Promise<string> {
  return (dir ??= await mkdtemp(join(tmpdir(), 'infra-audit-suppress-')));
}

/** Writes `content` (an object is pretty-printed, a string written as is) and returns the path. */
export async function writeTemp(name: string, content: unknown): Promise<string> {
  const file = join(await tempDir(), name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  return file;
}

export function result(over: Partial<ReportedResult> & { status?: Status } = {}): ReportedResult {
  return {
    ruleId: 'rds-writer-multi-az', status: 'fail', severity: 'high', claims: ['C38'],
    resource: { id: DB_ARN, type: 'rds.db-instance', region: 'us-east-1', name: 'shopflow-db' },
    subject: { kind: 'resource' },
    message: 'shopflow-db: multiAz is false, the architecture requires true',
    ...over,
  };
}

/** The 1-based line on which `needle` first occurs in `text`. */
export const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;
