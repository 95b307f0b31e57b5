// The command line: yargs parses, a command runs, and every typed error becomes an exit code here,
// in one place. Nothing in src/ touches `process`: bin/ passes the streams in.
import { joinDashValues, strictFlags } from './strict-flags.js';
import { untilInterrupted } from './interrupt.js';
import { CollectionError, EXIT, InputError, UsageError } from '../errors.js';
import { loadPrerendered, pickPrerendered } from './help-text.js';
import { plainCheckArgs } from './check-argv.js';
import type { CommandDef, Run } from './commands.js';
import type { CliIO } from './io.js';

export async function main(typed: string[], io: CliIO): Promise<number> {
  const argv = joinDashValues(typed);
  // The bare help and version texts were rendered by yargs at build time (help-text.ts): no yargs to load.
  const text = pickPrerendered(argv, helpWidth(io), await loadPrerendered());
  if (text !== undefined) {
    io.stdout.write(text);
    return EXIT.ok;
  }
  // `check` as it is usually typed needs no yargs either (check-argv.ts); anything else goes through it.
  const plain = plainCheckArgs(argv);
  if (plain) return runChosen(async (runIo) => (await import('./check.js')).runCheck(plain, runIo), io);
  return parseAndRun(argv, io);
}

/** Help wraps at the terminal's width up to 110 columns; 100 when stdout is not a terminal. */
export const helpWidth = (io: CliIO) => Math.min(110, (io.stdout as { columns?: number }).columns ?? 100);

/**
 * The command line through yargs (scripts/build-help.mjs renders the bare help and version with it).
 * `commands` replaces the command list only in tests (to see the arguments a handler receives).
 */
export async function parseAndRun(argv: string[], io: CliIO, commands?: CommandDef[]): Promise<number> {
  const [{ default: yargs }, { COMMANDS, register }, { TOOL }] = await Promise.all([import('yargs'), import('./commands.js'), import('../version.js')]);
  let run: Run | undefined;
  const select = (r: Run) => {
    run = r;
  };

  let parser = yargs()
    .scriptName('infra-audit')
    .usage('$0 <command> [options]\n\nAudit a live AWS account against the architecture its team wrote down.')
    .version(TOOL.version)
    .alias('v', 'version')
    .help()
    .alias('h', 'help')
    .detectLocale(false)
    .strict()
    .recommendCommands()
    // Prints a bash (or, under zsh, zsh) script that asks `infra-audit --get-yargs-completions`.
    .completion('completion', 'Print a shell completion script (infra-audit completion >> ~/.bashrc)')
    .check(strictFlags(argv), true)
    .demandCommand(1, 'Name a command.')
    .wrap(helpWidth(io))
    .exitProcess(false);
  parser = register(parser, commands ?? COMMANDS, select);
  skipHelpCache(parser);

  // Every complaint yargs makes, so "Did you mean check?" reaches the user with "Unknown argument".
  const failures: string[] = [];
  parser = parser.fail((msg, err) => {
    failures.push(msg ?? err?.message ?? 'invalid command line');
  });
  let printed = '';
  await new Promise<void>((done) => {
    parser.parse(argv, {}, (err, _args, output) => {
      if (err) failures.push(err.message);
      printed = output;
      done();
    });
  });
  // yargs prints the completion script and then, without exiting, rejects its own command as unknown.
  const completionScript = argv[0] === 'completion' && argv.length === 1 && printed.includes('-completions-###');
  const hints = failures.filter((f) => f.startsWith('Did you mean'));
  const usageError = completionScript || !failures.length ? undefined : [...failures.filter((f) => !hints.includes(f)), ...hints].map((f) => f.replace(/[^.?!:\n]$/, '$&.')).join(' ');
  if (usageError) {
    io.stderr.write(`infra-audit: ${usageError}\nRun "infra-audit --help" for usage.\n`);
    return EXIT.invalid;
  }
  if (!run) {
    // --help or --version: yargs produced the text.
    io.stdout.write(printed.endsWith('\n') ? printed : printed + '\n');
    return EXIT.ok;
  }
  return runChosen(run, io);
}

async function runChosen(run: Run, io: CliIO): Promise<number> {
  try {
    return await untilInterrupted(run(io), io.signal, (reason) => io.stderr.write(`infra-audit: interrupted (${String(reason)}); no output written\n`));
  } catch (err) {
    return reportError(err, io);
  }
}

/**
 * yargs renders the chosen command's whole help after its handler runs, in case the handler fails
 * later (lib/command.js, cacheHelpMessage): a fifth of `check`'s start-up, spent on string widths.
 * Our handlers only pick the run and cannot fail, and `--help` renders afresh without the cache, so
 * the rendering is skipped. Guarded: should yargs's internals change, it simply renders again.
 */
function skipHelpCache(parser: unknown): void {
  const internals = (parser as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } } }).getInternalMethods?.();
  const usage = internals?.getUsageInstance?.();
  if (usage && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => {};
}

/** The one place that turns errors into messages and exit codes. No stack traces for input problems. */
export function reportError(err: unknown, io: CliIO): number {
  if (err instanceof InputError) {
    io.stderr.write(`infra-audit: ${err.format()}\n`);
    return EXIT.invalid;
  }
  if (err instanceof CollectionError) {
    io.stderr.write(`infra-audit: ${err.message}\n`);
    return EXIT.incomplete;
  }
  if (err instanceof UsageError) {
    io.stderr.write(`infra-audit: ${err.message}\n`);
    return EXIT.invalid;
  }
  const fsError = err as NodeJS.ErrnoException;
  if (typeof fsError?.code === 'string' && typeof fsError.path === 'string') {
    // A file or directory the user named cannot be opened (a missing --rules directory, say): their input, not our bug.
    io.stderr.write(`infra-audit: cannot read ${fsError.path}: ${fsError.message.replace(/^[A-Z]+: /, '').replace(/, \w+ '.*'$/, '')}\n`);
    return EXIT.invalid;
  }
  const e = err as Error;
  io.stderr.write(`infra-audit: internal error: ${e?.message ?? String(err)}\n${io.env.INFRA_AUDIT_DEBUG ? (e?.stack ?? '') + '\n' : ''}`);
  return EXIT.internal;
}
