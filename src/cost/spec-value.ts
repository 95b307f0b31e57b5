// The cost code reads specVersion 2. A loaded spec that is still version 1 is read through the
// migration (it has no cost section, so its estimate compares with nothing).
import { migrateV1 } from '../engine/spec-migrate.js';
import type { SpecV2 } from '../engine/spec-v2-schema.js';

export function asSpecV2(value: Record<string, unknown>): SpecV2 {
  return value.specVersion === 2 ? (value as unknown as SpecV2) : migrateV1(value);
}
