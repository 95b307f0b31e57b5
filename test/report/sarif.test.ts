// SARIF output: valid against the SARIF 2.1.0 schema, acceptable to GitHub code scanning (its extra
// rules, which the schema does not state), anchored to repository lines, and stable across runs.
import { describe, expect, it } from 'vitest';
import { renderSarif, stableResourceId, fingerprintKey } from '../../src/report/sarif.js';
import type { ReportContext } from '../../src/report/model.js';
import {
  contextFor, exampleContext, lineContaining, loadExample, renamed, suppress, withProps, REDIS_RULE, TASK_DEFINITION_RULE,
} from './report-fixtures.js';
import { validateSarif } from './sarif-validator.js';

const RDS_RULE = 'rds-writer-multi-az';
const SHOPFLOW_DB = 'arn:aws:rds:us-east-1:123456789012:db:shopflow-db';
const TASK_DEF_42 = 'arn:aws:ecs:us-east-1:123456789012:task-definition/shopflow-api:42';

type Sarif = any;
const render = (ctx: ReportContext): Sarif => JSON.parse(renderSarif(ctx));
const resultsOf = (sarif: Sarif): Sarif[] => sarif.runs[0].results;
const findResult = (sarif: Sarif, ruleId: string, resource: string): Sarif =>
  resultsOf(sarif).find((r: Sarif) => r.ruleId === ruleId && r.locations[0].logicalLocations[0].fullyQualifiedName === resource);
const fingerprint = (sarif: Sarif, ruleId: string, resource: string): string => findResult(sarif, ruleId, resource).partialFingerprints.primaryLocationLineHash;

/** What GitHub code scanning rejects or mishandles beyond the SARIF schema (see GitHub's "SARIF support" page). */
function githubProblems(sarif: Sarif): string[] {
  const problems: string[] = [];
  const nonEmpty = (v: unknown) => typeof v === 'string' && v.trim().length > 0;
  if (!nonEmpty(sarif.$schema)) problems.push('$schema missing');
  if (sarif.version !== '2.1.0') problems.push('version is not 2.1.0');
  if (!Array.isArray(sarif.runs) || sarif.runs.length < 1 || sarif.runs.length > 20) problems.push('runs: 1..20');
  for (const run of sarif.runs ?? []) {
    if (!nonEmpty(run.tool?.driver?.name)) problems.push('tool.driver.name missing');
    if (!nonEmpty(run.automationDetails?.id) || !run.automationDetails.id.includes('/')) problems.push('automationDetails.id is not category/run-id');
    const rules: Sarif[] = run.tool.driver.rules ?? [];
    if (rules.length > 25_000) problems.push('more than 25,000 rules');
    for (const rule of rules) {
      const at = `rule ${rule.id}`;
      if (!nonEmpty(rule.id)) problems.push('rule without id');
      if (!nonEmpty(rule.shortDescription?.text)) problems.push(`${at}: shortDescription.text empty`);
      if (!nonEmpty(rule.fullDescription?.text)) problems.push(`${at}: fullDescription.text empty`);
      if ((rule.fullDescription?.text ?? '').length > 1024) problems.push(`${at}: fullDescription over 1024 characters`);
      if (!nonEmpty(rule.help?.text)) problems.push(`${at}: help.text empty`);
      const props = rule.properties ?? {};
      if (!Array.isArray(props.tags) || props.tags.length > 20) problems.push(`${at}: more than 20 tags`);
      if (!['very-high', 'high', 'medium', 'low'].includes(props.precision)) problems.push(`${at}: bad precision`);
      if (!['error', 'warning', 'recommendation'].includes(props['problem.severity'])) problems.push(`${at}: bad problem.severity`);
      const score = props['security-severity'];
      if (typeof score !== 'string' || !/^\d+(\.\d+)?$/.test(score) || Number(score) <= 0 || Number(score) > 10) problems.push(`${at}: security-severity is not a numeric string`);
    }
    const results: Sarif[] = run.results ?? [];
    if (results.length > 25_000) problems.push('more than 25,000 results');
    for (const r of results) {
      const at = `result ${r.ruleId}`;
      if (!nonEmpty(r.ruleId)) problems.push('result without ruleId');
      if (!nonEmpty(r.message?.text)) problems.push(`${at}: empty message.text`);
      if (!['error', 'warning', 'note', 'none'].includes(r.level)) problems.push(`${at}: bad level`);
      if (!Array.isArray(r.locations) || r.locations.length < 1 || r.locations.length > 1000) problems.push(`${at}: locations 1..1000`);
      const physical = r.locations?.[0]?.physicalLocation;
      const uri: unknown = physical?.artifactLocation?.uri;
      if (!nonEmpty(uri)) problems.push(`${at}: no physicalLocation uri`);
      else if (/^[a-z][a-z0-9+.-]*:/i.test(uri as string) || (uri as string).startsWith('/') || (uri as string).startsWith('./')) problems.push(`${at}: uri ${uri} is not repository-relative`);
      if (!Number.isInteger(physical?.region?.startLine) || physical.region.startLine < 1) problems.push(`${at}: region.startLine < 1`);
      if (physical?.region?.endLine !== undefined && physical.region.endLine < physical.region.startLine) problems.push(`${at}: endLine before startLine`);
      if (!nonEmpty(r.partialFingerprints?.primaryLocationLineHash)) problems.push(`${at}: no primaryLocationLineHash`);
      if (r.ruleIndex !== undefined && rules[r.ruleIndex]?.id !== r.ruleId) problems.push(`${at}: ruleIndex points at another rule`);
    }
  }
  return problems;
}

function expectAcceptable(text: string): void {
  const sarif = JSON.parse(text);
  expect(validateSarif(sarif), JSON.stringify(validateSarif.errors?.slice(0, 5), null, 2)).toBe(true);
  expect(githubProblems(sarif)).toEqual([]);
  const prints = resultsOf(sarif).map((r: Sarif) => r.partialFingerprints.primaryLocationLineHash);
  expect(new Set(prints).size, 'fingerprints are unique within the run').toBe(prints.length);
}

describe('SARIF', () => {
  it.each(['drifted', 'compliant', 'partial'] as const)('the %s example validates and passes GitHub’s checks', async (name) => {
    const ctx = await exampleContext(name);
    const text = renderSarif(ctx);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toContain('\n  "version": "2.1.0"'); // 2-space indent
    expectAcceptable(text);
  });

  it('lists exactly the failures, suppressed ones included, and no passes, skips or errors', async () => {
    const ctx = await exampleContext('drifted');
    const fails = ctx.report.results.filter((r) => r.status === 'fail');
    suppress(ctx, (r) => r.ruleId === RDS_RULE, { reason: 'migration window', owner: 'dba-team', expires: '2026-12-31' });
    const sarif = render(ctx);
    expect(fails.length).toBeGreaterThan(0);
    expect(resultsOf(sarif)).toHaveLength(fails.length);
    expect(resultsOf(sarif).map((r: Sarif) => r.ruleId).sort()).toEqual(fails.map((r) => r.ruleId).sort());
  });

  it('describes every rule, sorted by id, with GitHub’s severity properties', async () => {
    const ctx = await exampleContext('drifted');
    const rules: Sarif[] = render(ctx).runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...ctx.rules.keys()].sort());
    const rds = rules.find((r) => r.id === RDS_RULE);
    expect(rds).toMatchObject({
      name: 'RdsWriterMultiAz',
      shortDescription: { text: ctx.rules.get(RDS_RULE)!.rule.title },
      fullDescription: { text: ctx.rules.get(RDS_RULE)!.rule.rationale },
      defaultConfiguration: { level: 'error' },
      properties: { precision: 'very-high', 'problem.severity': 'error', 'security-severity': '8.0' },
    });
    expect(rds.properties.tags).toEqual(['infra-audit', 'architecture-drift', 'rds', 'C38']);
    expect(rds.help.text).toContain('C38');
    expect(rds.help.text).toContain(ctx.rules.get(RDS_RULE)!.rule.remediation);
    expect(rds.help.markdown).toContain('`rules/rds-writer-multi-az.json`');
    expect(rds.help.markdown).toContain('&lt;id&gt;'); // the remediation's placeholder survives Markdown rendering
    const redis = rules.find((r) => r.id === REDIS_RULE);
    expect(redis.properties['security-severity']).toBe('9.5');
    expect(rules.find((r) => r.id === TASK_DEFINITION_RULE)).toMatchObject({ defaultConfiguration: { level: 'warning' }, properties: { 'problem.severity': 'warning', 'security-severity': '5.5' } });
    expect(rules.find((r) => r.id === 'fixture-skipped')).toMatchObject({ defaultConfiguration: { level: 'note' }, properties: { 'problem.severity': 'recommendation', 'security-severity': '3.0' } });
  });

  it('truncates a long rationale to 1024 characters without splitting a character', async () => {
    const ctx = await exampleContext('drifted');
    const loaded = ctx.rules.get(RDS_RULE)!;
    const rationale = 'x'.repeat(1022) + '😀' + 'y'.repeat(50);
    const rules = new Map(ctx.rules).set(RDS_RULE, { ...loaded, rule: { ...loaded.rule, rationale } });
    const rule = render({ ...ctx, rules }).runs[0].tool.driver.rules.find((r: Sarif) => r.id === RDS_RULE);
    expect(rule.fullDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(rule.help.text).toContain(rationale); // help keeps all of it
  });

  it('anchors a spec-backed failure to the spec line it contradicts', async () => {
    const sarif = render(await exampleContext('drifted'));
    const result = findResult(sarif, RDS_RULE, SHOPFLOW_DB);
    expect(result, 'the drifted example has a single-AZ ShopFlow writer').toBeDefined();
    const line = lineContaining('spec.shopflow.json', '"multiAz"', lineContaining('spec.shopflow.json', '"databases"'));
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'spec.shopflow.json' }, region: { startLine: line, endLine: line } });
    expect(result.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: SHOPFLOW_DB, kind: 'resource', name: 'shopflow-db' }]);
    expect(result).toMatchObject({ level: 'error', message: { text: expect.stringContaining('shopflow-db') } });
    expect(result.properties).toEqual({
      resourceType: 'rds.db-instance', region: 'us-east-1', account: '123456789012', expected: true, actual: false, claims: ['C38'], specPointer: '/databases/main/multiAz',
    });
  });

  it('anchors a failure without a spec value to the rule file’s expect line', async () => {
    const sarif = render(await exampleContext('drifted'));
    const result = findResult(sarif, TASK_DEFINITION_RULE, TASK_DEF_42);
    const file = `test/report/fixtures/rules/${TASK_DEFINITION_RULE}.json`;
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: file }, region: { startLine: lineContaining(file, '"expect"') } });
    expect(result.level).toBe('warning');
  });

  it('is byte-identical on a second render and on a fresh audit of the same input', async () => {
    const ctx = await exampleContext('drifted');
    const first = renderSarif(ctx);
    expect(renderSarif(ctx)).toBe(first);
    expect(renderSarif(await exampleContext('drifted'))).toBe(first);
  });

  it('keeps a fingerprint when the resource changes (other message, actual value and spec line)', async () => {
    const snapshot = await loadExample('drifted');
    const before = render(await contextFor(snapshot));
    // Fixed Multi-AZ but moved the primary: still failing, now on /database/primaryAvailabilityZone.
    const moved = withProps(snapshot, SHOPFLOW_DB, { multiAz: true, secondaryAvailabilityZone: 'us-east-1b', availabilityZone: 'us-east-1c' });
    const after = render(await contextFor(withProps(moved, TASK_DEF_42, { cpu: 2048 })));
    for (const [rule, resource] of [[RDS_RULE, SHOPFLOW_DB], [TASK_DEFINITION_RULE, TASK_DEF_42]] as const) {
      const [a, b] = [findResult(before, rule, resource), findResult(after, rule, resource)];
      expect(b.message.text).not.toBe(a.message.text);
      expect(b.properties.actual).not.toEqual(a.properties.actual);
      expect(b.partialFingerprints).toEqual(a.partialFingerprints);
    }
    expect(findResult(after, RDS_RULE, SHOPFLOW_DB).locations[0].physicalLocation.region.startLine).not.toBe(
      findResult(before, RDS_RULE, SHOPFLOW_DB).locations[0].physicalLocation.region.startLine,
    );
  });

  it('keeps a task definition’s fingerprint across revisions (a deploy is not a new alert)', async () => {
    const snapshot = await loadExample('drifted');
    const before = render(await contextFor(snapshot));
    const after = render(await contextFor(renamed(snapshot, 'shopflow-api:42', 'shopflow-api:43')));
    const next = TASK_DEF_42.replace(':42', ':43');
    expect(findResult(after, TASK_DEFINITION_RULE, next)).toBeDefined();
    expect(fingerprint(after, TASK_DEFINITION_RULE, next)).toBe(fingerprint(before, TASK_DEFINITION_RULE, TASK_DEF_42));
  });

  it('fingerprints by rule, resource (sans revision), account and region only', () => {
    expect(stableResourceId(TASK_DEF_42)).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/shopflow-api');
    expect(stableResourceId(`${TASK_DEF_42}#container/api`)).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/shopflow-api#container/api');
    expect(stableResourceId(`${TASK_DEF_42}/container/api`)).toBe('arn:aws:ecs:us-east-1:123456789012:task-definition/shopflow-api/container/api');
    expect(stableResourceId(SHOPFLOW_DB)).toBe(SHOPFLOW_DB);
    const base = fingerprintKey(RDS_RULE, SHOPFLOW_DB, '123456789012', 'us-east-1');
    expect(base).toMatch(/^[0-9a-f]{32}$/);
    expect(fingerprintKey(RDS_RULE, SHOPFLOW_DB, '123456789012', 'us-east-1')).toBe(base);
    expect(fingerprintKey('other-rule', SHOPFLOW_DB, '123456789012', 'us-east-1')).not.toBe(base);
    expect(fingerprintKey(RDS_RULE, SHOPFLOW_DB + '-2', '123456789012', 'us-east-1')).not.toBe(base);
    expect(fingerprintKey(RDS_RULE, SHOPFLOW_DB, '210987654321', 'us-east-1')).not.toBe(base);
    expect(fingerprintKey(RDS_RULE, SHOPFLOW_DB, '123456789012', 'eu-west-1')).not.toBe(base);
  });

  it('keeps fingerprints unique when two revisions of one family fail together', async () => {
    const snapshot = await loadExample('drifted');
    const twin = structuredClone(snapshot.nodes.find((n) => n.id === TASK_DEF_42)!);
    twin.id = TASK_DEF_42.replace(':42', ':41');
    twin.name = 'shopflow-api:41';
    const text = renderSarif(await contextFor({ ...snapshot, nodes: [...snapshot.nodes, twin] }));
    expectAcceptable(text);
    expect(resultsOf(JSON.parse(text)).filter((r: Sarif) => r.ruleId === TASK_DEFINITION_RULE)).toHaveLength(2);
  });

  it('marks suppressed findings as externally accepted, with owner and expiry', async () => {
    const ctx = await exampleContext('drifted');
    expect(suppress(ctx, (r) => r.ruleId === RDS_RULE, { reason: 'migration window', owner: 'dba-team', expires: '2026-12-31' })).not.toHaveLength(0);
    const text = renderSarif(ctx);
    expectAcceptable(text);
    const sarif = JSON.parse(text);
    expect(findResult(sarif, RDS_RULE, SHOPFLOW_DB).suppressions).toEqual([
      { kind: 'external', status: 'accepted', justification: 'migration window', properties: { owner: 'dba-team', expires: '2026-12-31' } },
    ]);
    for (const r of resultsOf(sarif).filter((x: Sarif) => x.ruleId !== RDS_RULE)) expect(r).not.toHaveProperty('suppressions');
  });

  it('reports errors and read failures as failed-execution notifications, not results', async () => {
    const ctx = await exampleContext('partial');
    const errors = ctx.report.results.filter((r) => r.status === 'error');
    expect(ctx.report.complete).toBe(false);
    expect(errors.map((r) => r.ruleId)).toContain(REDIS_RULE);
    const run = render(ctx).runs[0];
    expect(run.invocations).toHaveLength(1);
    expect(run.invocations[0].executionSuccessful).toBe(false);
    const notes: Sarif[] = run.invocations[0].toolExecutionNotifications;
    expect(notes).toHaveLength(errors.length + ctx.report.gaps.length);
    expect(notes.every((n) => n.level === 'error' && n.message.text.length > 0)).toBe(true);
    expect(notes.some((n) => n.associatedRule?.id === REDIS_RULE)).toBe(true);
    expect(notes.some((n) => n.message.text.includes('elasticache:DescribeReplicationGroups'))).toBe(true);
    expect(run.results.some((r: Sarif) => r.ruleId === REDIS_RULE)).toBe(false);

    const complete = render(await exampleContext('compliant')).runs[0].invocations[0];
    expect(complete).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });

  it('names the run category/run-id, with the category from the account and regions unless given', async () => {
    const byDefault = render(await exampleContext('drifted')).runs[0].automationDetails.id;
    expect(byDefault).toBe('infra-audit/123456789012/us-east-1/20261120T020000Z');
    const given: string = render(await exampleContext('drifted', { category: 'infra-audit/shopflow-prod' })).runs[0].automationDetails.id;
    expect(given.slice(0, given.lastIndexOf('/'))).toBe('infra-audit/shopflow-prod');
  });

  it('uses the package-relative path for files outside the repository', async () => {
    const sarif = render(await exampleContext('drifted', { baseDir: '/nonexistent/repository' }));
    expect(findResult(sarif, RDS_RULE, SHOPFLOW_DB).locations[0].physicalLocation.artifactLocation.uri).toBe('spec.shopflow.json');
    expect(githubProblems(sarif)).toEqual([]);
  });

  it('has checks that catch what GitHub rejects (so a pass above means something)', async () => {
    const sarif = render(await exampleContext('drifted'));
    const broken = structuredClone(sarif);
    delete broken.runs[0].results[0].locations[0].physicalLocation; // logical location only: GitHub rejects the file
    broken.runs[0].results[1].message.text = ' ';
    broken.runs[0].results[2].locations[0].physicalLocation.artifactLocation.uri = 'file:///repo/spec.shopflow.json';
    broken.runs[0].tool.driver.rules[0].properties['security-severity'] = 8;
    const problems = githubProblems(broken).join('\n');
    for (const expected of ['no physicalLocation uri', 'empty message.text', 'is not repository-relative', 'security-severity is not a numeric string']) {
      expect(problems).toContain(expected);
    }
    const invalid = structuredClone(sarif);
    invalid.runs[0].results[0].level = 'fatal';
    expect(validateSarif(invalid)).toBe(false);
  });

  it('carries the tool version as semanticVersion', async () => {
    const ctx = await exampleContext('compliant');
    const driver = render(ctx).runs[0].tool.driver;
    expect(driver).toMatchObject({ name: 'infra-audit', semanticVersion: ctx.report.tool.version });
    expect(driver).not.toHaveProperty('version');
  });
});
