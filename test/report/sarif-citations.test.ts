// SARIF anchored to the architecture document: a finding about a value the spec cites is shown on the
// document's line (issue 12: the alert appears on "Multi-AZ: Enabled" in the design doc), the spec's
// line becomes a related location, the log stays valid SARIF 2.1.0, and fingerprints do not move.
import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderSarif } from '../../src/report/sarif.js';
import { loadCitations } from '../../src/report/sarif-citations.js';
import { packagePath } from '../../src/input/package-root.js';
import { exampleContext, lineContaining } from './report-fixtures.js';
import { runCli } from '../cli/run-cli.js';
import { validateSarif } from './sarif-validator.js';

type Sarif = any;
const DOC = 'docs/examples/shopflow-architecture.md';
const SHOPFLOW_DB = 'arn:aws:rds:us-east-1:123456789012:db:shopflow-db';
const DRIFTED = packagePath('examples/shopflow-drifted.snapshot.json');
const resultsOf = (sarif: Sarif): Sarif[] => sarif.runs[0].results;
const multiAzResult = (sarif: Sarif) =>
  resultsOf(sarif).find((r: Sarif) => r.ruleId === 'rds-writer-multi-az' && r.locations[0].logicalLocations[0].fullyQualifiedName === SHOPFLOW_DB);
const sarifOf = async (spec: string, cwd = packagePath()) => {
  const run = await runCli(['check', '--snapshot', DRIFTED, '--spec', spec, '--format', 'sarif'], { cwd });
  expect(run.code, run.stderr).toBe(1);
  return { sarif: JSON.parse(run.stdout) as Sarif, stderr: run.stderr };
};

describe('SARIF with the document cited', () => {
  it('the drifted example has an alert on the document line "Multi-AZ: Enabled", the spec line related (acceptance)', async () => {
    const { sarif, stderr } = await sarifOf('shopflow');
    expect(stderr).toBe('');
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2)).toBe(true);
    const result = multiAzResult(sarif);
    const docLine = lineContaining(DOC, 'Multi-AZ:           Enabled');
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: DOC }, region: { startLine: docLine, startColumn: 4 } });
    const specLine = lineContaining('spec.shopflow.json', '"multiAz"', lineContaining('spec.shopflow.json', '"databases"'));
    expect(result.relatedLocations).toEqual([
      { id: 1, physicalLocation: { artifactLocation: { uri: 'spec.shopflow.json' }, region: { startLine: specLine, endLine: specLine } }, message: { text: 'The spec value /databases/main/multiAz, which cites "Multi-AZ: Enabled"' } },
    ]);
    const onDocument = resultsOf(sarif).filter((r: Sarif) => r.locations[0].physicalLocation.artifactLocation.uri === DOC);
    expect(onDocument.length).toBeGreaterThan(1);
    // A finding whose value is not cited stays on the spec (or rule) line, with no related location.
    const uncited = resultsOf(sarif).filter((r: Sarif) => r.locations[0].physicalLocation.artifactLocation.uri !== DOC);
    expect(uncited.length).toBeGreaterThan(0);
    expect(uncited.every((r: Sarif) => r.relatedLocations === undefined)).toBe(true);
  });

  it('fingerprints, results and messages are the same with and without citations: only where an alert is shown moves', async () => {
    const ctx = await exampleContext('drifted');
    const citations = await loadCitations(ctx.spec, (w) => { throw new Error(w); });
    expect(citations?.citations.length).toBeGreaterThanOrEqual(15);
    const without = JSON.parse(renderSarif(ctx));
    const withCites = JSON.parse(renderSarif({ ...ctx, citations }));
    const key = (r: Sarif) => [r.ruleId, r.partialFingerprints.primaryLocationLineHash, r.message.text];
    expect(resultsOf(withCites).map(key)).toEqual(resultsOf(without).map(key));
    expect(resultsOf(withCites).some((r: Sarif) => r.relatedLocations)).toBe(true);
    expect(validateSarif(withCites)).toBe(true);
  });

  it('an overlay that changes a cited value is not anchored to the base\'s quote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-sarif-cite-'));
    // The drifted writer keeps 1 day of backups: an overlay asking 14 still fails, on its own line.
    await writeFile(join(dir, 'overlay.json'), JSON.stringify({ specVersion: 2, extends: 'shopflow', databases: { main: { backupRetentionDays: 14 } } }, null, 2));
    const { sarif } = await sarifOf(join(dir, 'overlay.json'), dir);
    const backups = resultsOf(sarif).find((r: Sarif) => r.ruleId === 'rds-backup-retention');
    expect(backups.locations[0].physicalLocation.artifactLocation.uri).toMatch(/overlay\.json$/);
    expect(backups.relatedLocations).toBeUndefined();
    // The base's own cited values are still shown on the document.
    expect(multiAzResult(sarif).locations[0].physicalLocation.artifactLocation.uri).toMatch(/docs\/examples\/shopflow-architecture\.md$/);
  });

  it.each([
    { name: 'the document is missing', edit: async (_dir: string) => undefined, warning: /SARIF findings stay on the spec's lines: .*spec\.shopflow\.json:\d+:\d+: the document .* cannot be read: .*no such file \(at \/document\)/ },
    { name: 'the quote is no longer in the document', edit: async (dir: string) => {
      await mkdir(join(dir, 'docs/examples'), { recursive: true });
      await writeFile(join(dir, DOC), (await readFile(packagePath(DOC), 'utf8')).replace('Multi-AZ:           Enabled', 'Multi-AZ:           Disabled'));
    }, warning: /1 quote the spec cites is no longer in .*shopflow-architecture\.md: their findings stay on the spec's lines \(infra-audit spec check-doc lists them\)/ },
  ])('when $name: a warning, and the alert stays on the spec line (the audit still runs)', async ({ edit, warning }) => {
    const dir = await mkdtemp(join(tmpdir(), 'infra-audit-sarif-cite-'));
    await copyFile(packagePath('spec.shopflow.json'), join(dir, 'spec.shopflow.json'));
    await edit(dir);
    const { sarif, stderr } = await sarifOf('./spec.shopflow.json', dir);
    expect(stderr).toMatch(warning);
    expect(validateSarif(sarif)).toBe(true);
    const result = multiAzResult(sarif);
    expect(result.locations[0].physicalLocation.artifactLocation.uri).toBe('spec.shopflow.json');
    expect(result.relatedLocations).toBeUndefined();
  });
});
