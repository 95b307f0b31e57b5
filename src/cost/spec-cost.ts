// The spec's cost section as the cost code reads it (the shape is defined in src/engine/spec-v2-schema.ts;
// this is its type, imported type-only so the running tool never loads TypeBox).
import type { SpecV2 } from '../engine/spec-v2-schema.js';

export type SpecCost = NonNullable<SpecV2['cost']>;
export type SpecCostLine = NonNullable<SpecCost['lines'][keyof SpecCost['lines']]>;
