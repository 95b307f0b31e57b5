// `infra-audit check`: audit a saved snapshot (no AWS access).
import { resolve } from 'node:path';
import { audit, loadCheckInputs } from '../audit.js';
import { emitReports, filterOf, reportExtras, reportInputs, reportOutputs, type CheckArgs } from './report-run.js';
import { withOutputs } from './outputs.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';

export function runCheck(args: CheckArgs, io: CliIO): Promise<number> {
  return withOutputs(io, reportOutputs(args), [['--snapshot', args.snapshot], ...reportInputs(args, io)], async (targets) => {
    const inputs = await loadCheckInputs({
      snapshotFile: resolve(io.cwd, args.snapshot),
      specFile: specFileOf(args.spec, io),
      ...(args.rules && { rulesDir: resolve(io.cwd, args.rules) }),
    });
    const outcome = audit({ ...inputs, ...(await reportExtras(args, io)), filter: filterOf(args), snapshotName: args.snapshot });
    return emitReports(outcome, args, io, targets);
  });
}

