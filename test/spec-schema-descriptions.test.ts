// Every key a spec may hold is described in schemas/spec.schema.json, so an editor explains it on hover
// and a team writing its own spec needs no source reading.
import { expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { packagePath } from '../src/input/package-root.js';

interface SchemaNode { description?: string; properties?: Record<string, SchemaNode>; definitions?: Record<string, SchemaNode>; items?: SchemaNode }

/** The JSON pointer of every property (in properties of any depth, definitions included) with no description. */
function undescribed(node: SchemaNode, at: string): string[] {
  const out: string[] = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    if (!child.description) out.push(`${at}/properties/${key}`);
    out.push(...undescribed(child, `${at}/properties/${key}`));
  }
  for (const [key, child] of Object.entries(node.definitions ?? {})) out.push(...undescribed(child, `${at}/definitions/${key}`));
  if (node.items) out.push(...undescribed(node.items, `${at}/items`));
  return out;
}

it('describes every key of the spec', () => {
  const schema = JSON.parse(readFileSync(packagePath('schemas/spec.schema.json'), 'utf8')) as SchemaNode;
  expect(undescribed(schema, '#')).toEqual([]);
});

it('the walk finds a key without a description (it can fail)', () => {
  expect(undescribed({ properties: { a: { description: 'x', properties: { b: {} } } }, definitions: { d: { properties: { c: {} } } } }, '#')).toEqual(['#/properties/a/properties/b', '#/definitions/d/properties/c']);
});
