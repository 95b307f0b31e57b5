// The rule language, defined once: the TypeScript types (src/engine/types.ts) are derived from it
// and schemas/rule.schema.json is generated from it (npm run schemas; a test fails when stale).
// Loaded at build time and by tests only: the running tool validates with the compiled validator.
import { Type, type Static } from '@sinclair/typebox';
import { COUNT_OPS, OPS, SEVERITIES } from './rule-words.js';

const Enum = <const V extends readonly string[]>(values: V, description?: string) =>
  Type.Unsafe<V[number]>({ enum: [...values], ...(description === undefined ? {} : { description }) });
const Closed = { additionalProperties: false } as const;
const POINTER = '^(/[^/]*)*$';
const TYPE_NAME = '^[a-z0-9-]+\\.[a-z0-9-]+$';
const requiredOneOf = (...keys: string[][]) => keys.map((required) => ({ required }));

export const RuleLanguage = Type.Module({
  op: Enum(OPS),
  specRef: Type.Object({ $spec: Type.String({ pattern: POINTER }) }, Closed),
  itemRef: Type.Object(
    {
      $item: Type.String({ pattern: POINTER, description: "A pointer into the current item of the rule's forEach section (docs/spec-v2.md); /region defaults to the spec's region." }),
      default: Type.Optional(
        Type.Unknown({ description: 'The value when the item leaves the pointer out: the rule checks against it instead of skipping the item (a strict default, e.g. [] for "none accepted").' }),
      ),
    },
    Closed,
  ),
  propRef: Type.Object({ $prop: Type.Ref('path') }, Closed),
  originRef: Type.Object(
    { $origin: Type.Ref('path') },
    { ...Closed, description: "Inside an edge condition's every/some: a path into the resource the edge was followed from (a distribution's aliases, read while checking its certificate)." },
  ),
  value: Type.Union(
    [
      Type.Ref('specRef'),
      Type.Ref('itemRef'),
      Type.Ref('propRef'),
      Type.Ref('originRef'),
      Type.Unsafe<string | number | boolean | null>({ type: ['string', 'number', 'boolean', 'null'] }),
      Type.Unsafe<unknown[]>({ type: 'array' }),
      Type.Unsafe<Record<string, unknown>>({ type: 'object', not: { anyOf: [{ required: ['$spec'] }, { required: ['$item'] }, { required: ['$prop'] }, { required: ['$origin'] }] } }),
    ],
    { description: 'A literal, a pointer into the spec or into the current item, a path into the resource being checked, or (inside an edge) into the resource the edge starts from.' },
  ),
  path: Type.String({
    description:
      "Dotted path into the resource's props; '@name', '@region', '@account', '@id', '@tags.KEY' address the node itself; '.' is the value itself (inside every/some).",
    pattern: '^(\\.|@(id|name|region|account|type)|@tags\\.[^.]+|[A-Za-z0-9_$-]+(\\.[A-Za-z0-9_$-]+)*)$',
  }),
  select: Type.Object(
    {
      type: Type.String({ pattern: TYPE_NAME }),
      region: Type.Optional(Type.Ref('value')),
      where: Type.Optional(Type.Ref('condition')),
      matchItem: Type.Optional(
        Type.Boolean({ description: "With forEach: keep only the resources the current item's `match` recognises (name, namePrefix, namePattern, tags); every in-scope one when the item has no match." }),
      ),
      min: Type.Optional(
        Type.Integer({ minimum: 0, description: 'With expect: fewer selected in-scope resources than this is a failure (default 1: a missing resource is a finding).' }),
      ),
    },
    Closed,
  ),
  aggregate: Type.Object(
    {
      distinct: Type.Optional(Type.Ref('path', { description: 'Count distinct non-null values of this path instead of resources.' })),
      as: Type.Optional(
        Enum(['count', 'set'], 'count (default): compare how many; set: compare the distinct values themselves, as a set, with a list (op eq or ne; needs distinct).'),
      ),
      op: Enum(COUNT_OPS),
      value: Type.Ref('value'),
    },
    Closed,
  ),
  composite: Type.Object({ rules: Type.Array(Type.String(), { minItems: 1, uniqueItems: true }) }, Closed),
  cost: Type.Object(
    {
      tolerancePercent: Type.Number({
        minimum: 0,
        maximum: 100,
        description: "How far above the spec's cost total the estimate may be and still pass, in percent of that total (0: not a cent above).",
      }),
    },
    {
      ...Closed,
      description:
        "Compares the monthly on-demand estimate of the in-scope resources (the one `infra-audit cost` prints: snapshot x price table x the spec's stated usage) with the spec's cost total (cost.total, else the sum of cost.lines). One result: pass within the tolerance, fail above it, skip when the spec has no cost section; error when the estimate is only a lower bound (a read failed, a line is not priced) unless even that bound is above.",
    },
  ),
  condition: Type.Union([
    Type.Ref('compare'),
    Type.Ref('every'),
    Type.Ref('some'),
    Type.Ref('edgeCondition'),
    Type.Ref('resolves'),
    Type.Ref('matchesItem'),
    Type.Ref('all'),
    Type.Ref('any'),
    Type.Ref('not'),
  ]),
  compare: Type.Object(
    { path: Type.Ref('path'), op: Type.Ref('op'), value: Type.Optional(Type.Ref('value')) },
    {
      ...Closed,
      description:
        'Compares the value at path with value. coversHostnames: the DNS names at path (a "*." wildcard stands for exactly one leftmost label) match every hostname in value (one or a list). hasEntries: the map at path has every key of the value (an object) with an equal value; its other keys are not looked at, nor shown. subsetOf: every element of the list at path is in the value (a list); a result shows only the elements outside it.',
    },
  ),
  // "every"/"some" over a list prop: two shapes (not one with a oneOf) so the types narrow on the key.
  every: Type.Object({ path: Type.Ref('path'), every: Type.Ref('condition') }, Closed),
  some: Type.Object({ path: Type.Ref('path'), some: Type.Ref('condition') }, Closed),
  edgeCondition: Type.Object(
    {
      edge: Type.String({ pattern: '^[a-z-]+$' }),
      to: Type.Optional(Type.String({ pattern: TYPE_NAME })),
      reverse: Type.Optional(Type.Boolean()),
      distinct: Type.Optional(Type.Ref('path')),
      op: Type.Optional(Enum(COUNT_OPS)),
      value: Type.Optional(Type.Ref('value')),
      every: Type.Optional(Type.Ref('condition')),
      some: Type.Optional(Type.Ref('condition')),
    },
    {
      ...Closed,
      description:
        'Follows edges of one type (outgoing, or incoming with reverse) to resources of type `to`; then compares their count (or the count of distinct values of `distinct`) with op/value, or requires every/some of them to meet a condition.',
      oneOf: requiredOneOf(['op', 'value'], ['every'], ['some']),
    },
  ),
  resolves: Type.Object(
    { resolves: Type.String({ pattern: '^[a-z-]+$' }) },
    {
      ...Closed,
      description:
        "Every reference the resource makes along this edge type's declared link resolves to a collected resource (a task definition's secret ARN names a secret that exists). Fails listing the references that resolve to nothing; a reference into a region or account the snapshot did not read, or whose read failed, makes the rule error.",
    },
  ),
  matchesItem: Type.Object(
    { matchesItem: Type.Union([Type.Literal(true), Type.Object({ $spec: Type.String({ pattern: '^/[A-Za-z0-9]+$' }) }, Closed)]) },
    {
      ...Closed,
      description:
        "true: the resource is one the current forEach item's `match` recognises (name, prefix, pattern, tags), like select.matchItem but for a resource reached over edges: a container whose task definition an item's ECS service runs. {\"$spec\": \"/<section>\"}: some item of that section recognises it (no forEach needed; a section the spec lacks recognises nothing), so `not` finds the resources no item describes. Only in select.where.",
    },
  ),
  all: Type.Object({ all: Type.Array(Type.Ref('condition'), { minItems: 1 }) }, Closed),
  any: Type.Object({ any: Type.Array(Type.Ref('condition'), { minItems: 1 }) }, Closed),
  not: Type.Object({ not: Type.Ref('condition') }, Closed),
  specCondition: Type.Union([
    Type.Object({ spec: Type.String({ pattern: POINTER }), op: Type.Ref('op'), value: Type.Optional(Type.Ref('value')) }, Closed),
    Type.Object({ item: Type.String({ pattern: POINTER, description: "A pointer into the current item of the rule's forEach section." }), op: Type.Ref('op'), value: Type.Optional(Type.Ref('value')) }, Closed),
    Type.Object({ all: Type.Array(Type.Ref('specCondition'), { minItems: 1 }) }, Closed),
    Type.Object({ any: Type.Array(Type.Ref('specCondition'), { minItems: 1 }) }, Closed),
    Type.Object({ not: Type.Ref('specCondition') }, Closed),
  ]),
  rule: Type.Object(
    {
      $schema: Type.Optional(Type.String()),
      id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'Equal to the file name without .json.' }),
      title: Type.String({ minLength: 1, maxLength: 120, description: 'Template: {item} (the forEach item\'s name), {item:/pointer}, {spec:/pointer}.' }),
      severity: Enum(SEVERITIES),
      claims: Type.Array(Type.String({ pattern: '^C[0-9]{2}$' }), { minItems: 1, uniqueItems: true }),
      rationale: Type.String({ minLength: 1, maxLength: 1000 }),
      remediation: Type.String({ minLength: 1, description: 'Template, like title: {item} {item:/pointer} {spec:/pointer}.' }),
      message: Type.String({
        minLength: 1,
        description:
          'Template: {resource.name} {resource.id} {resource.type} {resource.region} {finding} {expected} {actual} {path} {spec:/pointer} {item} {item:/pointer}; a spec or item value may name a format, {spec:/dr/rto/seconds|duration} (4 hours) or {item:/x|onOff} (on, off). {finding} is the whole "<what> is <found>, the architecture requires <expected>" in words ("expected" when the value is the rule\'s own, not the spec\'s).',
      }),
      forEach: Type.Optional(
        Type.Object(
          { $spec: Type.String({ pattern: '^/[A-Za-z]+$', description: 'A section of the v2 spec, e.g. /services.' }) },
          {
            ...Closed,
            description:
              'Evaluate the rule once per item of this spec section ($item pointers, {item} in templates), one result per item and resource. An absent or empty section: one result, skip, reason "not in this architecture".',
          },
        ),
      ),
      when: Type.Optional(Type.Ref('specCondition', { description: 'Evaluated on the spec (and the current item); false makes the rule skip.' })),
      select: Type.Optional(Type.Ref('select')),
      expect: Type.Optional(Type.Ref('condition')),
      aggregate: Type.Optional(Type.Ref('aggregate')),
      composite: Type.Optional(Type.Ref('composite')),
      cost: Type.Optional(Type.Ref('cost')),
    },
    {
      ...Closed,
      oneOf: [
        { required: ['select', 'expect'], not: { anyOf: [{ required: ['aggregate'] }, { required: ['composite'] }, { required: ['cost'] }] } },
        { required: ['select', 'aggregate'], not: { anyOf: [{ required: ['expect'] }, { required: ['composite'] }, { required: ['cost'] }] } },
        { required: ['composite'], not: { anyOf: [{ required: ['select'] }, { required: ['expect'] }, { required: ['aggregate'] }, { required: ['cost'] }] } },
        { required: ['cost'], not: { anyOf: [{ required: ['select'] }, { required: ['expect'] }, { required: ['aggregate'] }, { required: ['composite'] }] } },
      ],
    },
  ),
});

const imported = <K extends 'rule' | 'condition' | 'specCondition' | 'value' | 'select' | 'aggregate' | 'edgeCondition'>(name: K) => RuleLanguage.Import(name);
export const RuleSchema = imported('rule');
export const ConditionSchema = imported('condition');
export const SpecConditionSchema = imported('specCondition');
export const ValueSchema = imported('value');
export const EdgeConditionSchema = imported('edgeCondition');

export type RuleStatic = Static<typeof RuleSchema>;
export type ConditionStatic = Static<typeof ConditionSchema>;
export type SpecConditionStatic = Static<typeof SpecConditionSchema>;
export type ValueStatic = Static<typeof ValueSchema>;
export type EdgeConditionStatic = Static<typeof EdgeConditionSchema>;

const ROOT = 'rule';
const HEAD = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://infra-audit.dev/schemas/rule.schema.json',
  title: 'infra-audit rule',
  description:
    'One declarative check of the resource graph against the spec. A rule selects resources of one type, then either expects a condition of each (one result per resource), aggregates over them (one result), combines other rules (composite), or compares the cost estimate with the cost table of the spec (cost). GENERATED from src/engine/rule-schema.ts (npm run schemas): do not edit.',
};

/** schemas/rule.schema.json: the module's definitions, references made local, the rule at the root. */
export function ruleSchemaText(): string {
  const defs = (JSON.parse(JSON.stringify(RuleSchema)) as { $defs: Record<string, Record<string, unknown>> }).$defs;
  const local = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(local);
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node)
        .filter(([k]) => k !== '$id')
        .map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && Object.hasOwn(defs, v) ? `#/definitions/${v}` : local(v)]),
    );
  };
  const { [ROOT]: root, ...rest } = defs;
  const schema = { ...HEAD, ...(local(root) as object), definitions: local(rest) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

