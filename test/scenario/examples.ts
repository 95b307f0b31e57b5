// The example snapshots (examples/shopflow-<variant>.snapshot.json) are what `infra-audit collect` writes
// for the ShopFlow scenario: the real CLI, ClientFactory and every collector, with each SDK client's
// send answered from the scenario (test/e2e/mock-aws.ts) and the clock fixed at RECORDED_AT.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { runCli } from '../cli/run-cli.js';
import { mockAws } from '../e2e/mock-aws.js';
import { RECORDED_AT } from './recording.js';
import { REGION, type Scenario } from './shopflow/index.js';
import { recordAccount, type Account } from './account.js';

/** The package root: the CLI finds spec.shopflow.json there (its non-secret environment names). */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Collected { code: number; stderr: string; text: string }

/** `infra-audit collect` of the ShopFlow scenario: the snapshot file's text, the exit code and what it said. */
export function collectScenario(scenario: Scenario): Promise<Collected> {
  return collectAccount({ [REGION]: scenario }, ['--spec', 'shopflow']);
}

/** `infra-audit collect` of an account (its regions as the spec names them) with these arguments. */
export async function collectAccount(account: Account, args: string[]): Promise<Collected> {
  const dir = mkdtempSync(join(tmpdir(), 'infra-audit-scenario-'));
  const mock = mockAws({ regions: recordAccount(account) });
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(RECORDED_AT) });
  try {
    const out = join(dir, 'snapshot.json');
    const run = await runCli(['collect', ...args, '--output', out], { cwd: ROOT });
    const unrecorded = mock.unrecorded();
    if (unrecorded.length) throw new Error(`the scenario does not answer: ${unrecorded.join('; ')}`);
    return { code: run.code, stderr: run.stderr, text: readFileSync(out, 'utf8') };
  } finally {
    vi.useRealTimers();
    mock.restore();
    rmSync(dir, { recursive: true, force: true });
  }
}
