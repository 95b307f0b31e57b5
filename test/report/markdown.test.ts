// The step summary: what a person sees in the nightly job's run page.
import { describe, expect, it } from 'vitest';
import { opOf, plainExpected, plainValue, resultWords } from '../../src/engine/message.js';
import { subjectLabel } from '../../src/engine/labels.js';
import { markdownCell } from '../../src/text/markdown.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { exampleContext, suppress, REDIS_RULE, TASK_DEFINITION_RULE } from './report-fixtures.js';

const RDS_RULE = 'rds-writer-multi-az';
// Its title rendered for ShopFlow's one database, "main" (the rule's title says "database {item}").
const RDS_TITLE = 'The writer of database main is Multi-AZ, primary and standby in the architecture\'s zones';

/** The lines of the block that starts at `heading`, up to the next blank line after its table. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start + 1 && line === '');
  return lines.slice(start, end < 0 ? undefined : end);
}

/** Splits a table row on unescaped pipes. */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());

describe('Markdown summary', () => {
  it('opens with the application, account, regions, snapshot time and a verdict', async () => {
    const ctx = await exampleContext('drifted');
    const md = renderMarkdown(ctx);
    const [title, , facts] = md.split('\n');
    expect(title).toBe('# infra-audit: shopflow');
    expect(facts).toContain('`123456789012`');
    expect(facts).toContain('`us-east-1`');
    expect(facts).toContain(ctx.report.snapshot.finishedAt);
    expect(md).toContain('**Drift found**');
    expect(md).not.toContain('INCOMPLETE');
    expect(md.endsWith('\n') && !md.endsWith('\n\n')).toBe(true);
  });

  it('counts every outcome in a table', async () => {
    const ctx = await exampleContext('drifted');
    const md = renderMarkdown(ctx);
    for (const [outcome, n] of Object.entries(ctx.report.summary)) expect(md).toContain(`| ${outcome} | ${n} |`);
  });

  it('groups failures by claim, with the rule title, resource and expected vs actual', async () => {
    const ctx = await exampleContext('drifted');
    const md = renderMarkdown(ctx);
    const fails = ctx.report.results.filter((r) => r.status === 'fail');
    expect(fails.length).toBeGreaterThan(0);
    expect(md).toContain(`## Failures (${fails.length})`);
    for (const r of fails) {
      for (const claim of r.claims) {
        const rows = section(md, `### ${claim}`).slice(4).map(cells);
        const row = rows.find((c) => c[1]!.includes(`(\`${r.ruleId}\`)`) && c[2] === markdownCell(subjectLabel(r)));
        expect(row, `${r.ruleId} under ${claim}`).toBeDefined();
        expect(row![0]).toBe(r.severity);
        // A cost finding states dollars (resultWords); every other finding its values as a sentence would.
        const words = r.check?.kind === 'cost' ? resultWords(r) : { expected: plainExpected(opOf(r.check).op, r.expected, opOf(r.check).negated), actual: plainValue(r.actual) };
        expect(row![3]).toBe(markdownCell(words.expected));
        expect(row![4]).toBe(words.actual.replace(/</g, '&lt;').replace(/\|/g, '\\|'));
      }
    }
    // Concretely: the single-AZ writer under its claim, and a two-claim rule under both claims.
    expect(section(md, '### C38')).toContain(
      `| high | ${RDS_TITLE} (\`${RDS_RULE}\`) | shopflow-db | true | false |`,
    );
    for (const claim of ['C98', 'C99']) expect(section(md, `### ${claim}`).join('\n')).toContain(`(\`${TASK_DEFINITION_RULE}\`) | shopflow-api:42 | at most 512 | 1024 |`);
  });

  it('escapes pipes, backticks and HTML from AWS data so the table stays a table', async () => {
    const ctx = await exampleContext('drifted');
    const r = ctx.report.results.find((x) => x.ruleId === RDS_RULE && x.status === 'fail')!;
    r.resource.name = 'evil|name`<b>';
    r.actual = 'a|b';
    const row = section(renderMarkdown(ctx), '### C38').find((line) => line.includes(`\`${RDS_RULE}\``))!;
    expect(row).toContain('evil\\|name\\`&lt;b>');
    expect(cells(row)).toHaveLength(5);
    expect(cells(row)[4]).toBe('a\\|b');
  });

  it('flags the partial example as INCOMPLETE and lists what could not be checked and read', async () => {
    const ctx = await exampleContext('partial');
    const md = renderMarkdown(ctx);
    expect(ctx.report.complete).toBe(false);
    expect(md).toContain('> **INCOMPLETE**');
    const errors = ctx.report.results.filter((r) => r.status === 'error');
    const couldNot = section(md, `## Could not check (${errors.length})`);
    expect(couldNot.slice(4)).toHaveLength(errors.length);
    // The partial example's role may read neither ElastiCache listing: the reason names each failed read.
    const redisLine = couldNot.find((line) => line.includes(`(\`${REDIS_RULE}\`) | Redis replication groups in us-east-1 | could not read `));
    expect(redisLine).toContain('elasticache:DescribeReplicationGroups in us-east-1 (AccessDeniedException) |');
    const gaps = section(md, `## Read failures (${ctx.report.gaps.length})`);
    expect(gaps).toContain('| elasticache | DescribeReplicationGroups | us-east-1 | AccessDeniedException |');
  });

  it('lists only the cost info finding for the compliant example; says complete, the note apart from drift', async () => {
    const ctx = await exampleContext('compliant');
    const md = renderMarkdown(ctx);
    // An info note is listed, but the verdict is not "drift": no default --fail-on counts it either.
    expect(md).toContain('> **Complete**: the account matches the spec for every rule that applied. Also 1 info note, not drift.');
    expect(md).not.toContain('Drift found');
    expect(md).toContain('## Failures (1)');
    expect(md).toContain('| info | The estimated monthly cost stays within the architecture\'s cost table (`cost-within-budget`) | monthly cost of the application | at most $1,513.05 (the documented $1,441.00 + 5%) | $2,645.09 |');
    expect(md).not.toContain('## Could not check');
    suppress(ctx, (r) => r.ruleId === 'cost-within-budget', { reason: 'the document is being repriced', owner: 'finance', expires: '2099-01-01' });
    const accepted = renderMarkdown(ctx);
    expect(accepted).toContain('> **Complete**: the account matches the spec for every rule that applied.\n');
    expect(accepted).not.toContain('## Failures');
  });

  it('lists suppressed findings with owner and expiry, apart from the failures', async () => {
    const ctx = await exampleContext('drifted');
    suppress(ctx, (r) => r.ruleId === RDS_RULE, { reason: 'migration window', owner: 'dba-team', expires: '2026-12-31' });
    const md = renderMarkdown(ctx);
    expect(section(md, '## Suppressed (1)')).toContain(`| ${RDS_TITLE} (\`${RDS_RULE}\`) | shopflow-db | dba-team | 2026-12-31 | migration window |`);
    expect(section(md, '### C38')).toEqual([]);
  });

  it('shows skips as a count only', async () => {
    const ctx = await exampleContext('drifted');
    const skipped = ctx.report.results.filter((r) => r.status === 'skip');
    expect(skipped.map((r) => r.ruleId)).toContain('fixture-skipped');
    const md = renderMarkdown(ctx);
    expect(md).toContain(`| skip | ${skipped.length} |`);
    expect(md).not.toContain('fixture-skipped');
  });

  it('counts the rules a filter left out, and says nothing of filters when there were none', async () => {
    const ctx = await exampleContext('drifted');
    expect(renderMarkdown(ctx)).not.toContain('excluded by filter');
    ctx.report.filtered = { rules: ['cloudfront-waf', 'ecs-task-size'] };
    expect(renderMarkdown(ctx)).toContain('| rules excluded by filter | 2 |');
  });

  it('appends the drift section only when given Markdown for it', async () => {
    const ctx = await exampleContext('drifted');
    const plain = renderMarkdown(ctx);
    expect(plain).not.toContain('## Drift since the previous snapshot');
    expect(renderMarkdown(ctx, { markdown: 42 })).toBe(plain);
    expect(renderMarkdown(ctx, 'not an object')).toBe(plain);
    const withDrift = renderMarkdown(ctx, { markdown: '- shopflow-db: multiAz true -> false\n\n' });
    expect(withDrift.startsWith(plain.trimEnd())).toBe(true);
    expect(withDrift.endsWith('## Drift since the previous snapshot\n\n- shopflow-db: multiAz true -> false\n')).toBe(true);
  });

  it('is deterministic', async () => {
    expect(renderMarkdown(await exampleContext('partial'))).toBe(renderMarkdown(await exampleContext('partial')));
  });
});
