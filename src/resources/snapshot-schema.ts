// The snapshot's JSON Schema: the envelope (meta, edges, gaps; mirrors src/graph/types.ts) around the
// declared resource types. A node's props schema is chosen by its `type` (ajv's discriminator on a
// oneOf keyed by the type constant), so validating a node checks one props schema, not one if/then
// per type. Shapes used by many props (an AZ, an ARN, a subnet id) become shared definitions referenced
// by $ref, as ajv then compiles each once: inlined everywhere, validation took twice the CPU.
import type { Catalog, JsonSchema } from './define.js';
import * as shapes from './shapes.js';

const REGION_NAME = '[a-z]{2}(-[a-z]+)+-[0-9]+';

export function snapshotSchemaFor(catalog: Catalog): JsonSchema {
  const types = Object.keys(catalog.types);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://infra-audit.dev/schemas/snapshot.schema.json',
    title: 'infra-audit snapshot',
    description:
      'The complete resource graph of one collection: nodes (resources with normalized props), typed edges between them, and gaps (reads that failed). GENERATED from src/resources/ (npm run schemas): do not edit.',
    type: 'object',
    additionalProperties: false,
    required: ['schemaVersion', 'meta', 'nodes', 'edges', 'gaps'],
    properties: {
      schemaVersion: { const: 1 },
      meta: { $ref: '#/definitions/meta' },
      nodes: { type: 'array', items: { $ref: '#/definitions/node' } },
      edges: { type: 'array', items: { $ref: '#/definitions/edge' } },
      gaps: {
        type: 'array',
        description: "Reads that failed. Every rule that needs one of a gap's resource types in its region evaluates to error, never to pass.",
        items: { $ref: '#/definitions/gap' },
      },
    },
    definitions: {
      account: { type: 'string', pattern: '^[0-9]{12}$', description: 'A 12-digit AWS account id.' },
      regionName: { type: 'string', pattern: `^${REGION_NAME}$`, description: 'An AWS region name, e.g. us-east-1.' },
      region: {
        type: 'string',
        pattern: `^(global|${REGION_NAME})$`,
        description: 'An AWS region name, or "global" for the resources of global services (CloudFront, Route 53, CLOUDFRONT-scope WAF).',
      },
      dateTime: { type: 'string', format: 'date-time' },
      resourceType: { description: 'Every declared resource type (src/resources/).', enum: types },
      edgeType: { description: 'Every declared edge type (src/resources/).', enum: Object.keys(catalog.edges) },
      meta: {
        type: 'object',
        additionalProperties: false,
        required: ['tool', 'account', 'regions', 'startedAt', 'finishedAt'],
        properties: {
          tool: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'version'],
            properties: { name: { type: 'string', minLength: 1 }, version: { type: 'string', minLength: 1 } },
            description: 'The program that wrote the snapshot.',
          },
          account: { $ref: '#/definitions/account' },
          regions: {
            type: 'array',
            uniqueItems: true,
            items: { $ref: '#/definitions/regionName' },
            description: 'The regions read (global services are read once, from us-east-1, and are not listed).',
          },
          startedAt: { $ref: '#/definitions/dateTime', description: 'When the collection started: derived ages (restoreLagSeconds) are measured from it.' },
          finishedAt: { $ref: '#/definitions/dateTime' },
        },
      },
      node: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'type', 'region', 'account', 'name', 'tags', 'props'],
        properties: {
          id: { type: 'string', minLength: 1, description: "The resource's ARN where it has one; unique within the snapshot." },
          type: { $ref: '#/definitions/resourceType' },
          region: { $ref: '#/definitions/region' },
          account: { $ref: '#/definitions/account' },
          name: { type: 'string', minLength: 1, description: 'What a person calls the resource: its name, its Name tag, else its id.' },
          tags: { type: 'object', additionalProperties: { type: 'string' }, description: "The resource's own tags (empty for resources that take none or have none)." },
          props: { type: 'object', description: 'Normalized properties; their shape depends on type (the oneOf below, chosen by type).' },
        },
        discriminator: { propertyName: 'type' },
        oneOf: types.map((type) => ({
          properties: {
            type: { const: type },
            ...(catalog.types[type]!.global && { region: { const: 'global' } }),
            props: { $ref: `#/definitions/${type}` },
          },
        })),
      },
      edge: {
        type: 'object',
        additionalProperties: false,
        required: ['type', 'from', 'to'],
        description: 'Points from a resource to the one it lives in, uses or depends on; both ends are node ids of this snapshot.',
        properties: {
          type: { $ref: '#/definitions/edgeType' },
          from: { type: 'string', minLength: 1 },
          to: { type: 'string', minLength: 1 },
        },
      },
      gap: {
        type: 'object',
        additionalProperties: false,
        required: ['service', 'operation', 'region', 'code', 'message', 'resourceTypes'],
        properties: {
          service: { type: 'string', minLength: 1, description: 'The service as users filter by it (ec2, rds, elasticache, ...).' },
          operation: { type: 'string', minLength: 1, description: 'The API operation that failed, e.g. DescribeReplicationGroups.' },
          region: { $ref: '#/definitions/region' },
          code: { type: 'string', minLength: 1, description: "The error's name or code, e.g. AccessDeniedException." },
          message: { type: 'string', description: 'The error message, redacted and truncated to 500 characters.' },
          resourceTypes: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { $ref: '#/definitions/resourceType' },
            description: 'The resource types this read would have produced: their rules become error in this region.',
          },
        },
      },
      ...SHARED_DEFINITIONS,
      ...Object.fromEntries(types.map((type) => [type, { ...shareShapes(catalog.props[type]!, true), description: propsDescription(catalog, type) }])),
    },
  };
}

function propsDescription(catalog: Catalog, type: string): string {
  const own = catalog.props[type]!.description;
  return `The props of a ${type} (${catalog.types[type]!.doc}).${own ? ` ${own}` : ''}`;
}

const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema)) as JsonSchema;
const SHARED_DEFINITIONS: Record<string, JsonSchema> = {
  az: plain(shapes.Az('An availability zone name (us-east-1a, or a Local Zone such as us-west-2-lax-1a), never an AZ id (use1-az1).')),
  nullableAz: plain(shapes.NullableAz()),
  azList: plain(shapes.AzList()),
  arn: plain(shapes.Arn('An ARN.')),
  nullableArn: plain(shapes.NullableArn()),
  arnList: plain(shapes.ArnList()),
  nullableDateTime: plain(shapes.NullableDateTime()),
  stringMap: plain(shapes.StringMap()),
  stringList: plain(shapes.StringList()),
  nullableString: plain(shapes.NullableStr()),
  nullableInteger: plain(shapes.NullableInt()),
  nullableNumber: plain(shapes.NullableNum()),
  port: plain(shapes.Port()),
  cidr: plain(shapes.Cidr('The IPv4 CIDR block (an IPv6 block, or empty, for an IPv6-only subnet, which has none).')),
  vpcId: plain(shapes.VpcId()),
  subnetId: plain(shapes.SubnetId()),
  subnetIdList: plain(shapes.SubnetIdList()),
  routeTableId: plain(shapes.RouteTableId()),
  internetGatewayId: plain(shapes.InternetGatewayId()),
  natGatewayId: plain(shapes.NatGatewayId()),
};

const withoutDescription = ({ description: _, ...rest }: JsonSchema) => JSON.stringify(rest);
const SHARED_BY_SHAPE = new Map(Object.entries(SHARED_DEFINITIONS).map(([name, schema]) => [withoutDescription(schema), name]));

/** The schema with every subschema that is a shared shape replaced by a $ref (keeping its own description). */
function shareShapes(schema: JsonSchema, root = false): JsonSchema {
  const name = root ? undefined : SHARED_BY_SHAPE.get(withoutDescription(schema));
  if (name) return { $ref: `#/definitions/${name}`, ...(schema.description !== undefined && { description: schema.description }) };
  const walk = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(walk) : value !== null && typeof value === 'object' ? shareShapes(value as JsonSchema) : value;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => [
      key,
      key === 'properties' ? Object.fromEntries(Object.entries(value as Record<string, JsonSchema>).map(([k, v]) => [k, shareShapes(v)])) : key === 'enum' || key === 'const' ? value : walk(value),
    ]),
  ) as JsonSchema;
}
