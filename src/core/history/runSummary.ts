// What one run says about its prompt version, as history rows and diffs show it: per-test scores over
// repeats, mean score, pass rate, cost of one run and mean latency. Errored results (the call or the
// grading could not complete) say nothing about the prompt, so they are counted apart, not scored.
import { costOf, type PriceOverrides } from '../pricing';
import type { RunRecord, TestResult } from '../types';
import { mean } from './stats';

export interface TestScores {
  id: string;
  /** Scores of the repeats that completed. */
  scores: number[];
  passed: number;
  errored: number;
}

export interface RunSummary {
  runId: string;
  /** Distinct test ids in the run. */
  tests: number;
  results: number;
  errored: number;
  /** Mean over tests of each test's mean score over repeats; null when nothing completed. */
  meanScore: number | null;
  /** Passed / completed results; null when nothing completed. */
  passRate: number | null;
  /**
   * Cost of one run of the suite (all tests, one repeat, judge calls included), priced from token usage so
   * a run answered from the response cache shows what it costs live; null when a model has no price.
   */
  costPerRunUsd: number | null;
  /** Mean latency of the prompt calls that completed. */
  meanLatencyMs: number | null;
}

/** Results grouped by test id, in the order the tests first appear. */
export function scoresByTest(run: RunRecord): Map<string, TestScores> {
  const byId = new Map<string, TestScores>();
  for (const r of run.results) {
    let t = byId.get(r.id);
    if (!t) byId.set(r.id, (t = { id: r.id, scores: [], passed: 0, errored: 0 }));
    if (r.error) t.errored++;
    else {
      t.scores.push(r.score);
      if (r.pass) t.passed++;
    }
  }
  return byId;
}

/** Cost of one result from its usage (prompt call and judge calls); null when a price is unknown. */
function resultCostUsd(model: string, result: TestResult, overrides?: PriceOverrides): number | null {
  let cost = costOf(model, result.usage, { overrides });
  if (cost === null) return null;
  for (const grade of result.assertions) {
    if (!grade.judge) continue;
    const judged = costOf(grade.judge.model, grade.judge.usage, { overrides });
    if (judged === null) return null;
    cost += judged;
  }
  return cost;
}

function average(xs: readonly number[]): number | null {
  return xs.length ? mean(xs) : null;
}

export function summarizeRun(run: RunRecord, overrides?: PriceOverrides): RunSummary {
  const byTest = [...scoresByTest(run).values()];
  const testMeans = byTest.filter((t) => t.scores.length).map((t) => mean(t.scores));
  const completed = run.results.filter((r) => !r.error);
  let cost: number | null = 0;
  for (const r of run.results) {
    const c = resultCostUsd(run.model, r, overrides);
    cost = c === null || cost === null ? null : cost + c;
  }
  return {
    runId: run.runId,
    tests: byTest.length,
    results: run.results.length,
    errored: run.results.length - completed.length,
    meanScore: average(testMeans),
    passRate: completed.length ? completed.filter((r) => r.pass).length / completed.length : null,
    costPerRunUsd: cost === null ? null : cost / Math.max(1, run.repeat),
    meanLatencyMs: average(completed.map((r) => r.latencyMs)),
  };
}
