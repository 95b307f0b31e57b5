// Commands that live in their own modules (scan, collect, diff) register here, so main.ts stays small.
import type { Argv } from 'yargs';
import type { CliIO } from './io.js';
import { scanCommands } from './scan.js';
import { diffCommand } from './diff.js';

export type Run = (io: CliIO) => Promise<number>;
export type CommandExtension = (y: Argv, select: (run: Run) => () => void) => Argv;

export const COMMAND_EXTENSIONS: CommandExtension[] = [scanCommands, diffCommand];
