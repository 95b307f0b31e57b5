// Every path and edge a rule reads must exist for the type it reads: `multiAZ` for `multiAz` would
// otherwise read as "absent" on every resource and quietly fail (or pass) forever. Checked at load
// against the props schemas, following the rule's own nesting: edges change the type, every/some step
// into list items, where there is no resource any more.
import { EDGE_TYPES, isEdgeType } from '../graph/edge-types.js';
import { linkOf } from '../graph/link.js';
import { propsSchemaOf, type JsonSchema } from '../graph/props-schema.js';
import { isResourceType, type ResourceType } from '../graph/resource-types.js';
import { suggest } from '../suggest.js';
import type { Condition, Rule, Value } from './types.js';

/** What a condition is evaluated on: resources of some types, or a value inside a list; `origin`: where the enclosing edge started ($origin). */
type Shape = ({ types: ResourceType[] } | { values: JsonSchema[] }) & { origin?: Shape };
type Fail = (pointer: string, message: string) => never;

const NODE_FIELDS = ['@id', '@type', '@region', '@account', '@name'];
const OPEN: JsonSchema = {};

export function checkRulePaths(rule: Rule, fail: Fail): void {
  if (!rule.select || !isResourceType(rule.select.type)) return;
  const selected: Shape = { types: [rule.select.type] };
  if (rule.select.where) walk(rule.select.where, selected, '/select/where', fail);
  if (rule.expect) walk(rule.expect, selected, '/expect', fail);
  if (rule.aggregate?.distinct !== undefined) resolve(rule.aggregate.distinct, selected, '/aggregate/distinct', fail);
}

function walk(c: Condition, shape: Shape, at: string, fail: Fail): void {
  if ('all' in c) return c.all.forEach((x, i) => walk(x, shape, `${at}/all/${i}`, fail));
  if ('any' in c) return c.any.forEach((x, i) => walk(x, shape, `${at}/any/${i}`, fail));
  if ('not' in c) return walk(c.not, shape, `${at}/not`, fail);
  if ('edge' in c) {
    const targets = edgeTargets(c, shape, at, fail);
    if (c.distinct !== undefined) resolve(c.distinct, targets, `${at}/distinct`, fail);
    checkPropRef(c.value, shape, `${at}/value`, fail);
    const inner = c.every ?? c.some;
    if (inner) walk(inner, { ...targets, origin: shape }, `${at}/${c.every ? 'every' : 'some'}`, fail);
    return;
  }
  if ('resolves' in c) return checkResolves(c.resolves, shape, at, fail);
  if ('matchesItem' in c) {
    if (!('types' in shape)) fail(`${at}/matchesItem`, '"matchesItem" inside a list: list items are values, not resources');
    return;
  }
  if ('every' in c || 'some' in c) {
    const inner = 'every' in c ? c.every : c.some;
    const items = listItems(resolve(c.path, shape, `${at}/path`, fail));
    if (!items.length) fail(`${at}/path`, `"${c.path}" is not a list: "every"/"some" need one`);
    walk(inner, { values: items, ...(shape.origin && { origin: shape.origin }) }, `${at}/${'every' in c ? 'every' : 'some'}`, fail);
    return;
  }
  resolve(c.path, shape, `${at}/path`, fail);
  checkPropRef(c.value, shape, `${at}/value`, fail);
}

/** "resolves" reads the references a declared link finds on the resource: the edge must link from its type. */
function checkResolves(edge: string, shape: Shape, at: string, fail: Fail): void {
  if (!('types' in shape)) fail(`${at}/resolves`, `"resolves" inside a list: list items are values, not resources`);
  if (!isEdgeType(edge)) fail(`${at}/resolves`, `unknown edge type "${edge}"`);
  const from = Object.keys(linkOf(edge)?.from ?? {});
  if (!from.length) fail(`${at}/resolves`, `edge "${edge}" is not declared with a link: there are no references to resolve`);
  if (!shape.types.some((t) => from.includes(t))) fail(`${at}/resolves`, `edge "${edge}" links no references from ${shape.types.join(' or ')}: it links from ${from.join(', ')}`);
}

function checkPropRef(value: Value | undefined, shape: Shape, at: string, fail: Fail): void {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return;
  if ('$prop' in value && typeof value.$prop === 'string') resolve(value.$prop, shape, `${at}/$prop`, fail);
  if ('$origin' in value && typeof value.$origin === 'string') {
    if (!shape.origin) fail(`${at}/$origin`, '"$origin" reads the resource an edge starts from: it is only meaningful inside an edge\'s every/some');
    resolve(value.$origin, shape.origin, `${at}/$origin`, fail);
  }
}

function edgeTargets(c: { edge: string; to?: string; reverse?: boolean }, shape: Shape, at: string, fail: Fail): Shape {
  if (!('types' in shape)) fail(`${at}/edge`, `edge "${c.edge}" inside a list: list items are values, not resources`);
  if (!isEdgeType(c.edge)) fail(`${at}/edge`, `unknown edge type "${c.edge}"`);
  const spec = EDGE_TYPES[c.edge] as { from: readonly ResourceType[]; to: readonly ResourceType[] };
  const [near, far] = c.reverse ? [spec.to, spec.from] : [spec.from, spec.to];
  if (!shape.types.some((t) => near.includes(t))) {
    const ends = c.reverse ? 'end at' : 'start from';
    fail(`${at}/edge`, `edge "${c.edge}" does not ${ends} ${shape.types.join(' or ')}: it ${c.reverse ? 'ends at' : 'starts from'} ${near.join(', ')}`);
  }
  if (c.to !== undefined) {
    if (!(far as readonly string[]).includes(c.to)) fail(`${at}/to`, `edge "${c.edge}"${c.reverse ? ' (reverse)' : ''} never reaches "${c.to}": it reaches ${far.join(', ')}`);
    return { types: [c.to as ResourceType] };
  }
  return { types: [...far] };
}

/** The schemas a path can lead to; fails at `at` when it leads nowhere for every possible type. */
function resolve(path: string, shape: Shape, at: string, fail: Fail): JsonSchema[] {
  if ('types' in shape) {
    if (path.startsWith('@')) {
      if (NODE_FIELDS.includes(path)) return [OPEN];
      if (path.startsWith('@tags.') && path.length > 6) return [{ type: 'string' }];
      return fail(at, `unknown resource field "${path}"${hint(path, [...NODE_FIELDS, '@tags.<key>'])}`);
    }
    const results = shape.types.map((t) => ({ t, r: walkPath(path, [propsSchemaOf(t) ?? OPEN]) }));
    const found = results.flatMap((x) => (Array.isArray(x.r) ? x.r : []));
    if (found.length) return found;
    const first = results[0]!.r as { key: string; known: string[] };
    return fail(at, `unknown path "${path}" for ${shape.types.join(' or ')}: no "${first.key}"${hint(first.key, first.known)}`);
  }
  if (path.startsWith('@')) return fail(at, `"${path}" reads a resource, but inside "every"/"some" over a list there is only the item`);
  const r = walkPath(path, shape.values);
  if (Array.isArray(r)) return r;
  return fail(at, `unknown path "${path}" in a list item: no "${r.key}"${hint(r.key, r.known)}`);
}

function walkPath(path: string, start: JsonSchema[]): JsonSchema[] | { key: string; known: string[] } {
  if (path === '.') return start;
  let current = start;
  for (const key of path.split('.')) {
    const next: JsonSchema[] = [];
    const known: string[] = [];
    for (const s of alternatives(current)) {
      if (s.properties) known.push(...Object.keys(s.properties));
      if (s.properties && Object.hasOwn(s.properties, key)) next.push(s.properties[key]!);
      else if (typeof s.additionalProperties === 'object') next.push(s.additionalProperties);
      else if (isOpen(s)) next.push(OPEN);
    }
    if (!next.length) return { key, known };
    current = next;
  }
  return current;
}

/** The item schemas of whichever alternatives are lists. */
function listItems(schemas: JsonSchema[]): JsonSchema[] {
  return alternatives(schemas).flatMap((s) => (isOpen(s) ? [OPEN] : typeOf(s).includes('array') ? [s.items ?? OPEN] : []));
}

/** With anyOf/oneOf branches flattened. */
function alternatives(schemas: JsonSchema[], depth = 0): JsonSchema[] {
  return schemas.flatMap((s) => {
    const branches = s.anyOf ?? s.oneOf;
    return branches && depth < 8 ? alternatives(branches, depth + 1) : [s];
  });
}

const typeOf = (s: JsonSchema): string[] => (s.type === undefined ? [] : Array.isArray(s.type) ? s.type : [s.type]);
// A schema that says nothing about its shape accepts any key: the checker cannot know better.
const isOpen = (s: JsonSchema): boolean =>
  s.type === undefined && !s.properties && s.additionalProperties === undefined && !s.anyOf && !s.oneOf && !('enum' in s) && !('const' in s);

function hint(typed: string, known: string[]): string {
  const close = suggest(typed, [...new Set(known)]);
  return close.length ? ` (did you mean ${close.map((k) => `"${k}"`).join(' or ')}?)` : '';
}
