// Every command, in ONE list. An entry holds only what yargs needs to parse and print help; the module
// that does the work is imported when its command is chosen, so `--help` loads no engine, schema or SDK.
import type { Argv } from 'yargs';
import { SNAPSHOT_OPTION, reportOptions } from './options.js';
import type { CliIO } from './io.js';

type Args = Record<string, unknown>;
export type Run = (io: CliIO) => Promise<number>;

export interface CommandDef {
  command: string;
  describe: string;
  builder?: (y: Argv) => Argv;
  /** Imports the command's module and runs it (a leaf: it imports no other command). */
  run?: (args: Args, io: CliIO) => Promise<number>;
  /** A group (`rules list`, `spec validate`): its subcommands, and the complaint when none is named. */
  subcommands?: { list: CommandDef[]; demand: string };
}

function targetOptions(y: Argv) {
  return y
    .option('region', { type: 'string', array: true, describe: "Region to read (repeatable; default: the spec's region)" })
    .option('profile', { type: 'string', describe: 'AWS profile (default: the standard credential chain)' })
    .option('role-arn', { type: 'string', describe: 'Assume this role before reading (e.g. a read-only audit role)' })
    .option('external-id', { type: 'string', describe: 'External id for --role-arn' })
    .option('timeout', { type: 'number', describe: 'Deadline for all reads, in seconds (default 900): what is unread by then is a gap, exit 3' });
}

/** Many accounts in one scan (src/accounts/): each account is audited as `scan` audits one. */
function accountsOptions(y: Argv) {
  return y
    .option('accounts', { type: 'string', describe: 'Audit every account in this file (schemas/accounts.schema.json), in parallel' })
    .option('organization', { type: 'boolean', describe: "Audit the AWS Organization's ACTIVE member accounts (with --member-role)" })
    .option('member-role', { type: 'string', describe: 'With --organization: the name of the role assumed in each member account' })
    .option('ou', { type: 'string', array: true, describe: 'With --organization: only accounts under this OU or root id (repeatable; nested OUs included)' })
    .option('account-tag', { type: 'string', array: true, describe: 'With --organization: only accounts tagged KEY=VALUE (repeatable: all must match)' })
    .option('output-dir', { type: 'string', describe: 'With --accounts/--organization: write <dir>/<account>/snapshot.json, report.json and <dir>/run.json' })
    .option('force', { type: 'boolean', describe: 'Write into a non-empty --output-dir that infra-audit did not create' })
    .option('max-accounts-in-flight', { type: 'number', describe: 'Accounts audited at once (default 8); each is paced by its own token buckets' })
    .option('run-timeout', { type: 'number', describe: 'Deadline for the whole multi-account run, in seconds (default 86400); --timeout is per account' })
    .option('shard', { type: 'string', describe: "With --accounts/--organization: audit only shard i of N (i/N, e.g. 2/4); run.json still names every account, for infra-audit merge" })
    .option('sarif-dir', { type: 'string', describe: "With --accounts/--organization: write SARIF files of at most 20 runs (accounts) each, GitHub's limit per upload, into this new or empty directory" });
}

// The casts name each command's argument type once: yargs has checked the values against the builder.
export const COMMANDS: CommandDef[] = [
  {
    command: 'check',
    describe: 'Audit a saved snapshot against the spec (no AWS access)',
    builder: (y) => reportOptions(y).option('snapshot', SNAPSHOT_OPTION)
      .example('$0 check --snapshot examples/shopflow-drifted.snapshot.json', 'Audit the bundled drifted example')
      .example('$0 check --snapshot snap.json --json report.json --sarif audit.sarif', 'Table on stdout, JSON and SARIF files'),
    run: async (a, io) => (await import('./check.js')).runCheck(a as never, io),
  },
  {
    command: 'scan',
    describe: 'Read the AWS account and audit it against the spec',
    builder: (y) => accountsOptions(targetOptions(reportOptions(y)).option('output', { type: 'string', describe: 'Also save the snapshot to this file' }))
      .example('$0 scan --accounts accounts.json --output-dir audit/', 'Every account of the file, in parallel: audit/<id>/report.json and audit/run.json')
      .example('$0 scan --organization --member-role infra-audit-readonly --ou ou-ab12-cdefgh34 --output-dir audit/', "The organization's member accounts under an OU"),
    run: async (a, io) => (await import('./scan-run.js')).runScan(a as never, io),
  },
  {
    command: 'collect',
    describe: 'Read the AWS account into a snapshot file (audit it later with check)',
    builder: (y) => targetOptions(y).option('output', { type: 'string', demandOption: true, describe: 'Snapshot file to write' }).option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' }),
    run: async (a, io) => (await import('./scan-run.js')).runCollect(a as never, io),
  },
  {
    command: 'init',
    describe: "Write a spec of the application's resources as they are today (a baseline to edit toward the design)",
    builder: (y) =>
      targetOptions(y)
        .option('snapshot', { type: 'string', describe: 'Read this snapshot (default: read the account, which needs --region)' })
        .option('output', { type: 'string', demandOption: true, describe: 'The spec file to write (- for standard output)' })
        .option('tag', { type: 'string', array: true, describe: "KEY=VALUE every resource of the application carries (repeatable): the spec's scope" })
        .option('name-prefix', { type: 'string', describe: "The application's resources' names start with this: the spec's scope" })
        .option('application', { type: 'string', describe: "The application's name (default: from the scope)" })
        .option('force', { type: 'boolean', default: false, describe: 'Replace --output when it already exists' })
        .example('$0 init --snapshot snap.json --tag app=shopflow --output infra-audit.spec.json', 'A spec from a saved snapshot')
        .example('$0 init --region us-east-1 --name-prefix shopflow --output infra-audit.spec.json', 'A spec from a live scan')
        .epilog("The first --region is the spec's region (default: the region most of the application's resources are in)."),
    run: async (a, io) => (a.snapshot === undefined ? (await import('./scan-run.js')).runInitScan(a as never, io) : (await import('./init.js')).runInit(a as never, io)),
  },
  {
    command: 'diagram',
    describe: 'Draw the in-scope architecture as Mermaid, each component marked by its worst outcome',
    builder: (y) =>
      y
        .option('snapshot', SNAPSHOT_OPTION)
        .option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' })
        .option('rules', { type: 'string', describe: 'Directory of rule files (default: the bundled rules)' })
        .option('previous', { type: 'string', describe: 'An earlier snapshot: mark what appeared or disappeared since' })
        .option('output', { type: 'string', describe: 'Write the diagram to this file instead of standard output' })
        .option('format', { choices: ['mermaid', 'markdown'] as const, default: 'mermaid' as const, describe: 'Mermaid text, or Markdown with ```mermaid fences (GitHub renders it)' })
        .example('$0 diagram --snapshot examples/shopflow-drifted.snapshot.json --spec shopflow', 'The drifted example, drift marked')
        .epilog('Exit: 0 drawn · 2 invalid input · 3 the audit is incomplete (what could not be read is marked)'),
    run: async (a, io) => (await import('./diagram.js')).runDiagram(a as never, io),
  },
  {
    command: 'diff <old> <new>',
    describe: 'What drifted between two snapshots: resources, relations and findings',
    builder: (y) =>
      y
        .positional('old', { type: 'string', demandOption: true, describe: 'The earlier snapshot' })
        .positional('new', { type: 'string', demandOption: true, describe: 'The later snapshot' })
        .option('format', { choices: ['table', 'json', 'markdown'] as const, default: 'table' as const, describe: 'What to print on stdout' })
        .option('json', { type: 'string', describe: 'Also write the JSON diff (schemas/diff.schema.json) to this file' })
        .option('markdown', { type: 'string', describe: 'Also write a Markdown summary to this file' })
        .option('spec', { type: 'string', describe: 'Architecture spec for the findings comparison: a file or a bundled name (default: the nearest infra-audit.spec.json)' })
        .option('rules', { type: 'string', describe: 'Directory of rule files (default: the bundled rules)' })
        .option('graph-only', { type: 'boolean', default: false, describe: 'Compare resources and relations only, not findings' })
        .example('$0 diff yesterday.json today.json', 'Resources and findings that changed overnight')
        .epilog('Exit: 0 no change · 1 something changed · 2 invalid input · 3 a finding could not be compared (read failures)'),
    run: async (a, io) => (await import('./diff.js')).runDiff(a as never, io),
  },
  {
    command: 'cost',
    describe: "Estimate the in-scope resources' monthly on-demand cost and compare it with the spec's cost table",
    builder: (y) =>
      targetOptions(y)
        .option('snapshot', { type: 'string', describe: 'Estimate this snapshot (default: read the account first, as scan does)' })
        .option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' })
        .option('prices', { type: 'string', describe: 'A price table file (default: the bundled one, data/prices/)' })
        .option('format', { choices: ['table', 'json'] as const, default: 'table' as const, describe: 'What to print on stdout' })
        .option('json', { type: 'string', describe: 'Also write the JSON estimate to this file' })
        .example('$0 cost --snapshot examples/shopflow-compliant.snapshot.json --spec shopflow', "The bundled example's monthly cost, next to the document's table")
        .example('$0 cost --spec shopflow --profile prod-readonly', "The live account's monthly cost (reads it as scan does)")
        .epilog('Exit: 0 estimated · 2 invalid input · 3 the total is a lower bound (a read failed or a line could not be priced). A difference from the document never fails.'),
    run: async (a, io) => (a.snapshot === undefined ? (await import('./scan-run.js')).runCostScan(a as never, io) : (await import('./cost.js')).runCost(a as never, io)),
  },
  {
    command: 'merge <dirs..>',
    describe: 'Merge the output directories of scan --accounts runs (shards) into one report',
    builder: (y) =>
      y
        .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'Output directories, each with run.json' })
        .option('expect-accounts', { type: 'string', describe: 'File of account ids (one per line) that must all be present: any missing one is named, exit 3' })
        .option('accounts', { type: 'string', describe: 'The accounts file scan --accounts read: an account of it in no merged run is missing (exit 3)' })
        .option('json', { type: 'string', describe: 'Write the merged JSON report (schemas/multi-report.schema.json) to this file' })
        .option('sarif', { type: 'string', describe: 'Write SARIF with one run per account to this file' })
        .option('sarif-dir', { type: 'string', describe: 'Write SARIF files of at most 20 runs each (GitHub\'s limit per upload) into this new or empty directory' })
        .option('markdown', { type: 'string', describe: 'Write the Markdown summary (per-account table first) to this file, e.g. $GITHUB_STEP_SUMMARY' })
        .option('rules', { type: 'string', describe: 'Directory of rule files for SARIF rule metadata (default: the bundled rules)' })
        .option('spec', { type: 'string', describe: "Spec to anchor every account's SARIF findings to (default: each report's own spec)" })
        .option('allow-incomplete', { type: 'boolean', default: false, describe: 'Write SARIF runs for incompletely audited accounts too' })
        .example('$0 merge shard-1 shard-2 shard-3 shard-4 --accounts accounts.json --json merged.json --sarif-dir sarif', 'Merge four shards')
        .epilog('Exit: 0 complete, no finding · 1 findings · 2 invalid input · 3 incomplete (an account errored, was read incompletely, or is missing)'),
    run: async (a, io) => (await import('./merge.js')).runMerge(a as never, io),
  },
  {
    command: 'rules',
    describe: 'List or explain the rules',
    subcommands: {
      demand: 'Name a rules command: list or explain.',
      list: [
        {
          command: 'list',
          describe: 'List every rule',
          builder: (y) => y.option('format', { choices: ['table', 'json'] as const, default: 'table' as const }).option('rules', { type: 'string' }),
          run: async (a, io) => (await import('./rules.js')).listRules(a as never, io),
        },
        {
          command: 'explain <id>',
          describe: 'What a rule checks, why, against which spec values, and how to fix it',
          builder: (y) => y.positional('id', { type: 'string', demandOption: true }).option('rules', { type: 'string' }).option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' }),
          run: async (a, io) => (await import('./rules.js')).explainRule(a as never, io),
        },
      ],
    },
  },
  {
    command: 'spec',
    describe: 'Work with the architecture spec',
    subcommands: {
      demand: 'Name a spec command: validate, lint, check-doc or migrate.',
      list: [
        {
          command: 'validate [file]',
          describe: 'Validate a spec file (default: the nearest infra-audit.spec.json)',
          builder: (y) => y.positional('file', { type: 'string' }).option('rules', { type: 'string' }),
          run: async (a, io) => (await import('./spec.js')).validateSpec(a as never, io),
        },
        {
          command: 'lint [file]',
          describe: "Find the document's inconsistencies in a spec: a cost line that pays for less than the topology (default: the nearest infra-audit.spec.json)",
          builder: (y) => y.positional('file', { type: 'string' }),
          run: async (a, io) => (await import('./spec-lint.js')).lintSpec(a as never, io),
        },
        {
          command: 'check-doc',
          describe: 'Check that every quote the spec cites is still in its architecture document (exit 1 when one is gone)',
          builder: (y) =>
            y
              .option('spec', { type: 'string', describe: 'Architecture spec: a file, or a bundled one by name (shopflow). Default: the nearest infra-audit.spec.json here or above' })
              .example('$0 spec check-doc --spec shopflow', "Find each of the bundled spec's quotes in docs/examples/shopflow-architecture.md"),
          run: async (a, io) => (await import('./spec-check-doc.js')).checkDoc(a as never, io),
        },
        {
          command: 'migrate <file>',
          describe: 'Rewrite a specVersion 1 spec as specVersion 2 (docs/spec-v2.md)',
          builder: (y) =>
            y
              .positional('file', { type: 'string', demandOption: true, describe: 'The v1 spec' })
              .option('output', { type: 'string', describe: 'Write the v2 spec to this file (default: standard output)' })
              .option('force', { type: 'boolean', default: false, describe: 'Replace --output when it already exists' })
              .example('$0 spec migrate spec.json --output spec.v2.json', 'Write the v2 form beside the v1 spec'),
          run: async (a, io) => (await import('./spec-migrate.js')).runSpecMigrate(a as never, io),
        },
      ],
    },
  },
];

/** Registers `defs` on a yargs parser; `select` receives the run of the command yargs chose. */
export function register(y: Argv, defs: readonly CommandDef[], select: (run: Run) => void): Argv {
  for (const def of defs) {
    y = y.command(
      def.command,
      def.describe,
      (z) => {
        const built = def.builder ? def.builder(z) : z;
        return def.subcommands ? register(built, def.subcommands.list, select).demandCommand(1, def.subcommands.demand) : built;
      },
      def.run ? (a) => select((io) => def.run!(a, io)) : undefined,
    );
  }
  return y;
}
