// Load-time checks of a rule's item-relative pointers ($item, `item` in when, {item:/x} in templates)
// against the v2 spec schema, so a rule that reads a value no item can have fails when rules load,
// not silently skips in every audit. Read from schemas/spec-v2.schema.json (generated), once.
import { readFileSync } from 'node:fs';
import { packagePath } from '../input/package-root.js';
import { pointerToPath } from '../input/json-source.js';
import type { Rule } from './types.js';

type Schema = { properties?: Record<string, Schema>; patternProperties?: Record<string, Schema>; items?: Schema; type?: string };
let specSchema: Schema | undefined;
const schema = () => (specSchema ??= JSON.parse(readFileSync(packagePath('schemas/spec-v2.schema.json'), 'utf8')) as Schema);

/** The schema of one item of `section` (e.g. /services), or undefined when the v2 spec has no such section. */
function itemSchema(section: string): Schema | undefined {
  const sectionSchema = schema().properties?.[section.slice(1)];
  const items = sectionSchema?.patternProperties && Object.values(sectionSchema.patternProperties)[0];
  return items?.properties ? items : undefined;
}

/** Whether `pointer` can address a value inside an item of this schema. */
function reachable(item: Schema, pointer: string): boolean {
  let node: Schema | undefined = item;
  for (const token of pointerToPath(pointer)) {
    if (!node) return false;
    if (node.properties && Object.hasOwn(node.properties, String(token))) node = node.properties[String(token)];
    else if (node.patternProperties) node = Object.values(node.patternProperties)[0];
    else if (node.items && /^(0|[1-9][0-9]*)$/.test(String(token))) node = node.items;
    else return false;
  }
  return true;
}

/** Every item pointer of a rule with the rule-file pointer it appears at. */
export function itemPointers(rule: Rule): { at: string; pointer: string }[] {
  const found: { at: string; pointer: string }[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${at}/${i}`));
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if ((k === '$item' || k === 'item') && typeof x === 'string') found.push({ at: `${at}/${k}`, pointer: x });
        else walk(x, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`);
      }
    }
  };
  walk(rule.when, '/when');
  walk(rule.select, '/select');
  walk(rule.expect, '/expect');
  walk(rule.aggregate, '/aggregate');
  for (const key of ['title', 'message', 'remediation'] as const) {
    for (const m of rule[key].matchAll(/\{item(?::([^}|]*))?(?:\|[^}]*)?\}/g)) found.push({ at: `/${key}`, pointer: m[1] ?? '' });
  }
  return found;
}

/** Where the rule asks for the item's `match`: select.matchItem, or a matchesItem condition; undefined when nowhere. */
export function itemMatchAt(rule: Rule): string | undefined {
  if (rule.select?.matchItem) return '/select/matchItem';
  let found: string | undefined;
  const walk = (v: unknown, at: string): void => {
    if (found || !v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
    for (const [k, x] of Object.entries(v)) {
      // matchesItem: {$spec} names its own section: it needs no current item.
      if (k === 'matchesItem') found ??= x === true ? `${at}/matchesItem` : undefined;
      else walk(x, `${at}/${k}`);
    }
  };
  walk(rule.select?.where, '/select/where');
  walk(rule.expect, '/expect');
  return found;
}

/** The first problem with the rule's forEach and item pointers: [rule-file pointer, message], or undefined. */
export function itemPointerProblem(rule: Rule): [string, string] | undefined {
  const pointers = itemPointers(rule);
  if (!rule.forEach) {
    const matchAt = itemMatchAt(rule);
    const first = pointers[0] ?? (matchAt ? { at: matchAt, pointer: '' } : undefined);
    return first && [first.at, 'item pointers, {item}, matchItem and matchesItem need "forEach": {"$spec": "/<section>"}: there is no item here'];
  }
  const section = rule.forEach.$spec;
  const item = itemSchema(section);
  if (!item) return ['/forEach/$spec', `${section} is not a section of the v2 spec (schemas/spec-v2.schema.json)`];
  if (rule.composite) return ['/forEach', 'a composite combines other rules\' results: it has no items of its own'];
  if (rule.cost) return ['/forEach', 'a cost rule compares one estimate of the whole application with the spec\'s total: it has no items of its own'];
  const bad = pointers.find((p) => p.pointer !== '' && !reachable(item, p.pointer));
  return bad && [bad.at, `${bad.pointer} is not a value an item of ${section} can have (schemas/spec-v2.schema.json)`];
}
