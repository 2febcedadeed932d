import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { diffRuns } from '../../src/core/history/diff';
import { summarizeRun } from '../../src/core/history/runSummary';
import type { RunRecord, TestResult } from '../../src/core/types';

const MODEL = 'claude-haiku-4-5';

/** scores: test id → one score per repeat (a score ≥ 0.5 passes; NaN = an errored repeat). */
function run(commit: string, scores: Record<string, number[]>, extra: { outputTokens?: number; latencyMs?: number } = {}): RunRecord {
  const results: TestResult[] = Object.entries(scores).flatMap(([id, values]) =>
    values.map((score, repeatIndex) => ({
      id,
      promptPath: 'p.prompt',
      repeatIndex,
      score: Number.isNaN(score) ? 0 : score,
      pass: score >= 0.5,
      error: Number.isNaN(score) ? { type: 'server_error', message: '500', retryable: true } : undefined,
      assertions: [],
      output: '',
      usage: { inputTokens: 1000, outputTokens: extra.outputTokens ?? 100, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
      costUsd: 0,
      judgeCostUsd: 0,
      latencyMs: extra.latencyMs ?? 500,
      cached: true,
      recorded: false,
    })),
  );
  const repeat = Math.max(...Object.values(scores).map((v) => v.length));
  return {
    runId: `run-${commit}`,
    startedAt: '2026-01-01T00:00:00.000Z',
    status: 'completed',
    prompt: { path: 'p.prompt', hash: `hash-${commit}`, commit },
    tests: { path: 'p.tests.yaml', hash: 'tests' },
    model: MODEL,
    provider: 'anthropic',
    gradersVersion: '1',
    repeat,
    results,
    totals: { tests: results.length, passed: 0, failed: 0, errored: 0, costUsd: 0, judgeCostUsd: 0, inputTokens: 0, outputTokens: 0, durationMs: 0 },
  };
}

describe('diffRuns without repeats', () => {
  const before = run('a', { greet: [1], refund: [1], tone: [0.4], gone: [1] });
  const after = run('b', { greet: [1], refund: [0], tone: [0.9], fresh: [1] });
  const diff = diffRuns(before, after);

  test('per test: scores, delta, flips, added and removed; no verdict on one sample per side', () => {
    const byId = Object.fromEntries(diff.tests.map((t) => [t.id, t]));
    assert.equal(byId.refund.delta, -1);
    assert.equal(byId.refund.flip, 'pass-to-fail');
    assert.equal(byId.refund.verdict, 'no-repeats');
    assert.equal(byId.refund.interval, undefined);
    assert.equal(byId.tone.flip, 'fail-to-pass');
    assert.ok(Math.abs((byId.tone.delta ?? 0) - 0.5) < 1e-12);
    assert.equal(byId.greet.verdict, 'unchanged');
    assert.equal(byId.fresh.verdict, 'added');
    assert.equal(byId.gone.verdict, 'removed');
  });

  test('drops and pass-to-fail flips first, then gains, added, removed', () => {
    assert.deepEqual(
      diff.tests.map((t) => t.id),
      ['refund', 'greet', 'tone', 'fresh', 'gone'],
    );
  });

  test('summary says noise cannot be judged and finds no significant regression', () => {
    assert.equal(diff.summary.passToFail, 1);
    assert.equal(diff.summary.failToPass, 1);
    assert.equal(diff.summary.added, 1);
    assert.equal(diff.summary.removed, 1);
    assert.equal(diff.summary.notJudged, 2);
    assert.match(diff.summary.note ?? '', /no repeats: cannot judge noise/);
    assert.equal(diff.summary.verdict, 'within-noise');
    assert.equal(diff.significantRegression, false);
  });
});

describe('diffRuns with repeats', () => {
  test('pure noise: the same spread before and after is not called a regression', () => {
    const before = run('a', { t1: [0.6, 0.9, 0.7, 0.8], t2: [1, 0.5, 0.75, 1], t3: [0.2, 0.4, 0.3, 0.5] });
    const after = run('b', { t1: [0.9, 0.6, 0.8, 0.6], t2: [0.5, 1, 1, 0.75], t3: [0.4, 0.2, 0.5, 0.25] });
    const diff = diffRuns(before, after);
    assert.deepEqual(
      diff.tests.map((t) => t.verdict),
      ['within-noise', 'within-noise', 'within-noise'],
    );
    for (const t of diff.tests) assert.ok(t.interval && t.interval.low < 0 && t.interval.high > 0);
    assert.equal(diff.summary.regressions, 0);
    assert.equal(diff.significantRegression, false);
  });

  test('a real drop is called a regression and sorted first', () => {
    const before = run('a', { keep: [0.8, 0.9, 0.85], drop: [0.9, 1, 0.95], gain: [0.2, 0.3, 0.25] });
    const after = run('b', { keep: [0.85, 0.8, 0.9], drop: [0.2, 0.3, 0.25], gain: [0.9, 0.95, 1] });
    const diff = diffRuns(before, after);
    assert.deepEqual(
      diff.tests.map((t) => [t.id, t.verdict]),
      [
        ['drop', 'regression'],
        ['keep', 'within-noise'],
        ['gain', 'improvement'],
      ],
    );
    const drop = diff.tests[0];
    assert.ok(drop.interval && drop.interval.high < 0);
    assert.ok(Math.abs((drop.delta ?? 0) + 0.7) < 1e-12);
    assert.equal(drop.flip, 'pass-to-fail');
    assert.equal(diff.summary.regressions, 1);
    assert.equal(diff.summary.improvements, 1);
    assert.equal(diff.significantRegression, true);
  });

  test('errored repeats are left out of the scores; a test with no completed repeat is errored', () => {
    const before = run('a', { t1: [1, 1, Number.NaN], t2: [1, 1] });
    const after = run('b', { t1: [1, Number.NaN, 1], t2: [Number.NaN, Number.NaN] });
    const diff = diffRuns(before, after);
    const byId = Object.fromEntries(diff.tests.map((t) => [t.id, t]));
    assert.equal(byId.t1.before?.n, 2);
    assert.equal(byId.t1.before?.errored, 1);
    assert.equal(byId.t1.verdict, 'unchanged');
    assert.equal(byId.t2.verdict, 'errored');
    assert.equal(diff.tests[0].id, 't2');
  });
});

describe('overall change', () => {
  test('a drop on most tests is significant overall, even without repeats', () => {
    const before = run('a', { a: [1], b: [1], c: [1], d: [1], e: [1], f: [0.9] });
    const after = run('b', { a: [0.2], b: [0.1], c: [0.3], d: [0.2], e: [1], f: [0.1] });
    const diff = diffRuns(before, after);
    assert.ok(diff.summary.interval && diff.summary.interval.high < 0);
    assert.equal(diff.summary.verdict, 'regression');
    assert.equal(diff.summary.regressions, 0);
    assert.equal(diff.significantRegression, true);
  });

  test('cost and latency change, priced from usage so cached runs count what they cost live', () => {
    const before = run('a', { a: [1], b: [1] }, { outputTokens: 100, latencyMs: 400 });
    const after = run('b', { a: [1], b: [1] }, { outputTokens: 300, latencyMs: 700 });
    const diff = diffRuns(before, after);
    const s = summarizeRun(before);
    assert.ok(s.costPerRunUsd !== null && s.costPerRunUsd > 0);
    assert.ok(diff.summary.costDeltaUsd !== null && diff.summary.costDeltaUsd > 0);
    assert.equal(diff.summary.latencyDeltaMs, 300);
    assert.equal(diff.summary.verdict, 'unchanged');
    assert.equal(diff.significantRegression, false);
  });
});
