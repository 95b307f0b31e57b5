// The SARIF 2.1.0 schema (the rtm.5 copy @microsoft/jest-sarif ships), compiled once for every test that
// checks a SARIF document is one GitHub code scanning accepts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ajvDraft04 from 'ajv-draft-04';
import addFormatsModule from 'ajv-formats';

// Both are CommonJS; under NodeNext their default exports arrive wrapped (as in src/input/schemas.ts).
const Ajv04 = ajvDraft04.default;
type Ajv04 = InstanceType<typeof Ajv04>;
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv04) => Ajv04;
const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
// The rtm.5 schema's language pattern is not valid with the `u` flag (`...{2}]?$`); plain RegExp reads it.
export const validateSarif = addFormats(new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false })).compile(sarifSchema);
