// The bare --help/-h/--version/-v are rendered by yargs at build time (scripts/build-help.mjs) so they
// load no yargs. The rendered texts must be what yargs prints now (a stale build fails here), and the
// fast path must answer only exactly those arguments at the widths that were rendered.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { PRERENDERED_ARGS, PRERENDERED_FILE, PRERENDERED_WIDTHS, pickPrerendered, prerenderedKey } from '../../src/cli/help-text.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = `${ROOT}bin/infra-audit.js`;
// `npm test` builds first (pretest): these are the texts the shipped CLI prints.
const built = JSON.parse(readFileSync(`${ROOT}dist/cli/${PRERENDERED_FILE}`, 'utf8')) as Record<string, string>;

/** What yargs prints now, from src/ (which has no rendered texts next to it, so main goes through yargs). */
async function throughYargs(arg: string, width: number) {
  let stdout = '';
  let stderr = '';
  const code = await main([arg], {
    stdout: { write: (s: string) => (stdout += s), ...(width !== 100 && { columns: width }) },
    stderr: { write: (s: string) => (stderr += s) },
    env: {},
    cwd: ROOT,
  });
  return { code, stdout, stderr };
}

describe('the help and version texts rendered at build time', () => {
  const keys = PRERENDERED_WIDTHS.flatMap((width) => PRERENDERED_ARGS.map((arg) => ({ arg, width })));
  it.each(keys)('$arg at $width columns is what yargs prints now', async ({ arg, width }) => {
    const live = await throughYargs(arg, width);
    expect(live).toMatchObject({ code: 0, stderr: '' });
    expect(built[prerenderedKey(arg, width)]).toBe(live.stdout);
  });

  it('holds nothing else, and help differs by width (the width is really applied)', () => {
    expect(Object.keys(built).sort()).toEqual(keys.map(({ arg, width }) => prerenderedKey(arg, width)).sort());
    expect(built[prerenderedKey('--help', 100)]).not.toBe(built[prerenderedKey('--help', 110)]);
  });
});

describe('which command lines the rendered texts answer', () => {
  const texts = { [prerenderedKey('--help', 100)]: 'HELP', [prerenderedKey('-v', 110)]: 'VERSION' };
  const table: { argv: string[]; width: number; expected: string | undefined }[] = [
    { argv: ['--help'], width: 100, expected: 'HELP' },
    { argv: ['-v'], width: 110, expected: 'VERSION' },
    { argv: ['--help'], width: 80, expected: undefined }, // a narrow terminal: yargs wraps it
    { argv: ['-v'], width: 100, expected: undefined }, // not rendered at this width
    { argv: ['check', '--help'], width: 100, expected: undefined }, // a command's help: yargs
    { argv: ['--help', 'check'], width: 100, expected: undefined },
    { argv: ['--help', '--help'], width: 100, expected: undefined },
    { argv: ['--helpx'], width: 100, expected: undefined },
    { argv: ['constructor'], width: 100, expected: undefined }, // not a key inherited by an object
    { argv: [], width: 100, expected: undefined },
  ];
  it.each(table)('$argv at $width columns -> $expected', ({ argv, width, expected }) => {
    expect(pickPrerendered(argv, width, texts)).toBe(expected);
  });

  it('without rendered texts (src/ under test, or a build that made none) every line goes to yargs', () => {
    expect(pickPrerendered(['--help'], 100, undefined)).toBeUndefined();
  });
});

describe('the shipped CLI', () => {
  const run = (args: string[]) => spawnSync(process.execPath, ['--import', `${ROOT}test/fixtures/log-imports.mjs`, BIN, ...args], { encoding: 'utf8', cwd: ROOT });
  const loadedYargs = (stderr: string) => stderr.split('\n').some((l) => l.startsWith('import ') && l.includes('/node_modules/yargs/'));

  it.each(['--help', '--version'])('%s prints the rendered text without loading yargs', async (arg) => {
    const r = run([arg]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe((await throughYargs(arg, 100)).stdout);
    expect(loadedYargs(r.stderr)).toBe(false);
  });

  it('anything else goes through yargs (the import log can see it)', () => {
    const r = run(['rules', '--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/infra-audit rules list/);
    expect(loadedYargs(r.stderr)).toBe(true);
  });
});
