// The one comparator for every deterministic order (snapshots, reports, diffs, gaps): UTF-16 code
// units, never the locale, so the same input gives byte-identical output on every machine.
export const byCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
