// One linear pass over JSON text for what JSON.parse silently accepts: duplicate keys (it keeps the
// last) and nesting too deep for the recursive code after it. Strings are skipped with indexOf, so the
// pass costs a fraction of the parse; it builds no tree.

export interface ScanProblem { offset: number; pointer: string; message: string }

interface Frame {
  object: boolean;
  /** The member being read: a key in an object, an index in an array. */
  key: string | number;
  expectKey: boolean;
  keys: string[] | Set<string> | undefined;
}

const SMALL_OBJECT = 16;

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
        const key = keyOf(text.slice(start, i + 1));
        if (hasKey(top, key)) return { offset: start, pointer: pointerOf(stack, key), message: `duplicate key "${key}"` };
        top.key = key;
        top.expectKey = false;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (stack.length + depth >= maxDepth) return { offset: i, pointer: pointerOf(stack), message: `nested more than ${maxDepth} levels deep` };
      const object = c === 0x7b;
      stack.push({ object, key: object ? '' : 0, expectKey: object, keys: undefined });
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

// "a" and "\u0061" are the same key.
function keyOf(quoted: string): string {
  if (!quoted.includes('\\')) return quoted.slice(1, -1);
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function hasKey(frame: Frame, key: string): boolean {
  let keys = frame.keys;
  if (keys === undefined) keys = frame.keys = [];
  if (Array.isArray(keys)) {
    if (keys.includes(key)) return true;
    keys.push(key);
    if (keys.length > SMALL_OBJECT) frame.keys = new Set(keys);
    return false;
  }
  if (keys.has(key)) return true;
  keys.add(key);
  return false;
}

function pointerOf(stack: Frame[], last?: string): string {
  const parts = stack.map((f) => f.key);
  if (last !== undefined) parts[parts.length - 1] = last;
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
