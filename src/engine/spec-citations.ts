// A spec value may cite the architecture document: `cite` on an item (or on `dr`) maps a value's pointer
// to the text quoted from the document. Each quote is found in the document as written, except that any
// run of whitespace (line breaks included) matches any other run: design documents align their tables
// with spaces ("Multi-AZ:           Enabled"), and a quote should not have to copy the padding. A quote is
// found by plain substring search, never as a pattern, so "(Multi-AZ)" or "$1,441" mean themselves.
import { dirname, resolve } from 'node:path';
import { InputError } from '../errors.js';
import { resolvePointer } from '../input/json-source.js';
import { readBoundedText } from '../input/read-bounded.js';
import { lineColumnAt } from '../text/position.js';
import type { LayeredSource } from './spec-layers.js';

/** What of a loaded spec (src/engine/spec.ts) citations need: its merged value and where each value was written. */
type LoadedSpec = { value: Record<string, unknown>; source: Pick<LayeredSource, 'fileAt' | 'error'> };

/** A design document is prose and pictures: a few hundred KiB at most. Past this it is not one. */
export const MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
const SECTIONS = ['networks', 'edge', 'loadBalancers', 'services', 'databases', 'caches', 'queues', 'buckets', 'dns'] as const;

export interface Citation {
  /** The cited value's pointer in the spec (/databases/main/multiAz). */
  value: string;
  /** Where the quote is written (/databases/main/cite/~1multiAz, or .../0 in a list). */
  at: string;
  quote: string;
}

export interface Position { line: number; column: number }

export interface CheckedCitation extends Citation {
  /** Where the quote starts in the document; absent: the text is no longer there. */
  found?: Position;
}

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every quote of the (merged) spec, in the spec's order. */
export function citationsOf(spec: Obj): Citation[] {
  const owners: [string, unknown][] = [
    ...SECTIONS.flatMap((section) => (isObject(spec[section]) ? Object.entries(spec[section]).map(([name, item]) => [`/${section}/${esc(name)}`, item] as [string, unknown]) : [])),
    ['/dr', spec.dr],
  ];
  const out: Citation[] = [];
  for (const [root, owner] of owners) {
    if (!isObject(owner) || !isObject(owner.cite)) continue;
    for (const [key, quotes] of Object.entries(owner.cite)) {
      const at = `${root}/cite/${esc(key)}`;
      if (typeof quotes === 'string') out.push({ value: root + key, at, quote: quotes });
      else if (Array.isArray(quotes)) quotes.forEach((quote, i) => out.push({ value: root + key, at: `${at}/${i}`, quote: String(quote) }));
    }
  }
  return out;
}

/** The first cite that names a value its item does not set (or a cite itself): reported at the cite. */
export function citationProblem(spec: Obj): { pointer: string; message: string } | undefined {
  for (const c of citationsOf(spec)) {
    const key = c.value.slice(c.at.indexOf('/cite/'));
    if (key === '/cite' || key.startsWith('/cite/')) return { pointer: c.at, message: 'a cite quotes the document for a value, not for another cite' };
    if (resolvePointer(spec, c.value) === undefined) return { pointer: c.at.replace(/\/\d+$/, ''), message: `cites ${c.value}, which this spec does not set` };
  }
  return undefined;
}

/** The document file the spec names, resolved against the file that names it; undefined when it names none. */
export function documentFile(spec: LoadedSpec): string | undefined {
  const document = spec.value.document;
  if (typeof document !== 'string') return undefined;
  return resolve(dirname(spec.source.fileAt('/document')), document);
}

/**
 * Reads the document (a regular UTF-8 file of at most MAX_DOCUMENT_BYTES) and finds every quote in it.
 * A document that cannot be read is an InputError at the spec's `document`, where the fix is.
 */
export async function checkCitations(spec: LoadedSpec): Promise<{ document?: string; citations: CheckedCitation[] }> {
  const citations = citationsOf(spec.value);
  if (!citations.length) return { citations: [] };
  const document = documentFile(spec);
  if (!document) throw spec.source.error(citations[0]!.at, 'cites the architecture document, but the spec names no `document` to find the quote in');
  let text: string;
  try {
    text = await readBoundedText(document, MAX_DOCUMENT_BYTES);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw spec.source.error('/document', `the document ${document} cannot be read: ${err.message}`);
  }
  const find = quoteFinder(text);
  return { document, citations: citations.map((c) => { const found = find(c.quote); return found ? { ...c, found } : c; }) };
}

/** Finds quotes in `text`, whitespace-normalised; the position is 1-based line and column (UTF-16 units) in `text`. */
export function quoteFinder(text: string): (quote: string) => Position | undefined {
  // The text with each whitespace run as one space, and where each of its characters came from.
  let normal = '';
  const origin: number[] = [];
  for (const match of text.matchAll(/\s+|\S+/g)) {
    if (/^\s/.test(match[0])) {
      normal += ' ';
      origin.push(match.index);
    } else {
      normal += match[0];
      for (let i = 0; i < match[0].length; i++) origin.push(match.index + i);
    }
  }
  // LF, CRLF or a lone CR ends a line, as editors count.
  const lineStarts = [0];
  for (const m of text.matchAll(/\r\n|\n|\r/g)) lineStarts.push(m.index + m[0].length);
  return (quote) => {
    const wanted = quote.trim().replace(/\s+/g, ' ');
    if (!wanted) return undefined;
    const index = normal.indexOf(wanted);
    if (index < 0) return undefined;
    return lineColumnAt(lineStarts, origin[index]!);
  };
}

/**
 * The document position a finding about `pointer` is anchored to: the quote cited for that value or the
 * nearest cited value above it in the same item, when the file that wrote the value also wrote the cite
 * (an overlay's own value is not what the base quoted).
 */
export function citedPosition(spec: LoadedSpec, checked: readonly CheckedCitation[], pointer: string): (CheckedCitation & { found: Position }) | undefined {
  const byValue = new Map<string, CheckedCitation & { found: Position }>();
  for (const c of checked) if (c.found && !byValue.has(c.value)) byValue.set(c.value, c as CheckedCitation & { found: Position });
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const hit = byValue.get(p);
    if (hit) return spec.source.fileAt(pointer) === spec.source.fileAt(hit.at) ? hit : undefined;
    if (!p) return undefined;
  }
}
