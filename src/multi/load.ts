// Reads what `scan --accounts` wrote into an output directory (run.json and <accountId>/report.json)
// for `infra-audit merge`. Every file is validated against its schema, so a bad one is an input error
// with file, line, column and pointer (exit 2), never a half-merged report.
import { join } from 'node:path';
import { InputError } from '../errors.js';
import { readJson } from '../input/json-source.js';
import { readBoundedText, SIZE_LIMITS } from '../input/read-bounded.js';
import { assertValid } from '../input/schemas.js';
import type { AuditReport } from '../report/model.js';
import type { LoadedRun, RunManifest } from './types.js';

export const RUN_MANIFEST = 'run.json';
export const ACCOUNT_REPORT = 'report.json';

/** One output directory: `dir` as the user named it (messages name files under it). */
export async function loadRunDir(dir: string, absDir: string): Promise<LoadedRun> {
  const manifestFile = join(dir, RUN_MANIFEST);
  const source = await readJson(join(absDir, RUN_MANIFEST)).catch((err: unknown) => {
    throw noFile(err, manifestFile, `not a multi-account output directory: ${manifestFile} cannot be read`);
  });
  const located = { file: manifestFile, value: source.value, error: (p: string, m: string) => relabel(source.error(p, m), manifestFile) };
  assertValid('runManifest', located);
  const manifest = source.value as RunManifest;
  const seen = new Map<string, number>();
  manifest.accounts.forEach((a, i) => {
    const first = seen.get(a.accountId);
    if (first !== undefined) throw located.error(`/accounts/${i}/accountId`, `account ${a.accountId} is listed twice (also at /accounts/${first})`);
    seen.set(a.accountId, i);
  });
  const reports = new Map<string, AuditReport>();
  // One at a time: memory holds one parsed report beyond what is kept, however many accounts.
  for (const [i, a] of manifest.accounts.entries()) {
    if (a.status === 'error') continue;
    const file = join(dir, a.accountId, ACCOUNT_REPORT);
    const report = await readJson(join(absDir, a.accountId, ACCOUNT_REPORT)).catch((err: unknown) => {
      throw noFile(err, file, `${manifestFile} says account ${a.accountId} was audited (at /accounts/${i}/status) but ${file} cannot be read`);
    });
    const reportLocated = { file, value: report.value, error: (p: string, m: string) => relabel(report.error(p, m), file) };
    assertValid('report', reportLocated);
    const value = report.value as AuditReport;
    if (value.account !== a.accountId) throw reportLocated.error('/account', `is ${value.account}, but ${manifestFile} files this report under account ${a.accountId}`);
    reports.set(a.accountId, value);
  }
  return { source: manifestFile, manifest, reports };
}

/**
 * `--expect-accounts FILE`: the accounts the merged report must cover, one 12-digit id per line
 * (blank lines and `#` comments allowed), e.g. from `aws organizations list-accounts`.
 */
export async function loadExpectedAccounts(file: string, absFile: string): Promise<string[]> {
  const text = await readBoundedText(absFile, SIZE_LIMITS.document);
  const ids: string[] = [];
  text.split(/\r?\n|\r/).forEach((line, i) => {
    const id = line.replace(/#.*/, '').trim();
    if (!id) return;
    if (!/^\d{12}$/.test(id)) throw new InputError(`expected a 12-digit AWS account id, got ${JSON.stringify(id.slice(0, 40))}`, { file, line: i + 1, column: line.indexOf(id) + 1 });
    ids.push(id);
  });
  return ids;
}

/** Messages name the file as the user gave it, not the absolute path we opened. */
function relabel(err: InputError, file: string): InputError {
  return new InputError(err.message, { ...err.location, file });
}

function noFile(err: unknown, file: string, message: string): unknown {
  // Unreadable (absent, a directory, ...): say what it should have been. A parse error keeps its position.
  if (err instanceof InputError && !err.location.line) return new InputError(`${message} (${err.message})`, { file });
  if (err instanceof InputError) return relabel(err, file);
  const code = (err as NodeJS.ErrnoException)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' ? new InputError(message, { file }) : err;
}
