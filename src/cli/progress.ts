// A one-line progress display on stderr while collecting: only on a TTY, never on stdout.
import type { OutStream } from './io.js';
import type { ProgressEvent } from '../collect/types.js';
import type { CallStats } from '../collect/clients.js';

export function progressDisplay(stderr: OutStream, stats: CallStats, totalTasks: number) {
  if (!stderr.isTTY) return { onEvent: (_e: ProgressEvent) => {}, onRetry: () => {}, finish: () => {} };
  let done = 0;
  let resources = 0;
  let retries = 0;
  let last = 0;
  const draw = (force = false) => {
    const t = Date.now();
    if (!force && t - last < 100) return;
    last = t;
    stderr.write(`\r\x1b[2Kcollecting: ${done}/${totalTasks} service reads done · ${resources} resources · ${stats.calls} API calls · ${retries} retries`);
  };
  return {
    onEvent(e: ProgressEvent) {
      if (e.kind === 'done') {
        done++;
        resources += e.count ?? 0;
      }
      draw(e.kind === 'done');
    },
    onRetry() {
      retries++;
      draw();
    },
    finish() {
      stderr.write('\r\x1b[2K');
    },
  };
}
