// The open spec's schema (specVersion 2): generated from its one definition, every key described, the
// spec examples in docs/spec-v2.md (its ```json blocks) valid (so the document cannot drift from the schema), and bad specs
// refused at the value to fix.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { specV2DocText, specV2SchemaText, SPEC_V2_SECTIONS } from '../../src/engine/spec-v2-schema.js';
import { parseJson } from '../../src/input/json-source.js';
import { assertValid, schemaValidator } from '../../src/input/schemas.js';
import { InputError } from '../../src/errors.js';

const root = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const validate = schemaValidator('specV2');
const doc = readFileSync(root('docs/spec-v2.md'), 'utf8');
const jsonBlocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]!) as Record<string, any>);
const [shopflow, staging] = jsonBlocks as [Record<string, any>, Record<string, any>];
const clone = () => structuredClone(shopflow);

// RFC 7396, enough to check that the documented overlay merges into a valid spec.
function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Where assertValid puts the problem: the pointer and the message of the InputError. */
function problem(value: unknown): { pointer?: string; message: string; line?: number } {
  const source = parseJson('spec.json', JSON.stringify(value, null, 2));
  try {
    assertValid('specV2', source);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return { pointer: e.location.pointer, message: e.message, line: e.location.line };
  }
  return { message: 'valid' };
}

describe('spec v2 schema', () => {
  it('is generated from src/engine/spec-v2-schema.ts', () => {
    expect(specV2SchemaText() === readFileSync(root('schemas/spec-v2.schema.json'), 'utf8'), 'schemas/spec-v2.schema.json is stale: run `npm run schemas`').toBe(true);
  });

  it("docs/spec-v2.md's top-level key table is the schema's descriptions", () => {
    expect(specV2DocText(doc) === doc, 'the key table of docs/spec-v2.md is stale: run `npm run schemas`').toBe(true);
    for (const key of Object.keys(JSON.parse(specV2SchemaText()).properties)) expect(doc).toContain(`| \`${key}\` |`);
  });

  it('describes every key, at every depth', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${at}/${i}`));
      if (!node || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      for (const [key, sub] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        if (typeof sub.description !== 'string' || !sub.description) undescribed.push(`${at}/${key}`);
      }
      for (const [key, sub] of Object.entries(n)) walk(sub, `${at}/${key}`);
    };
    const schema = JSON.parse(specV2SchemaText());
    walk(schema, '');
    expect(undescribed).toEqual([]);
    // The walk does look: the schema has keys at several depths.
    expect(JSON.stringify(schema)).toContain('"retentionDays"');
  });

  it('the documented ShopFlow spec is valid, with every section the schema knows', () => {
    expect(jsonBlocks.length).toBe(2);
    expect(validate(shopflow), JSON.stringify(validate.errors)).toBe(true);
    for (const section of SPEC_V2_SECTIONS) expect(Object.keys(shopflow[section] ?? {}).length, section).toBeGreaterThan(0);
    expect(Object.keys(shopflow.services)).toEqual(['api', 'worker']);
  });

  it('the documented overlay is valid on its own and merged into its base', () => {
    expect(validate(staging), JSON.stringify(validate.errors)).toBe(true);
    const merged = mergePatch(shopflow, { ...staging, extends: null }) as Record<string, any>;
    expect(validate(merged), JSON.stringify(validate.errors)).toBe(true);
    expect(merged.databases.main.multiAz).toBe(false);
    expect(merged.services.api.taskDefinition.family).toBe('shopflow-api');
  });

  it('every section is optional: a spec with none is valid', () => {
    const { networks, edge, loadBalancers, services, databases, caches, queues, buckets, dns, dr, ...header } = shopflow;
    expect(validate(header), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...header, caches: {} })).toBe(true);
  });

  it('a spec without extends needs its header; an overlay does not', () => {
    const { application, ...noApplication } = shopflow;
    expect(validate(noApplication)).toBe(false);
    expect(validate({ specVersion: 2, extends: './base.json' })).toBe(true);
    expect(validate({ specVersion: 2 })).toBe(false);
  });

  it('a spec without extends is told which header value it lacks, never "extends"', () => {
    for (const key of ['application', 'region', 'scope']) {
      const spec = clone();
      delete spec[key];
      expect(problem(spec), key).toEqual({ pointer: '', message: `missing required property "${key}"`, line: 1 });
    }
    // Two missing: the first the schema lists, still never the overlay's key.
    const { region: _r, scope: _s, ...both } = clone();
    expect(problem(both).message).toBe('missing required property "region"');
    // An overlay may leave every header value to its base; an empty extends is still refused at its value.
    expect(problem({ specVersion: 2, extends: './base.json', caches: {} })).toEqual({ message: 'valid' });
    expect(problem({ specVersion: 2, extends: '' })).toMatchObject({ pointer: '/extends' });
  });

  it('refuses bad values at the value to fix, with its line', () => {
    const upper = clone();
    upper.services.API = upper.services.api;
    expect(problem(upper)).toMatchObject({ pointer: '/services/API', message: expect.stringMatching(/unknown property "API"/) });

    const unknown = clone();
    unknown.databases.main.multiAZ = true;
    expect(problem(unknown)).toMatchObject({ pointer: '/databases/main/multiAZ' });

    const zone = clone();
    zone.networks.main.availabilityZones[1] = 'use1-az2';
    const zoneProblem = problem(zone);
    expect(zoneProblem).toMatchObject({ pointer: '/networks/main/availabilityZones/1', message: expect.stringMatching(/pattern/) });
    expect(zoneProblem.line).toBeGreaterThan(1);

    const emptyMatch = clone();
    emptyMatch.services.api.match = {};
    expect(problem(emptyMatch).pointer).toBe('/services/api/match');

    const noFamily = clone();
    delete noFamily.services.api.taskDefinition.family;
    expect(problem(noFamily)).toMatchObject({ pointer: '/services/api/taskDefinition', message: expect.stringMatching(/family/) });

    const regex = clone();
    regex.buckets.logs.match.namePattern = '^(a+)+\\1';
    expect(validate(regex)).toBe(false);
  });

  it('is not version 1: the v1 ShopFlow spec does not pass as v2, nor v2 as v1', () => {
    const v1 = JSON.parse(readFileSync(root('test/fixtures/spec.shopflow.v1.json'), 'utf8'));
    expect(validate(v1)).toBe(false);
    expect(schemaValidator('spec')(shopflow)).toBe(false);
    expect(validate({ ...shopflow, specVersion: 3 })).toBe(false);
  });
});
