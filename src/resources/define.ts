// The shape of a service declaration (src/resources/<service>.ts): everything infra-audit knows about
// a service's resource types in one place. Types, the snapshot schema, the runtime catalog and the
// collector list are derived from these (src/resources/generate.ts, src/graph/*-types.ts).
import type { Static, TObject } from '@sinclair/typebox';

/** Whether membership in the audited application flows along an edge, and which way. */
export type Scope = 'to-from' | 'from-to' | 'none';

export interface TypeDecl {
  /** What a person calls it, e.g. "RDS DB instance". */
  doc: string;
  /** How findings name one and several of them ("log group"); the plural defaults to one + "s". */
  label?: Label;
  /** The normalized props: one TypeBox object, the TypeScript type and the JSON Schema at once. */
  props: TObject;
}

/**
 * An edge found from props instead of by the collector: for each `from` type, the dotted path of a prop
 * (lists are followed) whose value names a resource of a `to` type by that type's prop, or any of
 * several ("@id" for the node id, i.e. the ARN). `match` says how values compare: `exact`; `dns-name`
 * (case-insensitive, no trailing dot, an ELB "dualstack." prefix ignored); or, where a service names
 * its resources several ways (a KMS key by key ARN, key id, alias name or alias ARN), `KeyPatterns`
 * that turn each value into the key it stands for. A new type can so add an edge from existing types
 * without touching their collectors, nor any shared code. Rules can also ask which references resolve
 * to nothing (the `resolves` condition).
 */
export interface LinkDecl {
  from: Readonly<Record<string, string>>;
  to: Readonly<Record<string, string | readonly string[]>>;
  match: 'exact' | 'dns-name' | KeyPatterns;
}

/** Values that name a target several ways, each turned into one comparable key by regular expressions. */
export interface KeyPatterns {
  /** Every pattern a target's value matches gives a key the target answers to. */
  target: readonly KeyPattern[];
  /** The first pattern a source value matches says what it refers to; a pattern without `key`: to nothing of this kind. */
  reference: readonly KeyPattern[];
}

export interface KeyPattern {
  /** A regular expression the whole value matches (anchored for you). */
  regex: string;
  /**
   * The key, a template: `$1`..`$9` are the expression's groups, `{region}` and `{account}` those of the
   * resource holding the value (a short name means its own account and region).
   */
  key?: string;
  /** Templates for the account and region a reference names, when it names them (an ARN does). */
  account?: string;
  region?: string;
  /** A reference this way may name something else (a bare name may be an SSM parameter): it need not resolve. */
  optional?: boolean;
}

/** Words for a finding: one resource and several ("scaling policy", "scaling policies"). */
export interface Label { one: string; many?: string }

export interface EdgeDecl {
  scope: Scope;
  /** The resource types an edge of this type starts from and ends at (any service's). */
  from: readonly string[];
  to: readonly string[];
  doc: string;
  /** What the resources at the far end are, seen from each end (`{to}`: the target type's label). */
  label?: { forward: Label; reverse: Label };
  link?: LinkDecl;
}

export interface ServiceDecl {
  /** The service as users filter by it; also the collector's module, src/collect/<service>.ts. */
  service: string;
  /** IAM action prefix: an action is iamPrefix + ":" + operation. */
  iamPrefix: string;
  /** Read once, from us-east-1; its resources have region "global". */
  global: boolean;
  types: Readonly<Record<string, TypeDecl>>;
  /** The edge types this service introduces (each edge type is declared by exactly one service). */
  edges: Readonly<Record<string, EdgeDecl>>;
}

/** Keeps the literal keys of a declaration (types, edges) so everything derived from it is exact. */
export function defineService<const S extends ServiceDecl>(decl: S): S {
  return decl;
}

/** The props type a declaration's TypeBox object stands for. */
export type PropsOfDecl<D extends TypeDecl> = Static<D['props']>;

/** The JSON Schema subset the derived props schemas use (what rule-path checking walks). */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  [keyword: string]: unknown;
};

/** The declarations as plain data: what src/resources/generate.ts writes to catalog.generated.ts. */
export interface Catalog {
  services: Record<string, { iamPrefix: string; global: boolean; types: string[] }>;
  types: Record<string, { service: string; global: boolean; doc: string; label?: Label }>;
  edges: Record<string, EdgeDecl & { service: string }>;
  props: Record<string, JsonSchema>;
}
