// The regions a spec's architecture runs in: the spec's `region`, plus every v2 item's own `region`
// (an item may live elsewhere: a DR replica, a replicated bucket). A scan reads all of them, so a rule
// about a second-region item never sees "no resource" only because that region was never read.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The spec's region first, then each other region an item names, in the spec's order, once each.
 * An item is a value of a section (`/services/api`); every section is an object of items, so any
 * top-level object's object values are looked at (the section list lives in the build-time schema).
 */
export function specRegions(spec: { region: string } & Record<string, unknown>): string[] {
  const regions = [spec.region];
  for (const section of Object.values(spec)) {
    if (!isObject(section)) continue;
    for (const item of Object.values(section)) {
      if (isObject(item) && typeof item.region === 'string' && !regions.includes(item.region)) regions.push(item.region);
    }
  }
  return regions;
}
