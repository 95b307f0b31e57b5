// Types for synthetic-snapshot.mjs, so tests can use the generator the benchmark uses.
import type { Snapshot } from '../src/graph/types.js';

export const IN_SCOPE_EVERY: number;
export function writeSyntheticSnapshot(file: string, resources: number): number;
export function syntheticSnapshot(resources: number): Snapshot;
