// One account a multi-account run audits, however it was named (an accounts file or the organization),
// and how the runner reaches it.

export interface AccountTarget {
  /** 12 digits; the credentials the run gets must be this account's (checked, never assumed). */
  id: string;
  name?: string;
  /** The role assumed in the account; absent: the base credentials (or `profile`) read it directly. */
  roleArn?: string;
  externalId?: string;
  profile?: string;
  /** Regions to read; absent: the spec's region. */
  regions?: string[];
  /** A spec reference as `--spec` takes it (a file path resolved already, or a bundled name). */
  spec?: string;
  /** Where this target came from, for messages (`accounts.json /accounts/3`, `organization`). */
  origin: string;
}

/** An account that was named but is not audited, and why (a suspended member account, say). */
export interface SkippedAccount { id: string; name?: string; reason: string }
