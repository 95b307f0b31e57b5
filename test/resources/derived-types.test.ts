// The TypeScript types are derived from the declarations: these assertions are checked by the compiler
// (npm run typecheck, part of npm test), so a declaration whose derived type drifts from what
// collectors and rules rely on fails the build, not a run.
import { describe, expectTypeOf, it } from 'vitest';
import type { ContainerProps, DbInstanceProps, PropsOf, ResourceType, SubnetProps, VpcProps } from '../../src/graph/resource-types.js';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';
import { EDGE_TYPES, type EdgeType } from '../../src/graph/edge-types.js';
import type { DeclaredEdgeType, DeclaredResourceType } from '../../src/resources/types.js';
import type { GraphNode } from '../../src/graph/types.js';

describe('types derived from the declarations', () => {
  it('names the declared types and edges, exactly', () => {
    expectTypeOf<ResourceType>().toEqualTypeOf<DeclaredResourceType>();
    expectTypeOf<keyof typeof RESOURCE_TYPES>().toEqualTypeOf<ResourceType>();
    expectTypeOf<EdgeType>().toEqualTypeOf<DeclaredEdgeType>();
    expectTypeOf<(typeof EDGE_TYPES)['replica-of']['to']>().toEqualTypeOf<readonly ['rds.db-instance']>();
  });

  it('gives props their exact shapes: closed objects, nullable values, enums, maps', () => {
    expectTypeOf<VpcProps>().toEqualTypeOf<{ vpcId: string; cidrBlock: string; isDefault: boolean; state: string }>();
    expectTypeOf<SubnetProps['defaultRoute']>().toEqualTypeOf<{
      targetType: 'internet-gateway' | 'nat-gateway' | 'transit-gateway' | 'instance' | 'other';
      targetId: string;
      natGatewayAvailabilityZone: string | null;
    } | null>();
    expectTypeOf<DbInstanceProps['role']>().toEqualTypeOf<'writer' | 'replica'>();
    expectTypeOf<DbInstanceProps['kmsKeyId']>().toEqualTypeOf<string | null>();
    expectTypeOf<DbInstanceProps['restoreLagSeconds']>().toEqualTypeOf<number | null>();
    expectTypeOf<ContainerProps['environmentValues']>().toEqualTypeOf<Record<string, string>>();
    expectTypeOf<ContainerProps['secrets']>().toEqualTypeOf<{ name: string; valueFrom: string }[]>();
    expectTypeOf<PropsOf<'s3.bucket'>['versioning']>().toEqualTypeOf<'Enabled' | 'Suspended' | 'Disabled'>();
    expectTypeOf<GraphNode<'rds.db-instance'>['props']>().toEqualTypeOf<DbInstanceProps>();
  });

  it('rejects a prop that is not declared', () => {
    // @ts-expect-error multiAZ is not a prop of a DB instance (multiAz is)
    expectTypeOf<DbInstanceProps['multiAZ']>().toBeNever();
  });
});
