// Runs the real CLI entry point in-process with captured streams.
import { main } from '../../src/cli/main.js';

export interface CliRun { code: number; stdout: string; stderr: string }

export async function runCli(argv: string[], opts: { cwd?: string; env?: Record<string, string>; tty?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: opts.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: opts.tty ?? false },
    env: opts.env ?? {},
    cwd: opts.cwd ?? process.cwd(),
  });
  return { code, stdout, stderr };
}
