// The bare `--help`, `-h`, `--version` and `-v` as yargs prints them, rendered at build time
// (scripts/build-help.mjs runs the same yargs definitions) so those answers load no yargs and no
// command list. Anything else, or a terminal width that was not rendered, goes through yargs.
import { readFile } from 'node:fs/promises';

export const PRERENDERED_ARGS: readonly string[] = ['--help', '-h', '--version', '-v'];
/** main.ts wraps help at min(110, columns), 100 when stdout is not a terminal: the two common widths. */
export const PRERENDERED_WIDTHS: readonly number[] = [100, 110];
export const PRERENDERED_FILE = 'help.generated.json';

export type PrerenderedTexts = Record<string, string>;

export const prerenderedKey = (arg: string, width: number) => `${width} ${arg}`;

/** The text to print for `argv` at `width`, when it was rendered at build time. */
export function pickPrerendered(argv: readonly string[], width: number, texts: PrerenderedTexts | undefined): string | undefined {
  if (!texts || argv.length !== 1 || !PRERENDERED_ARGS.includes(argv[0]!)) return undefined;
  const text = texts[prerenderedKey(argv[0]!, width)];
  return typeof text === 'string' ? text : undefined;
}

/** The texts next to this module (in dist/ after `npm run build`); undefined when absent (src/ under tests). */
export async function loadPrerendered(): Promise<PrerenderedTexts | undefined> {
  try {
    return JSON.parse(await readFile(new URL(`./${PRERENDERED_FILE}`, import.meta.url), 'utf8')) as PrerenderedTexts;
  } catch {
    return undefined;
  }
}
