// Typed edges, declared by the service that introduces them (src/resources/<service>.ts); the values
// come from the generated catalog. An edge points from a resource to the one it lives in, uses or
// depends on. `scope` says whether membership in the audited application flows along the edge:
// resources that take no tags of their own (a replica of a tagged writer, the subnets of the app's VPC,
// the containers of its task definition) belong to the application through these relationships.
// `from`/`to` list the resource types an edge joins: the engine uses them to know which reads a rule
// depends on (a scalable target is ShopFlow's only through the ECS service it scales).
import { EDGE_META } from '../resources/catalog.generated.js';
import type { DeclaredEdgeType, Same } from '../resources/types.js';
import type { ResourceType } from './resource-types.js';

export const EDGE_TYPES = EDGE_META;
export type EdgeType = keyof typeof EDGE_TYPES;

// Compile-time: the generated catalog lists exactly the declared edges, joining declared types only.
const edgesAreFresh: Same<EdgeType, DeclaredEdgeType> = true;
const endsAreTypes: Same<Extract<(typeof EDGE_TYPES)[EdgeType][('from' | 'to')][number], ResourceType>, (typeof EDGE_TYPES)[EdgeType][('from' | 'to')][number]> = true;
void edgesAreFresh;
void endsAreTypes;

export function isEdgeType(value: string): value is EdgeType {
  return Object.hasOwn(EDGE_TYPES, value);
}

type Scope = 'to-from' | 'from-to' | 'none';

/**
 * Every type a resource of `type` can take its scope from, directly or through others. With `present`
 * (the edge types a snapshot holds), a to-from edge counts only when the snapshot has one: the member
 * side emits it whatever the owner's read did, so without one the owner cannot be where scope came from.
 */
export function scopeSources(type: string, present?: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const visit = (t: string) => {
    for (const [name, e] of Object.entries(EDGE_TYPES) as [string, { scope: Scope; from: readonly string[]; to: readonly string[] }][]) {
      const owners = e.scope === 'to-from' && e.from.includes(t) && (!present || present.has(name)) ? e.to : e.scope === 'from-to' && e.to.includes(t) ? e.from : [];
      for (const owner of owners) {
        if (found.has(owner)) continue;
        found.add(owner);
        visit(owner);
      }
    }
  };
  visit(type);
  found.delete(type);
  return found;
}
