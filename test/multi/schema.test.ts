// The merged report and run manifest schemas are derived from the single report's (npm run schemas):
// a change to either side without regenerating must fail here.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { multiReportSchemaText, runManifestSchemaText } from '../../src/multi/schema.js';
import { schemaValidator } from '../../src/input/schemas.js';

const committed = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const report = committed('schemas/report.schema.json');

describe('derived multi-account schemas', () => {
  it('schemas/multi-report.schema.json and run-manifest.schema.json are current', () => {
    expect(multiReportSchemaText(report) === committed('schemas/multi-report.schema.json'), 'stale: run `npm run schemas`').toBe(true);
    expect(runManifestSchemaText(report) === committed('schemas/run-manifest.schema.json'), 'stale: run `npm run schemas`').toBe(true);
  });

  it("a merged finding is the report's result plus its account", () => {
    const changed = JSON.parse(report);
    changed.definitions.result.properties.extra = { type: 'string' };
    const multi = JSON.parse(multiReportSchemaText(JSON.stringify(changed)));
    expect(Object.keys(multi.definitions.finding.properties)).toEqual(['account', ...Object.keys(changed.definitions.result.properties)]);
    expect(multi.definitions.finding.required[0]).toBe('account');
  });

  it('the run manifest validator accepts what the interface says and refuses the rest', () => {
    const validate = schemaValidator('runManifest');
    const good = { expectedAccounts: ['111111111111'], shard: { index: 1, count: 2 }, accounts: [{ accountId: '111111111111', status: 'error', error: { kind: 'assume-role', message: 'denied' }, coverage: [] }] };
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, shard: null })).toBe(true);
    expect(validate({ ...good, accounts: [{ ...good.accounts[0], status: 'done' }] })).toBe(false);
    expect(validate({ ...good, expectedAccounts: ['12345'] })).toBe(false);
    expect(validate({ ...good, shard: { index: 0, count: 2 } })).toBe(false);
    expect(validate({ expectedAccounts: [], accounts: [] })).toBe(false);
    // What scan --accounts writes beyond what merge reads: failures per severity, skipped accounts.
    const audited = { accountId: '111111111111', status: 'complete', coverage: [], failures: { high: 2, low: 1 } };
    const skipped = { accountId: '222222222222', reason: 'SUSPENDED' };
    expect(validate({ ...good, accounts: [audited], skipped: [skipped] })).toBe(true);
    expect(validate({ ...good, accounts: [{ ...audited, failures: { severe: 1 } }] })).toBe(false);
    expect(validate({ ...good, accounts: [{ ...audited, failures: { high: -1 } }] })).toBe(false);
    expect(validate({ ...good, skipped: [{ accountId: '222222222222' }] })).toBe(false);
    expect(validate({ ...good, skipped: [{ ...skipped, accountId: '2222' }] })).toBe(false);
  });
});
