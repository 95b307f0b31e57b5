// The JSON report and diff schemas are the public contract; AuditReport and DiffReport are what the code
// writes. This guard reads both with the TypeScript checker and compares them recursively: every
// property of a type is in the schema and the reverse, required exactly when the type does not mark it
// optional, lists against `items`, `T | null` against a null branch, and each variant of a union
// discriminated by `kind` (subject, check) against the schema branch with that `kind`. A field added to
// one side only fails here, before a reader of the report meets it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Schema = Record<string, any>;
const schemaOf = (name: string): Schema => JSON.parse(readFileSync(`${root}schemas/${name}.schema.json`, 'utf8'));

const config = ts.getParsedCommandLineOfConfigFile(`${root}tsconfig.json`, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const files = { report: `${root}src/report/model.ts`, diff: `${root}src/diff/render.ts`, snapshot: `${root}src/graph/types.ts`, multi: `${root}src/multi/types.ts` };
const program = ts.createProgram(Object.values(files), { ...config.options, noEmit: true });
const checker = program.getTypeChecker();

function exported(file: string, name: string): ts.Type {
  const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)!;
  const symbol = checker.getExportsOfModule(module).find((s) => s.name === name);
  if (!symbol) throw new Error(`${file} exports no ${name}`);
  return checker.getDeclaredTypeOfSymbol(symbol);
}

/** Where the type and the schema disagree, as "at: what" lines; `extra` are schema-only keys at the top. */
function mismatches(type: ts.Type, schema: Schema, extra: string[] = [], skip: string[] = []): string[] {
  const out: string[] = [];
  const resolve = (node: Schema): Schema => {
    let n = node;
    for (let i = 0; n && typeof n.$ref === 'string' && i < 20; i++) n = n.$ref.slice(2).split('/').reduce((o: Schema, k: string) => o?.[k], schema);
    return n ?? {};
  };
  const walk = (t: ts.Type, raw: Schema, at: string, allowed: string[] = []): void => {
    if (skip.includes(at)) return;
    const node = resolve(raw);
    const branches: Schema[] | undefined = (node.oneOf ?? node.anyOf)?.map(resolve);
    if (t.isUnion()) {
      const present = t.types.filter((m) => !(m.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
      const objects = present.filter((m) => m.flags & ts.TypeFlags.Object);
      if (branches && objects.length > 1) {
        for (const variant of objects) {
          const kindType = checker.getPropertyOfType(variant, 'kind');
          const kind = kindType && checker.getTypeOfSymbol(kindType);
          const value = kind?.isStringLiteral() ? kind.value : undefined;
          const branch = branches.find((b) => resolve(b.properties?.kind ?? {}).const === value);
          if (!branch) out.push(`${at}: no schema branch for kind ${value}`);
          else walk(variant, branch, `${at}<${value}>`);
        }
        if (branches.length !== objects.length) out.push(`${at}: ${branches.length} schema branches for ${objects.length} kinds`);
        return;
      }
      if (present.length === 1) {
        const nonNull = branches?.filter((b) => b.type !== 'null');
        walk(present[0]!, nonNull?.length === 1 ? nonNull[0]! : node, at);
      }
      return; // a union of literals (severity, status): an enum, not a shape
    }
    if (checker.isArrayType(t)) {
      if (node.type !== 'array') out.push(`${at}: a list in the type, ${JSON.stringify(node.type)} in the schema`);
      else walk(checker.getTypeArguments(t as ts.TypeReference)[0]!, node.items ?? {}, `${at}[]`);
      return;
    }
    if (!(t.flags & (ts.TypeFlags.Object | ts.TypeFlags.Intersection))) return;
    const props = checker.getPropertiesOfType(t);
    if (!props.length) return; // a map (Record<string, …>): keys are data
    const described = node.properties ?? {};
    const required = new Set<string>(node.required ?? []);
    for (const p of props) {
      const optional = (p.flags & ts.SymbolFlags.Optional) !== 0;
      if (!(p.name in described)) out.push(`${at}/${p.name}: in the type, not in the schema`);
      else {
        if (optional === required.has(p.name)) out.push(`${at}/${p.name}: ${optional ? 'optional' : 'required'} in the type, ${optional ? 'required' : 'optional'} in the schema`);
        walk(checker.getTypeOfSymbol(p), described[p.name], `${at}/${p.name}`);
      }
    }
    for (const key of Object.keys(described)) {
      if (!props.some((p) => p.name === key) && !allowed.includes(key)) out.push(`${at}/${key}: in the schema, not in the type`);
    }
  };
  walk(type, schema, '', extra);
  return out;
}

describe('the report schemas mirror the types the code writes', () => {
  it('schemas/report.schema.json is AuditReport (+ $schema)', () => {
    expect(mismatches(exported(files.report, 'AuditReport'), schemaOf('report'), ['$schema'])).toEqual([]);
  });

  it('schemas/diff.schema.json is DiffReport (+ $schema)', () => {
    expect(mismatches(exported(files.diff, 'DiffReport'), schemaOf('diff'), ['$schema'])).toEqual([]);
  });

  it('schemas/multi-report.schema.json is MultiReport (+ $schema)', () => {
    expect(mismatches(exported(files.multi, 'MultiReport'), schemaOf('multi-report'), ['$schema'])).toEqual([]);
  });

  it('schemas/run-manifest.schema.json is RunManifest', () => {
    expect(mismatches(exported(files.multi, 'RunManifest'), schemaOf('run-manifest'))).toEqual([]);
  });

  it('the merged report guard notices a finding without its account', () => {
    const schema = schemaOf('multi-report');
    delete schema.definitions.finding.properties.account;
    expect(mismatches(exported(files.multi, 'MultiReport'), schema, ['$schema'])).toContain('/accounts[]/findings[]/account: in the type, not in the schema');
  });

  // The envelope is hand-written (src/resources/snapshot-schema.ts) beside the Snapshot type; a node's
  // props are generated per type from the declarations, so only they are left out.
  it('schemas/snapshot.schema.json\'s envelope is Snapshot (meta, nodes, edges, gaps)', () => {
    expect(mismatches(exported(files.snapshot, 'Snapshot'), schemaOf('snapshot'), [], ['/nodes[]/props'])).toEqual([]);
  });

  it.each<[string, (s: Schema) => void, string]>([
    ['a meta field dropped', (s) => delete s.definitions.meta.properties.finishedAt, '/meta/finishedAt: in the type, not in the schema'],
    ['a gap field only the schema has', (s) => (s.definitions.gap.properties.extra = { type: 'string' }), '/gaps[]/extra: in the schema, not in the type'],
    ['a node field made optional', (s) => (s.definitions.node.required = s.definitions.node.required.filter((k: string) => k !== 'tags')), '/nodes[]/tags: required in the type, optional in the schema'],
  ])('the snapshot guard notices %s', (_what, mutate, expected) => {
    const schema = schemaOf('snapshot');
    mutate(schema);
    expect(mismatches(exported(files.snapshot, 'Snapshot'), schema, [], ['/nodes[]/props'])).toContain(expected);
  });

  // The guard itself must be able to fail: each drift below is one a hand-edited schema could make.
  it.each<[string, (s: Schema) => void, string]>([
    ['a field dropped from a result', (s) => delete s.definitions.result.properties.reason, '/results[]/reason: in the type, not in the schema'],
    ['a field only the schema has', (s) => (s.definitions.gap.properties.extra = { type: 'string' }), '/gaps[]/extra: in the schema, not in the type'],
    ['an optional field made required', (s) => s.definitions.result.required.push('check'), '/results[]/check: optional in the type, required in the schema'],
    ['a required field made optional', (s) => (s.required = s.required.filter((k: string) => k !== 'complete')), '/complete: required in the type, optional in the schema'],
    ['a kind without its branch', (s) => s.definitions.subject.oneOf.pop(), '/results[]/subject: no schema branch for kind cost'],
    ['a field of one kind', (s) => delete s.definitions.valueCheck.properties.negated, '/results[]/check<value>/negated: in the type, not in the schema'],
    ['a list that is not a list', (s) => (s.properties.warnings = { type: 'string' }), '/warnings: a list in the type, "string" in the schema'],
  ])('notices %s', (_what, mutate, expected) => {
    const schema = schemaOf('report');
    mutate(schema);
    expect(mismatches(exported(files.report, 'AuditReport'), schema, ['$schema'])).toContain(expected);
  });
});
