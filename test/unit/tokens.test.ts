import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { countTokens } from 'gpt-tokenizer/encoding/cl100k_base';
import { CLAUDE_CALIBRATION, estimateTextTokens, estimateTokens } from '../../src/core/tokens';
import type { LlmRequest } from '../../src/core/types';

const request: LlmRequest = {
  model: 'claude-sonnet-4-5',
  system: 'You are a support agent for Acme. Answer in two sentences.',
  messages: [
    { role: 'user', content: 'My invoice shows a double charge for November. Can you refund one?' },
    { role: 'assistant', content: 'I can help with that.' },
    { role: 'user', content: 'Thanks — order #4411.' },
  ],
  maxTokens: 512,
};

function longText(bytes: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.join('\n').length < bytes; i++) {
    lines.push(`Ticket ${i}: the customer reports that the export to CSV fails with error E${1000 + i}.`, '', '  - steps: open Reports, click Export', '');
  }
  return lines.join('\n');
}

describe('estimateTokens', () => {
  test('is deterministic and marked approximate', () => {
    const a = estimateTokens(request);
    const b = estimateTokens(structuredClone(request));
    assert.deepEqual(a, b);
    assert.equal(a.approximate, true);
  });

  test("matches Anthropic's documented count_tokens example: a \"Hello, Claude\" user message is 14 tokens", () => {
    assert.equal(estimateTokens({ model: 'claude-sonnet-4-5', maxTokens: 1, messages: [{ role: 'user', content: 'Hello, Claude' }] }).total, 14);
  });

  test('splits the total into system and one count per message', () => {
    const e = estimateTokens(request);
    assert.equal(e.messages.length, 3);
    assert.ok(e.system > estimateTextTokens(request.system!));
    request.messages.forEach((m, i) => assert.ok(e.messages[i] > estimateTextTokens(m.content), `message ${i} has a role overhead`));
    assert.ok(e.total > e.system + e.messages.reduce((x, y) => x + y, 0), 'the request has an overhead of its own');
    assert.ok(e.messages[0] > e.messages[2], 'a longer message counts more');
  });

  test('no system prompt counts zero for it; an output schema adds its text', () => {
    const plain = estimateTokens({ ...request, system: undefined });
    assert.equal(plain.system, 0);
    assert.equal(plain.outputSchema, 0);
    const schema = { type: 'object', properties: { category: { enum: ['billing', 'bug', 'feature', 'other'] }, confidence: { type: 'number' } }, required: ['category'] };
    const structured = estimateTokens({ ...request, system: undefined, outputSchema: schema });
    assert.ok(structured.outputSchema > estimateTextTokens(JSON.stringify(schema)));
    assert.equal(structured.total, plain.total + structured.outputSchema);
  });
});

describe('estimateTextTokens', () => {
  test('scales a real BPE count and counts nothing for empty text', () => {
    assert.equal(estimateTextTokens(''), 0);
    const text = 'The quick brown fox jumps over the lazy dog.';
    assert.equal(estimateTextTokens(text), Math.ceil(countTokens(text) * CLAUDE_CALIBRATION));
    assert.ok(CLAUDE_CALIBRATION > 1 && CLAUDE_CALIBRATION < 1.3);
  });

  test('treats special-token text as plain text instead of failing', () => {
    assert.ok(estimateTextTokens('before <|endoftext|> after <|im_start|>') > 5);
  });

  test('counting a long text in chunks stays within 1% of counting it whole', () => {
    const text = longText(100_000);
    const whole = Math.ceil(countTokens(text) * CLAUDE_CALIBRATION);
    const chunked = estimateTextTokens(text);
    assert.ok(Math.abs(chunked - whole) / whole < 0.01, `chunked ${chunked}, whole ${whole}`);
  });

  test('a one-character edit in a long text changes the count by a few tokens, and repeats give the same count', () => {
    const text = longText(50_000);
    const before = estimateTextTokens(text);
    const edited = text.slice(0, 25_000) + 'x' + text.slice(25_000);
    const after = estimateTextTokens(edited);
    assert.ok(Math.abs(after - before) <= 3, `${before} → ${after}`);
    assert.equal(estimateTextTokens(edited), after);
  });

  test('a long line without spaces or line breaks, with emoji, is counted without splitting characters', () => {
    const text = '😀'.repeat(10_000);
    const chunked = estimateTextTokens(text);
    const whole = Math.ceil(countTokens(text) * CLAUDE_CALIBRATION);
    assert.ok(Math.abs(chunked - whole) / whole < 0.01, `chunked ${chunked}, whole ${whole}`);
  });
});
