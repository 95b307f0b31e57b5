// Generates, from the resource declarations (src/resources/, as built in dist/), the runtime catalog
// src/resources/catalog.generated.ts and schemas/snapshot.schema.json; from the rule language
// (src/engine/rule-schema.ts), schemas/rule.schema.json; from the open spec
// (src/engine/spec-v2-schema.ts), schemas/spec-v2.schema.json, the key table of docs/spec-v2.md and
// init's sources (src/engine/spec-init-sources.generated.ts); from the report
// schema and src/multi/schema.ts, schemas/multi-report.schema.json and schemas/run-manifest.schema.json. `--check` exits 1 when a
// committed file is stale. `npm run schemas` builds first, and regenerates the validators after.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog, catalogSource, reportSchemaText, snapshotSchemaText } from '../dist/resources/generate.js';
import { ruleSchemaText } from '../dist/engine/rule-schema.js';
import { specV2DocText, specV2SchemaText } from '../dist/engine/spec-v2-schema.js';
import { initSourcesSource } from '../dist/engine/spec-init-sources.js';
import { SERVICES } from '../dist/resources/index.js';
import { loadCollector } from '../dist/collect/registry.js';
import { readIndexSource } from '../dist/collect/read-index.js';
import { multiReportSchemaText, runManifestSchemaText } from '../dist/multi/schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const catalog = buildCatalog();
// Each declared service's collector, by name (the compiled catalog may not list a service declared just now).
const collectors = await Promise.all(SERVICES.map((s) => loadCollector(s.service)));
const outputs = {
  'src/resources/catalog.generated.ts': catalogSource(catalog),
  'schemas/snapshot.schema.json': snapshotSchemaText(catalog),
  'schemas/rule.schema.json': ruleSchemaText(),
  'schemas/spec-v2.schema.json': specV2SchemaText(),
  // Where init reads each annotated key of the spec (its `x-init` annotations).
  'src/engine/spec-init-sources.generated.ts': initSourcesSource(),
  // Hand-written but for its top-level key table, which is the schema's descriptions.
  'docs/spec-v2.md': specV2DocText(readFileSync(`${root}docs/spec-v2.md`, 'utf8')),
  'src/resources/reads.generated.ts': readIndexSource(collectors),
  // Hand-written but for its resource-type and op enums (the declared types, the rule operators).
  'schemas/report.schema.json': reportSchemaText(readFileSync(`${root}schemas/report.schema.json`, 'utf8'), catalog),
};
// The merged report and the run manifest share the single report's definitions (as just regenerated).
outputs['schemas/multi-report.schema.json'] = multiReportSchemaText(outputs['schemas/report.schema.json']);
outputs['schemas/run-manifest.schema.json'] = runManifestSchemaText(outputs['schemas/report.schema.json']);

for (const [file, text] of Object.entries(outputs)) {
  if (process.argv.includes('--check')) {
    const current = (() => { try { return readFileSync(`${root}${file}`, 'utf8'); } catch { return ''; } })();
    if (current !== text) {
      process.stderr.write(`${file} is stale with respect to its declaration: run \`npm run schemas\`\n`);
      process.exitCode = 1;
    }
  } else writeFileSync(`${root}${file}`, text);
}
