// One linear pass over JSON text for what JSON.parse silently accepts: duplicate keys (it keeps the
// last) and nesting too deep for the recursive code after it. Strings are skipped with indexOf, so the
// pass costs a fraction of the parse; it builds no tree.

export interface ScanProblem { offset: number; pointer: string; message: string }

interface Frame {
  object: boolean;
  /** The member being read: a key in an object, an index in an array. */
  key: string | number;
  expectKey: boolean;
  /** Keys seen so far: a short list, a set for large objects; `keyCount` of the list are live. */
  keys: string[];
  keyCount: number;
  keySet: Set<string> | undefined;
}

const SMALL_OBJECT = 16;

// Frames are reused from one container (and one call) to the next: a large snapshot is scanned as a
// million small pieces, and a fresh frame and key list per object was most of the scan's garbage.
const pool: Frame[] = [];

function frameAt(level: number, object: boolean): Frame {
  let frame = pool[level];
  if (!frame) frame = pool[level] = { object, key: '', expectKey: false, keys: [], keyCount: 0, keySet: undefined };
  frame.object = object;
  frame.key = object ? '' : 0;
  frame.expectKey = object;
  frame.keyCount = 0;
  frame.keySet = undefined;
  return frame;
}

/** `depth`: how many containers already enclose `text` (when it is one element of a larger file). */
export function scanJson(text: string, maxDepth: number, depth = 0): ScanProblem | undefined {
  const stack: Frame[] = [];
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      i = closingQuote(text, i);
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        const key = keyOf(text, start, i);
        if (hasKey(top, key)) return { offset: start, pointer: pointerOf(stack, key), message: `duplicate key "${key}"` };
        top.key = key;
        top.expectKey = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length + depth >= maxDepth) return { offset: i, pointer: pointerOf(stack), message: `nested more than ${maxDepth} levels deep` };
      stack.push(frameAt(stack.length, c === 0x7b));
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      else if (top) top.key = (top.key as number) + 1;
    }
  }
  return undefined;
}

/** Offset of the quote that ends the string starting at `start` (or the end of the text). */
function closingQuote(text: string, start: number): number {
  let at = start;
  for (;;) {
    at = text.indexOf('"', at + 1);
    if (at < 0) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
}

// "a" and "\u0061" are the same key. One slice for a key without escapes (nearly all).
function keyOf(text: string, open: number, close: number): string {
  for (let i = open + 1; i < close; i++) {
    if (text.charCodeAt(i) !== 0x5c) continue;
    try {
      return JSON.parse(text.slice(open, close + 1)) as string;
    } catch {
      return text.slice(open + 1, close);
    }
  }
  return text.slice(open + 1, close);
}

function hasKey(frame: Frame, key: string): boolean {
  if (frame.keySet) {
    if (frame.keySet.has(key)) return true;
    frame.keySet.add(key);
    return false;
  }
  const keys = frame.keys;
  for (let k = 0; k < frame.keyCount; k++) if (keys[k] === key) return true;
  keys[frame.keyCount++] = key;
  if (frame.keyCount > SMALL_OBJECT) frame.keySet = new Set(keys.slice(0, frame.keyCount));
  return false;
}

function pointerOf(stack: Frame[], last?: string): string {
  const parts = stack.map((f) => f.key);
  if (last !== undefined) parts[parts.length - 1] = last;
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
