// schemas/multi-report.schema.json, derived (npm run schemas): the merged report's own shape is written
// here, and everything it shares with the single-account report (results, gaps, counts, spec) is
// copied from schemas/report.schema.json, so the two can never describe a result differently.
// Mirrors MultiReport (src/multi/types.ts); test/report/schema-mirror.test.ts compares them.

type Schema = Record<string, unknown>;
interface ReportSchema { properties: Record<string, Schema>; definitions: Record<string, Schema> }

const ID = 'https://infra-audit.dev/schemas/multi-report.schema.json';
const ref = (name: string, description?: string): Schema => ({ $ref: `#/definitions/${name}`, ...(description && { description }) });
const object = (required: string[], properties: Record<string, Schema>, description: string): Schema =>
  ({ type: 'object', additionalProperties: false, required, description, properties });
const open = (required: string[], properties: Record<string, Schema>, description: string): Schema => ({ ...object(required, properties, description), additionalProperties: true });
const list = (items: Schema, description: string, unique = false): Schema => ({ type: 'array', ...(unique && { uniqueItems: true }), items, description });

export function multiReportSchema(reportSchemaText: string): Schema {
  const report = JSON.parse(reportSchemaText) as ReportSchema;
  const result = structuredClone(report.definitions.result!) as Schema & { properties: Record<string, Schema>; required: string[] };
  const finding = {
    ...result,
    description: "One failure or error of one account's audit: a result of that account's report, with the account.",
    required: ['account', ...result.required],
    properties: { account: ref('account', 'The account the result is about.'), ...result.properties },
  };
  const error = object(['kind', 'message'], {
    kind: { type: 'string', minLength: 1, description: 'What went wrong, as a word a script can branch on (e.g. assume-role, identity).' },
    message: { type: 'string', description: 'What went wrong, for a person.' },
  }, 'Why the account could not be audited.');
  const account = object(['accountId', 'status', 'verdict', 'regions', 'summary', 'gaps', 'findings'], {
    accountId: ref('account'),
    name: { type: 'string', description: "The account's name, from the accounts file or the organization." },
    status: { enum: ['complete', 'incomplete', 'error', 'missing'], description: "The run's word for the account; missing: expected, but in no merged run." },
    verdict: ref('verdict'),
    error: ref('accountError'),
    regions: list(ref('regionName'), 'The regions its report read; empty without a report.', true),
    spec: ref('reportSpec'),
    snapshot: ref('snapshotTimes'),
    summary: ref('counts', "Counts of its report's results; all zero without a report."),
    gaps: list(ref('gap'), 'Reads of the account that failed.'),
    findings: list(ref('finding'), 'Its failures (suppressed ones marked) and errors. Passes and skips are only counted.'),
  }, 'One account of the merged run.');
  const verdictCounts = object(['pass', 'fail', 'incomplete', 'error', 'missing'],
    Object.fromEntries(['pass', 'fail', 'incomplete', 'error', 'missing'].map((v) => [v, ref('count')])), 'Accounts per verdict.');

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: ID,
    title: 'infra-audit merged report',
    description: 'The report of a multi-account audit (scan --accounts, or infra-audit merge of its shards): each account with its verdict, counts and findings, the coverage matrix, and totals. Mirrors MultiReport in src/multi/types.ts. `complete` is false when any account errored, was audited incompletely or is missing.',
    type: 'object',
    additionalProperties: false,
    required: ['$schema', 'tool', 'complete', 'expectedAccounts', 'missingAccounts', 'shards', 'totals', 'accounts', 'coverage', 'warnings'],
    properties: {
      $schema: { type: 'string', format: 'uri', description: `This schema's URI: ${ID}.` },
      tool: report.properties.tool,
      complete: { type: 'boolean', description: 'False when any account is error, incomplete or missing, or a shard was not merged: missing findings are then not passes.' },
      expectedAccounts: list(ref('account'), 'Every account the runs (and --expect-accounts) expected, sorted.', true),
      missingAccounts: list(ref('account'), 'Expected accounts that no merged run has; each is in `accounts` with verdict missing.', true),
      shards: {
        oneOf: [
          { type: 'null' },
          object(['count', 'merged', 'missing'], {
            count: { type: 'integer', minimum: 1, description: 'N of --shard i/N.' },
            merged: list({ type: 'integer', minimum: 1 }, 'The shard indexes merged (1-based).', true),
            missing: list({ type: 'integer', minimum: 1 }, 'The shard indexes of the same N that were not merged.', true),
          }, 'The shards merged; null when no run was sharded.'),
        ],
      },
      totals: object(['accounts', 'verdicts', 'results'], {
        accounts: ref('count', 'Accounts in `accounts` (missing ones included).'),
        verdicts: verdictCounts,
        results: ref('counts', 'The sum of every account\'s counts.'),
      }, 'Totals over the accounts.'),
      accounts: list(ref('multiAccount'), 'Every account, sorted by id.'),
      coverage: list(ref('coverageCell'), 'The coverage matrix: account x region x service, sorted.'),
      warnings: list({ type: 'string' }, 'Warnings of the merge and of each account\'s report (prefixed with the account).'),
    },
    definitions: {
      ...report.definitions,
      reportSpec: report.properties.spec,
      snapshotTimes: report.properties.snapshot,
      counts: report.properties.summary,
      verdict: { enum: ['pass', 'fail', 'incomplete', 'error', 'missing'], description: 'pass/fail: audited completely, with no open finding / with some; incomplete: a read or check failed; error: not audited; missing: in no merged run.' },
      accountError: error,
      finding,
      multiAccount: account,
      coverageCell: object(['account', 'region', 'service', 'state'], {
        account: ref('account'),
        region: { type: 'string', minLength: 1, description: 'The region (or "global").' },
        service: { type: 'string', minLength: 1, description: 'The service read, e.g. ecs.' },
        state: { enum: ['read', 'denied', 'failed'], description: 'read: every read succeeded; denied: access denied; failed: another failure.' },
      }, 'One service read in one region of one account.'),
    },
  };
}

export const multiReportSchemaText = (reportSchemaText: string): string => `${JSON.stringify(multiReportSchema(reportSchemaText), null, 2)}\n`;

/** schemas/run-manifest.schema.json: `<out>/run.json`, what `scan --accounts` writes and `merge` reads. Mirrors RunManifest. */
export function runManifestSchema(reportSchemaText: string): Schema {
  const report = JSON.parse(reportSchemaText) as ReportSchema;
  const id = 'https://infra-audit.dev/schemas/run-manifest.schema.json';
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: id,
    title: 'infra-audit multi-account run manifest',
    description: 'run.json in the output directory of scan --accounts: the accounts the run expected and, for each one it attempted, its status and coverage. Each audited account has <accountId>/report.json beside it. Mirrors RunManifest in src/multi/types.ts.',
    type: 'object',
    additionalProperties: true,
    required: ['expectedAccounts', 'shard', 'accounts'],
    properties: {
      expectedAccounts: list(ref('account'), 'Every account the run was asked about, before any --shard selection.', true),
      shard: {
        oneOf: [
          { type: 'null' },
          object(['index', 'count'], {
            index: { type: 'integer', minimum: 1, description: 'i of --shard i/N (1-based).' },
            count: { type: 'integer', minimum: 1, description: 'N of --shard i/N.' },
          }, 'The --shard this run was given; null when it audited every expected account.'),
        ],
      },
      // Open objects: a newer scan may say more about an account than this merge reads.
      accounts: list(open(['accountId', 'status', 'coverage'], {
        accountId: ref('account'),
        name: { type: 'string' },
        status: { enum: ['complete', 'incomplete', 'error'], description: 'complete: audited whole; incomplete: audited, some read or check failed; error: not audited (see error).' },
        error: object(['kind', 'message'], { kind: { type: 'string', minLength: 1 }, message: { type: 'string' } }, 'Why the account could not be audited.'),
        coverage: list(open(['region', 'service', 'state'], {
          region: { type: 'string', minLength: 1 },
          service: { type: 'string', minLength: 1 },
          state: { enum: ['read', 'denied', 'failed'] },
        }, 'One service read in one region.'), 'What was read, per region and service.'),
        failures: object([], Object.fromEntries(severities(report).map((s) => [s, ref('count')])), 'Unsuppressed failures per severity; absent for an account that was not audited.'),
      }, 'One account the run attempted.'), 'The accounts this run attempted.'),
      skipped: list(object(['accountId', 'reason'], {
        accountId: ref('account'),
        name: { type: 'string' },
        reason: { type: 'string', description: 'Why it is not audited (e.g. a suspended member account).' },
      }, 'An account named but not audited.'), 'Accounts named but not audited, and why.'),
    },
    definitions: { account: report.definitions.account!, count: report.definitions.count! },
  };
}

/** The rule severities, as the single report's schema lists them. */
const severities = (report: ReportSchema): string[] => (report.definitions.severity as { enum: string[] }).enum;

export const runManifestSchemaText = (reportSchemaText: string): string => `${JSON.stringify(runManifestSchema(reportSchemaText), null, 2)}\n`;
