// Which spec a command audits against. Never a silent default: --spec (a file, or a bundled spec by
// name), else `infra-audit.spec.json` found as ESLint finds its config — in the working directory or
// the nearest directory above it, up to the filesystem root (like ESLint, a repository root does not
// stop the search). With none: exit 2, saying how to get one.
import { lstatSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { BUNDLED_SPECS, bundledSpecFile, bundledSpecList, isSpecName } from '../engine/bundled-specs.js';
import { suggest } from '../suggest.js';
import type { CliIO } from './io.js';

export const SPEC_FILE_NAME = 'infra-audit.spec.json';

/** The spec file for `--spec VALUE` (or its absence). */
export function specFileOf(given: string | undefined, io: Pick<CliIO, 'cwd'>): string {
  if (given === undefined) return discoverSpec(io.cwd) ?? noSpec(io.cwd);
  if (!isSpecName(given)) {
    const file = resolve(io.cwd, given);
    // "--spec Shopflow" is a path (names are lower case): say which bundled spec was likely meant.
    const meant = !/[./\\]/.test(given) && !present(file) ? closestBundled(given) : undefined;
    if (meant) throw new UsageError(`--spec ${given}: no such file; did you mean the bundled --spec ${meant}?`);
    return file;
  }
  const bundled = bundledSpecFile(given);
  if (!bundled) {
    const meant = closestBundled(given);
    const hint = meant ? `did you mean --spec ${meant}? ` : '';
    throw new UsageError(`--spec ${given}: no bundled spec has that name (${hint}bundled: ${bundledSpecList()}); a file in this directory is --spec ./${given}`);
  }
  return bundled;
}

/**
 * The nearest `infra-audit.spec.json` at or above `cwd`. Anything by that name counts as found, even a
 * directory, FIFO or broken link: reading it then fails with exit 2 naming it, where skipping it
 * would silently audit against a spec further up.
 */
export function discoverSpec(cwd: string): string | undefined {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const candidate = join(dir, SPEC_FILE_NAME);
    if (present(candidate)) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}

/** The bundled spec name nearest to what was typed, if any is near. */
const closestBundled = (typed: string): string | undefined => suggest(typed, Object.keys(BUNDLED_SPECS))[0];

function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code !== 'ENOENT' && code !== 'ENOTDIR';
  }
}

function noSpec(cwd: string): never {
  throw new UsageError(
    `no spec: there is no ${SPEC_FILE_NAME} in ${resolve(cwd)} or any directory above it.\n` +
      `  Create one there (schemas/spec-v2.schema.json describes every key, docs/spec-v2.md the shape; spec.shopflow.json is an example),\n` +
      `  or name one: --spec FILE, or --spec shopflow for the bundled ShopFlow example.`,
  );
}
