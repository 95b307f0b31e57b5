// Options shared by every command that produces a report (check, scan).
import type { Argv, Options } from 'yargs';
import { SEVERITIES } from '../engine/types.js';

/**
 * The options of every command that produces a report, as data: yargs reads them (reportOptions) and
 * so does check's yargs-free parser (check-argv.ts), so the two cannot disagree on a name, kind or default.
 */
export const REPORT_OPTIONS = {
  format: { choices: ['table', 'json', 'sarif', 'markdown'] as const, default: 'table' as const, describe: 'What to print on stdout' },
  json: { type: 'string', describe: 'Also write the JSON report to this file' },
  sarif: { type: 'string', describe: 'Also write SARIF 2.1.0 (GitHub code scanning) to this file' },
  markdown: { type: 'string', describe: 'Also write a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)' },
  csv: { type: 'string', describe: 'Also write one CSV row per result to this file (RFC 4180, for spreadsheets)' },
  html: { type: 'string', describe: 'Also write a self-contained HTML page (verdict, architecture diagram, filterable results) to this file' },
  'fail-on': { choices: [...SEVERITIES, 'none'] as const, default: 'low' as const, describe: 'Exit 1 when a failure of this severity or worse remains' },
  rule: { type: 'string', array: true, describe: 'Only report these rule ids (repeatable)' },
  service: { type: 'string', array: true, describe: 'Only report rules about these services: ec2, rds, ecs, ... (repeatable)' },
  'exclude-rule': { type: 'string', array: true, describe: 'Leave these rule ids out of the report (repeatable; the report counts them)' },
  'exclude-service': { type: 'string', array: true, describe: 'Leave rules about these services out of the report (repeatable)' },
  severity: { choices: SEVERITIES, describe: 'Only report rules of this severity or worse' },
  spec: { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' },
  rules: { type: 'string', describe: 'Directory of rule files (default: the bundled rules)' },
  all: { type: 'boolean', default: false, describe: 'Table: list passes and skips too' },
  category: { type: 'string', describe: 'SARIF automationDetails category (default: infra-audit/<account>/<regions>)' },
  suppressions: { type: 'string', describe: 'Accepted failures (schemas/suppressions.schema.json): shown as SUPPRESSED, not counted' },
  previous: { type: 'string', describe: 'An earlier snapshot: add "drift since" to the Markdown summary' },
  'allow-incomplete': { type: 'boolean', default: false, describe: 'Write SARIF even when some checks could not run' },
} as const satisfies Record<string, Options>;

/** check's --snapshot (commands.ts). */
export const SNAPSHOT_OPTION = { type: 'string', demandOption: true, describe: 'Snapshot file (from `infra-audit collect` or examples/)' } as const satisfies Options;

export function reportOptions(y: Argv) {
  return y.options(REPORT_OPTIONS);
}
