// Progress goes to stderr on a TTY only: piped or captured output never gets carriage returns.
import { describe, expect, it } from 'vitest';
import { progressDisplay } from '../../src/cli/progress.js';

const stream = (isTTY: boolean) => {
  const chunks: string[] = [];
  return { chunks, s: { isTTY, write: (c: string) => chunks.push(c) } };
};
const stats = { calls: 7, attempts: 9, byOperation: {} };

describe('progress display', () => {
  it('writes nothing when stderr is not a TTY', () => {
    const { chunks, s } = stream(false);
    const p = progressDisplay(s, stats, 3);
    p.onEvent({ kind: 'done', service: 'ec2', region: 'us-east-1', count: 12 });
    p.onRetry();
    p.finish();
    expect(chunks).toEqual([]);
  });

  it('on a TTY shows services done, resources, API calls and retries, then clears its line', () => {
    const { chunks, s } = stream(true);
    const p = progressDisplay(s, stats, 3);
    p.onEvent({ kind: 'done', service: 'ec2', region: 'us-east-1', count: 12 });
    p.onEvent({ kind: 'done', service: 'rds', region: 'us-east-1', count: 3 });
    expect(chunks.at(-1)).toBe('\r\x1b[2Kcollecting: 2/3 service reads done · 15 resources · 7 API calls · 0 retries');
    p.finish();
    expect(chunks.at(-1)).toBe('\r\x1b[2K');
  });
});
