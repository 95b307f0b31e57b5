// `--previous`: an earlier snapshot for the drift section. It only adds context, so a previous snapshot
// that cannot be read (truncated, a newer schema, gone) must not stop the audit — a nightly job would
// otherwise never write the new baseline that fixes it. It becomes a warning and a note instead.
import { resolve } from 'node:path';
import { loadSnapshot } from '../graph/snapshot.js';
import { InputError } from '../errors.js';
import { driftMarkdown } from './check.js';
import type { AuditWith } from './diff.js';
import type { Snapshot } from '../graph/types.js';
import type { CliIO } from './io.js';

export type Previous = { file: string; snapshot: Snapshot } | { file: string; unreadable: string };

export async function loadPrevious(file: string, io: CliIO): Promise<Previous> {
  try {
    return { file, snapshot: await loadSnapshot(resolve(io.cwd, file)) };
  } catch (err) {
    const reason = unreadableReason(err);
    if (reason === undefined) throw err;
    io.stderr.write(`infra-audit: warning: cannot compare with the previous snapshot: ${reason}; the audit goes on without drift\n`);
    return { file, unreadable: reason };
  }
}

/** The drift section: the comparison `infra-audit diff` makes, or a note saying why there is none. */
export function driftSection(previous: Previous, now: { file: string; snapshot: Snapshot }, audited: AuditWith): { markdown: string } {
  if ('snapshot' in previous) return driftMarkdown(previous, now, audited);
  return { markdown: `> [!WARNING]\n> The previous snapshot \`${previous.file}\` could not be read, so there is no drift to show: ${previous.unreadable}\n` };
}

/** Bad input or a file that cannot be opened: a reason to skip drift. Anything else is a bug and propagates. */
function unreadableReason(err: unknown): string | undefined {
  if (err instanceof InputError) return err.format();
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && typeof e.path === 'string') return `${e.path}: ${e.message.replace(/^[A-Z]+: /, '')}`;
  return undefined;
}
