// The merged report's renderers: SARIF with one run per audited account under its own category, the
// Markdown summary with the per-account table first, the JSON report against its schema.
import { describe, expect, it } from 'vitest';
import { mergeRuns } from '../../src/multi/merge.js';
import { MAX_RUNS_PER_UPLOAD, multiSarifRuns, sarifDocuments } from '../../src/multi/render-sarif.js';
import { renderMultiMarkdown } from '../../src/multi/render-markdown.js';
import { renderMultiJson } from '../../src/multi/render-json.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { PACKAGE_ROOT } from '../../src/input/package-root.js';
import { exampleContext } from '../report/report-fixtures.js';
import { accountIds, runOf } from './runs.js';
import { validateSarif } from '../report/sarif-validator.js';

const [A, B, C, D, E] = ['111111111111', '222222222222', '333333333333', '444444444444', '555555555555'];
type Sarif = any;

async function sarifContext() {
  const ctx = await exampleContext('drifted');
  return { rules: ctx.rules, specOf: () => ctx.spec, baseDir: PACKAGE_ROOT };
}

describe('merged SARIF', () => {
  it('has one valid run per audited account, each under infra-audit/<account>, none for the others', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [B]: 'compliant', [C]: 'error', [D]: 'partial' }, { expected: [A, B, C, D, E] })]);
    const { runs, omitted } = multiSarifRuns(merged, await sarifContext());
    const [doc] = sarifDocuments(runs).map((t) => JSON.parse(t) as Sarif);
    expect(validateSarif(doc), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(doc.runs.map((r: Sarif) => r.properties.account)).toEqual([A, B]);
    const ids: string[] = doc.runs.map((r: Sarif) => r.automationDetails.id);
    expect(ids.map((id) => id.slice(0, id.lastIndexOf('/')))).toEqual([`infra-audit/${A}`, `infra-audit/${B}`]);
    expect(omitted.map((o) => o.account)).toEqual([C, D, E]);
    expect(omitted.find((o) => o.account === C)!.why).toContain('assume-role');
    // Every result of a run is about its own account.
    expect(doc.runs[0].results.length).toBe(merged.accounts[0]!.summary.fail + merged.accounts[0]!.summary.suppressed);
    for (const run of doc.runs) for (const r of run.results) expect(r.properties.account).toBe(run.properties.account);
  });

  it('writes an incompletely audited account only when allowed, marked as not successful', async () => {
    const merged = mergeRuns([await runOf({ [D]: 'partial' })]);
    expect(multiSarifRuns(merged, await sarifContext()).runs).toEqual([]);
    const { runs } = multiSarifRuns(merged, { ...(await sarifContext()), allowIncomplete: true });
    expect((runs as Sarif[]).map((r) => r.invocations[0].executionSuccessful)).toEqual([false]);
  });

  it('gives the same finding in two accounts two fingerprints, stable across merges', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [B]: 'drifted' })]);
    const runs = multiSarifRuns(merged, await sarifContext()).runs as Sarif[];
    const prints = (run: Sarif) => new Set(run.results.map((r: Sarif) => r.partialFingerprints.primaryLocationLineHash));
    const [a, b] = [prints(runs[0]), prints(runs[1])];
    expect(a.size).toBeGreaterThan(0);
    expect([...a].filter((p) => b.has(p))).toEqual([]);
    const again = multiSarifRuns(mergeRuns([await runOf({ [B]: 'drifted', [A]: 'drifted' })]), await sarifContext()).runs;
    expect(JSON.stringify(again)).toBe(JSON.stringify(runs));
  });

  it(`splits many accounts into uploads of at most ${MAX_RUNS_PER_UPLOAD} runs (GitHub's limit)`, async () => {
    const ids = accountIds(45);
    const merged = mergeRuns([await runOf(Object.fromEntries(ids.map((id) => [id, 'compliant'])))]);
    const docs = sarifDocuments(multiSarifRuns(merged, await sarifContext()).runs, MAX_RUNS_PER_UPLOAD).map((t) => JSON.parse(t) as Sarif);
    expect(docs.map((d) => d.runs.length)).toEqual([20, 20, 5]);
    expect(docs.flatMap((d) => d.runs.map((r: Sarif) => r.properties.account))).toEqual(ids);
    expect(sarifDocuments([], 20).map((t) => JSON.parse(t).runs)).toEqual([[]]);
  });
});

describe('merged Markdown summary', () => {
  it('leads with the per-account table, worst first, and says INCOMPLETE naming why', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [B]: 'compliant', [C]: 'error', [D]: 'partial' }, { expected: [A, B, C, D, E] })]);
    const md = renderMultiMarkdown(merged);
    expect(md).toContain('**INCOMPLETE**: 1 not audited; 1 audited incompletely; 1 missing from every merged run.');
    expect(md.indexOf('## Accounts')).toBeLessThan(md.indexOf('## Failures'));
    const table = md.slice(md.indexOf('## Accounts'), md.indexOf('## Failures'));
    const rows = table.split('\n').filter((l) => /^\| `\d{12}`/.test(l));
    expect(rows.map((r) => r.slice(3, 15))).toEqual([C, E, D, A, B]);
    expect(rows[0]).toContain('**ERROR** (assume-role)');
    expect(rows[2]).toContain('rds eu-west-1 failed');
    expect(md).toMatch(new RegExp(`\\| \`${A}\` \\| (critical|high|medium|low|info) \\|`));
  });

  it('says complete when every account was audited, and escapes account data', async () => {
    const run = await runOf({ [A]: 'compliant' });
    run.manifest.accounts[0]!.name = 'prod|<img src=x>`';
    const md = renderMultiMarkdown(mergeRuns([run]));
    expect(md).toContain('> **Complete**: all 1 accounts match');
    expect(md).toContain('prod\\|&lt;img src=x>\\`');
  });

  it('lists at most the cap of findings and counts the rest', async () => {
    const merged = mergeRuns([await runOf({ [A]: 'drifted', [B]: 'drifted' })]);
    const total = merged.totals.results.fail;
    const md = renderMultiMarkdown(merged, { maxFindingRows: 3 });
    expect(md).toContain(`## Failures (${total})`);
    expect(md).toContain(`${total - 3} more not listed here: see the JSON report.`);
  });
});

it('the merged JSON report validates against its schema', async () => {
  const merged = mergeRuns([await runOf({ [A]: 'drifted', [C]: 'error' }, { expected: [A, C, E] })]);
  const validate = schemaValidator('multiReport');
  expect(validate(JSON.parse(renderMultiJson(merged))), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
});
