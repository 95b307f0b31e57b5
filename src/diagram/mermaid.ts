// The diagram model as Mermaid flowcharts, which GitHub renders in Markdown and step summaries.
// GitHub refuses a diagram over 50,000 characters or 500 edges, so a model that does not fit is split
// (per top-level group, then per tier, then into parts), each diagram under both limits, and the
// output says it was split. Every label is built from account data, so every character that could
// end a label, open markup or break the fence is written as a Mermaid entity code (#35; for #).
import { OUTCOME_WORDS, statusLine, type DiagramGroup, type DiagramLink, type DiagramModel, type DiagramNode } from './model.js';

export const GITHUB_MERMAID_LIMITS = { chars: 50_000, edges: 500 } as const;
export type MermaidLimits = { chars: number; edges: number };

export interface MermaidDiagram {
  /** Which part of the architecture it shows ("VPC shopflow-vpc › public subnets"). */
  title: string;
  text: string;
  edges: number;
}

export interface MermaidOutput {
  diagrams: MermaidDiagram[];
  /** Arrows between parts that were drawn apart (a split diagram cannot draw them). */
  droppedLinks: number;
}

/** Longest name a label shows: a label is one box, and the limits are per diagram. */
const MAX_LABEL = 64;

const CLASS_DEFS = [
  'classDef fail fill:#fdecea,stroke:#c62828,stroke-width:2px,color:#000',
  'classDef error fill:#fff4e0,stroke:#b45f06,stroke-width:2px,color:#000',
  'classDef suppressed fill:#f1f1f1,stroke:#6d6d6d,color:#000',
  'classDef pass fill:#e8f5e9,stroke:#2e7d32,color:#000',
  'classDef unchecked fill:#fafafa,stroke:#9e9e9e,color:#000',
  'classDef missing stroke-dasharray:6 4,fill:#ffffff',
  'classDef appeared stroke:#1565c0,stroke-width:3px',
  'classDef disappeared stroke-dasharray:2 3,color:#555',
];

export function renderMermaid(model: DiagramModel, limits: MermaidLimits = GITHUB_MERMAID_LIMITS): MermaidOutput {
  const whole = draw('architecture', [], model.groups, model.links);
  if (fits(whole, limits)) return { diagrams: [whole], droppedLinks: 0 };
  const diagrams = model.groups.flatMap((g) => fitGroup([], g, model.links, limits));
  const drawn = diagrams.reduce((sum, d) => sum + d.edges, 0);
  return { diagrams, droppedLinks: model.links.length - drawn };
}

/** Label text safe inside `["..."]`: letters, digits and a few punctuation marks as they are, the rest as entity codes. */
export function mermaidText(text: string, max = MAX_LABEL): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  const chars = [...flat];
  const clipped = chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : flat;
  let out = '';
  for (const ch of clipped) out += /^[\p{L}\p{N} ._:/@+=,-]$/u.test(ch) && !/[\p{M}\p{Cf}]/u.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

function fits(d: MermaidDiagram, limits: MermaidLimits): boolean {
  return d.text.length <= limits.chars && d.edges <= limits.edges;
}

/** A group drawn alone (inside its ancestors' frames); split further while it does not fit. */
function fitGroup(ancestors: DiagramGroup[], group: DiagramGroup, links: DiagramLink[], limits: MermaidLimits): MermaidDiagram[] {
  const title = [...ancestors, group].map((g) => g.title).join(' › ');
  const d = draw(title, ancestors, [group], links);
  if (fits(d, limits)) return [d];
  if (group.groups.length) {
    const own = group.nodes.length ? fitGroup(ancestors, { ...group, groups: [] }, links, limits) : [];
    const frame = { ...group, groups: [], nodes: [] };
    return [...own, ...group.groups.flatMap((child) => fitGroup([...ancestors, frame], child, links, limits))];
  }
  const chunks = leafChunks(ancestors, group, links, limits);
  return chunks.map((nodes, i) => draw(`${title} (part ${i + 1} of ${chunks.length})`, ancestors, [{ ...group, nodes }], links));
}

/** A group's nodes in halves, and halves of halves, until each part fits (a part's title adds a few characters: kept spare). */
function leafChunks(ancestors: DiagramGroup[], group: DiagramGroup, links: DiagramLink[], limits: MermaidLimits): DiagramNode[][] {
  const spare = { chars: limits.chars - 64, edges: limits.edges };
  if (group.nodes.length <= 1 || fits(draw(group.title, ancestors, [group], links), spare)) return [group.nodes];
  const half = Math.ceil(group.nodes.length / 2);
  return [group.nodes.slice(0, half), group.nodes.slice(half)].flatMap((nodes) => leafChunks(ancestors, { ...group, nodes }, links, limits));
}

/** One flowchart: the groups nested in their ancestors' frames, and the links between the nodes it holds. */
function draw(title: string, ancestors: DiagramGroup[], groups: DiagramGroup[], links: DiagramLink[]): MermaidDiagram {
  const ids = new Map<string, string>();
  const classes = new Map<string, string[]>();
  const lines = [`%% infra-audit: ${mermaidText(title, 200)}`, 'flowchart TB', ...CLASS_DEFS.map((c) => `  ${c}`)];
  let groupCount = 0;
  const addClass = (cls: string, id: string) => classes.set(cls, [...(classes.get(cls) ?? []), id]);
  const styles: string[] = [];

  const emitGroup = (g: DiagramGroup, depth: number, inner: () => void) => {
    const id = `g${groupCount++}`;
    const pad = '  '.repeat(depth);
    const words = g.outcome === 'fail' || g.outcome === 'error' ? ` · ${OUTCOME_WORDS[g.outcome]}` : '';
    lines.push(`${pad}subgraph ${id}["${mermaidText(g.title + words, 120)}"]`);
    if (g.role === 'tier') lines.push(`${pad}  direction LR`);
    inner();
    lines.push(`${pad}end`);
    if (g.outcome === 'fail') styles.push(`  style ${id} stroke:#c62828,stroke-width:2px`);
    if (g.outcome === 'error') styles.push(`  style ${id} stroke:#b45f06,stroke-width:2px`);
  };
  const emitNode = (n: DiagramNode, depth: number) => {
    const id = `n${ids.size}`;
    ids.set(n.key, id);
    lines.push(`${'  '.repeat(depth)}${id}["${mermaidText(n.name)}<br/>${mermaidText(n.kind)}<br/>${mermaidText(statusLine(n), 96)}"]`);
    addClass(n.outcome, id);
    if (n.missing) addClass('missing', id);
    if (n.change) addClass(n.change, id);
  };
  const walk = (g: DiagramGroup, depth: number) =>
    emitGroup(g, depth, () => {
      for (const n of g.nodes) emitNode(n, depth + 1);
      for (const c of g.groups) walk(c, depth + 1);
    });
  const nest = (level: number, depth: number) => {
    if (level === ancestors.length) for (const g of groups) walk(g, depth);
    else emitGroup(ancestors[level]!, depth, () => nest(level + 1, depth + 1));
  };
  nest(0, 1);

  let edges = 0;
  for (const l of links) {
    const from = ids.get(l.from);
    const to = ids.get(l.to);
    if (!from || !to) continue;
    lines.push(`  ${from} -->|"${mermaidText(l.label)}"| ${to}`);
    edges++;
  }
  for (const [cls, members] of classes) for (let i = 0; i < members.length; i += 100) lines.push(`  class ${members.slice(i, i + 100).join(',')} ${cls}`);
  lines.push(...styles);
  return { title, text: lines.join('\n') + '\n', edges };
}
