// Run records and test results as the runner writes them, for store and report tests.
import { totalsOf } from '../../src/core/runTotals';
import { newRunId, type RunHeader } from '../../src/core/store/runStore';
import type { RunRecord, TestResult } from '../../src/core/types';

export function testResult(id: string, extra: Partial<TestResult> = {}): TestResult {
  return {
    id,
    promptPath: 'a.prompt',
    repeatIndex: 0,
    score: 1,
    pass: true,
    assertions: [],
    output: `answer for ${id}`,
    usage: { inputTokens: 120, outputTokens: 30, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
    costUsd: 0.0012,
    judgeCostUsd: 0,
    latencyMs: 812,
    cached: false,
    recorded: false,
    ...extra,
  };
}

export function runHeader(overrides: Partial<RunHeader> = {}): RunHeader {
  return {
    runId: newRunId(),
    startedAt: '2026-12-04T10:00:00.000Z',
    status: 'running',
    prompt: { path: 'a.prompt', hash: 'p1', commit: 'abc' },
    tests: { path: 'a.tests.yaml', hash: 't1' },
    model: 'claude-haiku-4-5',
    provider: 'anthropic',
    gradersVersion: '1',
    repeat: 1,
    ...overrides,
  };
}

export function runRecord(results: TestResult[], overrides: Partial<RunHeader> = {}): RunRecord {
  return { ...runHeader(overrides), status: 'completed', finishedAt: '2026-12-04T10:00:01.000Z', results, totals: totalsOf(results, 1000) };
}
