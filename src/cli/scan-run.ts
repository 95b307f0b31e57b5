// The work behind `collect` and `scan`: loaded only when one of them runs, so `check` never pays
// for importing the AWS SDK.
import { resolve } from 'node:path';
import { audit, checkFilter } from '../audit.js';
import { collectSnapshot } from '../collect/index.js';
import { ClientFactory } from '../collect/clients.js';
import { ALL_COLLECTORS } from '../collect/registry.js';
import { nonSecretEnvironmentNames } from '../collect/environment-names.js';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec, type LoadedSpec } from '../engine/spec.js';
import { specRegions } from '../engine/spec-regions.js';
import { serializeSnapshot } from '../graph/snapshot.js';
import { writeOutputs } from '../output/write.js';
import { withOutputs, writeOptions } from './outputs.js';
import { startDeadline } from '../collect/deadline.js';
import { EXIT, UsageError } from '../errors.js';
import { specFileOf } from './spec-file.js';
import { emitReports, filterOf, reportExtras, reportInputs, reportOutputs, type CheckArgs } from './report-run.js';
import { progressDisplay } from './progress.js';
import { checkInitArgs, initOutputs, writeInitSpec, type InitArgs } from './init-write.js';
import { costOutputs, writeCost, type CostOutputArgs } from './cost-report.js';
import { loadBundledPrices, loadPrices } from '../cost/prices.js';
import type { CliIO } from './io.js';
import type { Snapshot } from '../graph/types.js';
import type { AccountsArgs } from './scan-accounts.js';
import { DEFAULT_TIMEOUT_SECONDS, type CollectArgs } from './scan-args.js';


export { DEFAULT_TIMEOUT_SECONDS, type CollectArgs };

function timeoutMs(args: CollectArgs): number {
  const seconds = args.timeout ?? DEFAULT_TIMEOUT_SECONDS;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
    throw new UsageError(`--timeout must be a number of seconds above 0 and at most 86400 (got ${String(args.timeout)})`);
  }
  return seconds * 1000;
}

export async function collectForSpec(args: CollectArgs, spec: LoadedSpec, io: CliIO): Promise<Snapshot> {
  // Without --region: every region the spec's items are in (a v2 item may name its own).
  const regions = args.region?.length ? [...new Set(args.region)] : specRegions(spec.value);
  const deadline = startDeadline(timeoutMs(args));
  let onRetry = () => {};
  const clients = new ClientFactory(
    { ...args.clientOptions, signal: deadline.signal, ...(args.profile && { profile: args.profile }), ...(args.roleArn && { roleArn: args.roleArn }), ...(args.externalId && { externalId: args.externalId }) },
    () => onRetry(),
  );
  const collectors = args.collectors ?? ALL_COLLECTORS;
  const tasks = collectors.reduce((n, c) => n + (c.global ? 1 : regions.length), 0);
  const progress = progressDisplay(io.stderr, clients.stats, tasks);
  onRetry = progress.onRetry;
  try {
    return await collectSnapshot({ regions, clients, options: { keepEnvironmentValues: nonSecretEnvironmentNames(spec) }, progress: progress.onEvent, signal: deadline.signal, collectors: [...collectors] });
  } finally {
    deadline.clear();
    progress.finish();
    if (deadline.signal.aborted) io.stderr.write(`infra-audit: the scan's deadline (--timeout ${timeoutMs(args) / 1000} s) passed; what was not read by then is a gap\n`);
    clients.destroy();
  }
}

export function runCollect(args: CollectArgs & { output: string }, io: CliIO): Promise<number> {
  const specFile = specFileOf(args.spec, io);
  return withOutputs(io, [['--output', args.output]], [['--spec', specFile]], async ([target]) => {
    const spec = await loadSpec(specFile);
    const snapshot = await collectForSpec(args, spec, io);
    await writeOutputs([{ target: target!, content: serializeSnapshot(snapshot) }], writeOptions(io));
    const gaps = snapshot.gaps.length;
    io.stderr.write(`infra-audit: wrote ${args.output}: ${snapshot.nodes.length} resources, ${snapshot.edges.length} relations, ${gaps} read failure(s)\n`);
    for (const g of snapshot.gaps) io.stderr.write(`  could not read ${g.service}:${g.operation} in ${g.region}: ${g.code}\n`);
    return gaps ? EXIT.incomplete : EXIT.ok;
  });
}

export async function runScan(args: CollectArgs & CheckArgs & AccountsArgs, io: CliIO): Promise<number> {
  if (args.accounts !== undefined || args.organization) return (await import('./scan-accounts.js')).runScanAccounts(args, io);
  const manyOnly = (['outputDir', 'memberRole', 'ou', 'accountTag', 'maxAccountsInFlight', 'runTimeout', 'force', 'shard', 'sarifDir'] as const).find((k) => args[k] !== undefined);
  if (manyOnly) throw new UsageError(`--${manyOnly.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} goes with --accounts FILE or --organization`);
  // Every output is checked and every input read before collecting: a bad path or file must not cost a whole scan.
  return withOutputs(io, [['--output', args.output], ...reportOutputs(args)], reportInputs(args, io), async (targets) => {
    const spec = await loadSpec(specFileOf(args.spec, io));
    const rules = await loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined);
    checkFilter(filterOf(args), rules.map((l) => l.rule.id));
    const extras = await reportExtras(args, io);
    const snapshot = await collectForSpec(args, spec, io);
    const snapshotOut = targets.filter((t) => t.flag === '--output').map((target) => ({ target, content: serializeSnapshot(snapshot) }));
    const outcome = audit({ snapshot, spec, rules, ...extras, filter: filterOf(args), snapshotName: args.output ?? 'this scan' });
    return emitReports(outcome, args, io, targets, snapshotOut);
  });
}

/** `cost` without --snapshot: the account read as `scan` reads it (regions, credentials, deadline), then estimated. */
export function runCostScan(args: CollectArgs & CostOutputArgs & { prices?: string }, io: CliIO): Promise<number> {
  const specFile = specFileOf(args.spec, io);
  // The spec and price table are read before the account: a bad file must not cost a whole scan.
  return withOutputs(io, costOutputs(args), [['--spec', specFile], ['--prices', args.prices]], async (targets) => {
    const [spec, prices] = await Promise.all([loadSpec(specFile), args.prices ? loadPrices(resolve(io.cwd, args.prices)) : loadBundledPrices()]);
    const snapshot = await collectForSpec(args, spec, io);
    return writeCost(snapshot, spec, prices, args, targets, io);
  });
}

/** `init` without --snapshot: the account read as `collect` reads it, then written as a spec (init-write.ts). */
export function runInitScan(args: CollectArgs & InitArgs, io: CliIO): Promise<number> {
  checkInitArgs(args);
  const region = args.region?.[0];
  if (!region) throw new UsageError('init without --snapshot reads the account: name its region with --region (the first is the spec\'s)');
  return withOutputs(io, initOutputs(args), [], async (targets) => {
    // No spec yet: only the region to read. No environment value is kept (keepEnvironmentValues is empty).
    const bare = { file: '', files: [], value: { region, scope: {} } } as unknown as LoadedSpec;
    const snapshot = await collectForSpec(args, bare, io);
    return writeInitSpec(snapshot, 'the scan', args, targets, io);
  });
}
