import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { packagePath } from '../input/package-root.js';
import type { CliIO } from './io.js';

/** The spec in the working directory when there is one, else the bundled ShopFlow spec. */
export function defaultSpecFile(io: CliIO): string {
  const local = resolve(io.cwd, 'spec.shopflow.json');
  return existsSync(local) ? local : packagePath('spec.shopflow.json');
}
