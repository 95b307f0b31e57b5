// Build time only (npm run schemas): collects init's annotations (`'x-init'`, spec-init-from.ts) from
// the v2 schema into spec-init-sources.generated.ts, so the running tool needs neither TypeBox nor the
// schema module to know where each annotated key's value comes from.
import { SpecV2Schema } from './spec-v2-schema.js';
import { INIT_KEYWORD, type InitFrom, type InitObject, type InitSource } from './spec-init-from.js';

type Node = { [key: string]: unknown; properties?: Record<string, Node>; patternProperties?: Record<string, Node>; required?: string[] };

const ACCEPTS = ['type', 'enum', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'pattern', 'minItems', 'uniqueItems'];
/** What a key accepts, as far as spec-init-derive.ts `fits` checks it (a list's items likewise). */
const accepts = (node: Node): Record<string, unknown> => ({
  ...Object.fromEntries(ACCEPTS.filter((k) => k in node).map((k) => [k, node[k]])),
  ...(node.items && typeof node.items === 'object' ? { items: accepts(node.items as Node) } : {}),
});

export function initSources(schema: Node = JSON.parse(JSON.stringify(SpecV2Schema)) as Node): { sources: InitSource[]; objects: Record<string, InitObject> } {
  const sources: InitSource[] = [];
  const objects: Record<string, InitObject> = {};
  const walk = (node: Node, at: string[]): boolean => {
    let annotated = false;
    for (const [key, child] of Object.entries(node.properties ?? {})) {
      const from = child[INIT_KEYWORD] as InitFrom | undefined;
      if (from) {
        if (at.length < 2) throw new Error(`${[...at, key].join('/')}: init reads values of items only (an annotated key belongs under /<section>/<item>)`);
        sources.push({ at: [...at, key], from, accepts: accepts(child) });
        annotated = true;
      }
      if (walk(child, [...at, key])) annotated = true;
    }
    for (const child of Object.values(node.patternProperties ?? {})) if (walk(child, [...at, '*'])) annotated = true;
    if (annotated && node.properties && at.length >= 2) objects[at.join('/')] = { keys: Object.keys(node.properties), required: node.required ?? [] };
    return annotated;
  };
  walk(schema, []);
  return { sources, objects };
}

/** src/engine/spec-init-sources.generated.ts. */
export function initSourcesSource(): string {
  const { sources, objects } = initSources();
  return [
    '// GENERATED from the `x-init` annotations of src/engine/spec-v2-schema.ts (npm run schemas): do not edit.',
    '// Where `infra-audit init` reads each annotated key (applied by spec-init-derive.ts).',
    "import type { InitObject, InitSource } from './spec-init-from.js';",
    '',
    `export const INIT_SOURCES: readonly InitSource[] = [\n${sources.map((src) => `  ${JSON.stringify(src)},`).join('\n')}\n];`,
    '',
    `export const INIT_OBJECTS: Readonly<Record<string, InitObject>> = {\n${Object.entries(objects).map(([k, o]) => `  ${JSON.stringify(k)}: ${JSON.stringify(o)},`).join('\n')}\n};`,
    '',
  ].join('\n');
}
