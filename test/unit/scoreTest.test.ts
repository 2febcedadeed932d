import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultThreshold, passLineOf, scoreTest } from '../../src/core/graders';
import type { GradeResult } from '../../src/core/types';

function grade(score: number, weight = 1, extra: Partial<GradeResult> = {}): GradeResult {
  return { type: 'contains', pass: score >= 1, score, weight, reason: '', ...extra };
}

test('the score is the weighted mean of the assertion scores', () => {
  assert.deepEqual(scoreTest([grade(1), grade(0, 3)], 0.2), { score: 0.25, pass: true });
  assert.deepEqual(scoreTest([grade(1), grade(0, 3)], 0.3), { score: 0.25, pass: false });
  assert.equal(scoreTest([grade(0.5, 2), grade(1, 2), grade(0, 0)], 0).score, 0.75);
});

test('a score equal to the threshold passes despite floating-point rounding', () => {
  const { score, pass } = scoreTest([grade(0.7), grade(0.7), grade(0.7)], 0.7);
  assert.ok(Math.abs(score - 0.7) < 1e-12);
  assert.equal(pass, true);
});

test('at threshold 1 every weighted assertion must score 1', () => {
  assert.equal(scoreTest([grade(1), grade(1)], 1).pass, true);
  assert.equal(scoreTest([grade(1), grade(0.9)], 1).pass, false);
});

test('weight 0 is informational: left out of the score, even when failing', () => {
  assert.deepEqual(scoreTest([grade(1), grade(0, 0)], 1), { score: 1, pass: true });
});

test('a hard failure fails the test whatever the score, even at weight 0', () => {
  assert.deepEqual(scoreTest([grade(1, 10), grade(0, 1, { hard: true })], 0.5), { score: 10 / 11, pass: false });
  assert.equal(scoreTest([grade(1), grade(0, 0, { hard: true })], 0).pass, false);
});

test('no weighted assertion scores 1', () => {
  assert.deepEqual(scoreTest([], 1), { score: 1, pass: true });
  assert.deepEqual(scoreTest([grade(0, 0)], 1), { score: 1, pass: true });
});

test('passLineOf: 1 for pass/fail types, the threshold or default for continuous ones, mirrored by not-', () => {
  assert.equal(passLineOf({ type: 'contains', value: 'a', threshold: 0.2 }), 1);
  assert.equal(passLineOf({ type: 'not-regex', value: 'a' }), 1);
  assert.equal(passLineOf({ type: 'llm-judge', value: 'r' }), 0.7);
  assert.equal(passLineOf({ type: 'llm-judge', value: 'r', threshold: 0.9 }), 0.9);
  assert.equal(passLineOf({ type: 'javascript', value: '1' }), 0.5);
  assert.equal(passLineOf({ type: 'icontains-all', value: ['a'] }), 1);
  assert.equal(passLineOf({ type: 'contains-all', value: ['a'], threshold: 0.5 }), 0.5);
  assert.ok(Math.abs(passLineOf({ type: 'not-llm-judge', value: 'r' }) - 0.3) < 1e-12);
});

test('defaultThreshold is the weighted mean of the pass lines, so a test whose assertions all pass passes', () => {
  const assertions = [
    { type: 'contains', value: 'a' },
    { type: 'llm-judge', value: 'r', weight: 2 },
    { type: 'latency', value: 10, weight: 0 },
  ];
  const threshold = defaultThreshold(assertions);
  assert.ok(Math.abs(threshold - 2.4 / 3) < 1e-12);
  assert.equal(scoreTest([grade(1), grade(0.7, 2), grade(0, 0)], threshold).pass, true);
  assert.equal(scoreTest([grade(1), grade(0.65, 2)], threshold).pass, false);
  assert.equal(defaultThreshold([{ type: 'equals', value: 'x' }, { type: 'is-json' }]), 1);
  assert.equal(defaultThreshold([]), 1);
});
