// Where `infra-audit init` reads a spec key's value: an annotation on the key in spec-v2-schema.ts
// (`'x-init'`), so a new resource type's values reach init through the schema it already edits, not
// through per-type code in spec-init-*.ts. npm run schemas collects the annotations into
// spec-init-sources.generated.ts; spec-init-derive.ts applies them. The schema files and validators
// never see them (specV2SchemaText strips them).
import type { TSchema } from '@sinclair/typebox';

/**
 * A value read from resources related to the one the item (or its anchor, e.g. a service's application
 * container) is about: the `prop` (dotted path) of every `type` neighbour along the edge `via`
 * (`reverse`: an incoming edge), each of which must be a value the key accepts, combined:
 * `agreed` the one value all share; `min`/`max` (capped by `atMost`); `all` true when every one is true;
 * `union` every list's elements, sorted (none at all leaves the key out); `set` the distinct values,
 * sorted (for a list key: each must be a value its items accept).
 * `as: 'exactPattern'` states the combined string as an RE2 pattern matching exactly it (a name, for a
 * key that holds a pattern). No neighbour, or one unknown value, leaves the key out.
 */
export interface InitFromRelated {
  via: string;
  reverse?: boolean;
  type: string;
  prop: string;
  combine: 'agreed' | 'min' | 'max' | 'all' | 'set' | 'union';
  atMost?: number;
  as?: 'exactPattern';
}

/** The one reference the resource makes along the link of edge `unresolved` that names nothing (a dangling key id). */
export interface InitFromUnresolved {
  unresolved: string;
}

export type InitFrom = InitFromRelated | InitFromUnresolved;

/** One annotated key: where it is (`*`: any item name), where its value comes from, and what the key accepts. */
export interface InitSource {
  at: string[];
  from: InitFrom;
  /** The key's own schema, as far as a single value is checked against it (spec-init-derive.ts `fits`). */
  accepts: Record<string, unknown>;
}

/** An object on the way to an annotated key: its keys in the schema's order, and the ones it cannot lack. */
export interface InitObject {
  keys: string[];
  required: string[];
}

export const INIT_KEYWORD = 'x-init';

/** The schema, annotated with where init reads its value. */
export const Init = <T extends TSchema>(schema: T, from: InitFrom): T => ({ ...schema, [INIT_KEYWORD]: from });
