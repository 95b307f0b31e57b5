// Typed errors, mapped to exit codes and messages in exactly one place (src/cli/main.ts).

export const EXIT = { ok: 0, findings: 1, invalid: 2, incomplete: 3, internal: 70 } as const;

export interface InputLocation { file: string; line?: number; column?: number; pointer?: string }

/** A file the user gave us is wrong: say where, exit 2, no stack trace. */
export class InputError extends Error {
  override name = 'InputError';
  constructor(message: string, readonly location: InputLocation) {
    super(message);
  }

  /** `file:line:column: message (at /pointer)` — the form editors and CI logs link. */
  format(): string {
    const { file, line, column, pointer } = this.location;
    const where = line ? `${file}:${line}:${column ?? 1}` : file;
    const at = pointer !== undefined ? ` (at ${pointer === '' ? '/' : pointer})` : '';
    return `${where}: ${this.message}${at}`;
  }
}

/** The command line itself is wrong (unknown rule id, conflicting flags): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** The account could not be identified for another reason (network, a broken endpoint): exit 3. */
export class CollectionError extends Error {
  override name = 'CollectionError';
}

/**
 * No usable credentials before anything was read (none found, an unknown profile, an expired SSO
 * session, keys AWS rejects): the command cannot run as given, so exit 2 with what to do — not
 * "incomplete", which is for reads that failed once the audit had started.
 */
export class CredentialsError extends UsageError {
  override name = 'CredentialsError';
}
