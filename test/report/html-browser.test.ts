// The HTML page in a real browser (Debian's chromium driven by playwright-core): it loads offline with
// no console error and no request, its diagram renders as SVG, a filter click changes the visible rows,
// and a resource name carrying markup or script stays text.
//
// Chromium is required, not optional: when /usr/bin/chromium is absent this file FAILS with how to
// install it (`apt-get install -y --no-install-recommends chromium`, which .ci/run does), so a run
// without a browser can never pass for a run that checked the page. Every wait has a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildDiagram } from '../../src/diagram/layout.js';
import { renderHtml } from '../../src/report/html.js';
import { ruleService } from '../../src/engine/rule-service.js';
import type { Snapshot } from '../../src/graph/types.js';
import type { ReportContext } from '../../src/report/model.js';
import { contextFor, loadExample } from './report-fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 20_000;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
const HOSTILE = 'shopflow-db</script><img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

let dir: string;
let context: BrowserContext;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the HTML report is tested in headless Chromium. Install it with \`apt-get install -y --no-install-recommends chromium\` (.ci/run does this), then rerun.`);
  }
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-html-'));
  // A fresh profile per run: nothing cached, no first-run or sync traffic.
  context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: WAIT_MS, offline: true });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
}, WAIT_MS * 2);

afterAll(async () => {
  await context?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, WAIT_MS);

interface Opened { page: Page; consoleErrors: string[]; requests: string[] }

/** Writes the page to a file and opens it; records console errors, page errors and every non-file request. */
async function open(ctx: ReportContext, name: string): Promise<Opened> {
  const file = join(dir, `${name}.html`);
  await writeFile(file, renderHtml(ctx));
  const page = await context.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('request', (r) => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: WAIT_MS });
  return { page, consoleErrors, requests };
}

async function withDiagram(snapshot: Snapshot): Promise<ReportContext> {
  const ctx = await contextFor(snapshot);
  return { ...ctx, diagram: buildDiagram({ snapshot, results: ctx.report.results, scope: ctx.spec.value.scope }) };
}

const visibleRows = (page: Page) => page.locator('#results tbody tr:not([hidden])').count();

describe('the HTML report in Chromium', () => {
  it('loads offline without console errors or requests; the diagram renders as SVG', async () => {
    const ctx = await withDiagram(await loadExample('drifted'));
    const { page, consoleErrors, requests } = await open(ctx, 'drifted');
    await page.locator('#verdict').waitFor({ timeout: WAIT_MS });
    expect(await page.locator('#verdict').textContent()).toContain('Drift found');
    const svg = page.locator('#diagram svg');
    expect(await svg.count()).toBe(1);
    const box = await svg.boundingBox({ timeout: WAIT_MS });
    expect(box!.width).toBeGreaterThan(100);
    expect(box!.height).toBeGreaterThan(100);
    const nodes = ctx.diagram!.groups.flatMap(function all(g): unknown[] { return [...g.nodes, ...g.groups.flatMap(all)]; });
    expect(await page.locator('#diagram g.node').count()).toBe(nodes.length);
    // The failing database is drawn failing, with a visible box.
    const db = page.locator('#diagram g.node.fail', { hasText: /^shopflow-db/ }).first();
    expect((await db.boundingBox({ timeout: WAIT_MS }))!.width).toBeGreaterThan(50);
    // The script ran (its hash matched the CSP): the count line is filled in.
    expect(await page.locator('#shown').textContent()).toMatch(/^\d+ of \d+ results shown$/);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, WAIT_MS * 3);

  it('filters: a severity click, a service and a status change the visible rows', async () => {
    const ctx = await withDiagram(await loadExample('drifted'));
    const { page, consoleErrors } = await open(ctx, 'filters');
    const results = ctx.report.results;
    const problems = results.filter((r) => (r.status === 'fail' && !r.suppression) || r.status === 'error');
    expect(await visibleRows(page)).toBe(problems.length);

    const severity = problems.find((r) => r.severity !== problems[0]!.severity)?.severity ?? problems[0]!.severity;
    await page.locator(`button[data-severity="${severity}"]`).click({ timeout: WAIT_MS });
    const bySeverity = problems.filter((r) => r.severity === severity).length;
    expect(bySeverity).toBeLessThan(problems.length);
    expect(await visibleRows(page)).toBe(bySeverity);
    await page.locator(`button[data-severity="${severity}"]`).click({ timeout: WAIT_MS }); // off again
    expect(await visibleRows(page)).toBe(problems.length);

    await page.locator('select[data-filter="status"]').selectOption('all', { timeout: WAIT_MS });
    expect(await visibleRows(page)).toBe(results.length);
    await page.locator('select[data-filter="service"]').selectOption('rds', { timeout: WAIT_MS });
    expect(await visibleRows(page)).toBe(results.filter((r) => ruleService(ctx.rules.get(r.ruleId)!.rule) === 'rds').length);
    const claim = problems[0]!.claims[0]!;
    await page.locator('select[data-filter="service"]').selectOption('', { timeout: WAIT_MS });
    await page.locator('select[data-filter="claim"]').selectOption(claim, { timeout: WAIT_MS });
    expect(await visibleRows(page)).toBe(results.filter((r) => r.claims.includes(claim)).length);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, WAIT_MS * 3);

  it('a resource name holding </script>, <img onerror> and <script> is shown as text and never runs', async () => {
    const snapshot = structuredClone(await loadExample('drifted'));
    const db = snapshot.nodes.find((n) => n.name === 'shopflow-db')!;
    db.name = HOSTILE;
    const ctx = await withDiagram(snapshot);
    const { page, consoleErrors, requests } = await open(ctx, 'hostile');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    // Escaping, not only the CSP, keeps it text: no element was made from the name.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('script').count()).toBe(1);
    expect(await page.locator('#results').textContent()).toContain(HOSTILE);
    expect(await page.locator('#diagram title', { hasText: HOSTILE }).count()).toBeGreaterThan(0);
    expect(consoleErrors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  }, WAIT_MS * 3);
});
