// The HTML page as text: self-contained (nothing loaded from anywhere), the CSP allowing exactly its own
// script and stylesheet, every piece of account data escaped, and what the other reports say.
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { buildDiagram } from '../../src/diagram/layout.js';
import { HTML_CSP, renderHtml } from '../../src/report/html.js';
import { escapeHtml } from '../../src/text/html.js';
import type { Snapshot } from '../../src/graph/types.js';
import { contextFor, loadExample } from './report-fixtures.js';

async function page(snapshot: Snapshot, previous?: Snapshot): Promise<string> {
  const ctx = await contextFor(snapshot);
  return renderHtml({ ...ctx, diagram: buildDiagram({ snapshot, results: ctx.report.results, scope: ctx.spec.value.scope, ...(previous && { previous }) }) });
}

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

describe('renderHtml', () => {
  it('is one self-contained document: no URL to load, a CSP that allows only its own script and style', async () => {
    const html = await page(await loadExample('drifted'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg")/);
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    expect(HTML_CSP).toBe(`default-src 'none'; style-src ${sha(style)}; script-src ${sha(script)}; img-src data:; base-uri 'none'; form-action 'none'`);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(HTML_CSP)}">`);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html.match(/<svg /g)).toHaveLength(1);
  });

  it('escapes account data everywhere: no tag, attribute or script comes from a name', async () => {
    const snapshot = structuredClone(await loadExample('drifted'));
    const hostile = `shopflow-db"'><img src=x onerror=alert(1)></script><script>alert(2)</script>&amp;`;
    snapshot.nodes.find((n) => n.name === 'shopflow-db')!.name = hostile;
    const html = await page(snapshot);
    expect(html).not.toContain('<img');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain(escapeHtml(hostile));
  });

  it('says INCOMPLETE and lists the read failures for a partial snapshot', async () => {
    const partial = await loadExample('partial');
    expect(partial.gaps.length).toBeGreaterThan(0);
    const html = await page(partial);
    expect(html).toMatch(/<div class="verdict incomplete" id="verdict">INCOMPLETE: /);
    expect(html).toContain(`<h2>Read failures (${partial.gaps.length})</h2>`);
    expect(html).toMatch(/class="node error[^"]*"><title>Redis replication groups/);
  });

  it('rows carry what the filters read; passes are rows too (hidden by the default filter in the browser)', async () => {
    const ctx = await contextFor(await loadExample('drifted'));
    const html = renderHtml(ctx);
    const rows = html.match(/<tr data-severity=/g) ?? [];
    expect(rows).toHaveLength(ctx.report.results.length);
    expect(html).not.toContain('<h2>Architecture</h2>'); // no model, no picture
  });

  it('with a drift, shows it; with a previous snapshot the picture marks what disappeared', async () => {
    const ctx = await contextFor(await loadExample('drifted'));
    expect(renderHtml(ctx, { text: 'old <x> -> new' })).toContain('<pre>old &lt;x&gt; -&gt; new</pre>');
    const html = await page(await loadExample('drifted'), await loadExample('compliant'));
    expect(html).toMatch(/class="node unchecked disappeared"><title>shopflow-db-replica-2/);
  });
});
