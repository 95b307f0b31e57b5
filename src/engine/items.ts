// Rules over the items of a v2 spec section (docs/spec-v2.md, "Rules over items"): which items a
// rule's forEach names, what an item-relative pointer reads, and which resources an item's `match`
// recognises. A value an item leaves out is not an error of the rule: the item does not ask for it.
import { compileRegex } from '../input/regex.js';
import { resolvePointer } from '../input/json-source.js';
import type { GraphNode } from '../graph/types.js';

/** The item a rule is being evaluated for. */
export interface ItemBinding {
  section: string;
  name: string;
  value: Record<string, unknown>;
  /** The item's region, else the spec's. */
  region: string | undefined;
}

/** An $item pointer the current item does not set: the rule skips for this item. */
export class ItemValueMissing extends Error {
  override name = 'ItemValueMissing';
  constructor(readonly item: ItemBinding, readonly pointer: string) {
    super(`${item.section} ${item.name} sets no ${pointer}`);
  }
}

/** A $spec pointer into a top-level section the spec does not have (no `dr`): the architecture has none. */
export class SectionAbsent extends Error {
  override name = 'SectionAbsent';
  constructor(readonly pointer: string) {
    super(`the spec has no ${pointer.split('/')[1]}`);
  }
}

/** Throws ItemValueMissing for the first `$item` value (in this order of the rule's parts) the item leaves out. */
export function requireItemValues(item: ItemBinding, ...parts: unknown[]): void {
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === '$item' && typeof x === 'string') {
          // A default stands in for a value the item leaves out (a strict "none accepted").
          if (itemValue(item, x) === undefined && !Object.hasOwn(v, 'default')) throw new ItemValueMissing(item, x);
        } else walk(x);
      }
    }
  };
  parts.forEach(walk);
}

const escapeToken = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Where an item's value is in the spec, for reports (`/services/api/scaling/minTasks`). */
export const itemSpecPointer = (item: ItemBinding, pointer: string) => `/${escapeToken(item.section)}/${escapeToken(item.name)}${pointer}`;

/** The value at `pointer` in the item; `/region` falls back to the spec's region. Undefined when unset. */
export function itemValue(item: ItemBinding, pointer: string): unknown {
  if (pointer === '/region') return item.region;
  return resolvePointer(item.value, pointer);
}

/** The items of a section, in the spec's order; undefined when the spec has no such section (or an empty one). */
export function itemsOf(spec: unknown, section: string): ItemBinding[] | undefined {
  const name = section.slice(1);
  const root = spec as Record<string, unknown>;
  const items = Object.hasOwn(root, name) ? root[name] : undefined;
  if (!items || typeof items !== 'object' || Array.isArray(items) || Object.keys(items).length === 0) return undefined;
  const region = typeof root.region === 'string' ? root.region : undefined;
  return Object.entries(items as Record<string, Record<string, unknown>>).map(([itemName, value]) => ({
    section: name,
    name: itemName,
    value,
    region: typeof value.region === 'string' ? value.region : region,
  }));
}

interface Match { name?: string; namePrefix?: string; namePattern?: string; tags?: Record<string, string> }

/** Whether the item's `match` recognises resources by their tags (so unknown tags leave it undecided). */
export const itemMatchesByTags = (item: ItemBinding): boolean => Object.keys((item.value.match as Match | undefined)?.tags ?? {}).length > 0;

/** Whether the item's `match` recognises the node (every criterion given holds); no match recognises all. */
export function itemMatches(item: ItemBinding, node: GraphNode): boolean {
  const match = item.value.match as Match | undefined;
  if (!match) return true;
  const name = node.name ?? '';
  if (match.name !== undefined && name !== match.name) return false;
  if (match.namePrefix !== undefined && !name.startsWith(match.namePrefix)) return false;
  if (match.namePattern !== undefined && !compileRegex(match.namePattern).test(name)) return false;
  for (const [key, value] of Object.entries(match.tags ?? {})) {
    if (!Object.hasOwn(node.tags, key) || node.tags[key] !== value) return false;
  }
  return true;
}
