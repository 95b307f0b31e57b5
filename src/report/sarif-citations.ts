// A finding about a value the spec cites is shown where the team reads the architecture: on the
// document's line ("Multi-AZ: Enabled" in the design doc), with the spec's line as a related location.
// Only where a finding is shown changes: fingerprints never depend on locations (sarif.ts).
import { InputError } from '../errors.js';
import { checkCitations, citedPosition, type CheckedCitation } from '../engine/spec-citations.js';
import type { LoadedSpec } from '../engine/spec.js';

/** The spec's quotes, each found (or not) in `document`. */
export interface ReportCitations { document: string; citations: CheckedCitation[] }

/**
 * The spec's citations for a report. A document that cannot be read, or quotes no longer in it, do not
 * stop the audit: the findings stay on the spec's lines, and `warn` says why (spec check-doc says more).
 */
export async function loadCitations(spec: LoadedSpec, warn: (message: string) => void): Promise<ReportCitations | undefined> {
  let checked;
  try {
    checked = await checkCitations(spec);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    warn(`SARIF findings stay on the spec's lines: ${err.format()}`);
    return undefined;
  }
  if (!checked.document) return undefined;
  const stale = checked.citations.filter((c) => !c.found).length;
  if (stale) warn(`${stale} quote${stale === 1 ? ' the spec cites is' : 's the spec cites are'} no longer in ${checked.document}: their findings stay on the spec's lines (infra-audit spec check-doc lists them)`);
  return { document: checked.document, citations: checked.citations };
}

/** The document position of a finding about `pointer`, when that value (or one above it in its item) is cited and found. */
export function citedAt(spec: LoadedSpec, citations: ReportCitations | undefined, pointer: string | undefined) {
  if (!citations || !pointer) return undefined;
  const hit = citedPosition(spec, citations.citations, pointer);
  return hit && { file: citations.document, line: hit.found.line, column: hit.found.column, quote: hit.quote };
}
