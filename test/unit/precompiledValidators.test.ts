import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { validatorFor } from '../../src/core/graders/jsonSchema';
import { validateDraft07Schema } from '../../src/core/graders/draft07MetaValidator';
import { validateTestsFile } from '../../src/core/testsSchemaValidator';
import { PRECOMPILED, precompiledSource } from '../../scripts/precompiledValidators.mjs';

// The bundles validate with code ajv generated at build time; run from source, the same schemas are compiled.
// Both must answer alike, errors included, or the CLI and the tests would disagree.
const REPO = path.join(__dirname, '..', '..');

async function precompiled(module: string): Promise<ValidateFunction> {
  const source = await precompiledSource(module);
  const mod = { exports: {} as Record<string, ValidateFunction> };
  new Function('require', 'module', 'exports', source)(createRequire(path.join(REPO, 'package.json')), mod, mod.exports);
  return mod.exports[PRECOMPILED[module].exportName];
}

function sameAnswers(a: ValidateFunction, b: ValidateFunction, inputs: unknown[]): void {
  for (const input of inputs) {
    assert.equal(a(input), b(input), JSON.stringify(input));
    assert.deepEqual(a.errors, b.errors, JSON.stringify(input));
  }
}

describe('precompiled validators', () => {
  test('every module the build replaces is listed with a schema', () => {
    assert.deepEqual(Object.keys(PRECOMPILED).sort(), ['src/core/graders/draft07MetaValidator.ts', 'src/core/testsSchemaValidator.ts']);
  });

  test('the tests-file validator answers as the schema compiled at runtime', async () => {
    const examples = await Promise.all(['summarize', 'support-answer', 'ticket-triage'].map(async (n) => parse(await readFile(path.join(REPO, 'prompts-example', `${n}.tests.yaml`), 'utf8')) as unknown));
    const broken = [
      {},
      { tests: [{ vars: {} }] },
      { tests: [{ id: 'a', assert: [{ type: 'contians', value: 'x' }] }], extra: 1 },
      { tests: [{ id: 'b', threshold: 3, assert: [{ type: 'llm-judge' }] }] },
      { defaults: { assert: 'x' }, dataset: 5 },
    ];
    sameAnswers(await precompiled('src/core/testsSchemaValidator.ts'), validateTestsFile, [...examples, ...broken]);
  });

  test('the meta-schema check answers as the meta-schema compiled at runtime', async () => {
    const schemas = [
      { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] },
      { type: 'strin' },
      { properties: { a: { type: 5 } }, required: 'a' },
      { $schema: 'http://json-schema.org/draft-07/schema#', items: [{ minimum: 'x' }] },
      { enum: [], pattern: '(' },
    ];
    sameAnswers(await precompiled('src/core/graders/draft07MetaValidator.ts'), validateDraft07Schema, schemas);
  });

  test('an invalid schema is reported as ajv itself reports it', () => {
    const result = validatorFor({ type: 'object', properties: { label: { type: 'strin' } } });
    assert.ok('error' in result);
    assert.equal(result.error, 'schema is invalid: data/properties/label/type must be equal to one of the allowed values, data/properties/label/type must be array, data/properties/label/type must match a schema in anyOf');
    const unknownDraft = validatorFor({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' });
    assert.ok('error' in unknownDraft);
    assert.match(unknownDraft.error, /no schema with key or ref "http:\/\/json-schema.org\/draft-04\/schema#"/);
  });
});
