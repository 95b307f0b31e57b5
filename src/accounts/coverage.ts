// The coverage matrix of one account: for every region and service the scan was to read, whether it was
// read, denied (the audit role lacks a permission: the account owner's to grant) or failed (throttled
// past retries, timed out, an endpoint fault). Derived from the snapshot's gaps, so it never says "read"
// for something that was not.
import type { Collector } from '../collect/types.js';
import type { Gap } from '../graph/types.js';
import { byCodeUnits } from '../text/order.js';

export type CoverageState = 'read' | 'denied' | 'failed';
export interface CoverageCell { region: string; service: string; state: CoverageState }

/** The codes AWS answers when the caller lacks a permission (each protocol has its own). */
const DENIED_CODES = new Set(['AccessDenied', 'AccessDeniedException', 'UnauthorizedOperation', 'AuthorizationError', 'UnauthorizedException', 'AuthFailure', 'Forbidden']);

export const isDenied = (code: string): boolean => DENIED_CODES.has(code);

/** Where each collector reads: its regions, "global" for the global services (as their gaps say). */
export function plannedCells(collectors: readonly Pick<Collector, 'service' | 'global' | 'alsoGlobalRegion'>[], regions: readonly string[]): { region: string; service: string }[] {
  const cells = new Map<string, { region: string; service: string }>();
  for (const c of collectors) {
    const where = c.global ? ['global'] : c.alsoGlobalRegion ? [...new Set([...regions, 'us-east-1'])] : regions;
    for (const region of where) cells.set(`${region}|${c.service}`, { region, service: c.service });
  }
  return sort([...cells.values()]);
}

/** Each planned cell's state from the gaps: denied when every failure there was a denial, failed otherwise. */
export function coverageOf(planned: readonly { region: string; service: string }[], gaps: readonly Gap[]): CoverageCell[] {
  const byCell = new Map<string, Gap[]>();
  for (const g of gaps) {
    const key = `${g.region}|${g.service}`;
    byCell.set(key, [...(byCell.get(key) ?? []), g]);
  }
  const cells: CoverageCell[] = planned.map((p) => {
    const failed = byCell.get(`${p.region}|${p.service}`);
    byCell.delete(`${p.region}|${p.service}`);
    return { ...p, state: !failed ? 'read' : failed.every((g) => isDenied(g.code)) ? 'denied' : 'failed' };
  });
  // A gap outside the plan (a collector reading another region) still shows: never dropped.
  for (const failed of byCell.values()) cells.push({ region: failed[0]!.region, service: failed[0]!.service, state: failed.every((g) => isDenied(g.code)) ? 'denied' : 'failed' });
  return sort(cells);
}

/** An account that could not be read at all: every planned cell failed. */
export const nothingRead = (planned: readonly { region: string; service: string }[]): CoverageCell[] => planned.map((p) => ({ ...p, state: 'failed' }));

const sort = <T extends { region: string; service: string }>(cells: T[]): T[] => cells.sort((a, b) => byCodeUnits(a.region, b.region) || byCodeUnits(a.service, b.service));
