import type { RunTotals, TestResult } from './types';

/** Totals of a set of results; `durationMs` is the wall-clock span the caller measured. */
export function totalsOf(results: readonly TestResult[], durationMs: number): RunTotals {
  const totals: RunTotals = {
    tests: results.length,
    passed: 0,
    failed: 0,
    errored: 0,
    costUsd: 0,
    judgeCostUsd: 0,
    inputTokens: 0,
    outputTokens: 0,
    durationMs,
  };
  for (const r of results) {
    if (r.error) totals.errored++;
    else if (r.pass) totals.passed++;
    else totals.failed++;
    if (r.costUsd === null) totals.costIncomplete = true;
    else totals.costUsd += r.costUsd;
    totals.judgeCostUsd += r.judgeCostUsd;
    totals.inputTokens += r.usage.inputTokens;
    totals.outputTokens += r.usage.outputTokens;
  }
  return totals;
}

/** Sums totals of several runs; the duration is the caller's wall-clock span, since runs overlap. */
export function sumTotals(parts: readonly RunTotals[], durationMs: number): RunTotals {
  const sum: RunTotals = { tests: 0, passed: 0, failed: 0, errored: 0, costUsd: 0, judgeCostUsd: 0, inputTokens: 0, outputTokens: 0, durationMs };
  for (const t of parts) {
    sum.tests += t.tests;
    sum.passed += t.passed;
    sum.failed += t.failed;
    sum.errored += t.errored;
    sum.costUsd += t.costUsd;
    sum.judgeCostUsd += t.judgeCostUsd;
    sum.inputTokens += t.inputTokens;
    sum.outputTokens += t.outputTokens;
    if (t.costIncomplete) sum.costIncomplete = true;
  }
  return sum;
}
