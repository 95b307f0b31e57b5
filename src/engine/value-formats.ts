// Value formats a rule template may name after a spec or item pointer, `{spec:/dr/rto/seconds|duration}`,
// so a message reads "the RTO of 4 hours" where the spec holds 14400. Only the spec's own value is
// formatted: a value the spec leaves out (or one the format does not fit) reads as it would unformatted.
export const VALUE_FORMATS: Readonly<Record<string, (value: unknown) => string | undefined>> = {
  duration,
  onOff: (v) => (typeof v === 'boolean' ? (v ? 'on' : 'off') : undefined),
};

const UNITS: readonly [number, string][] = [[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']];

/** Whole seconds in the largest unit that divides them exactly: 14400 "4 hours", 5400 "90 minutes". */
function duration(value: unknown): string | undefined {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) return undefined;
  const [size, unit] = UNITS.find(([s]) => value % s === 0 && value > 0) ?? [1, 'second'];
  const n = value / size;
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** A placeholder's reference and format: "spec:/dr/rto/seconds|duration" -> ["spec:/dr/rto/seconds", "duration"]. */
export function splitFormat(ref: string): [string, string | undefined] {
  const at = ref.lastIndexOf('|');
  return at < 0 ? [ref, undefined] : [ref.slice(0, at), ref.slice(at + 1)];
}
