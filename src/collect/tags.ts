// AWS returns tags as [{Key, Value}] (or {key, value} in ECS); the graph keeps a plain map.
export function tagMap(tags: readonly { Key?: string | undefined; Value?: string | undefined }[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const t of tags ?? []) if (t.Key !== undefined) map[t.Key] = t.Value ?? '';
  return map;
}
