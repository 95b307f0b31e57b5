// `check` as most people and CI type it, parsed without yargs (loading yargs is a third of check's
// start-up). Only a plain subset is taken: long options from check's own list, each single-valued one
// once, values that are not flags, choices among their words, and --snapshot present. Anything else
// (short or unknown flags, positionals, --no-x, help, an array flag followed by more words, a bad
// choice) returns undefined and goes through yargs, which gives the answer and every error message.
// test/cli/check-argv.test.ts holds both parsers to the same arguments over a corpus of command lines.
import { REPORT_OPTIONS, SNAPSHOT_OPTION } from './options.js';
import type { CheckArgs } from './report-run.js';

type Kind = 'string' | 'array' | 'boolean' | readonly string[];

/** What an option takes, read from its yargs definition. */
function kindOf(o: { type?: string; array?: boolean; choices?: readonly string[] }): Kind {
  if (o.choices) return o.choices;
  if (o.type === 'boolean') return 'boolean';
  return o.array ? 'array' : 'string';
}

/** check's options (REPORT_OPTIONS plus --snapshot, as commands.ts gives them to yargs) and what each takes. */
const CHECK_OPTIONS: Record<string, { type?: string; array?: boolean; choices?: readonly string[]; default?: unknown }> = { ...REPORT_OPTIONS, snapshot: SNAPSHOT_OPTION };
const OPTIONS: Record<string, Kind> = Object.fromEntries(Object.entries(CHECK_OPTIONS).map(([key, o]) => [key, kindOf(o)]));
const DEFAULTS = Object.fromEntries(Object.entries(CHECK_OPTIONS).filter(([, o]) => o.default !== undefined).map(([key, o]) => [key, o.default]));

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const isFlag = (token: string | undefined) => token !== undefined && token.startsWith('-');

/** The arguments yargs would hand check's handler, or undefined when the line is not in the plain subset. */
export function plainCheckArgs(argv: readonly string[]): CheckArgs | undefined {
  if (argv[0] !== 'check') return undefined;
  const seen: Record<string, unknown> = {};
  for (let i = 1; i < argv.length; i++) {
    const m = /^--([a-z][a-z-]*[a-z])(?:=(.*))?$/s.exec(argv[i]!);
    if (!m) return undefined;
    const [, key, inline] = m as unknown as [string, string, string | undefined];
    const kind = OPTIONS[key];
    if (kind === undefined) return undefined;
    if (kind === 'boolean') {
      // A switch alone (a following "true" would be its value in yargs: a word is declined by the next turn).
      if (inline !== undefined || key in seen) return undefined;
      seen[key] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === '' || (inline === undefined && isFlag(value))) return undefined;
    // An array flag takes every following word in yargs; here a word after the value is declined by the next turn.
    if (kind === 'array') {
      seen[key] = [...((seen[key] as string[] | undefined) ?? []), value];
      continue;
    }
    if (key in seen || (Array.isArray(kind) && !kind.includes(value))) return undefined;
    seen[key] = value;
  }
  if (seen.snapshot === undefined) return undefined;
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries({ ...DEFAULTS, ...seen })) args[camel(key)] = value;
  return args as unknown as CheckArgs;
}
