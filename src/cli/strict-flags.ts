// What yargs accepts silently but the audit cannot honour: a single-valued flag given twice (yargs
// makes an array, and the run would use one of the two), a flag with no value (yargs gives "", and
// the run would fall back to a default), and `--flag=word` on a boolean (yargs reads it as false).
// Each becomes a usage error (exit 2) that names the flag.

interface ParsedOptions {
  key: Record<string, unknown>;
  array: string[];
  boolean: string[];
}

const BOOLEAN_WORDS = new Set(['true', 'false']);

/** A yargs `.check()` (global) that refuses what the run could not honour. `rawArgv` is what the user typed. */
export function strictFlags(rawArgv: readonly string[]) {
  // yargs passes its parsed options as the second argument, though its types call it `aliases`.
  return (argv: Record<string, unknown>, options: unknown): true => {
    const problem = firstProblem(rawArgv, argv, options as ParsedOptions);
    if (problem) throw new Error(problem);
    return true;
  };
}

function firstProblem(rawArgv: readonly string[], argv: Record<string, unknown>, options: ParsedOptions): string | undefined {
  const booleans = new Set(options.boolean);
  const arrays = new Set(options.array);
  for (const token of rawArgv) {
    if (token === '--') break;
    const m = /^--(?:no-)?([^=]+)=(.*)$/s.exec(token);
    if (m && booleans.has(m[1]!) && !BOOLEAN_WORDS.has(m[2]!)) return `--${m[1]} is a switch: give it alone or as --${m[1]}=true|false, not "${m[2]}"`;
  }
  for (const key of Object.keys(options.key)) {
    const value = argv[key];
    if (booleans.has(key) || value === undefined) continue;
    if (Array.isArray(value) && !arrays.has(key)) return `--${key} was given ${value.length} times (${value.map(show).join(', ')}); give it once`;
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0 || values.some((v) => v === '')) return `--${key} needs a value`;
  }
  return undefined;
}

const show = (v: unknown) => JSON.stringify(v);

/**
 * `--json -` means "write it to stdout", but yargs reads a lone `-` as a positional argument. Joined
 * into `--json=-`, it reaches the flag (and a switch given `-` is refused like any other word).
 */
export function joinDashValues(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '--') return [...out, ...argv.slice(i)];
    if (/^--[^=]+$/.test(token) && argv[i + 1] === '-') {
      out.push(`${token}=-`);
      i++;
    } else out.push(token);
  }
  return out;
}
