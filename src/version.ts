import { readFileSync } from 'node:fs';
import { packagePath } from './input/package-root.js';

/** The package's own version (SARIF semanticVersion, snapshot meta), read once. */
export const TOOL = { name: 'infra-audit', version: (JSON.parse(readFileSync(packagePath('package.json'), 'utf8')) as { version: string }).version };
