// Type-level derivations from the declarations: erased at run time, so the running tool never loads
// TypeBox or the declarations for them.
import type { Static } from '@sinclair/typebox';
import type { SERVICES } from './index.js';

type Service = (typeof SERVICES)[number];
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Resource type -> its declaration, across every service. */
export type TypeDecls = UnionToIntersection<Service['types']>;
/** Edge type -> its declaration, across every service. */
export type EdgeDecls = UnionToIntersection<Service['edges']>;

export type DeclaredResourceType = keyof TypeDecls & string;
export type DeclaredEdgeType = keyof EdgeDecls & string;
export type DeclaredService = Service['service'];

export type DeclaredProps = { [T in DeclaredResourceType]: Static<TypeDecls[T]['props']> };

/** True when A and B are the same type (used by compile-time checks of the generated catalog). */
export type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
