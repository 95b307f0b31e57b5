// Specs shipped with the package, asked for by name (`--spec shopflow`, `"extends": "shopflow"`),
// never used unasked. A name is lowercase letters, digits and dashes, with no dot or slash; anything
// else is a path, so a file called `shopflow` in the working directory is `./shopflow`.
import { relative, resolve, sep } from 'node:path';
import { packagePath } from '../input/package-root.js';

export const BUNDLED_SPECS: Readonly<Record<string, string>> = {
  shopflow: 'spec.shopflow.json',
  // Environments of the same architecture, as JSON Merge Patch overlays (see README "Environments").
  'shopflow-staging': 'specs/shopflow-staging.json',
  'shopflow-development': 'specs/shopflow-development.json',
  // A second architecture of another shape (docs/examples/ledgerly.md): Aurora, three services, two regions.
  ledgerly: 'specs/ledgerly.json',
};

export const isSpecName = (ref: string): boolean => /^[a-z][a-z0-9-]*$/.test(ref);

/** The bundled spec's file, or undefined for a name that is not bundled. */
export function bundledSpecFile(name: string): string | undefined {
  return Object.hasOwn(BUNDLED_SPECS, name) ? packagePath(BUNDLED_SPECS[name]!) : undefined;
}

/** The name of the bundled spec this file is, if it is one. */
export function bundledSpecName(file: string): string | undefined {
  const rel = relative(packagePath(), resolve(file)).split(sep).join('/');
  return Object.keys(BUNDLED_SPECS).find((name) => BUNDLED_SPECS[name] === rel);
}

export const bundledSpecList = () => Object.keys(BUNDLED_SPECS).join(', ');
