// The diagram model drawn as inline SVG for the HTML page: the same picture as the Mermaid one, laid
// out here (nested boxes: groups stacked, a tier's AZs side by side, nodes in rows) so the page needs
// no diagram library and no network, and the same model always draws the same bytes.
// Colours come from the page's stylesheet through classes (node fail, node missing, ...).
import { OUTCOME_WORDS, statusLine, type DiagramGroup, type DiagramModel, type DiagramNode } from './model.js';
import { escapeHtml } from '../text/html.js';

const NODE_W = 208;
const NODE_H = 60;
const GAP = 14;
const PAD = 12;
const TITLE_H = 22;
const PER_ROW = 4;
const MARGIN = 8;
/** Characters of a name a box shows (the tooltip has all of it). */
const BOX_CHARS = 30;

interface Box { x: number; y: number; w: number; h: number }
interface Size { w: number; h: number }

export function renderSvg(model: DiagramModel): string {
  const sizes = new Map<DiagramGroup, Size>();
  const measure = (g: DiagramGroup): Size => {
    const known = sizes.get(g);
    if (known) return known;
    const cols = Math.min(PER_ROW, g.nodes.length);
    const rows = Math.ceil(g.nodes.length / PER_ROW);
    const nodesW = cols ? cols * NODE_W + (cols - 1) * GAP : 0;
    const nodesH = rows ? rows * NODE_H + (rows - 1) * GAP : 0;
    const children = g.groups.map(measure);
    const across = g.role === 'tier';
    const childW = across ? children.reduce((s, c) => s + c.w, 0) + Math.max(0, children.length - 1) * GAP : Math.max(0, ...children.map((c) => c.w));
    const childH = across ? Math.max(0, ...children.map((c) => c.h)) : children.reduce((s, c) => s + c.h, 0) + Math.max(0, children.length - 1) * GAP;
    const titleW = Math.min(g.title.length, 80) * 7;
    const size = {
      w: Math.max(nodesW, childW, titleW, NODE_W) + 2 * PAD,
      h: TITLE_H + PAD + nodesH + (nodesH && childH ? GAP : 0) + childH + PAD,
    };
    sizes.set(g, size);
    return size;
  };

  const groupsOut: string[] = [];
  const nodesOut: string[] = [];
  const boxes = new Map<string, Box>();
  const place = (g: DiagramGroup, x: number, y: number, depth: number) => {
    const { w, h } = measure(g);
    const words = g.outcome === 'fail' || g.outcome === 'error' ? ` · ${OUTCOME_WORDS[g.outcome]}` : '';
    const cls = ['group', `role-${g.role}`, ...(g.outcome ? [`outcome-${g.outcome}`] : []), `depth-${Math.min(depth, 3)}`].join(' ');
    groupsOut.push(
      `<g class="${cls}"><rect x="${x}" y="${y}" width="${w}" height="${h}" rx="6"/>` +
        `<text class="group-title" x="${x + PAD}" y="${y + 16}">${escapeHtml(clip(g.title + words, Math.floor((w - 2 * PAD) / 7)))}</text></g>`,
    );
    g.nodes.forEach((n, i) => {
      const box = { x: x + PAD + (i % PER_ROW) * (NODE_W + GAP), y: y + TITLE_H + PAD + Math.floor(i / PER_ROW) * (NODE_H + GAP), w: NODE_W, h: NODE_H };
      boxes.set(n.key, box);
      nodesOut.push(drawNode(n, box));
    });
    const rows = Math.ceil(g.nodes.length / PER_ROW);
    let cy = y + TITLE_H + PAD + (rows ? rows * NODE_H + (rows - 1) * GAP + GAP : 0);
    let cx = x + PAD;
    for (const c of g.groups) {
      place(c, cx, cy, depth + 1);
      if (g.role === 'tier') cx += measure(c).w + GAP;
      else cy += measure(c).h + GAP;
    }
  };

  let y = MARGIN;
  for (const g of model.groups) {
    place(g, MARGIN, y, 0);
    y += measure(g).h + GAP;
  }
  const width = Math.max(NODE_W, ...model.groups.map((g) => measure(g).w)) + 2 * MARGIN;
  const height = Math.max(y - GAP + MARGIN, NODE_H);

  const linksOut = model.links.flatMap((l) => {
    const a = boxes.get(l.from);
    const b = boxes.get(l.to);
    if (!a || !b) return [];
    const [x1, y1, x2, y2] = ends(a, b);
    return [`<g class="link"><title>${escapeHtml(l.label)}</title><line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrow)"/></g>`];
  });

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="architecture" role="img" aria-label="The in-scope architecture, each component marked by its worst outcome" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<defs><clipPath id="node-text"><rect width="${NODE_W - 4}" height="${NODE_H}"/></clipPath>` + '<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>',
    ...groupsOut,
    ...linksOut,
    ...nodesOut,
    '</svg>',
  ].join('\n');
}

function drawNode(n: DiagramNode, b: Box): string {
  const cls = ['node', n.outcome, ...(n.missing ? ['missing'] : []), ...(n.change ? [n.change] : [])].join(' ');
  const status = statusLine(n);
  return (
    `<g class="${cls}"><title>${escapeHtml(`${n.name}\n${n.kind}\n${status}`)}</title>` +
    `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="4"/>` +
    // Clipped to its box: glyph widths vary by font, so a character count alone let a long bold name run
    // into the next box.
    `<g transform="translate(${b.x},${b.y})" clip-path="url(#node-text)">` +
    `<text x="8" y="18" class="node-name">${escapeHtml(clip(n.name, BOX_CHARS))}</text>` +
    `<text x="8" y="34" class="node-kind">${escapeHtml(clip(n.kind, BOX_CHARS + 4))}</text>` +
    `<text x="8" y="50" class="node-status">${escapeHtml(clip(status, BOX_CHARS + 4))}</text></g></g>`
  );
}

/** From the edge of one box to the edge of the other, along the axis that separates them most. */
function ends(a: Box, b: Box): [number, number, number, number] {
  const ac = { x: a.x + a.w / 2, y: a.y + a.h / 2 };
  const bc = { x: b.x + b.w / 2, y: b.y + b.h / 2 };
  if (Math.abs(bc.y - ac.y) >= Math.abs(bc.x - ac.x) * (a.h / a.w)) {
    return bc.y > ac.y ? [ac.x, a.y + a.h, bc.x, b.y] : [ac.x, a.y, bc.x, b.y + b.h];
  }
  return bc.x > ac.x ? [a.x + a.w, ac.y, b.x, bc.y] : [a.x, ac.y, b.x + b.w, bc.y];
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ');
  const chars = [...flat];
  return chars.length > max ? `${chars.slice(0, Math.max(1, max - 1)).join('')}…` : flat;
}
