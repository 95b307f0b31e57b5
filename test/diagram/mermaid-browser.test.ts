// The Markdown summary's diagrams through the real parser: GitHub draws ```mermaid blocks with the
// `mermaid` package, so string checks alone cannot tell that it parses what we write. Each diagram of
// `check --format markdown` (ShopFlow's and Ledgerly's drifted examples) and of `diagram --previous`
// is rendered with mermaid.render in headless Chromium (Debian's chromium driven by playwright-core),
// offline: the self-contained bundle is injected from node_modules, nothing is fetched.
//
// Chromium is required, not optional (as in test/report/html-browser.test.ts): without /usr/bin/chromium
// this file FAILS saying how to install it. One browser for the file; every wait has a timeout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { GITHUB_MERMAID_LIMITS, renderMermaid } from '../../src/diagram/mermaid.js';
import type { DiagramModel, DiagramNode } from '../../src/diagram/model.js';
import { PACKAGE_ROOT } from '../../src/input/package-root.js';
import { runCli } from '../cli/run-cli.js';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 30_000;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'];
// The bundle with everything inlined (no chunks to load): what a page without network can run.
const MERMAID_BUNDLE = createRequire(import.meta.url).resolve('mermaid/dist/mermaid.min.js');

let dir: string;
let context: BrowserContext;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: the diagrams are rendered in headless Chromium. Install it with \`apt-get install -y --no-install-recommends chromium\` (.ci/run does this), then rerun.`);
  }
  dir = await mkdtemp(join(tmpdir(), 'infra-audit-mermaid-'));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: ARGS, timeout: WAIT_MS, offline: true });
  context.setDefaultTimeout(WAIT_MS);
  page = await context.newPage();
  page.on('request', (r) => { if (!r.url().startsWith('data:') && r.url() !== 'about:blank') requests.push(r.url()); });
  page.on('pageerror', (e) => pageErrors.push(String(e)));
  await page.setContent('<!doctype html><html><body></body></html>', { timeout: WAIT_MS });
  await page.addScriptTag({ path: MERMAID_BUNDLE });
  await page.evaluate(() => (window as unknown as { mermaid: { initialize(c: object): void } }).mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', maxTextSize: 50_000, maxEdges: 500 }));
}, WAIT_MS * 3);

afterAll(async () => {
  await context?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
}, WAIT_MS);

interface Rendered { ok: boolean; svg?: string; error?: string }

/** mermaid.render of each text in the page: the SVG, or the parse error mermaid threw. */
function renderAll(texts: string[]): Promise<Rendered[]> {
  return page.evaluate(async (all) => {
    const mermaid = (window as unknown as { mermaid: { render(id: string, text: string): Promise<{ svg: string }> } }).mermaid;
    const out: Rendered[] = [];
    for (const [i, text] of all.entries()) {
      try {
        out.push({ ok: true, svg: (await mermaid.render(`diagram${Date.now()}x${i}`, text)).svg });
      } catch (err) {
        out.push({ ok: false, error: String((err as Error)?.message ?? err) });
      }
    }
    return out;
  }, texts);
}

/** The ```mermaid blocks of a Markdown document. */
const mermaidBlocks = (markdown: string) => [...markdown.matchAll(/^```mermaid\n([\s\S]*?)^```$/gm)].map((m) => m[1]!);

const edgesOf = (text: string) => text.match(/-->/g)?.length ?? 0;

async function expectRendered(texts: string[]) {
  expect(texts.length).toBeGreaterThan(0);
  for (const text of texts) {
    // GitHub's limits, which mermaid.initialize above enforces too (maxTextSize, maxEdges).
    expect(text.length).toBeLessThan(GITHUB_MERMAID_LIMITS.chars);
    expect(edgesOf(text)).toBeLessThan(GITHUB_MERMAID_LIMITS.edges);
  }
  const rendered = await renderAll(texts);
  for (const r of rendered) {
    expect(r.error).toBeUndefined();
    expect(r.svg).toMatch(/^<svg[\s>]/);
    expect(r.svg).not.toMatch(/Syntax error/i);
  }
  expect(requests).toEqual([]);
  expect(pageErrors).toEqual([]);
  return rendered.map((r) => r.svg!);
}

const example = (name: string) => join(PACKAGE_ROOT, 'examples', `${name}.snapshot.json`);

describe("the Markdown summary's diagrams in mermaid", () => {
  it('the harness sees a parse error: a broken diagram is not an SVG', async () => {
    const [broken] = await renderAll(['flowchart TB\n  n0["unclosed] --> n1\n']);
    expect(broken!.ok).toBe(false);
    expect(broken!.error).toMatch(/parse error|expecting|syntax/i);
  });

  it.each([
    ['ShopFlow', 'shopflow-drifted', 'shopflow'],
    ['Ledgerly', 'ledgerly-drifted', 'ledgerly'],
  ])('%s drifted: every diagram of check --format markdown renders', async (_name, snapshot, spec) => {
    const run = await runCli(['check', '--snapshot', example(snapshot), '--spec', spec, '--format', 'markdown'], { cwd: dir });
    expect(run.code, run.stderr).toBe(1);
    const blocks = mermaidBlocks(run.stdout);
    const svgs = await expectRendered(blocks);
    // The failing components are drawn as such: the outcome classes reach the SVG.
    expect(svgs.join('')).toMatch(/class="[^"]*\bfail\b/);
  }, WAIT_MS * 2);

  it('diagram --previous (what appeared and disappeared since the compliant snapshot) renders', async () => {
    const run = await runCli(['diagram', '--snapshot', example('shopflow-drifted'), '--previous', example('shopflow-compliant'), '--spec', 'shopflow', '--format', 'markdown'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    await expectRendered(mermaidBlocks(run.stdout));
  }, WAIT_MS * 2);

  it('names carrying Mermaid, HTML and Markdown syntax still parse, and stay text in the SVG', async () => {
    const hostile = ['end"] --> n0["pwned', '</script><img src=x onerror="window.__pwned=1">', '%%{init: {"theme":"dark"}}%%', 'click n0 call alert()', 'a;b|c{d}', 'back`tick```'];
    const node = (key: string, name: string): DiagramNode => ({ key, name, kind: name, outcome: 'fail', fails: 1, errors: 0 });
    const model: DiagramModel = {
      groups: [{ key: 'g', title: 'VPC "x"] end\nsubgraph', role: 'vpc', groups: [], nodes: hostile.map((n, i) => node(`k${i}`, n)) }],
      links: [{ from: 'k0', to: 'k1', label: 'a"|b' }],
      notes: [],
    };
    const [svg] = await expectRendered(renderMermaid(model).diagrams.map((d) => d.text));
    expect(svg).not.toContain('<img');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });
});
