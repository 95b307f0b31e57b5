// Suppression globs, matched in linear time: each glob is translated to an RE2 expression (re2js), so
// no pattern — `*?*?*?*?*?*?*?*?*?*?*?*?*?*?!` included — can make matching backtrack.
import { RE2JS } from 're2js';

export const MAX_GLOB_LENGTH = 1000;

export class GlobError extends Error {
  override name = 'GlobError';
}

export type Matcher = (text: string) => boolean;

/**
 * Rule-id globs: `*` any run, `?` one character, `[abc]` / `[!abc]` a class, `{a,b}` alternatives,
 * `@(a|b)` `?(a)` `*(a)` `+(a)` extglobs, and `!(a|b)` as the whole pattern for "anything but".
 */
export function ruleGlob(pattern: string): Matcher {
  checkLength(pattern);
  const whole = /^!\((.*)\)$/s.exec(pattern);
  if (whole && balanced(whole[1]!)) {
    const inner = compile(`(?:${translate(whole[1]!, true)})`);
    return (text) => !inner.matches(text);
  }
  const re = compile(translate(pattern, false));
  return (text) => text === pattern || re.matches(text);
}

/** Resource globs: `*` any run (across '/' and ':'), `?` one character, everything else literal. */
export function resourceGlob(pattern: string): Matcher {
  checkLength(pattern);
  if (!/[*?]/.test(pattern)) return (text) => text === pattern;
  const body = [...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : RE2JS.quote(c))).join('');
  const re = compile(body);
  return (text) => text === pattern || re.matches(text);
}

function compile(body: string): RE2JS {
  try {
    return RE2JS.compile(body, RE2JS.DOTALL);
  } catch (err) {
    throw new GlobError(`not a valid glob (${String((err as Error).message).replace(/^error parsing regexp: /, '')})`);
  }
}

function checkLength(pattern: string): void {
  if (pattern.length > MAX_GLOB_LENGTH) throw new GlobError(`the glob is longer than ${MAX_GLOB_LENGTH} characters`);
}

const EXTGLOB: Record<string, string> = { '@': '', '?': '?', '*': '*', '+': '+' };

/** Glob syntax to RE2 syntax. `inGroup`: inside an extglob, where '|' separates alternatives. */
function translate(glob: string, inGroup: boolean): string {
  let out = '';
  const groups: string[] = [];
  // For each open brace: true when it is an alternation, false when it is a literal "{".
  const braces: boolean[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const next = glob[i + 1];
    if (c === '\\' && next !== undefined) {
      out += RE2JS.quote(next);
      i++;
    } else if (next === '(' && c in EXTGLOB) {
      groups.push(EXTGLOB[c]!);
      out += '(?:';
      i++;
    } else if (c === '!' && next === '(') {
      throw new GlobError('"!(…)" is supported only as the whole pattern');
    } else if (c === ')' && groups.length > 0) {
      out += ')' + groups.pop()!;
    } else if (c === '|' && (groups.length > 0 || inGroup)) {
      out += '|';
    } else if (c === '*') {
      out += '.*';
    } else if (c === '?') {
      out += '.';
    } else if (c === '[') {
      const end = glob.indexOf(']', i + 2);
      if (end < 0) throw new GlobError('unclosed "[" in the glob');
      let cls = glob.slice(i + 1, end);
      const negated = cls.startsWith('!') || cls.startsWith('^');
      if (negated) cls = cls.slice(1);
      out += `[${negated ? '^' : ''}${cls.replace(/[\\\]\[]/g, '\\$&')}]`;
      i = end;
    } else if (c === '{') {
      const alternation = hasComma(glob, i);
      braces.push(alternation);
      out += alternation ? '(?:' : RE2JS.quote(c);
    } else if (c === ',' && braces[braces.length - 1] === true) {
      out += '|';
    } else if (c === '}' && braces.length > 0) {
      out += braces.pop() ? ')' : RE2JS.quote(c);
    } else {
      out += RE2JS.quote(c);
    }
  }
  if (groups.length > 0) throw new GlobError('unclosed "(" in the glob');
  if (braces.includes(true)) throw new GlobError('unclosed "{" in the glob');
  return out;
}

// `{a,b}` is an alternation; a brace without a comma before its closing brace is literal.
function hasComma(glob: string, open: number): boolean {
  let depth = 0;
  for (let i = open; i < glob.length; i++) {
    if (glob[i] === '{') depth++;
    else if (glob[i] === '}' && --depth === 0) return false;
    else if (glob[i] === ',' && depth === 1) return true;
  }
  return false;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const c of text) {
    if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0;
}
