// Suppression files: accepted failures with a reason, an owner and an expiry date. Loaded like every
// other input (schema first, then what a schema cannot say), and each entry remembers its line so
// warnings about it can be clicked through to the file.
import { readJson } from '../input/json-source.js';
import { assertValid } from '../input/schemas.js';
import { GlobError, resourceGlob, ruleGlob } from './glob.js';

export interface SuppressionEntry {
  rule: string;
  resource: string;
  reason: string;
  owner: string;
  /** YYYY-MM-DD (UTC). The entry applies through this day. */
  expires: string;
}

export interface LoadedEntry extends SuppressionEntry {
  /** Position in the file's `suppressions` array. */
  index: number;
  /** 1-based line of the entry's opening brace. */
  line: number;
}

export interface LoadedSuppressions {
  file: string;
  /** How warnings name the file (the path as the user typed it). */
  label: string;
  entries: LoadedEntry[];
}

export async function loadSuppressions(file: string, label: string = file): Promise<LoadedSuppressions> {
  const source = await readJson(file);
  assertValid('suppressions', source);
  const raw = (source.value as { suppressions: SuppressionEntry[] }).suppressions;
  const entries = raw.map((entry, index): LoadedEntry => {
    const pointer = `/suppressions/${index}`;
    // A date like 2026-02-30 has the shape but no day. The schema's format: date catches it too; this
    // check keeps expiry arithmetic safe even if format validation is ever relaxed.
    if (!isCalendarDate(entry.expires)) throw source.error(`${pointer}/expires`, `"${entry.expires}" is not a calendar date (YYYY-MM-DD)`);
    // A glob that cannot be matched is refused here, with its position, not at the first result.
    for (const [field, compile] of [['rule', ruleGlob], ['resource', resourceGlob]] as const) {
      try {
        compile(entry[field]);
      } catch (err) {
        if (err instanceof GlobError) throw source.error(`${pointer}/${field}`, `${field} glob ${JSON.stringify(entry[field])}: ${err.message}`);
        throw err;
      }
    }
    const { rule, resource, reason, owner, expires } = entry;
    return { rule, resource, reason, owner, expires, index, line: source.locate(pointer).line };
  });
  return { file, label, entries };
}

export function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return days !== undefined && d >= 1 && d <= days;
}
