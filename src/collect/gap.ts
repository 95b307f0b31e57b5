// Turning a failed read into a gap. Fail closed: the read helper (read.ts) records the gap and goes on;
// every rule that needs the failed read in its region becomes `error` (engine/needs.ts).
import type { Gap } from '../graph/types.js';
import type { ResourceType } from '../graph/resource-types.js';
import { isDeadlineError } from './deadline.js';

export function toGap(err: unknown, where: { service: string; operation: string; region: string; resourceTypes: ResourceType[] }): Gap {
  const e = err as { name?: string; code?: string; Code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  // A read cut off by the scan's deadline says so, rather than the SDK's generic AbortError.
  if (isDeadlineError(err)) return { ...where, code: 'DeadlineExceeded', message: "not answered before the scan's deadline" };
  const code = e?.name && e.name !== 'Error' ? e.name : (e?.code ?? e?.Code ?? 'UnknownError');
  return { ...where, code, message: redact(String(e?.message ?? err)).slice(0, 500) };
}

// Error messages echo request details; keep anything that looks like a credential out of the snapshot.
function redact(message: string): string {
  return message.replace(/(\w+:\/\/[^:\s/]+:)[^@\s]+@/g, '$1***@').replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1****************');
}
