import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GradeResult, TestResult } from '../../src/core/types';
import { failureMessages, formatResultLine, summarize } from '../../src/extension/testResults';

const usage = { inputTokens: 100, outputTokens: 20, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

function result(fields: Partial<TestResult>): TestResult {
  return {
    id: 't1',
    promptPath: 'a.prompt',
    repeatIndex: 0,
    score: 1,
    pass: true,
    assertions: [],
    output: 'Hello there',
    usage,
    costUsd: 0.0012,
    judgeCostUsd: 0,
    latencyMs: 850.4,
    cached: false,
    recorded: false,
    ...fields,
  };
}

const equalsFailed: GradeResult = { type: 'equals', pass: false, score: 0, weight: 1, reason: 'output differs', expected: 'banana' };

describe('test results in the Testing view', () => {
  it('passes only when every repeat passes, errors only when every repeat errored', () => {
    assert.equal(summarize([result({}), result({ repeatIndex: 1 })]).state, 'passed');
    assert.equal(summarize([result({}), result({ repeatIndex: 1, pass: false, score: 0 })]).state, 'failed');
    const error = { type: 'rate_limit', message: 'slow down', retryable: true, status: 429 };
    assert.equal(summarize([result({ error, pass: false, score: 0 })]).state, 'errored');
    assert.equal(summarize([result({ score: 0.5 }), result({ score: 1, repeatIndex: 1 })]).meanScore, 0.75);
  });

  it('explains a failure: score against threshold, then each failing assertion with expected and actual', () => {
    const messages = failureMessages([result({ pass: false, score: 0, assertions: [equalsFailed] })], 1);
    assert.equal(messages[0].text, 'Score 0.00 below threshold 1.00');
    assert.deepEqual(messages[1], { text: 'equals: output differs', expected: 'banana', actual: 'Hello there' });
    assert.deepEqual(failureMessages([result({})], 1), []);
  });

  it('names the repeat and the pass count when a test ran several times', () => {
    const messages = failureMessages([result({}), result({ repeatIndex: 1, pass: false, score: 0, assertions: [equalsFailed] })], 1);
    assert.equal(messages[0].text, '1/2 repeats passed; mean score 0.50 (threshold 1.00)');
    assert.match(messages[1].text, /\(repeat 2\)$/);
  });

  it('prints one line per result with score, cost and latency', () => {
    assert.equal(formatResultLine('t1', result({ cached: true }), 0.8), '✓ t1  score 1.00 ≥ 0.80 · $0.0012 · 850 ms (cached)');
    assert.equal(formatResultLine('t1', result({ costUsd: null }), 0.8), '✓ t1  score 1.00 ≥ 0.80 · cost unknown · 850 ms');
  });
});
