// Where the package's own data lives (rules/, schemas/, examples/): two levels above this file both
// in src/input (tests) and dist/input (the built CLI).
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const packagePath = (...parts: string[]) => resolve(PACKAGE_ROOT, ...parts);
