// Loading rules/<id>.json: schema first, then what a schema cannot say (id == file name, known
// resource and edge types, regexes that compile, composites that name real rules). Every problem is
// an InputError at the exact line of the rule file.
import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { isEdgeType } from '../graph/edge-types.js';
import { isResourceType } from '../graph/resource-types.js';
import { readJson, type JsonSource } from '../input/json-source.js';
import { packagePath, PACKAGE_ROOT } from '../input/package-root.js';
import { assertValid } from '../input/schemas.js';
import type { Condition, LoadedRule, Rule } from './types.js';

export const DEFAULT_RULES_DIR = packagePath('rules');

export async function loadRules(dir: string = DEFAULT_RULES_DIR): Promise<LoadedRule[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const loaded = await Promise.all(files.map((f) => loadRuleFile(join(dir, f))));
  const ids = new Set(loaded.map((l) => l.rule.id));
  for (const l of loaded) {
    l.rule.composite?.rules.forEach((id, i) => {
      if (!ids.has(id)) throw l.source.error(`/composite/rules/${i}`, `composite names unknown rule "${id}"`);
    });
  }
  return loaded.map(({ source: _source, ...rest }) => rest);
}

export async function loadRuleFile(file: string): Promise<LoadedRule & { source: JsonSource }> {
  const source = await readJson(file);
  assertValid('rule', source);
  const rule = source.value as Rule;
  const expectedId = basename(file, '.json');
  if (rule.id !== expectedId) throw source.error('/id', `rule id "${rule.id}" differs from its file name "${expectedId}"`);
  checkSemantics(rule, source);
  const rel = relative(PACKAGE_ROOT, file);
  return {
    rule,
    file,
    relativeFile: rel.startsWith('..') ? file : rel.split('\\').join('/'),
    lineOf: (pointer) => source.lines(pointer).startLine,
    source,
  };
}

function checkSemantics(rule: Rule, source: JsonSource): void {
  if (rule.select && !isResourceType(rule.select.type)) throw source.error('/select/type', `unknown resource type "${rule.select.type}"`);
  const walk = (c: Condition | undefined, at: string): void => {
    if (!c) return;
    if ('all' in c) c.all.forEach((x, i) => walk(x, `${at}/all/${i}`));
    else if ('any' in c) c.any.forEach((x, i) => walk(x, `${at}/any/${i}`));
    else if ('not' in c) walk(c.not, `${at}/not`);
    else if ('edge' in c) {
      if (!isEdgeType(c.edge)) throw source.error(`${at}/edge`, `unknown edge type "${c.edge}"`);
      if (c.to && !isResourceType(c.to)) throw source.error(`${at}/to`, `unknown resource type "${c.to}"`);
      if (c.every) walk(c.every, `${at}/every`);
      if (c.some) walk(c.some, `${at}/some`);
    } else if ('every' in c) walk(c.every, `${at}/every`);
    else if ('some' in c) walk(c.some, `${at}/some`);
    else if (c.op === 'matches' && typeof c.value === 'string') {
      try {
        new RegExp(c.value);
      } catch {
        throw source.error(`${at}/value`, `invalid regular expression ${JSON.stringify(c.value)}`);
      }
    }
  };
  walk(rule.select?.where, '/select/where');
  walk(rule.expect, '/expect');
}
