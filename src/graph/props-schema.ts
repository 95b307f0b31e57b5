// The JSON Schema of each resource type's props, from the declarations (through the generated catalog:
// no file read, no TypeBox at run time), so rules are checked at load against the same shapes
// collectors must produce.
import { PROPS_SCHEMAS } from '../resources/catalog.generated.js';
import type { JsonSchema } from '../resources/define.js';
import type { ResourceType } from './resource-types.js';

export type { JsonSchema };

/** The props schema of a type (undefined only for a type that is not declared). */
export function propsSchemaOf(type: ResourceType): JsonSchema | undefined {
  return Object.hasOwn(PROPS_SCHEMAS, type) ? PROPS_SCHEMAS[type] : undefined;
}
