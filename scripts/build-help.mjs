// Renders the bare `--help`, `-h`, `--version` and `-v` with the CLI's own yargs definitions into
// dist/cli/help.generated.json, so those answers load no yargs (src/cli/help-text.ts). Part of
// `npm run build`, after tsc: the texts always come from the code just built, never by hand.
import { writeFileSync } from 'node:fs';
import { parseAndRun } from '../dist/cli/main.js';
import { PRERENDERED_ARGS, PRERENDERED_FILE, PRERENDERED_WIDTHS, prerenderedKey } from '../dist/cli/help-text.js';

/** What `infra-audit <arg>` prints through yargs when stdout is `width` columns wide (100: not a terminal). */
export async function renderThroughYargs(arg, width) {
  let out = '';
  const stdout = { write: (s) => (out += s), ...(width !== 100 && { columns: width }) };
  const stderr = { write: (s) => { throw new Error(`infra-audit ${arg} wrote to stderr: ${s}`); } };
  const code = await parseAndRun([arg], { stdout, stderr, env: {}, cwd: process.cwd() });
  if (code !== 0) throw new Error(`infra-audit ${arg} exited ${code}`);
  return out;
}

const texts = {};
for (const width of PRERENDERED_WIDTHS) for (const arg of PRERENDERED_ARGS) texts[prerenderedKey(arg, width)] = await renderThroughYargs(arg, width);
writeFileSync(new URL(`../dist/cli/${PRERENDERED_FILE}`, import.meta.url), JSON.stringify(texts, null, 2) + '\n');
