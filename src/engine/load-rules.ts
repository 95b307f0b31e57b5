// Loading rules/<id>.json: schema first, then everything a schema cannot say, all before any rule is
// evaluated: id == file name, known resource and edge types, regexes the linear-time engine accepts,
// operator values of the right kind, aggregate options that need each other, and composites that name
// real rules without a cycle. Every problem is an InputError at the exact line of the rule file.
import { readdir } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { InputError } from '../errors.js';
import { readJson, type JsonSource } from '../input/json-source.js';
import { packagePath, PACKAGE_ROOT } from '../input/package-root.js';
import { assertValid } from '../input/schemas.js';
import { checkComposites } from './composites.js';
import { checkRuleSemantics } from './rule-checks.js';
import type { LoadedRule, Rule } from './types.js';

export const DEFAULT_RULES_DIR = packagePath('rules');

export async function loadRules(dir: string = DEFAULT_RULES_DIR): Promise<LoadedRule[]> {
  const files = (await listRuleFiles(dir)).sort();
  // An empty directory would make every audit pass: refuse it.
  if (files.length === 0) throw new InputError('the rules directory has no rule files (*.json)', { file: dir });
  const loaded = await Promise.all(files.map((f) => loadRuleFile(join(dir, f))));
  checkComposites(loaded);
  return loaded.map(({ source: _source, ...rest }) => rest);
}

async function listRuleFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such directory' : code === 'ENOTDIR' ? 'not a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : String(code ?? err);
    throw new InputError(`cannot read the rules directory: ${why}`, { file: dir });
  }
  // Every *.json entry is a rule file: a directory, FIFO or device by that name is refused when read.
  return entries.filter((name) => name.endsWith('.json'));
}

export async function loadRuleFile(file: string): Promise<LoadedRule & { source: JsonSource }> {
  const source = await readJson(file);
  assertValid('rule', source);
  const rule = source.value as Rule;
  const expectedId = basename(file, '.json');
  if (rule.id !== expectedId) throw source.error('/id', `rule id "${rule.id}" differs from its file name "${expectedId}"`);
  checkRuleSemantics(rule, source);
  const rel = relative(PACKAGE_ROOT, file);
  return {
    rule,
    file,
    relativeFile: rel.startsWith('..') ? file : rel.split('\\').join('/'),
    lineOf: (pointer) => source.lines(pointer).startLine,
    source,
  };
}
