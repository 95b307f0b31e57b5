// SIGINT/SIGTERM reach the CLI as an aborted AbortSignal (bin/ owns the process). The run stops
// waiting at once; outputs check the signal before writing, so nothing partial is left behind.

/** The conventional exit code of a run ended by a signal: 128 + its number. */
const SIGNAL_EXIT: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };

export function interruptedCode(reason: unknown): number {
  return SIGNAL_EXIT[String(reason)] ?? SIGNAL_EXIT.SIGINT!;
}

/** Settles with the run, or with the signal's exit code as soon as the signal is aborted. */
export function untilInterrupted(run: Promise<number>, signal: AbortSignal | undefined, onInterrupt: (reason: unknown) => void): Promise<number> {
  if (!signal) return run;
  // The run may still settle after an interruption: its result no longer matters.
  run.catch(() => {});
  const interrupted = (resolve: (code: number) => void) => {
    onInterrupt(signal.reason);
    resolve(interruptedCode(signal.reason));
  };
  if (signal.aborted) return new Promise(interrupted);
  return new Promise<number>((resolve, reject) => {
    const listener = () => interrupted(resolve);
    signal.addEventListener('abort', listener, { once: true });
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', listener));
  });
}
