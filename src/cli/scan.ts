// `infra-audit collect` (read the account into a snapshot) and `infra-audit scan` (collect, then audit).
import type { Argv } from 'yargs';
import { reportOptions } from './options.js';
import type { CommandExtension } from './extensions.js';
import type { CheckArgs } from './check.js';
import type { CollectArgs } from './scan-run.js';

function targetOptions(y: Argv) {
  return y
    .option('region', { type: 'string', array: true, describe: "Region to read (repeatable; default: the spec's region)" })
    .option('profile', { type: 'string', describe: 'AWS profile (default: the standard credential chain)' })
    .option('role-arn', { type: 'string', describe: 'Assume this role before reading (e.g. a read-only audit role)' })
    .option('external-id', { type: 'string', describe: 'External id for --role-arn' })
    .option('timeout', { type: 'number', describe: 'Deadline for all reads, in seconds (default 900): what is unread by then is a gap, exit 3' });
}

export const scanCommands: CommandExtension = (y, select) =>
  y
    .command(
      'scan',
      'Read the AWS account and audit it against the spec',
      (z) => targetOptions(reportOptions(z)).option('output', { type: 'string', describe: 'Also save the snapshot to this file' }),
      (a) => select(async (io) => (await import('./scan-run.js')).runScan(a as unknown as CollectArgs & CheckArgs, io))(),
    )
    .command(
      'collect',
      'Read the AWS account into a snapshot file (audit it later with check)',
      (z) => targetOptions(z).option('output', { type: 'string', demandOption: true, describe: 'Snapshot file to write' }).option('spec', { type: 'string' }),
      (a) => select(async (io) => (await import('./scan-run.js')).runCollect(a as unknown as CollectArgs & { output: string }, io))(),
    );
