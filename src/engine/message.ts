// Result messages: a rule's template filled from the result, so every finding reads as a sentence
// in plain words: what was found and what was expected, with no rule-language paths in it.
// Placeholders: {resource.name} {resource.id} {resource.type} {resource.region} {finding} {path}
// {actual} {expected} {spec:/pointer} (or {spec:/pointer|format}, value-formats.ts). {finding} is the whole "X is A, the architecture requires E";
// it says "the architecture requires" only when the expected value comes from the spec.
import { resolvePointer } from '../input/json-source.js';
import { describeCheck, typeLabel } from './labels.js';
import { itemsOf, itemValue, type ItemBinding } from './items.js';
import { splitFormat, VALUE_FORMATS } from './value-formats.js';
import type { Check, Rule, RuleResult, Subject } from './types.js';

const OP_WORDS: Record<string, string> = { ne: 'not ', gt: '> ', gte: '>= ', lt: '< ', lte: '<= ', in: 'one of ', matches: 'matching ', coversHostnames: 'covering ', hasEntries: 'including ', subsetOf: 'within ' };

/** A value as JSON-ish text (rules explain, Markdown cells). Messages use plainValue. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** "expected" in compact notation: ">= 7", "one of [...]", "a value"; `negated` for a `not` in the rule. */
export function formatExpected(op: string | undefined, expected: unknown, negated = false): string {
  if (negated) return `not (${formatExpected(op, expected)})`;
  if (op === 'exists') return expected === false ? 'no value' : 'a value';
  return (op ? (OP_WORDS[op] ?? '') : '') + formatValue(expected);
}

/** A value as a sentence reads it: lists as "a, b and c", nothing as "not set" or "none". */
export function plainValue(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  if (typeof value === 'string') return value === '' ? '(empty)' : value;
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    const items = value.map(plainValue);
    return items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

const PLAIN_OPS: Record<string, (v: string, raw: unknown) => string> = {
  eq: (v) => v,
  ne: (v) => `anything but ${v}`,
  gt: (v) => `more than ${v}`,
  gte: (v) => `at least ${v}`,
  lt: (v) => `less than ${v}`,
  lte: (v) => `at most ${v}`,
  in: (v, raw) => (Array.isArray(raw) && raw.length > 1 ? `one of ${v.replace(/ and ([^,]*)$/, ' or $1')}` : v),
  matches: (v) => `a value matching ${v}`,
  coversHostnames: (v) => `names covering ${v}`,
  hasEntries: (_v, raw) => entriesText(raw),
  subsetOf: (v, raw) => (Array.isArray(raw) && raw.length ? `none but ${v}` : 'none'),
};

/** A map's entries as a sentence lists them: "NODE_ENV=production and LOG_LEVEL not set". */
function entriesText(map: unknown): string {
  if (map === null || typeof map !== 'object' || Array.isArray(map)) return plainValue(map);
  return plainValue(Object.entries(map).map(([k, v]) => (v === null || v === undefined ? `${k} not set` : `${k}=${plainValue(v)}`)));
}

/** What was expected, in words: "at least 7", "one of TLSv1.2_2021 or TLSv1.2_2019", "a value"; `negated` for a `not`. */
export function plainExpected(op: string | undefined, expected: unknown, negated = false): string {
  if (negated) {
    if (op === 'in') return `none of ${plainValue(expected).replace(/ and ([^,]*)$/, ' or $1')}`;
    if (op === 'eq' || op === undefined) return `anything but ${plainValue(expected)}`;
    return `not ${plainExpected(op, expected)}`;
  }
  if (op === 'exists') return expected === false ? 'no value' : 'a value';
  return (PLAIN_OPS[op ?? 'eq'] ?? PLAIN_OPS.eq!)(plainValue(expected), expected);
}

/** The comparison a check made: its op, and whether a `not` inverted it. */
export function opOf(check: Check | undefined): { op: string | undefined; negated: boolean } {
  if (!check) return { op: undefined, negated: false };
  if (check.kind === 'rules') return { op: 'eq', negated: false };
  return { op: check.op, negated: check.kind === 'value' && check.negated };
}

function plainActual(op: string | undefined, actual: unknown): string {
  if (op === 'hasEntries' && actual !== null && actual !== undefined) return entriesText(actual);
  return op === 'exists' && (actual === null || actual === undefined) ? 'not set' : plainValue(actual);
}

interface Leaf { check?: Check | undefined; expected?: unknown; actual?: unknown; specPointer?: string | undefined }

/** A cost check's amounts in dollars: the estimate ("at least" when a lower bound) and the total with its tolerance. */
function costWords(check: Extract<Check, { kind: 'cost' }>, expected: unknown, actual: unknown): { expected: string; actual: string } {
  const usd = (n: unknown) => (typeof n === 'number' ? `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}` : plainValue(n));
  const limit = typeof expected === 'number' ? Math.round(expected * (100 + check.tolerancePercent)) / 100 : expected;
  return {
    actual: `${check.lowerBound ? 'at least ' : ''}${usd(actual)}`,
    expected: check.tolerancePercent ? `at most ${usd(limit)} (the documented ${usd(expected)} + ${check.tolerancePercent}%)` : `at most ${usd(expected)}`,
  };
}

/** A pass or fail's expected and actual values in words, for the Markdown and HTML tables. */
export function resultWords(r: Pick<RuleResult, 'check' | 'expected' | 'actual'>): { expected: string; actual: string } {
  if (r.check?.kind === 'cost') return costWords(r.check, r.expected, r.actual);
  const { op, negated } = opOf(r.check);
  return { expected: r.check ? plainExpected(op, r.expected, negated) : '', actual: plainValue(r.actual) };
}

/** "Multi-AZ is false, the architecture requires true" (or "…, expected at least 1" for a rule's own literal). */
export function describeFinding(leaf: Leaf, type?: string): string {
  if (leaf.check?.kind === 'cost') {
    const words = costWords(leaf.check, leaf.expected, leaf.actual);
    return `${describeCheck(leaf.check)} is ${words.actual}, the architecture requires ${words.expected}`;
  }
  const requires = leaf.specPointer ? 'the architecture requires' : 'expected';
  const { op, negated } = opOf(leaf.check);
  let what = describeCheck(leaf.check, type);
  // An empty list where at least one item was needed: the engine reports it as the count 0.
  if (op === 'gte' && leaf.expected === 1 && leaf.actual === 0 && what.endsWith('s') && !what.startsWith('number of')) what = `number of ${what}`;
  return `${what} is ${plainActual(op, leaf.actual)}, ${requires} ${plainExpected(op, leaf.expected, negated)}`;
}

/** Where a rule-level result looks: " in eu-west-1", or nothing for every region or a global type. */
function whereOf(subject: Subject): string {
  return subject.kind === 'set' && subject.region !== null && subject.region !== 'global' ? ` in ${subject.region}` : '';
}

/**
 * A rule's title or remediation with its spec placeholders filled: {spec:/pointer}, and for a forEach
 * rule {item} (the item's name) and {item:/pointer}. Only spec values are ever printed: a value the spec
 * leaves out reads as a blank to fill in, `<key>`. Other placeholders are left as they are.
 */
export function renderSpecText(text: string, spec: unknown, item?: ItemBinding): string {
  return text.replace(/\{([^{}]+)\}/g, (whole, key: string) => specPlaceholder(key, spec, item) ?? whole);
}

/**
 * A result's rule title as a reader of one finding needs it: spec values filled, and for a forEach rule
 * the result's own item ("database main"), never a literal "{item}".
 */
export function resultTitle(rule: Rule, spec: unknown, item: { section: string; name: string } | undefined): string {
  const binding = item && itemsOf(spec, `/${item.section}`)?.find((b) => b.name === item.name);
  return binding ? renderSpecText(rule.title, spec, binding) : titleWithoutItem(rule.title, spec);
}

/**
 * A forEach rule's title for a result with no item (the section is not in this architecture): the
 * placeholder goes, "Distribution fronts the site and is enabled", rather than a literal "{item}".
 */
function titleWithoutItem(title: string, spec: unknown): string {
  return renderSpecText(title.replace(/ ?\{item(?::[^{}]*)?\}/g, ''), spec);
}

/** Whether the text names a spec value, or a value of the item, that the spec leaves out (rendered, it would be a blank). */
export function namesUnsetValue(text: string, spec: unknown, item?: ItemBinding): boolean {
  return [...text.matchAll(/\{(spec|item):([^{}]*)\}/g)].some(([, kind, pointer]) =>
    kind === 'spec' ? resolvePointer(spec, pointer!) == null : item !== undefined && itemValue(item, pointer!) == null);
}

function specPlaceholder(key: string, spec: unknown, item: ItemBinding | undefined): string | undefined {
  const [ref, format] = splitFormat(key);
  const shown = (value: unknown, pointer: string) =>
    value === undefined || value === null ? blank(pointer) : ((format === undefined ? undefined : VALUE_FORMATS[format]?.(value)) ?? plainValue(value));
  if (ref.startsWith('spec:')) return shown(resolvePointer(spec, ref.slice(5)), ref.slice(5));
  if (!item) return undefined;
  if (key === 'item') return item.name;
  if (ref.startsWith('item:')) return shown(itemValue(item, ref.slice(5)), ref.slice(5));
  return undefined;
}

/**
 * A value the spec leaves out (a remediation naming a value its rule does not compare, e.g. a cooldown
 * beside a trigger) is a blank to fill in, `<cooldownSeconds>`: printing "not set" would tell the reader
 * to type those words.
 */
function blank(pointer: string): string {
  return `<${pointer.split('/').pop() || 'value'}>`;
}

export function renderMessage(rule: Rule, r: RuleResult, spec: unknown, item?: ItemBinding): string {
  const title = item ? renderSpecText(rule.title, spec, item) : titleWithoutItem(rule.title, spec);
  if (r.status === 'skip' || r.status === 'error') {
    // A title that would state a value the item leaves out: the reason, which names that value, stands alone.
    return item && namesUnsetValue(rule.title, spec, item) ? (r.reason ?? r.status) : `${title}: ${r.reason ?? r.status}`;
  }
  if (r.status === 'pass') return title;
  if (r.check?.kind === 'selected' && r.subject.kind === 'set') {
    const which = rule.select?.where ? ' matching what the rule looks for' : '';
    return `${title}: found ${plainValue(r.actual)} ${typeLabel(r.subject.type, r.actual !== 1)} of the application${whereOf(r.subject)}${which}, expected at least ${plainValue(r.expected)}`;
  }
  const type = rule.select?.type;
  // Further failing values of the same resource, for templates that state a finding at all (a
  // template that words the whole outcome itself, e.g. "no policy scales on CPU", stands alone).
  const states = /\{(finding|path)\}/.test(rule.message);
  const also = states ? (r.otherFailures ?? []).map((o) => `; also ${describeFinding(o, type)}`).join('') : '';
  // A failure can still carry a note (a composite that also could not check some of its parts).
  return fillTemplate(rule, r, spec, item) + also + (r.reason ? ` (${r.reason})` : '');
}

function fillTemplate(rule: Rule, r: RuleResult, spec: unknown, item: ItemBinding | undefined): string {
  const type = rule.select?.type;
  const { op, negated } = opOf(r.check);
  return rule.message.replace(/\{([^{}]+)\}/g, (whole, key: string) => {
    switch (key) {
      case 'finding':
        return describeFinding(r, type);
      case 'expected':
        return r.check?.kind === 'cost' ? costWords(r.check, r.expected, r.actual).expected : plainExpected(op, r.expected, negated);
      case 'actual':
        return r.check?.kind === 'cost' ? costWords(r.check, r.expected, r.actual).actual : plainActual(op, r.actual);
      case 'path':
        return describeCheck(r.check, type);
      case 'resource.name':
        return r.resource.name || r.resource.id;
      case 'resource.id':
        return r.resource.id;
      case 'resource.type':
        return r.subject.kind === 'rules' ? 'combined rules' : r.subject.kind === 'cost' ? 'cost estimate' : typeLabel(r.subject.kind === 'set' ? r.subject.type : r.resource.type, false);
      case 'resource.region':
        return r.subject.kind === 'resource' ? r.resource.region : r.subject.kind === 'set' && r.subject.region !== null ? r.subject.region : 'every region';
      default:
        return specPlaceholder(key, spec, item) ?? whole;
    }
  });
}
