// The JSON report is the nightly job's documented interface: it must match schemas/report.schema.json.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';
import { packagePath } from '../../src/input/package-root.js';
import { schemaValidator } from '../../src/input/schemas.js';
import { renderJson } from '../../src/report/json.js';
import { exampleContext, suppress } from './report-fixtures.js';

const validate = schemaValidator('report');
const schema = JSON.parse(readFileSync(packagePath('schemas/report.schema.json'), 'utf8'));

function expectValid(json: string): void {
  const ok = validate(JSON.parse(json));
  expect(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2)).toBe(true);
}

describe('JSON report', () => {
  it.each(['drifted', 'compliant', 'partial'] as const)('the %s example matches the schema', async (name) => {
    const ctx = await exampleContext(name);
    expectValid(renderJson(ctx));
  });

  it('covers every outcome: pass, fail, skip, error and suppressed', async () => {
    const drifted = await exampleContext('drifted');
    suppress(drifted, (r) => r.ruleId === 'rds-writer-multi-az', { reason: 'migration window', owner: 'dba-team', expires: '2026-12-31' });
    const partial = await exampleContext('partial');
    const statuses = new Set([...drifted.report.results, ...partial.report.results].map((r) => r.status));
    expect([...statuses].sort()).toEqual(['error', 'fail', 'pass', 'skip']);
    expect(drifted.report.summary.suppressed).toBeGreaterThan(0);
    expectValid(renderJson(drifted));
    expectValid(renderJson(partial));
  });

  it('rejects what the report must never contain', async () => {
    const report = JSON.parse(renderJson(await exampleContext('partial')));
    const variants: [string, (r: typeof report) => void][] = [
      ['an unknown top-level field', (r) => (r.extra = 1)],
      ['an unknown status', (r) => (r.results[0].status = 'unknown')],
      ['an error without a reason', (r) => delete r.results.find((x: { status: string }) => x.status === 'error').reason],
      ['a suppressed pass', (r) => (r.results.find((x: { status: string }) => x.status === 'pass').suppression = { reason: 'r', owner: 'o', expires: '2026-12-31', resource: '*' })],
      ['a negative count', (r) => (r.summary.fail = -1)],
      ['a missing completeness flag', (r) => delete r.complete],
    ];
    for (const [what, mutate] of variants) {
      const copy = structuredClone(report);
      mutate(copy);
      expect(validate(copy), what).toBe(false);
    }
  });

  it('knows exactly the engine’s resource types', () => {
    expect([...schema.definitions.resourceType.enum].sort()).toEqual(Object.keys(RESOURCE_TYPES).sort());
  });

  it('documents every field', () => {
    const undocumented: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      const properties = (node as { properties?: Record<string, { description?: string; $ref?: string }> }).properties;
      for (const [key, value] of Object.entries(properties ?? {})) {
        if (!value.description && !value.$ref) undocumented.push(`${at}/${key}`);
        walk(value, `${at}/${key}`);
      }
    };
    walk(schema, '');
    for (const [name, def] of Object.entries(schema.definitions)) walk(def, `#/definitions/${name}`);
    expect(undocumented).toEqual([]);
  });
});
