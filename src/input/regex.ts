// Regular expressions from inputs (spec patterns, rule `matches`, `when` conditions) run on RE2JS, a
// linear-time engine: no pattern, however written, can make matching backtrack for hours. RE2 syntax is
// JavaScript's without lookaround and backreferences; a pattern using them is refused at load.
import { RE2JS } from 're2js';

/** Long enough for any real name pattern; short enough that compiling one is instant. */
export const MAX_PATTERN_LENGTH = 1000;

const cache = new Map<string, RE2JS>();

/** Why `pattern` is not accepted, or undefined when it compiles. */
export function regexProblem(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `the pattern is longer than ${MAX_PATTERN_LENGTH} characters`;
  try {
    compileRegex(pattern);
    return undefined;
  } catch (err) {
    // RE2JS says "error parsing regexp: invalid or unsupported Perl syntax: `(?=`".
    const detail = String((err as Error).message ?? err).replace(/^error parsing regexp: /, '');
    return `${detail} (patterns run on a linear-time engine: no lookaround, no backreferences)`;
  }
}

/** A compiled pattern, cached: rules match the same few patterns against every resource. */
export function compileRegex(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    if (pattern.length > MAX_PATTERN_LENGTH) throw new Error(`the pattern is longer than ${MAX_PATTERN_LENGTH} characters`);
    re = RE2JS.compile(pattern);
    cache.set(pattern, re);
  }
  return re;
}

/** JavaScript's RegExp#test: does the pattern match anywhere in `text`? */
export function regexTest(pattern: string, text: string): boolean {
  return compileRegex(pattern).test(text);
}
