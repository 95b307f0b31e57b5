// `infra-audit init`: the values the v2 schema's keys say where to read (their `x-init` annotations,
// collected in spec-init-sources.generated.ts), so a resource type's values need no code of their own
// here. Generic rules: a value the key would refuse is unknown; an object left without a key its schema
// requires is dropped (it cannot be stated); keys keep the schema's order.
import type { GraphNode } from '../graph/types.js';
import { unresolvedReferences } from '../graph/link.js';
import type { InitFrom, InitObject } from './spec-init-from.js';
import { INIT_OBJECTS, INIT_SOURCES } from './spec-init-sources.generated.js';
import { agreed, props, record, sortedUnique, type Props, type Scoped } from './spec-init-read.js';

/** Whether a single value is one the key accepts (the subset of JSON Schema the annotated keys use). */
export function fits(value: unknown, accepts: Readonly<Record<string, unknown>>): boolean {
  const { type, enum: allowed, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, pattern } = accepts as Record<string, never>;
  if (allowed !== undefined) return (allowed as unknown[]).includes(value);
  if (type === 'boolean') return typeof value === 'boolean';
  if (type === 'integer' || type === 'number') {
    if (typeof value !== 'number' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) return false;
    return (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum)
      && (exclusiveMinimum === undefined || value > exclusiveMinimum) && (exclusiveMaximum === undefined || value < exclusiveMaximum);
  }
  if (type === 'string') return typeof value === 'string' && value.length >= (minLength ?? 0) && (pattern === undefined || new RegExp(pattern).test(value));
  if (type === 'array') {
    const { items, minItems, uniqueItems } = accepts as { items?: Record<string, unknown>; minItems?: number; uniqueItems?: boolean };
    return Array.isArray(value) && value.length >= (minItems ?? 0) && (!uniqueItems || new Set(value).size === value.length)
      && items !== undefined && value.every((v) => fits(v, items));
  }
  return false;
}

/** The prop at a dotted path (undefined when any step is missing). */
const propAt = (node: GraphNode, path: string): unknown => path.split('.').reduce<unknown>((v, key) => record(v)[key], props(node));

/** One annotated key's value for `node`; undefined when the snapshot does not tell it. */
export function derive(s: Scoped, node: GraphNode, from: InitFrom, accepts: Readonly<Record<string, unknown>>): unknown {
  let value: unknown;
  if ('unresolved' in from) {
    const targets = s.graph.neighbours(node.id, from.unresolved, false);
    const dangling = [...new Set(unresolvedReferences(from.unresolved, node, targets).filter((r) => r.required).map((r) => r.value))];
    value = dangling.length === 1 ? dangling[0] : undefined;
  } else {
    const values = s.related(node, from.via, from.type, from.reverse).map((n) => propAt(n, from.prop));
    // A list key judges each value by what its items accept; a pattern key, by nothing before it is one.
    const each = from.combine === 'set' ? ((accepts.items ?? {}) as Record<string, unknown>) : from.as ? { type: 'string', minLength: 1 } : accepts;
    if (!values.length || !values.every((v) => fits(v, each))) return undefined;
    const numbers = values as number[];
    const union = from.combine === 'union' ? sortedUnique((values as string[][]).flat()) : [];
    value =
      from.combine === 'agreed' ? agreed(values)
      : from.combine === 'all' ? (values.every((v) => v === true) ? true : undefined)
      : from.combine === 'union' ? (union.length ? union : undefined)
      : from.combine === 'set' ? [...new Set(values)].sort()
      : Math.min(from.combine === 'min' ? Math.min(...numbers) : Math.max(...numbers), from.atMost ?? Infinity);
    if (from.as === 'exactPattern' && typeof value === 'string') value = exactPattern(value);
  }
  return value !== undefined && fits(value, accepts) ? value : undefined;
}

/** An RE2 pattern that matches exactly `text`: anchored, every metacharacter escaped. */
export const exactPattern = (text: string): string => `^${text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}$`;

/** `object` with its keys in the schema's order (keys the schema does not list, last). */
function ordered(object: Props, shape: InitObject | undefined): Props {
  if (!shape) return object;
  const rank = (k: string) => (shape.keys.includes(k) ? shape.keys.indexOf(k) : shape.keys.length);
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => rank(a) - rank(b)));
}

/**
 * Adds to `item` (an item of `section`, about `node`) every annotated key's value. `anchors` name the
 * resource a nested object is about, by its path in the item ("taskDefinition/container": the
 * application container); an anchor given as undefined leaves its keys out.
 */
export function addDerived(s: Scoped, section: string, node: GraphNode, item: Props, anchors: Readonly<Record<string, GraphNode | undefined>> = {}): Props {
  const set: string[][] = [];
  for (const src of INIT_SOURCES.filter((x) => x.at[0] === section)) {
    const rest = src.at.slice(2);
    const anchor = Object.keys(anchors).filter((a) => rest.join('/').startsWith(`${a}/`)).sort((a, b) => b.length - a.length)[0];
    const about = anchor === undefined ? node : anchors[anchor];
    if (!about) continue;
    const value = derive(s, about, src.from, src.accepts);
    if (value === undefined) continue;
    put(item, rest, value);
    set.push(rest);
  }
  if (!set.length) return item;
  // Once every value is in, deepest first: an object that lacks a required key goes (its parent is then
  // judged without it), and the objects on the way keep the schema's key order.
  const pattern = (rest: string[]) => [section, '*', ...rest].join('/');
  const parents = [...new Map(set.flatMap((rest) => rest.slice(0, -1).map((_, i) => rest.slice(0, i + 1))).map((p) => [p.join('/'), p])).values()];
  for (const path of parents.sort((a, b) => b.length - a.length)) {
    const parent = path.slice(0, -1).reduce<Props | undefined>((o, k) => (o && typeof o[k] === 'object' ? (o[k] as Props) : undefined), item);
    const key = path[path.length - 1]!;
    const object = parent?.[key];
    if (!parent || !object || typeof object !== 'object') continue;
    const shape = INIT_OBJECTS[pattern(path)];
    const complete = Object.keys(object).length > 0 && (shape?.required ?? []).every((k) => (object as Props)[k] !== undefined);
    if (complete) parent[key] = ordered(object as Props, shape);
    else delete parent[key];
  }
  const sorted = ordered({ ...item }, INIT_OBJECTS[[section, '*'].join('/')]);
  for (const key of Object.keys(item)) delete item[key];
  return Object.assign(item, sorted);
}

/** Sets the value at `rest` in `item`, creating the objects on the way. */
function put(item: Props, rest: string[], value: unknown): void {
  let object = item;
  for (const key of rest.slice(0, -1)) {
    const child = record(object[key]);
    object[key] = child;
    object = child;
  }
  object[rest[rest.length - 1]!] = value;
}
