import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fixturePrompt, gradeOne as grade } from '../support/gradeFixtures';

const triageSchema = {
  type: 'object',
  required: ['category', 'priority'],
  properties: {
    category: { type: 'string' },
    priority: { enum: ['low', 'normal', 'high'] },
    email: { type: 'string', format: 'email' },
  },
  additionalProperties: false,
};

describe('is-json', () => {
  test('passes on JSON output, including scalars and surrounding whitespace', async () => {
    assert.equal((await grade({ type: 'is-json' }, '\n{"a": [1, 2]}\n')).pass, true);
    assert.equal((await grade({ type: 'is-json' }, '42')).pass, true);
  });

  test('fails on prose, with the parser message', async () => {
    const r = await grade({ type: 'is-json' }, 'Sure! {"a": 1}');
    assert.equal(r.pass, false);
    assert.equal(r.hard, undefined);
    assert.match(r.reason, /^output is not valid JSON: /);
  });

  test('fails on JSON inside a code fence, saying the fence is the problem', async () => {
    const r = await grade({ type: 'is-json' }, '```json\n{"a": 1}\n```');
    assert.equal(r.pass, false);
    assert.match(r.reason, /wrapped in a ``` code fence/);
  });

  test('not-is-json passes on prose', async () => {
    assert.equal((await grade({ type: 'not-is-json' }, 'plain words')).pass, true);
    assert.equal((await grade({ type: 'not-is-json' }, '{}')).pass, false);
  });

  test('a value is a hard failure pointing at json-schema', async () => {
    const r = await grade({ type: 'is-json', value: triageSchema }, '{}');
    assert.equal(r.hard, true);
    assert.match(r.reason, /use json-schema/);
  });
});

describe('json-schema', () => {
  test('passes on output valid against the given schema', async () => {
    const r = await grade({ type: 'json-schema', value: triageSchema }, '{"category":"billing","priority":"high"}');
    assert.equal(r.pass, true);
    assert.equal(r.reason, 'output matches the schema');
  });

  test('fails listing the first errors with their instance paths and allowed values', async () => {
    const r = await grade({ type: 'json-schema', value: triageSchema }, '{"category":7,"priority":"urgent","email":"nope"}');
    assert.equal(r.pass, false);
    assert.equal(r.hard, undefined);
    assert.equal(
      r.reason,
      'output does not match the schema: /category must be string; /priority must be equal to one of the allowed values ("low", "normal", "high"); /email must match format "email"',
    );
  });

  test('says how many errors were left out', async () => {
    const schema = { type: 'object', required: ['a', 'b', 'c', 'd', 'e'] };
    const r = await grade({ type: 'json-schema', value: schema }, '{}');
    assert.match(r.reason, /^output does not match the schema: \(root\) must have required property 'a'; .*; and 2 more$/);
  });

  test("defaults to the prompt's output schema", async () => {
    const prompt = fixturePrompt({ outputSchema: triageSchema });
    const pass = await grade({ type: 'json-schema' }, '{"category":"billing","priority":"low"}', { prompt });
    assert.equal(pass.pass, true);
    assert.equal(pass.reason, "output matches the prompt's output schema");
    const fail = await grade({ type: 'json-schema' }, '{"category":"billing"}', { prompt });
    assert.equal(fail.reason, "output does not match the prompt's output schema: (root) must have required property 'priority'");
  });

  test('reads a 2020-12 schema with its own keywords', async () => {
    const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', type: 'array', prefixItems: [{ type: 'number' }], items: false };
    assert.equal((await grade({ type: 'json-schema', value: schema }, '[1]')).pass, true);
    assert.equal((await grade({ type: 'json-schema', value: schema }, '[1, 2]')).pass, false);
  });

  test('not-json-schema passes on valid JSON that breaks the schema', async () => {
    const r = await grade({ type: 'not-json-schema', value: triageSchema }, '{"category":"billing"}');
    assert.equal(r.pass, true);
  });

  test('output that is not JSON is a hard failure, negated or not', async () => {
    for (const type of ['json-schema', 'not-json-schema']) {
      const r = await grade({ type, value: triageSchema }, 'category: billing');
      assert.equal(r.pass, false);
      assert.equal(r.hard, true);
      assert.match(r.reason, /^output is not valid JSON/);
    }
  });

  test('no schema anywhere is a hard failure saying where to put one', async () => {
    const r = await grade({ type: 'json-schema' }, '{}');
    assert.equal(r.hard, true);
    assert.match(r.reason, /give one as the assertion value, or set output\.schema in the prompt front matter/);
  });

  test('a schema that does not compile, or is not an object, is a hard failure', async () => {
    const bad = await grade({ type: 'json-schema', value: { type: 'strnig' } }, '{}');
    assert.equal(bad.hard, true);
    assert.match(bad.reason, /^invalid JSON Schema: /);
    assert.equal((await grade({ type: 'json-schema', value: 'schema.json' }, '{}')).hard, true);
  });
});
