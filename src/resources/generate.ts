// Everything derived from the declarations as data: the runtime catalog (src/resources/catalog.generated.ts)
// and the snapshot schema (schemas/snapshot.schema.json). Run by scripts/build-schemas.mjs (npm run
// schemas) on the build; test/resources/generated-fresh.test.ts fails when a committed file is stale.
// Also refuses declarations that contradict each other: a type or edge declared twice, an edge or link
// naming an undeclared type or a prop path its type does not have.
import { SERVICES } from './index.js';
import type { Catalog, EdgeDecl, JsonSchema, KeyPatterns, ServiceDecl } from './define.js';
import { snapshotSchemaFor } from './snapshot-schema.js';
import { OPS } from '../engine/rule-words.js';

/** TypeBox keeps its metadata under symbols: a JSON round trip leaves the plain JSON Schema. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

export function buildCatalog(services: readonly ServiceDecl[] = SERVICES): Catalog {
  const catalog: Catalog = { services: {}, types: {}, edges: {}, props: {} };
  for (const s of services) {
    if (catalog.services[s.service]) throw new Error(`service ${s.service} is declared twice`);
    catalog.services[s.service] = { iamPrefix: s.iamPrefix, global: s.global, types: Object.keys(s.types) };
    for (const [type, decl] of Object.entries(s.types)) {
      if (catalog.types[type]) throw new Error(`resource type ${type} is declared by ${catalog.types[type].service} and ${s.service}`);
      if (!type.startsWith(`${s.service}.`)) throw new Error(`resource type ${type} must start with its service "${s.service}."`);
      catalog.types[type] = { service: s.service, global: s.global, doc: decl.doc, ...(decl.label && { label: decl.label }) };
      catalog.props[type] = plain(decl.props) as JsonSchema;
    }
  }
  for (const s of services) {
    for (const [edge, decl] of Object.entries(s.edges)) {
      if (catalog.edges[edge]) throw new Error(`edge type ${edge} is declared by ${catalog.edges[edge].service} and ${s.service}`);
      checkEdge(edge, decl, catalog);
      catalog.edges[edge] = { service: s.service, ...plain(decl) };
    }
  }
  return catalog;
}

function checkEdge(edge: string, decl: EdgeDecl, catalog: Catalog): void {
  for (const t of [...decl.from, ...decl.to]) if (!catalog.types[t]) throw new Error(`edge ${edge} names undeclared resource type ${t}`);
  if (!decl.link) return;
  if (typeof decl.link.match === 'object') checkKeyPatterns(edge, decl.link.match);
  for (const [side, ends] of [['from', decl.from], ['to', decl.to]] as const) {
    for (const [type, paths] of Object.entries(decl.link[side])) {
      if (!ends.includes(type)) throw new Error(`edge ${edge}: link ${side} type ${type} is not one of the edge's "${side}" types`);
      for (const path of typeof paths === 'string' ? [paths] : paths) {
        if (path !== '@id' && !propPathExists(catalog.props[type]!, path)) throw new Error(`edge ${edge}: ${type} has no prop "${path}"`);
      }
    }
  }
}

/** Each pattern compiles, and its templates name only groups it has and the fields a resource has. */
function checkKeyPatterns(edge: string, patterns: KeyPatterns): void {
  if (patterns.target.length === 0 || patterns.reference.length === 0) throw new Error(`edge ${edge}: key patterns need at least one target and one reference pattern`);
  for (const [side, list] of [['target', patterns.target], ['reference', patterns.reference]] as const) {
    for (const p of list) {
      let groups: number;
      try {
        groups = new RegExp(`^(?:${p.regex})|`).exec('')!.length - 1;
      } catch (e) {
        throw new Error(`edge ${edge}: ${side} pattern /${p.regex}/ is not a regular expression: ${(e as Error).message}`);
      }
      for (const template of [p.key, p.account, p.region]) {
        if (template === undefined) continue;
        for (const [, group, field] of template.matchAll(/\$(\d)|\{([^}]*)\}/g)) {
          if (group !== undefined && (Number(group) < 1 || Number(group) > groups)) throw new Error(`edge ${edge}: ${side} pattern /${p.regex}/ has no group $${group} (in "${template}")`);
          if (field !== undefined && field !== 'region' && field !== 'account') throw new Error(`edge ${edge}: "{${field}}" in "${template}" is not {region} or {account}`);
        }
      }
      if (side === 'target' && p.key === undefined) throw new Error(`edge ${edge}: target pattern /${p.regex}/ gives no key`);
      if (side === 'target' && (p.optional || p.account !== undefined || p.region !== undefined)) throw new Error(`edge ${edge}: optional, account and region are for reference patterns`);
    }
  }
}

/** A dotted path through object properties, stepping into list items and map entries (logOptions.awslogs-group). */
function propPathExists(schema: JsonSchema, path: string): boolean {
  let current: JsonSchema | undefined = schema;
  for (const key of path.split('.')) {
    while (current?.items) current = current.items;
    const entry: JsonSchema | boolean | undefined = current?.additionalProperties;
    current = current?.properties?.[key] ?? (typeof entry === 'object' ? entry : undefined);
    if (!current) return false;
  }
  return true;
}

const HEADER = '// GENERATED by scripts/build-schemas.mjs from src/resources/ — do not edit; run `npm run schemas`.';

/** The runtime catalog as TypeScript: plain data, so loading it costs no TypeBox. */
export function catalogSource(catalog: Catalog = buildCatalog()): string {
  const { services, types, edges, props } = catalog;
  const json = (v: unknown) => JSON.stringify(v, null, 2);
  return [
    HEADER,
    "import type { JsonSchema } from './define.js';",
    '',
    `export const SERVICE_META = ${json(services)} as const;`,
    '',
    `export const TYPE_META = ${json(types)} as const;`,
    '',
    `export const EDGE_META = ${json(edges)} as const;`,
    '',
    // Parsed as JSON, not as an object literal: V8 parses JSON text faster, and this is the bulk of it.
    `export const PROPS_SCHEMAS: Readonly<Record<string, JsonSchema>> = JSON.parse(${JSON.stringify(JSON.stringify(props))});`,
    '',
  ].join('\n');
}

export function snapshotSchemaText(catalog: Catalog = buildCatalog()): string {
  return `${JSON.stringify(snapshotSchemaFor(catalog), null, 2)}\n`;
}

/** schemas/report.schema.json with its resource-type and op enums set to the declared types and the rule operators (the rest is hand-written). */
export function reportSchemaText(current: string, catalog: Catalog = buildCatalog()): string {
  const schema = JSON.parse(current) as { definitions: { resourceType: { enum: string[] }; valueCheck: { properties: { op: { enum: string[] } } } } };
  schema.definitions.resourceType.enum = Object.keys(catalog.types);
  // A check's op is any the rule language has: a new operator must not make its own findings invalid.
  schema.definitions.valueCheck.properties.op.enum = [...OPS];
  return `${JSON.stringify(schema, null, 2)}\n`;
}
