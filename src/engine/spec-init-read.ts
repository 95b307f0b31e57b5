// Reading live props for `infra-audit init` (spec-init.ts): a prop the snapshot does not hold, holds
// as null, or holds in a shape the spec cannot state is unknown, and an unknown value is left out of
// the spec, never guessed. A value that differs between resources that should agree is left out too:
// a baseline that picks one of two live values would fail on the other.
import type { Graph } from '../graph/graph.js';
import type { GraphNode } from '../graph/types.js';

export type Props = Record<string, unknown>;

export const props = (node: GraphNode): Props => node.props as unknown as Props;
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
export const bool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);
export const int = (v: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max ? v : undefined;
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const oneOf = <T extends string | number>(v: unknown, allowed: readonly T[]): T | undefined => (allowed.includes(v as T) ? (v as T) : undefined);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const record = (v: unknown): Props => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Props) : {});

/** The one value every entry has; undefined when there are none, one is unknown, or two differ. */
export function agreed<T>(values: readonly (T | undefined)[]): T | undefined {
  const first = values[0];
  if (first === undefined) return undefined;
  return values.every((v) => v !== undefined && JSON.stringify(v) === JSON.stringify(first)) ? first : undefined;
}

/** The object without its undefined values; undefined when nothing is left (an empty object states nothing). */
export function compact<T extends Props>(value: T): T | undefined {
  const kept = Object.entries(value).filter(([, v]) => v !== undefined);
  return kept.length ? (Object.fromEntries(kept) as T) : undefined;
}

export const sortedUnique = (values: readonly (string | undefined)[]): string[] => [...new Set(values.filter((v): v is string => v !== undefined))].sort();

export const AZ = /^[a-z]{2}(-[a-z]+)+-[0-9]+([a-z]|-[a-z]+-[0-9]+[a-z])$/;
export const az = (v: unknown): string | undefined => (typeof v === 'string' && AZ.test(v) ? v : undefined);

/** A view of the snapshot limited to the application's resources. */
export class Scoped {
  constructor(readonly graph: Graph, readonly inScope: ReadonlySet<string>) {}

  /** In-scope resources of a type, by name then id (the output must not depend on read order). */
  ofType(type: string): GraphNode[] {
    return this.graph.ofType(type).filter((n) => this.inScope.has(n.id)).sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  }

  /** Neighbours along an edge (incoming with `reverse`), of one type, sorted like ofType. */
  related(node: GraphNode, edge: string, type: string, reverse = false): GraphNode[] {
    return this.graph.neighbours(node.id, edge, reverse).filter((n) => n.type === type).sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id));
  }

  /** Whether any resource of `type` points at `node` along `edge`. */
  hasIncoming(node: GraphNode, edge: string, type: string): boolean {
    return this.graph.neighbours(node.id, edge, true).some((n) => n.type === type);
  }
}

// Code-unit order, not the locale's: the same snapshot gives the same file on every machine.
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
