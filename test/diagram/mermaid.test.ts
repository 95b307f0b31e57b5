// Mermaid from account data: a name can hold quotes, brackets, backticks, newlines, HTML and Mermaid's
// own syntax; none may end a label, add a statement, open markup or close the Markdown fence. And
// every diagram stays within GitHub's limits (50,000 characters, 500 edges), split when it must be.
import { describe, expect, it } from 'vitest';
import { GITHUB_MERMAID_LIMITS, mermaidText, renderMermaid } from '../../src/diagram/mermaid.js';
import { buildDiagram } from '../../src/diagram/layout.js';
import type { DiagramGroup, DiagramModel, DiagramNode } from '../../src/diagram/model.js';
import type { Snapshot } from '../../src/graph/types.js';
import { contextFor, loadExample } from '../report/report-fixtures.js';

const HOSTILE = [
  'say "hi"', 'a]b[c', 'x)y(z', 'back`tick```', 'line\nbreak\r\nagain', '</script><img src=x onerror=alert(1)>', 'end"] --> n0["pwned',
  '%%{init: {"theme":"dark"}}%%', 'a;b', 'a|b', 'click n0 call alert()', '#35; #quot;', '{curly}', 'tab\there', '\u202eevil', 'ünïcødé 日本',
];

/** Every label of a flowchart line: what sits between `["` and `"]`, or `|"` and `"|`. */
const labels = (text: string) => [...text.matchAll(/\["([^"]*)"\]|\|"([^"]*)"\|/g)].map((m) => m[1] ?? m[2]!);

/** What a Mermaid entity-decoding reader shows for a label. */
const decode = (label: string) => label.split('<br/>').map((part) => part.replace(/#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n))));

const node = (key: string, name: string, extra: Partial<DiagramNode> = {}): DiagramNode => ({ key, name, kind: 'S3 bucket', outcome: 'pass', fails: 0, errors: 0, ...extra });
const group = (key: string, nodes: DiagramNode[], groups: DiagramGroup[] = [], role: DiagramGroup['role'] = 'data'): DiagramGroup => ({ key, title: key, role, groups, nodes });

describe('mermaidText', () => {
  it.each(HOSTILE)('%j cannot leave its label', (name) => {
    const text = mermaidText(name);
    // Outside entity codes (#35;), nothing that Mermaid, HTML or Markdown reads as syntax; no '#' either.
    expect(text.replace(/#\d+;/g, '')).not.toMatch(/["`<>\[\]{}()|;\n\r\t%#\u202e]/);
    // A reader gets the name back (whitespace folded into single spaces).
    expect(decode(text)[0]).toBe(name.replace(/\s+/gu, ' ').trim());
  });

  it('clips a long name so one box cannot eat the limit', () => {
    const text = mermaidText('x'.repeat(5000));
    expect([...decode(text)[0]!]).toHaveLength(64);
    expect(decode(text)[0]!.endsWith('…')).toBe(true);
  });
});

describe('renderMermaid', () => {
  it('draws the drifted example as one flowchart with a class per outcome and dashed missing', async () => {
    const snapshot = await loadExample('drifted');
    const { report } = await contextFor(snapshot);
    const model = buildDiagram({ snapshot, results: report.results, scope: { tags: { app: 'shopflow' }, namePrefix: 'shopflow' } });
    const { diagrams } = renderMermaid(model);
    expect(diagrams).toHaveLength(1);
    const text = diagrams[0]!.text;
    expect(text).toMatch(/^%% infra-audit: architecture\nflowchart TB\n/);
    expect(text).toContain('classDef missing stroke-dasharray');
    const failing = /\n {2}class ([n0-9,]+) fail\n/.exec(text)![1]!.split(',');
    const dbId = /(n\d+)\["shopflow-db<br\/>/.exec(text)![1]!;
    expect(failing).toContain(dbId);
    // subgraph / end balance: the nesting is well-formed.
    expect(text.match(/^\s*subgraph /gm)!.length).toBe(text.match(/^\s*end$/gm)!.length);
  });

  it('names from the account stay inside their labels, in nodes, groups and the fence', () => {
    const nodes = HOSTILE.map((name, i) => node(`k${i}`, name, { kind: name, missing: i % 2 === 0 }));
    const model: DiagramModel = { groups: [{ ...group('g', nodes), title: 'VPC "x"] end\nsubgraph' }], links: [{ from: 'k0', to: 'k1', label: 'a"|b' }], notes: [] };
    const { diagrams } = renderMermaid(model);
    const text = diagrams[0]!.text;
    expect(text).not.toContain('```');
    // Every line is a statement the renderer writes: nothing a name brought in.
    for (const line of text.trimEnd().split('\n')) {
      expect(line).toMatch(/^(%% infra-audit: [^\n]*|flowchart TB|\s+classDef \w+ .*|\s*subgraph g\d+\["[^"]*"\]|\s*direction LR|\s*end|\s+n\d+\["[^"]*"\]|\s+n\d+ -->\|"[^"]*"\| n\d+|\s+class [n0-9,]+ \w+|\s+style g\d+ .*)$/);
    }
    const shown = labels(text).flatMap(decode);
    for (const name of HOSTILE) expect(shown).toContain(name.replace(/\s+/gu, ' ').trim());
    expect(shown).toContain('VPC "x"] end subgraph');
  });

  it('keeps a 3,000-resource in-scope graph within GitHub\'s limits, split per VPC and tier, and says so', async () => {
    const snapshot = manyCopies(await loadExample('drifted'), 40);
    expect(snapshot.nodes.length).toBeGreaterThanOrEqual(3000);
    const { report } = await contextFor(snapshot);
    const model = buildDiagram({ snapshot, results: report.results, scope: { tags: { app: 'shopflow' }, namePrefix: 'shopflow' } });
    const { diagrams } = renderMermaid(model);
    expect(diagrams.length).toBeGreaterThan(1);
    for (const d of diagrams) {
      expect(d.text.length).toBeLessThanOrEqual(GITHUB_MERMAID_LIMITS.chars);
      expect(d.edges).toBeLessThanOrEqual(GITHUB_MERMAID_LIMITS.edges);
      expect(d.text.startsWith(`%% infra-audit: ${''}`)).toBe(true);
    }
    // Nothing is lost by splitting: every node is in exactly one diagram.
    const drawnNodes = diagrams.reduce((sum, d) => sum + (d.text.match(/^\s+n\d+\["/gm)?.length ?? 0), 0);
    expect(drawnNodes).toBe(model.groups.reduce((sum, g) => sum + countNodes(g), 0));
  });

  it('splits one huge group into parts, each under both limits, edges included', () => {
    const nodes = Array.from({ length: 1500 }, (_, i) => node(`k${i}`, `queue-${'<"x">'.repeat(8)}-${i}`));
    const links = Array.from({ length: 1400 }, (_, i) => ({ from: `k${i}`, to: `k${i + 1}`, label: 'replicates to' }));
    const model: DiagramModel = { groups: [group('Async', nodes, [], 'async')], links, notes: [] };
    const { diagrams, droppedLinks } = renderMermaid(model);
    expect(diagrams.length).toBeGreaterThan(2);
    for (const d of diagrams) {
      expect(d.text.length).toBeLessThanOrEqual(GITHUB_MERMAID_LIMITS.chars);
      expect(d.edges).toBeLessThanOrEqual(GITHUB_MERMAID_LIMITS.edges);
      expect(d.title).toMatch(/^Async \(part \d+ of \d+\)$/);
    }
    expect(diagrams.reduce((s, d) => s + d.edges, 0) + droppedLinks).toBe(links.length);
  });

  it('honours smaller limits too (the split is driven by the limits, not by the example)', () => {
    const nodes = Array.from({ length: 60 }, (_, i) => node(`k${i}`, `n${i}`));
    const model: DiagramModel = { groups: [group('A', nodes.slice(0, 20)), group('B', [], [group('B1', nodes.slice(20, 40)), group('B2', nodes.slice(40))], 'vpc')], links: [], notes: [] };
    const { diagrams } = renderMermaid(model, { chars: 1800, edges: 10 });
    for (const d of diagrams) expect(d.text.length).toBeLessThanOrEqual(1800);
    expect(diagrams.map((d) => d.title)).toEqual(expect.arrayContaining(['B › B1', 'B › B2']));
  });
});

function countNodes(g: DiagramGroup): number {
  return g.nodes.length + g.groups.reduce((s, c) => s + countNodes(c), 0);
}

/** `n` copies of the snapshot, all in scope (names and ids made unique per copy, tags kept). */
function manyCopies(s: Snapshot, n: number): Snapshot {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) {
    const id = (x: string) => (i ? `${x}-c${i}` : x);
    nodes.push(...s.nodes.map((node) => ({ ...node, id: id(node.id), name: i ? `${node.name}-c${i}` : node.name })));
    edges.push(...s.edges.map((e) => ({ ...e, from: id(e.from), to: id(e.to) })));
  }
  return { ...s, nodes, edges };
}
