// `infra-audit rules list` and `rules explain ID`: what each rule checks, against which spec values.
import { relative, resolve } from 'node:path';
import { loadRules } from '../engine/load-rules.js';
import { loadSpec } from '../engine/spec.js';
import { resolvePointer } from '../input/json-source.js';
import { formatValue, renderSpecText } from '../engine/message.js';
import { ruleService } from '../engine/rule-service.js';
import { SEVERITY_RANK } from '../report/model.js';
import { requireKnown } from '../suggest.js';
import { specFileOf } from './spec-file.js';
import type { CliIO } from './io.js';
import type { Rule } from '../engine/types.js';
import { specPointers } from '../engine/spec-pointers.js';
import { itemPointers } from '../engine/item-pointers.js';
import { itemsOf, type ItemBinding } from '../engine/items.js';
import { RuleEvalError } from '../engine/conditions.js';
import { specSkipReason } from '../engine/spec-skip.js';
import { byCodeUnits } from '../text/order.js';

export async function listRules(args: { rules?: string; format: 'table' | 'json' }, io: CliIO): Promise<number> {
  const loaded = await loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined);
  const rules = loaded.map((l) => l.rule).sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] || byCodeUnits(a.id, b.id));
  if (args.format === 'json') {
    io.stdout.write(JSON.stringify(rules.map(({ id, title, severity, claims }) => ({ id, title, severity, claims, service: ruleService(rules.find((r) => r.id === id)!) })), null, 2) + '\n');
    return 0;
  }
  const w = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) io.stdout.write(`${r.severity.padEnd(8)}  ${r.id.padEnd(w)}  ${r.claims.join(',').padEnd(11)}  ${r.title}\n`);
  io.stdout.write(`\n${rules.length} rules. Details: infra-audit rules explain <id>\n`);
  return 0;
}

export async function explainRule(args: { id: string; rules?: string; spec?: string }, io: CliIO): Promise<number> {
  const loaded = await loadRules(args.rules ? resolve(io.cwd, args.rules) : undefined);
  requireKnown('rule id', [args.id], loaded.map((l) => l.rule.id), 'infra-audit rules list');
  const found = loaded.find((l) => l.rule.id === args.id)!;
  const spec = await loadSpec(specFileOf(args.spec, io));
  const r = found.rule;
  // Paths as the user would type them from where they are.
  const shown = (file: string) => (relative(io.cwd, file).startsWith('..') ? file : relative(io.cwd, file));
  const out = [
    `${r.id} — ${renderSpecText(r.title, spec.value)}`,
    `severity: ${r.severity}    claims: ${r.claims.join(', ')}    service: ${ruleService(r)}    file: ${found.relativeFile}`,
    '',
    `Why: ${r.rationale}`,
    '',
    `Checks: ${describeShape(r)}`,
    '',
    ...forEachLines(r, spec.value),
    'Spec values it compares against:',
    ...specPointers(r, spec.value).map((p) => `  ${p} = ${formatValue(resolvePointer(spec.value, p))}  (${shown(spec.source.fileAt(p))}:${spec.source.locate(p).line})`),
    '',
    ...fixLines(r, spec.value),
    '',
    'Rule definition:',
    JSON.stringify({ forEach: r.forEach, when: r.when, select: r.select, expect: r.expect, aggregate: r.aggregate, composite: r.composite, cost: r.cost }, null, 2)
      .split('\n')
      .map((l) => '  ' + l)
      .join('\n'),
  ];
  io.stdout.write(out.join('\n') + '\n');
  return 0;
}

/** A forEach rule: the section, the item pointers it reads and the items of the active spec. */
function forEachLines(r: Rule, spec: unknown): string[] {
  if (!r.forEach) return [];
  const pointers = [...new Set(itemPointers(r).map((p) => p.pointer).filter((p) => p !== ''))];
  const items = itemsOf(spec, r.forEach.$spec);
  const section = r.forEach.$spec.slice(1);
  return [
    `For each item of ${section}: ${items ? items.map((i) => i.name).join(', ') : `none in this spec (the rule skips: not in this architecture)`}`,
    `Item values it reads: ${pointers.length ? pointers.join(', ') : 'none'}`,
    '',
  ];
}

/**
 * The remediation, rendered once per item of a forEach rule. An item the rule skips gets the reason
 * instead: its fix would be rendered from values it leaves out ("Set not set in the not set container").
 */
export function fixLines(r: Rule, spec: unknown): string[] {
  if (!r.forEach) return [`Fix: ${fixText(r, spec)}`];
  const items = itemsOf(spec, r.forEach.$spec);
  if (!items) return ['Fix: nothing to fix, the rule skips (not in this architecture)'];
  return ['Fix:', ...items.map((item) => `  ${item.section} ${item.name}: ${fixText(r, spec, item)}`)];
}

function fixText(r: Rule, spec: unknown, item?: ItemBinding): string {
  let skip: string | undefined;
  try {
    skip = specSkipReason(r, { spec, ...(item && { item }) });
  } catch (err) {
    // A rule that cannot be evaluated errors in an audit; its fix is still the one to show.
    if (!(err instanceof RuleEvalError)) throw err;
  }
  return skip ? `nothing to fix, the rule skips ${item ? 'this item ' : ''}(${skip})` : renderSpecText(r.remediation, spec, item);
}

function describeShape(r: Rule): string {
  if (r.composite) return `combines ${r.composite.rules.join(', ')}: fails when any of them fails, errors when any errors.`;
  if (r.cost) return `the monthly on-demand estimate of the in-scope resources (as infra-audit cost prints it) against the spec's cost total${r.cost.tolerancePercent ? ` plus ${r.cost.tolerancePercent}%` : ''} (one result; a lower bound errors unless it is already above).`;
  const what = `every in-scope ${r.select!.type}${r.select!.where ? ' matching the selection' : ''}`;
  if (r.aggregate) return `${r.aggregate.distinct ? `the number of distinct ${r.aggregate.distinct} values over ${what}` : `the number of ${what}`} (one result).`;
  return `${what} must meet the expectation (one result per resource; none found is a failure${r.select!.min === 0 ? ' unless min is 0' : ''}).`;
}
