// The formats the compiled validators (validators.generated.js) look up at run time, with the shapes
// scripts/build-validators.mjs registered them under.
import formatsModule from 'ajv-formats/dist/formats.js';
import { regexProblem } from './regex.js';

// ajv-formats is CommonJS; under NodeNext its exports arrive on the default export.
const { fullFormats } = formatsModule as unknown as { fullFormats: Record<string, unknown> };

export const formats: Record<string, unknown> = {
  ...fullFormats,
  // "format": "regex" means a pattern the linear-time engine (regex.ts) runs, not any JavaScript RegExp.
  regex: { type: 'string', validate: (text: string) => regexProblem(text) === undefined },
};
