import { setMaxListeners } from 'node:events';

// The scan's overall deadline. When it passes, the signal aborts: ClientFactory's handler fails every
// request in flight or still to be sent, each collector records those reads as gaps and returns, and
// collectSnapshot stops waiting for any collector that still has not returned shortly after.

/** The reason the deadline's signal carries; gaps from it have the code "DeadlineExceeded". */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceeded';
}

export interface Deadline {
  signal: AbortSignal;
  /** Stops the timer (the scan finished first). */
  clear(): void;
}

export function startDeadline(ms: number): Deadline {
  const controller = new AbortController();
  // Every request in flight listens to this one signal: hundreds is normal, not a leak.
  setMaxListeners(0, controller.signal);
  const timer = setTimeout(() => controller.abort(new DeadlineExceededError(`the scan's deadline (${ms / 1000} s) passed`)), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
}

/** Was this error caused by the deadline (directly, or as the SDK's AbortError whose cause it is)? */
export function isDeadlineError(err: unknown): boolean {
  const e = err as { name?: string; cause?: { name?: string } } | undefined;
  return e?.name === 'DeadlineExceeded' || (e?.name === 'AbortError' && e.cause?.name === 'DeadlineExceeded');
}

/**
 * The task's result, or — once the signal has aborted and `graceMs` more have passed without an answer —
 * the fallback's: nothing waits past the deadline for a read that cannot be aborted.
 */
export function settleBy<T>(task: Promise<T>, signal: AbortSignal | undefined, graceMs: number, fallback: () => T): Promise<T> {
  if (!signal) return task;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort = () => {};
  const late = new Promise<T>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => resolve(fallback()), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return Promise.race([task, late]).finally(() => {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  });
}
