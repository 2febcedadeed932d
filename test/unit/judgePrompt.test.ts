import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { judgeRequest, parseJudgeAnswer } from '../../src/core/graders/judgePrompt';
import { judgeModelFor } from '../../src/core/graders/llmJudge';
import { fixtureContext, fixturePrompt } from '../support/gradeFixtures';

describe('judgeRequest', () => {
  test('puts the rubric, the inputs and the output in the user message, deterministically', () => {
    const r = judgeRequest('claude-haiku-4-5', 'Is polite.', 'Hello!', { ticket: 'hi' });
    assert.equal(r.model, 'claude-haiku-4-5');
    assert.equal(r.temperature, 0);
    assert.match(r.system ?? '', /judge/);
    assert.match(r.system ?? '', /\{"score": <number from 0 to 1>, "reason"/);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0].content, '<rubric>\nIs polite.\n</rubric>\n\n<inputs>\n{\n  "ticket": "hi"\n}\n</inputs>\n\n<output>\nHello!\n</output>');
  });

  test('leaves out the inputs block when the test has no vars', () => {
    assert.doesNotMatch(judgeRequest('m', 'r', 'o', {}).messages[0].content, /<inputs>/);
  });
});

describe('parseJudgeAnswer', () => {
  test('reads a bare JSON answer', () => {
    assert.deepEqual(parseJudgeAnswer('{"score": 0.8, "reason": "Polite and complete."}'), { ok: true, score: 0.8, reason: 'Polite and complete.' });
  });

  test('finds the JSON inside prose or a fence, skipping braces that are not it', () => {
    const text = 'The {output} is fine.\n```json\n{"verdict": "ok"}\n```\nFinal: {"reason": "Mentions {refund} policy.", "score": 1}';
    assert.deepEqual(parseJudgeAnswer(text), { ok: true, score: 1, reason: 'Mentions {refund} policy.' });
  });

  test('accepts a numeric string score and a missing reason', () => {
    assert.deepEqual(parseJudgeAnswer('{"score": "0.25"}'), { ok: true, score: 0.25, reason: '(the judge gave no reason)' });
  });

  test('no JSON with a score is an error quoting the answer', () => {
    const r = parseJudgeAnswer('I would give this an 8 out of 10.');
    assert.deepEqual(r, { ok: false, error: 'judge answer has no JSON object with a score: "I would give this an 8 out of 10."' });
  });

  test('a score outside 0..1 is an error, not clamped', () => {
    const r = parseJudgeAnswer('{"score": 8, "reason": "good"}');
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error : '', /^judge score 8 is outside 0\.\.1: /);
    assert.equal(parseJudgeAnswer('{"score": -0.1}').ok, false);
  });

  test('a score that is not a number is an error', () => {
    assert.match(JSON.stringify(parseJudgeAnswer('{"score": "high"}')), /judge score is not a number/);
    assert.match(JSON.stringify(parseJudgeAnswer('{"score": null}')), /judge score is not a number/);
  });

  test('a long answer is quoted shortened', () => {
    const r = parseJudgeAnswer(`no score here ${'x'.repeat(500)}`);
    assert.ok(!r.ok && r.error.length < 260 && r.error.endsWith('…"'));
  });
});

describe('judgeModelFor', () => {
  test("the assertion's model wins, then the prompt's promptops.judgeModel, then the project's; provider prefix dropped", () => {
    const prompt = fixturePrompt({ ext: { 'promptops.judgeModel': 'anthropic/claude-sonnet-4-5' } });
    assert.equal(judgeModelFor({ type: 'llm-judge', model: 'anthropic/claude-opus-4-1' }, fixtureContext({ prompt })), 'claude-opus-4-1');
    assert.equal(judgeModelFor({ type: 'llm-judge' }, fixtureContext({ prompt })), 'claude-sonnet-4-5');
    assert.equal(judgeModelFor({ type: 'llm-judge' }, fixtureContext()), 'claude-haiku-4-5');
  });
});
