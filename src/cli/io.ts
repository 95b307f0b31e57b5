// What a command may touch: given by bin/ (real process streams) or by tests (buffers).
/** `columns` is the terminal's width when the stream is a TTY (Node sets it on process.stdout). */
export interface OutStream { write(chunk: string): unknown; isTTY?: boolean; columns?: number }

export interface CliIO {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Aborted when the user interrupts the run (SIGINT/SIGTERM in bin/): outputs are then left untouched. */
  signal?: AbortSignal;
}

/** Colour on a TTY unless NO_COLOR is set (https://no-color.org); FORCE_COLOR forces it. */
export function useColor(io: CliIO, stream: OutStream = io.stdout): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
