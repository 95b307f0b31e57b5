// The ShopFlow account as recorded AWS API exchanges, for the e2e mock (test/e2e/mock-aws.ts) and the
// loopback server (test/loopback/). The account itself is test/scenario/: its answers per service
// (test/scenario/shopflow/) and the named patches that make the drifted and partial variants
// (test/scenario/patches.ts). By default this is the drifted account, the one whose findings an
// e2e scan must reproduce (examples/shopflow-drifted.snapshot.json is collected from the same scenario).
import { readFileSync } from 'node:fs';
import type * as ECS from '@aws-sdk/client-ecs';
import type { Snapshot } from '../../src/graph/types.js';
import { ACCOUNT, REGION, recordEmptyRegion, recordScenario } from '../scenario/shopflow/index.js';
import { PLANTED_DATABASE_URL, exampleFile, scenarioOf, type Variant } from '../scenario/patches.js';
import { RECORDED_AT, type Recording } from '../scenario/recording.js';

export { ACCOUNT, REGION, PLANTED_DATABASE_URL, RECORDED_AT };
export { SERVER_PAGE_SIZE, hex, uuid, type Exchange, type Json, type RecordedError, type Recording } from '../scenario/recording.js';

export const EXAMPLE_FILE = exampleFile('drifted');
export const CALLER_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/infra-audit/nightly`;

export function loadExample(): Snapshot {
  return JSON.parse(readFileSync(new URL(`../../${EXAMPLE_FILE}`, import.meta.url), 'utf8')) as Snapshot;
}

export interface AccountRecording {
  /** The recording per region; a region the scan reads but that is absent here has no recording. */
  regions: Record<string, Recording>;
  /** The raw ECS task definitions, for tests that check what the collector dropped. */
  taskDefinitions: ECS.TaskDefinition[];
}

/** The ShopFlow account (drifted unless told), in us-east-1, plus `emptyRegions` that hold nothing. */
export function shopflowAccount(opts: { emptyRegions?: string[]; variant?: Variant } = {}): AccountRecording {
  const scenario = scenarioOf(opts.variant ?? 'drifted');
  const regions: Record<string, Recording> = { [REGION]: recordScenario(scenario) };
  for (const region of opts.emptyRegions ?? []) regions[region] = recordEmptyRegion(region);
  return { regions, taskDefinitions: scenario.ecs.taskDefinitions.map((t) => t.taskDefinition) };
}

/** A region where the account has nothing: every listing answers with an empty first page. */
export const emptyRegion = recordEmptyRegion;

/** Every string the recording would send a collector (to prove a planted value really was served). */
export function recordedText(account: AccountRecording): string {
  return JSON.stringify(account.regions);
}
