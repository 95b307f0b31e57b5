// AWS returns tags as [{Key, Value}] (ECS: [{key, value}], SQS: a map); the graph keeps a plain map.
// Every collector converts through here. A tag without a key is no tag.
type TagPair = { Key?: string | undefined; Value?: string | undefined } | { key?: string | undefined; value?: string | undefined };

export function tagMap(tags: readonly TagPair[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const t of tags ?? []) {
    const [key, value] = 'Key' in t || 'Value' in t ? [(t as { Key?: string }).Key, (t as { Value?: string }).Value] : [(t as { key?: string }).key, (t as { value?: string }).value];
    if (key) map[key] = value ?? '';
  }
  return map;
}
