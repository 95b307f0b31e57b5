// Options shared by every command that produces a report (check, scan).
import type { Argv } from 'yargs';
import { SEVERITIES } from '../engine/types.js';

export function reportOptions(y: Argv) {
  return y
    .option('format', { choices: ['table', 'json', 'sarif', 'markdown'] as const, default: 'table' as const, describe: 'What to print on stdout' })
    .option('json', { type: 'string', describe: 'Also write the JSON report to this file' })
    .option('sarif', { type: 'string', describe: 'Also write SARIF 2.1.0 (GitHub code scanning) to this file' })
    .option('markdown', { type: 'string', describe: 'Also write a Markdown summary to this file (e.g. $GITHUB_STEP_SUMMARY)' })
    .option('csv', { type: 'string', describe: 'Also write one CSV row per result to this file (RFC 4180, for spreadsheets)' })
    .option('fail-on', { choices: [...SEVERITIES, 'none'] as const, default: 'low' as const, describe: 'Exit 1 when a failure of this severity or worse remains' })
    .option('rule', { type: 'string', array: true, describe: 'Only report these rule ids (repeatable)' })
    .option('service', { type: 'string', array: true, describe: 'Only report rules about these services: ec2, rds, ecs, ... (repeatable)' })
    .option('exclude-rule', { type: 'string', array: true, describe: 'Leave these rule ids out of the report (repeatable; the report counts them)' })
    .option('exclude-service', { type: 'string', array: true, describe: 'Leave rules about these services out of the report (repeatable)' })
    .option('severity', { choices: SEVERITIES, describe: 'Only report rules of this severity or worse' })
    .option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' })
    .option('rules', { type: 'string', describe: 'Directory of rule files (default: the bundled rules)' })
    .option('all', { type: 'boolean', default: false, describe: 'Table: list passes and skips too' })
    .option('category', { type: 'string', describe: 'SARIF automationDetails category (default: infra-audit/<account>/<regions>)' })
    .option('suppressions', { type: 'string', describe: 'Accepted failures (schemas/suppressions.schema.json): shown as SUPPRESSED, not counted' })
    .option('previous', { type: 'string', describe: 'An earlier snapshot: add "drift since" to the Markdown summary' })
    .option('allow-incomplete', { type: 'boolean', default: false, describe: 'Write SARIF even when some checks could not run' });
}
