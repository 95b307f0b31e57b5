// The JSON Schema of each resource type's props, taken from the snapshot schema (the node's if/then
// per type), so rules can be checked at load against the same shapes collectors must produce.
import { readFileSync } from 'node:fs';
import { packagePath } from '../input/package-root.js';
import type { ResourceType } from './resource-types.js';

export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
};

interface SnapshotSchema {
  definitions: Record<string, JsonSchema & { allOf?: { if: { properties: { type: { const: string } } }; then: { properties: { props: JsonSchema } } }[] }>;
}

let loaded: { definitions: SnapshotSchema['definitions']; byType: Map<string, JsonSchema> } | undefined;

function schema() {
  if (!loaded) {
    const parsed = JSON.parse(readFileSync(packagePath('schemas', 'snapshot.schema.json'), 'utf8')) as SnapshotSchema;
    const byType = new Map<string, JsonSchema>();
    for (const branch of parsed.definitions.node?.allOf ?? []) byType.set(branch.if.properties.type.const, branch.then.properties.props);
    loaded = { definitions: parsed.definitions, byType };
  }
  return loaded;
}

/** The props schema of a type (undefined only if the snapshot schema lacks it: a test keeps them in step). */
export function propsSchemaOf(type: ResourceType): JsonSchema | undefined {
  return schema().byType.get(type);
}

/** Follows local "#/definitions/x" references. */
export function deref(s: JsonSchema): JsonSchema {
  let current = s;
  for (let hops = 0; current.$ref && hops < 16; hops++) {
    const target = schema().definitions[current.$ref.replace('#/definitions/', '')];
    if (!target) break;
    current = target;
  }
  return current;
}
