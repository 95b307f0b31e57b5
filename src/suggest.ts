// "Did you mean …?" for rule ids and services: the closest known names by edit distance, plus names
// that share a word with what was typed (`rds-multi-az` -> `rds-writer-multi-az` is 7 edits away).
import { distance } from 'fastest-levenshtein';
import { UsageError } from './errors.js';
import { byCodeUnits } from './text/order.js';

const MAX_SUGGESTIONS = 3;

export function suggest(typed: string, known: readonly string[]): string[] {
  const t = typed.toLowerCase();
  if (!t) return [];
  const words = t.split(/[-_.]/).filter((w) => w.length > 1);
  const scored = known.map((name) => {
    const n = name.toLowerCase();
    const d = distance(t, n);
    const parts = n.split(/[-_.]/);
    const shared = words.filter((w) => parts.includes(w)).length;
    // Close in spelling (a third of the longer name), contained, or most typed words present.
    const close = d <= Math.max(2, Math.floor(Math.max(t.length, n.length) / 3));
    const contains = n.includes(t);
    const related = contains || (words.length > 0 && shared >= Math.ceil(words.length * 0.6));
    return { name, d, shared, contains, ok: close || related };
  });
  return scored
    .filter((s) => s.ok)
    .sort((a, b) => b.shared - a.shared || Number(b.contains) - Number(a.contains) || a.d - b.d || byCodeUnits(a.name, b.name))
    .slice(0, MAX_SUGGESTIONS)
    .map((s) => s.name);
}

/** Throws a usage error (exit 2) for the first name not in `known`, with the closest names. */
export function requireKnown(what: string, typed: readonly string[] | undefined, known: readonly string[], listCommand: string): void {
  for (const name of typed ?? []) {
    if (known.includes(name)) continue;
    const near = suggest(name, known);
    const hint = near.length ? ` (did you mean ${near.join(', ')}?)` : '';
    throw new UsageError(`unknown ${what} "${name}"${hint}; see: ${listCommand}`);
  }
}
