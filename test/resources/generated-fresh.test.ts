// The snapshot schema and the runtime catalog are generated from the declarations (npm run schemas).
// A declaration changed without regenerating must fail here; declarations that contradict each other
// must be refused by the generator, never written.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { SERVICES } from '../../src/resources/index.js';
import { buildCatalog, catalogSource, reportSchemaText, snapshotSchemaText } from '../../src/resources/generate.js';
import { defineService, type KeyPatterns, type ServiceDecl } from '../../src/resources/define.js';
import { ALL_COLLECTORS } from '../../src/collect/registry.js';
import { readAction } from '../../src/collect/read.js';
import { readIndexSource } from '../../src/collect/read-index.js';
import { RESOURCE_TYPES } from '../../src/graph/resource-types.js';
// @ts-expect-error a build script in plain JavaScript, without types
import { servicesSource } from '../../scripts/build-services.mjs';

const committed = (path: string) => readFileSync(fileURLToPath(new URL(`../../${path}`, import.meta.url)), 'utf8');
const STALE = 'stale: run `npm run schemas`';

describe('generated from the declarations', () => {
  it('src/resources/services.generated.ts lists every declaration file, and only those', () => {
    expect(servicesSource() === committed('src/resources/services.generated.ts'), `services.generated.ts is ${STALE}`).toBe(true);
  });

  it('a new declaration file is listed by the generator (adding a service is not an index edit)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'services-'));
    try {
      writeFileSync(join(dir, 'zeta.ts'), "export const zeta = defineService({ service: 'zeta' });\n");
      writeFileSync(join(dir, 'alpha-beta.ts'), "export const alphaBeta = defineService({ service: 'alpha-beta' });\n");
      writeFileSync(join(dir, 'shapes.ts'), 'export const Str = () => 1;\n');
      writeFileSync(join(dir, 'catalog.generated.ts'), "export const x = defineService({ service: 'x' });\n");
      const text = servicesSource(dir) as string;
      expect(text).toContain("import { alphaBeta } from './alpha-beta.js';\nimport { zeta } from './zeta.js';");
      expect(text).toContain('export const SERVICES = [alphaBeta, zeta] as const;');
      expect(text).not.toContain('shapes');
      expect(text).not.toContain('catalog');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('schemas/snapshot.schema.json is current', () => {
    expect(snapshotSchemaText() === committed('schemas/snapshot.schema.json'), `schemas/snapshot.schema.json is ${STALE}`).toBe(true);
  });

  it('src/resources/reads.generated.ts (the reads the engine matches gaps against) is current', () => {
    expect(readIndexSource(ALL_COLLECTORS) === committed('src/resources/reads.generated.ts'), `reads.generated.ts is ${STALE}`).toBe(true);
  });

  it("schemas/report.schema.json's resource types are the declared ones, in declaration order", () => {
    const report = committed('schemas/report.schema.json');
    expect(reportSchemaText(report) === report, `schemas/report.schema.json is ${STALE}`).toBe(true);
    const catalog = buildCatalog();
    const oneType = { ...catalog, types: { 'ec2.vpc': catalog.types['ec2.vpc']! } };
    expect(reportSchemaText(report, oneType)).not.toBe(report);
    expect(JSON.parse(reportSchemaText(report, oneType)).definitions.resourceType.enum).toEqual(['ec2.vpc']);
  });

  it('src/resources/catalog.generated.ts is current', () => {
    expect(catalogSource() === committed('src/resources/catalog.generated.ts'), `catalog.generated.ts is ${STALE}`).toBe(true);
  });

  it("shapes used across props are shared definitions (ajv compiles each once), keeping each use's own description", () => {
    const schema = JSON.parse(snapshotSchemaText());
    const subnet = schema.definitions['ec2.subnet'].properties;
    expect(subnet.availabilityZone).toEqual({ $ref: '#/definitions/az' });
    expect(subnet.routeTableId).toMatchObject({ anyOf: [{ type: 'null' }, { $ref: '#/definitions/routeTableId' }] });
    expect(schema.definitions['rds.db-instance'].properties.secondaryAvailabilityZone).toEqual({ $ref: '#/definitions/nullableAz', description: "The Multi-AZ standby's AZ; null when single-AZ." });
    // The catalog keeps props self-contained: rule-path checking walks them without references.
    expect(JSON.stringify(buildCatalog().props)).not.toContain('$ref');
  });

  it('a changed declaration changes both outputs (the check can fail)', () => {
    const [first, ...rest] = SERVICES;
    const firstType = Object.keys(first.types)[0]!;
    const changed = { ...first, types: { ...first.types, [firstType]: { ...first.types[firstType as keyof typeof first.types], doc: 'changed' } } };
    const catalog = buildCatalog([changed, ...rest]);
    expect(snapshotSchemaText(catalog)).not.toBe(committed('schemas/snapshot.schema.json'));
    expect(catalogSource(catalog)).not.toBe(committed('src/resources/catalog.generated.ts'));
  });
});

describe('contradicting declarations are refused', () => {
  const svc = (over: Partial<ServiceDecl>): ServiceDecl =>
    defineService({ service: 'x', iamPrefix: 'x', global: false, types: { 'x.thing': { doc: 'thing', props: Type.Object({ name: Type.String(), refs: Type.Array(Type.Object({ arn: Type.String() })) }) } }, edges: {}, ...over });
  const cases: [string, ServiceDecl[], RegExp][] = [
    ['a service declared twice', [svc({}), svc({ types: {} })], /service x is declared twice/],
    ['a type declared by two services', [svc({}), svc({ service: 'y' })], /x\.thing must start with its service "y\."|declared by x and y/],
    ['a type outside its service', [svc({ types: { 'z.thing': { doc: 'z', props: Type.Object({}) } } })], /must start with its service/],
    ['an edge to an undeclared type', [svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.other'], doc: '' } } })], /undeclared resource type x\.other/],
    [
      'an edge declared by two services',
      [svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '' } } }), { ...svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '' } } }), service: 'y', types: {} }],
      /edge type uses is declared by x and y/,
    ],
    [
      'a link through a prop the type lacks',
      [svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.thing': 'refs.arm' }, to: { 'x.thing': '@id' }, match: 'exact' } } } })],
      /x\.thing has no prop "refs\.arm"/,
    ],
    [
      'a link to several target paths, one the type lacks',
      [svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.thing': 'refs.arn' }, to: { 'x.thing': ['@id', 'aliases'] }, match: 'exact' } } } })],
      /x\.thing has no prop "aliases"/,
    ],
    [
      'a link from a type the edge does not start from',
      [svc({ types: { 'x.thing': { doc: '', props: Type.Object({ a: Type.String() }) }, 'x.other': { doc: '', props: Type.Object({ a: Type.String() }) } }, edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.other': 'a' }, to: { 'x.thing': '@id' }, match: 'exact' } } } })],
      /link from type x\.other is not one of the edge's "from" types/,
    ],
    ...(
      [
        ['a pattern that is not a regular expression', { target: [{ regex: 'arn:(', key: '$1' }], reference: [{ regex: '(.+)', key: '$1' }] }, /target pattern \/arn:\(\/ is not a regular expression/],
        ['a key naming a group the pattern lacks', { target: [{ regex: 'arn:(.+)', key: '$2' }], reference: [{ regex: '(.+)', key: '$1' }] }, /has no group \$2/],
        ['$0 (the whole value is not a group)', { target: [{ regex: '(.+)', key: '$1' }], reference: [{ regex: '.+', key: '$0' }] }, /has no group \$0/],
        ['an account template naming a missing group', { target: [{ regex: '(.+)', key: '$1' }], reference: [{ regex: '(.+)', key: '$1', account: '$3' }] }, /has no group \$3/],
        ['a field other than region and account', { target: [{ regex: '(.+)', key: '$1' }], reference: [{ regex: '(.+)', key: '{partition}:$1' }] }, /"\{partition\}" .* is not \{region\} or \{account\}/],
        ['a target pattern without a key', { target: [{ regex: 'arn:.*' }], reference: [{ regex: '(.+)', key: '$1' }] }, /target pattern \/arn:\.\*\/ gives no key/],
        ['an optional target pattern', { target: [{ regex: '(.+)', key: '$1', optional: true }], reference: [{ regex: '(.+)', key: '$1' }] }, /optional, account and region are for reference patterns/],
        ['no reference pattern', { target: [{ regex: '(.+)', key: '$1' }], reference: [] }, /at least one target and one reference pattern/],
      ] as const
    ).map(([name, match, message]): [string, ServiceDecl[], RegExp] => [
      name,
      [svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.thing': 'refs.arn' }, to: { 'x.thing': '@id' }, match: match as unknown as KeyPatterns } } } })],
      message,
    ]),
  ];
  it.each(cases)('%s', (_name, services, message) => {
    expect(() => buildCatalog(services)).toThrow(message);
  });

  it('a link through list items to a nested prop is accepted', () => {
    const ok = svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.thing': 'refs.arn' }, to: { 'x.thing': 'name' }, match: 'exact' } } } });
    expect(buildCatalog([ok]).edges.uses?.link?.from).toEqual({ 'x.thing': 'refs.arn' });
  });

  it('a link to several target paths, each one the type has, is accepted', () => {
    const ok = svc({ edges: { uses: { scope: 'none', from: ['x.thing'], to: ['x.thing'], doc: '', link: { from: { 'x.thing': 'refs.arn' }, to: { 'x.thing': ['@id', 'name'] }, match: 'exact' } } } });
    expect(buildCatalog([ok]).edges.uses?.link?.to).toEqual({ 'x.thing': ['@id', 'name'] });
  });
});

describe('collectors come from the declared services', () => {
  it('one collector per declared service, producing exactly its declared types, global as declared', () => {
    expect(ALL_COLLECTORS.map((c) => c.service)).toEqual(SERVICES.map((s) => s.service));
    for (const c of ALL_COLLECTORS) {
      const declared = SERVICES.find((s) => s.service === c.service)!;
      expect([...c.resourceTypes].sort(), c.service).toEqual(Object.keys(declared.types).sort());
      expect(c.global ?? false, c.service).toBe(declared.global);
      for (const t of c.resourceTypes) expect(RESOURCE_TYPES[t].global).toBe(declared.global);
    }
  });

  it('every IAM action of a collector uses its service IAM prefix (a read on another client, that client\'s)', () => {
    for (const c of ALL_COLLECTORS) {
      const prefix = SERVICES.find((s) => s.service === c.service)!.iamPrefix;
      for (const read of c.reads) expect(readAction(c, read).split(':')[0], `${c.service}: ${read.operation}`).toBe(read.sdk?.iamPrefix ?? prefix);
    }
    expect(ALL_COLLECTORS.find((c) => c.service === 's3')!.actions).toContain('tag:GetResources');
  });
});
