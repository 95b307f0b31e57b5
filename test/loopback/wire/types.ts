// What every protocol module of the loopback server (json.ts, query.ts, rest-xml.ts) works with.
import type { IncomingHttpHeaders } from 'node:http';
import type { WireService } from '../services.js';

export interface Incoming {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** From the SigV4 credential scope: ".../<date>/<region>/<service>/aws4_request". */
  signingService: string | undefined;
}

export interface Identified {
  service: WireService;
  operation: string;
  /** The JSON body, the form fields, or the REST path/query/body values: for tests to look at. */
  params: Record<string, unknown>;
  /** Every value the request carries (strings): matched against recorded inputs. */
  leaves: string[];
  /** The access key id the request was signed with: who is calling (accounts.ts serves many accounts by it). */
  caller?: string;
}

export interface Rendered {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface WireProtocol {
  identify(req: Incoming): Identified | undefined;
  output(service: WireService, operation: string, output: Record<string, unknown>, requestId: string): Rendered;
  error(service: WireService, operation: string, code: string, message: string, status: number, requestId: string): Rendered;
}

/** Every scalar in a value, as strings (arrays and objects flattened). */
export function leavesOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(leavesOf);
  if (value instanceof Date) return [value.toISOString()];
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(leavesOf);
  return [String(value)];
}

export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
