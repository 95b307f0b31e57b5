// Drift since a previous snapshot, as part of an audit. The previous snapshot only adds context, so one
// that cannot be read (truncated, a newer schema, gone) must not stop the audit — a nightly job would
// otherwise never write the new baseline that fixes it. It becomes a warning and a note instead.
import { loadSnapshot } from '../graph/snapshot.js';
import { InputError } from '../errors.js';
import { diffSnapshots, type AuditWith, type NamedSnapshot } from './snapshots.js';
import { renderDiffMarkdownBody, type DiffReport } from './render.js';
import { markdownCell, markdownCode } from '../text/markdown.js';

export type Previous = NamedSnapshot | { file: string; unreadable: string };
export type Drift = { previous: string; diff: DiffReport } | { previous: string; unreadable: string };

/** Reads a previous snapshot; `file` is the name shown to the user, `path` where it is read. */
export async function loadPrevious(path: string, file: string = path): Promise<Previous> {
  try {
    return { file, snapshot: await loadSnapshot(path) };
  } catch (err) {
    const reason = unreadableReason(err);
    if (reason === undefined) throw err;
    return { file, unreadable: reason };
  }
}

export function driftSince(previous: Previous, now: NamedSnapshot, audited: AuditWith): Drift {
  if ('snapshot' in previous) return { previous: previous.file, diff: diffSnapshots(previous, now, audited) };
  return { previous: previous.file, unreadable: previous.unreadable };
}

export function driftWarning(drift: Drift): string | undefined {
  return 'unreadable' in drift ? `cannot compare with the previous snapshot: ${drift.unreadable}; the audit goes on without drift` : undefined;
}

/** The drift section of the Markdown summary: the comparison `infra-audit diff` makes, or why there is none. */
export function driftMarkdown(drift: Drift): { markdown: string } {
  if ('diff' in drift) return { markdown: renderDiffMarkdownBody(drift.diff) };
  return { markdown: `> [!WARNING]\n> The previous snapshot ${markdownCode(drift.previous)} could not be read, so there is no drift to show: ${markdownCell(drift.unreadable)}\n` };
}

/** Bad input or a file that cannot be opened: a reason to skip drift. Anything else is a bug and propagates. */
function unreadableReason(err: unknown): string | undefined {
  if (err instanceof InputError) return err.format();
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && typeof e.path === 'string') return `${e.path}: ${e.message.replace(/^[A-Z]+: /, '')}`;
  return undefined;
}
