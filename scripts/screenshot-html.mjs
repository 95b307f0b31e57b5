// Renders the drifted ShopFlow example's HTML report (`check --html`) in Debian's headless Chromium and
// saves a screenshot of the page as a reader first sees it, diagram and findings included:
//   npm run build && node scripts/screenshot-html.mjs [OUT.png]     (default docs/images/html-report.png)
// No network: the page is self-contained and the browser runs offline. Every wait has a deadline.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const CHROMIUM = '/usr/bin/chromium';
const WAIT_MS = 30_000;
const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? join(root, 'docs/images/html-report.png'));
if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} not found: apt-get install -y --no-install-recommends chromium`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'infra-audit-shot-'));
try {
  const html = join(dir, 'report.html');
  try {
    execFileSync(process.execPath, [join(root, 'bin/infra-audit.js'), 'check', '--spec', 'shopflow', '--snapshot', join(root, 'examples/shopflow-drifted.snapshot.json'), '--html', html], { stdio: 'ignore', timeout: WAIT_MS });
  } catch (e) {
    if (e.status !== 1) throw e; // 1: drift found, as the drifted example should
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, timeout: WAIT_MS, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, offline: true });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load', timeout: WAIT_MS });
    await page.locator('#diagram svg').waitFor({ timeout: WAIT_MS });
    await page.screenshot({ path: out, fullPage: true, timeout: WAIT_MS });
  } finally {
    await browser.close();
  }
  console.log(out);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
