// The words of the rule language that code needs as values (severity order, operators), kept free of
// TypeBox so the running tool does not load it; src/engine/rule-schema.ts builds the schema from them.
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export const OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'matches', 'exists', 'coversHostnames', 'hasEntries', 'subsetOf'] as const;
export const COUNT_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte'] as const;
