// Result messages: a rule's template filled from the result, so every finding reads as a sentence.
import { resolvePointer } from '../input/json-source.js';
import type { Rule, RuleResult } from './types.js';

const OP_WORDS: Record<string, string> = { ne: 'not ', gt: '> ', gte: '>= ', lt: '< ', lte: '<= ', in: 'one of ', matches: 'matching ' };

export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "expected" as a person reads it: ">= 7", "one of [...]", "present". */
export function formatExpected(op: string | undefined, expected: unknown): string {
  if (op === 'exists') return expected === false ? 'no value' : 'a value';
  if (op?.startsWith('not ')) return `not (${formatExpected(op.slice(4), expected)})`;
  return (op ? (OP_WORDS[op] ?? '') : '') + formatValue(expected);
}

export function renderMessage(rule: Rule, r: RuleResult, spec: unknown, missing: boolean): string {
  if (r.status === 'skip' || r.status === 'error') return `${rule.title}: ${r.reason ?? r.status}`;
  if (r.status === 'pass') return rule.title;
  if (missing) {
    const where = r.resource.region !== 'all' && r.resource.region !== 'global' ? ` in ${r.resource.region}` : '';
    return `${rule.title}: no in-scope ${r.resource.type} found${where}${rule.select?.where ? ' that matches the rule' : ''} (expected at least ${formatValue(r.expected)}, found ${formatValue(r.actual)})`;
  }
  const also = (r.otherFailures ?? []).map((o) => `; also ${o.path} is ${formatValue(o.actual)} (expected ${formatExpected(o.op, o.expected)})`).join('');
  // A failure can still carry a note (a composite that also could not check some of its parts).
  return fillTemplate(rule, r, spec) + also + (r.reason ? ` (${r.reason})` : '');
}

function fillTemplate(rule: Rule, r: RuleResult, spec: unknown): string {
  return rule.message.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'expected':
        return formatExpected(r.op, r.expected);
      case 'actual':
        return r.op === 'exists' && (r.actual === null || r.actual === undefined) ? 'not set' : formatValue(r.actual);
      case 'path':
        return r.path ?? '';
      case 'resource.name':
        return r.resource.name || r.resource.id;
      case 'resource.id':
        return r.resource.id;
      case 'resource.type':
        return r.resource.type;
      case 'resource.region':
        return r.resource.region;
      default:
        if (key.startsWith('spec:')) return formatValue(resolvePointer(spec, key.slice(5)));
        return whole;
    }
  });
}
