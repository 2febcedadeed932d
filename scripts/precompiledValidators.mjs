// Validators that the bundles get as code generated at build time (ajv's standalone mode) instead of compiling
// their JSON Schema at startup: compiling the tests schema and the draft-07 meta-schema took ~100 ms of every
// `promptops eval` before its first call. Each listed module compiles the same schema with the same options when
// run from source (tests); test/unit/precompiledValidators.test.ts checks that both give the same answers.
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** Module (from the repo root) → the schema it validates against (a file, or an id ajv knows) and the name it exports. */
export const PRECOMPILED = {
  'src/core/testsSchemaValidator.ts': { schemaFile: 'schemas/promptops.tests.schema.json', exportName: 'validateTestsFile' },
  'src/core/graders/draft07MetaValidator.ts': { schemaId: 'http://json-schema.org/draft-07/schema', exportName: 'validateDraft07Schema' },
};

/** The CommonJS source standing in for `module` (a key of PRECOMPILED). */
export async function precompiledSource(module) {
  const entry = PRECOMPILED[module];
  const options = JSON.parse(await readFile(path.join(REPO, 'src/core/graders/ajvOptions.json'), 'utf8'));
  const ajv = addFormats(new Ajv({ ...options, code: { source: true } }));
  let ref = entry.schemaId;
  if (entry.schemaFile) {
    const schema = JSON.parse(await readFile(path.join(REPO, entry.schemaFile), 'utf8'));
    ajv.addSchema(schema);
    ref = schema.$id;
  }
  return standaloneCode(ajv, { [entry.exportName]: ref });
}

/** @type {import('esbuild').Plugin} */
export const precompiledValidators = {
  name: 'precompiled-validators',
  setup(build) {
    const byPath = new Map(Object.keys(PRECOMPILED).map((m) => [path.join(REPO, m), m]));
    build.onLoad({ filter: /(testsSchemaValidator|draft07MetaValidator)\.ts$/ }, async (args) => {
      const module = byPath.get(args.path);
      if (!module) return undefined;
      // resolveDir: the generated code requires ajv's small runtime helpers from node_modules.
      return { contents: await precompiledSource(module), loader: 'js', resolveDir: REPO };
    });
  },
};
