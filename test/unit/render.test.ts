import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import { parsePrompt } from '../../src/core/promptFile';
import { renderPrompt } from '../../src/core/render';
import type { LlmRequest, Problem } from '../../src/core/types';

const FILE = '/ws/triage.prompt';
const config = mergeConfig(DEFAULT_CONFIG, { defaultModel: 'claude-haiku-4-5', defaultMaxTokens: 777 });

async function render(source: string, vars: Record<string, unknown> = {}, label?: string): Promise<{ request?: LlmRequest; problems?: Problem[] }> {
  const prompt = parsePrompt(FILE, source);
  const result = await renderPrompt(prompt, vars, config, label ? { source: label } : {});
  return result.ok ? { request: result.request } : { problems: result.problems };
}

describe('renderPrompt', () => {
  test('roles map to system and alternating user/assistant messages; config maps to the request', async () => {
    const source = [
      '---',
      'model: anthropic/claude-sonnet-4-5',
      'config:',
      '  maxOutputTokens: 256',
      '  temperature: 0.1',
      '  topP: 0.8',
      '  topK: 20',
      '  stopSequences: ["###"]',
      '---',
      '{{role "system"}}',
      'You are a support agent for {{product}}.',
      '',
      '{{role "user"}}',
      'Example question',
      '{{role "model"}}',
      'Example answer',
      '{{role "user"}}',
      '{{question}}',
      '{{role "user"}}',
      'Be brief.',
    ].join('\n');
    const { request } = await render(source, { product: 'Acme', question: 'Where is my order?' });
    assert.deepEqual(request, {
      model: 'claude-sonnet-4-5',
      system: 'You are a support agent for Acme.',
      messages: [
        { role: 'user', content: 'Example question' },
        { role: 'assistant', content: 'Example answer' },
        { role: 'user', content: 'Where is my order?\n\nBe brief.' },
      ],
      maxTokens: 256,
      temperature: 0.1,
      topP: 0.8,
      topK: 20,
      stopSequences: ['###'],
    });
  });

  test('without front-matter settings the project defaults apply and text without markers is the user message', async () => {
    const { request } = await render('---\n---\n\n  Hello {{name}}  \n', { name: 'Ada' });
    assert.deepEqual(request, { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'Hello Ada' }], maxTokens: 777 });
  });

  test('a CRLF checkout renders the same request as LF (same cache and recording key)', async () => {
    const source = '---\nmodel: claude-haiku-4-5\n---\n{{role "system"}}\nBe brief.\n{{role "user"}}\nLine one\nLine {{n}}\n';
    const lf = await render(source, { n: 2 });
    const crlf = await render(source.replace(/\n/g, '\r\n'), { n: 2 });
    assert.equal(lf.request?.messages[0].content, 'Line one\nLine 2');
    assert.deepEqual(crlf.request, lf.request);
  });

  test('input.default fills what vars leave out; vars win', async () => {
    const source = '---\ninput:\n  schema:\n    name: string\n    tone?: string\n  default:\n    tone: warm\n    name: friend\n---\nHi {{name}}, in a {{tone}} tone.';
    assert.equal((await render(source)).request?.messages[0].content, 'Hi friend, in a warm tone.');
    assert.equal((await render(source, { name: 'Ada' })).request?.messages[0].content, 'Hi Ada, in a warm tone.');
  });

  test('a required variable nobody supplies is a missing-variable problem naming it and the test, at its use', async () => {
    const source = '---\ninput:\n  schema:\n    question: string\n    context?: string\n---\nQ: {{question}}\nC: {{context}}';
    const { problems } = await render(source, { context: 'x' }, 'test "late-refund"');
    assert.equal(problems?.length, 1);
    const [p] = problems!;
    assert.equal(p.code, 'missing-variable');
    assert.equal(p.file, FILE);
    assert.match(p.message, /`question` is required by input\.schema but test "late-refund" does not set it/);
    assert.deepEqual([p.range.start, p.range.end], [{ line: 7, column: 6 }, { line: 7, column: 14 }]);
  });

  test('vars that break input.schema are invalid-variable problems', async () => {
    const source = '---\ninput:\n  schema:\n    count: integer\n    mode(enum): [fast, slow]\n---\n{{count}} {{mode}}';
    const { problems } = await render(source, { count: 'three', mode: 'medium' });
    assert.deepEqual(problems?.map((p) => p.code), ['invalid-variable', 'invalid-variable']);
    assert.match(problems![0].message, /\/count must be integer/);
    assert.match(problems![1].message, /\/mode must be equal to one of the allowed values \("fast", "slow"\)/);
    assert.equal(problems![1].range.start.line, 7);
    assert.equal(problems![1].range.start.column, 13);
  });

  test('output.format json with a schema asks for structured output', async () => {
    const source = '---\noutput:\n  format: json\n  schema:\n    label(enum): [bug, billing]\n    confidence: number\n---\nClassify: {{ticket}}';
    const { request } = await render(source, { ticket: 'I was charged twice' });
    assert.deepEqual(request?.outputSchema, {
      type: 'object',
      additionalProperties: false,
      required: ['label', 'confidence'],
      properties: { label: { enum: ['bug', 'billing'] }, confidence: { type: 'number' } },
    });
    const text = await render('---\noutput:\n  format: text\n  schema:\n    a: string\n---\nX');
    assert.equal(text.request?.outputSchema, undefined, 'a schema without format: json is not structured output');
  });

  test('Handlebars semantics come from dotprompt: helpers, each, if, json', async () => {
    const source = '---\n---\n{{#each items}}- {{this.name}}{{#if @last}}.{{/if}}\n{{/each}}{{json meta}} {{#ifEquals mode "x"}}X{{else}}Y{{/ifEquals}}';
    const { request } = await render(source, { items: [{ name: 'a' }, { name: 'b' }], meta: { k: 1 }, mode: 'x' });
    assert.equal(request?.messages[0].content, '- a\n- b.\n{"k":1} X');
  });

  test('a prompt with errors does not render: its error problems come back', async () => {
    const { problems } = await render('---\nmodel: openai/gpt-4o\n---\nHi {{name');
    assert.deepEqual(problems?.map((p) => p.code).sort(), ['template-syntax', 'unsupported-provider']);
  });

  test('a prompt that renders to no user message is refused', async () => {
    const { problems } = await render('---\n---\n{{role "system"}}Only instructions');
    assert.equal(problems?.[0].code, 'empty-prompt');
  });

  test('a Handlebars error the scan lets through is a template-error at its line in the file', async () => {
    const { problems } = await render('---\nmodel: claude-haiku-4-5\n---\n\nLine one\n{{json a=}}');
    assert.equal(problems?.[0].code, 'template-error');
    assert.equal(problems?.[0].range.start.line, 6);
    assert.match(problems![0].message, /^Template syntax error: Expecting/);
  });
});
