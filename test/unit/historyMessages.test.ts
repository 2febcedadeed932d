import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { diffRuns } from '../../src/core/history/diff';
import type { HistoryResult, VersionEvaluation } from '../../src/core/history/evaluateHistory';
import { summarizeRun } from '../../src/core/history/runSummary';
import type { RunRecord, TestResult, TraceRecord } from '../../src/core/types';
import { diffMessage, historyVersion, missingVersions, testRows, traceDetail, traceRow } from '../../src/extension/historyMessages';

const usage = { inputTokens: 100, outputTokens: 20, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };

function result(id: string, score: number, extra: Partial<TestResult> = {}): TestResult {
  return {
    id,
    promptPath: 'triage.prompt',
    repeatIndex: 0,
    score,
    pass: score >= 0.5,
    assertions: [],
    output: `answer for ${id}`,
    usage,
    costUsd: 0.0006,
    judgeCostUsd: 0.0001,
    latencyMs: 400,
    cached: false,
    recorded: false,
    ...extra,
  };
}

function run(commit: string, results: TestResult[]): RunRecord {
  return {
    runId: `run-${commit}`,
    startedAt: '2026-12-04T10:00:00.000Z',
    status: 'completed',
    prompt: { path: 'triage.prompt', hash: `hash-${commit}`, commit },
    tests: { path: 'triage.tests.yaml', hash: 'tests' },
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    gradersVersion: '1',
    repeat: 1,
    results,
    totals: { tests: results.length, passed: 0, failed: 0, errored: 0, costUsd: 0, judgeCostUsd: 0, inputTokens: 0, outputTokens: 0, durationMs: 0 },
  };
}

const version = (commit: string) => ({ commit, shortSha: commit.slice(0, 7), date: '2026-12-03T09:00:00Z', author: 'Ada', subject: 'Tighten the rubric', path: 'triage.prompt', hash: `hash-${commit}` });

describe('history panel messages', () => {
  test('a version with a run carries its summary; one without is marked not evaluated', () => {
    const r = run('c3c3c3c3', [result('a', 1), result('b', 0)]);
    const evaluated: VersionEvaluation = { version: version('c3c3c3c3'), status: 'reused', run: r, summary: summarizeRun(r), problems: [] };
    const missing: VersionEvaluation = { version: version('b2b2b2b2'), status: 'missing', problems: [] };
    const row = historyVersion(evaluated);
    assert.equal(row.evaluated, true);
    assert.equal(row.meanScore, 0.5);
    assert.equal(row.passRate, 0.5);
    assert.equal(row.tests, 2);
    assert.equal(row.latencyMs, 400);
    assert.equal(historyVersion(missing).evaluated, false);
    assert.equal(historyVersion(missing).meanScore, undefined);
  });

  test('Run history counts the versions with no run and carries the estimate of exactly those', () => {
    const r = run('c3c3c3c3', [result('a', 1)]);
    const evaluations: VersionEvaluation[] = [
      { version: version('working'), status: 'missing', problems: [] },
      { version: version('c3c3c3c3'), status: 'reused', run: r, summary: summarizeRun(r), problems: [] },
      { version: version('b2b2b2b2'), status: 'missing', problems: [] },
    ];
    const estimate = { totalUsd: 0.004, basis: 'max_tokens' } as HistoryResult['estimate'];
    assert.deepEqual(missingVersions({ evaluations, estimate, reused: 1, evaluated: 0 }), { count: 2, estimateUsd: 0.004, upperBound: true });
    assert.deepEqual(missingVersions({ evaluations: evaluations.slice(1, 2), reused: 1, evaluated: 0 }), { count: 0, estimateUsd: null, upperBound: false });
  });

  test('test rows add the judge cost to the call cost and spell out errors', () => {
    const rows = testRows(run('x', [result('a', 1), result('b', 0, { error: { type: 'rate_limit', message: '429 after 3 retries', retryable: true }, costUsd: null })]));
    assert.ok(Math.abs((rows[0].costUsd ?? 0) - 0.0007) < 1e-12);
    assert.equal(rows[1].costUsd, null);
    assert.equal(rows[1].error, 'rate_limit: 429 after 3 retries');
  });

  test('a diff keeps the core order (regressions first) and its intervals', () => {
    const before = run('a1', [1, 1, 1].map((s, i) => result('stable', s, { repeatIndex: i })).concat([1, 1, 1].map((s, i) => result('drops', s, { repeatIndex: i }))));
    before.repeat = 3;
    const after = run('b2', [1, 1, 1].map((s, i) => result('stable', s, { repeatIndex: i })).concat([0, 0.1, 0].map((s, i) => result('drops', s, { repeatIndex: i }))));
    after.repeat = 3;
    const message = diffMessage(diffRuns(before, after), 'a1', 'b2');
    assert.equal(message.rows[0].id, 'drops');
    assert.equal(message.rows[0].verdict, 'regression');
    assert.equal(message.rows[0].flip, 'pass-to-fail');
    assert.ok(message.rows[0].ci && message.rows[0].ci[1] < 0, 'the interval of a real drop lies below zero');
    assert.equal(message.summary.before, 'a1');
    assert.equal(message.summary.regressions, 1);
  });

  test('trace rows and details take the OTel fields', () => {
    const trace: TraceRecord = {
      trace_id: 't1',
      span_id: 's1',
      start_time: '2026-12-04T10:00:00.000Z',
      duration_ms: 321,
      'gen_ai.operation.name': 'judge',
      'gen_ai.provider.name': 'anthropic',
      'gen_ai.request.model': 'claude-haiku-4-5',
      'gen_ai.request.max_tokens': 256,
      'gen_ai.usage.input_tokens': 90,
      'gen_ai.usage.output_tokens': 12,
      'error.type': 'overloaded',
      'error.message': '529 from the API',
      'promptops.prompt.path': 'triage.prompt',
      'promptops.prompt.hash': 'h',
      'promptops.git.commit': 'dirty',
      'promptops.test.id': 'refund',
      'promptops.cost_usd': 0.00015,
      input: { system: 'You are a judge.', messages: [{ role: 'user', content: 'Grade this.' }] },
    };
    const row = traceRow(trace);
    assert.deepEqual(
      { op: row.operation, model: row.model, test: row.testId, latency: row.latencyMs, error: row.error },
      { op: 'judge', model: 'claude-haiku-4-5', test: 'refund', latency: 321, error: 'overloaded: 529 from the API' },
    );
    assert.equal(traceRow({ ...trace, 'gen_ai.operation.name': 'chat', 'promptops.call.kind': 'judge' }).operation, 'judge');
    assert.equal(traceRow({ ...trace, 'gen_ai.operation.name': 'chat' }).operation, 'prompt', 'a chat line without a kind is a prompt call');
    const detail = traceDetail(trace);
    assert.equal(detail.system, 'You are a judge.');
    assert.deepEqual(detail.messages, [{ role: 'user', content: 'Grade this.' }]);
  });
});
