import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_CONFIG } from '../../src/core/config';
import { formatProblem } from '../../src/core/problems';
import { parsePrompt } from '../../src/core/promptFile';
import { renderPrompt } from '../../src/core/render';

const SOURCE = ['---', 'model: anthropic/claude-haiku-4-5', 'input:', '  schema:', '    name: string', '    plan?: string', '---', 'Hello {{name}} ({{plan}})', ''].join('\n');

test('a variable input.schema does not declare is named, with the declared ones, from a test or the caller', async () => {
  const prompt = parsePrompt('/ws/greet.prompt', SOURCE);
  assert.deepEqual(prompt.problems, []);
  const fromTest = await renderPrompt(prompt, { name: 'Ana', tone: 'warm' }, DEFAULT_CONFIG, { source: 'test "warm"' });
  assert.ok(!fromTest.ok);
  assert.deepEqual(
    fromTest.problems.map((p) => formatProblem(p, '/ws')),
    ['greet.prompt:8:1: error: Test "warm" sets `tone`, which input.schema does not declare (Remove `tone`, or declare it in input.schema (e.g. `tone: string`). Declared: name, plan.)'],
  );
  assert.equal(fromTest.problems[0].code, 'unknown-variable');
  const fromCaller = await renderPrompt(prompt, { name: 'Ana', nmae: 'x' }, DEFAULT_CONFIG);
  assert.ok(!fromCaller.ok);
  assert.match(fromCaller.problems[0].message, /^The caller sets `nmae`, which input\.schema does not declare$/);
  const wrongType = await renderPrompt(prompt, { name: 3 }, DEFAULT_CONFIG);
  assert.ok(!wrongType.ok);
  assert.equal(wrongType.problems[0].code, 'invalid-variable', 'a value of the wrong type is still an invalid-variable problem at its use');
  assert.deepEqual(wrongType.problems[0].range.start, { line: 8, column: 9 });
});
