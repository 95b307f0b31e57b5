// Applying suppressions to a report: a failure matched by an unexpired entry is marked (and still
// shown); expired and stale entries become warnings. Errors, passes and skips are never suppressed:
// an `error` means something could not be checked, and hiding that would hide the gap.
import { UsageError } from '../errors.js';
import type { ReportedResult } from '../report/model.js';
import { isCalendarDate, type LoadedEntry, type LoadedSuppressions } from './load.js';
import { resourceGlob, ruleGlob } from './glob.js';

export interface ApplyOptions {
  /** Warn about entries that match no result. Off when the report was filtered (--rule, --service, ...). */
  reportStale?: boolean;
}

export interface Applied { results: ReportedResult[]; warnings: string[] }

/** Entries apply THROUGH their expiry day: `today` (YYYY-MM-DD, UTC) <= `expires`. */
export const isExpired = (entry: { expires: string }, today: string) => today > entry.expires;

export function applySuppressions(results: ReportedResult[], loaded: LoadedSuppressions, today: string, opts: ApplyOptions = {}): Applied {
  const matchers = loaded.entries.map((entry) => ({ entry, matches: entryMatcher(entry) }));
  const matchedSomething = new Set<LoadedEntry>();
  const out = results.map((r) => {
    const hits = matchers.filter((m) => m.matches(r)).map((m) => m.entry);
    hits.forEach((e) => matchedSomething.add(e));
    if (r.status !== 'fail' || r.suppression) return r;
    // The first unexpired entry in file order wins.
    const by = hits.find((e) => !isExpired(e, today));
    return by ? { ...r, suppression: { reason: by.reason, owner: by.owner, expires: by.expires, resource: by.resource } } : r;
  });

  const warnings: string[] = [];
  for (const e of loaded.entries) {
    const at = `${loaded.label}:${e.line}: entry for ${e.rule} / ${e.resource}`;
    if (isExpired(e, today)) warnings.push(`${at} expired on ${e.expires} (owner ${e.owner})`);
    else if (opts.reportStale !== false && !matchedSomething.has(e)) warnings.push(`${at} matches nothing (stale)`);
  }
  return { results: out, warnings };
}

/** Today as a UTC calendar day; INFRA_AUDIT_TODAY (YYYY-MM-DD) pins it for tests and reproducible runs. */
export function todayOf(env: Record<string, string | undefined>, now: Date = new Date()): string {
  const pinned = env.INFRA_AUDIT_TODAY;
  if (pinned) {
    if (!isCalendarDate(pinned)) throw new UsageError(`INFRA_AUDIT_TODAY must be a date (YYYY-MM-DD), got "${pinned}"`);
    return pinned;
  }
  return now.toISOString().slice(0, 10);
}

function entryMatcher(entry: LoadedEntry): (r: ReportedResult) => boolean {
  const rule = ruleMatcher(entry.rule);
  const resource = resourceMatcher(entry.resource);
  return (r) => rule(r.ruleId) && (resource(r.resource.id) || (r.resource.name !== undefined && resource(r.resource.name)));
}

/** Rule ids have no '/': rds-*, {rds,ecs}-*, !(*-info) (see glob.ts). */
const ruleMatcher = ruleGlob;

/**
 * ARNs are full of '/' and ':', where path globs stop. Here `*` matches any run of characters
 * (including '/' and ':'), `?` exactly one, and everything else is literal — nothing else is special,
 * so an ARN pasted verbatim always matches itself.
 */
export const resourceMatcher = resourceGlob;
