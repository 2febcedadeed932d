// How a test's results (one per repeat) read in the Testing view: its state, the failure messages at the
// test's line, and one output line per result with score, cost and latency. No vscode import: plain data.
import { formatCount, formatUsd } from '../core/format';
import type { TestResult } from '../core/types';
import { describeProviderError } from './providerErrors';

export type TestState = 'passed' | 'failed' | 'errored' | 'skipped';

/** One test's outcome in a run, as the scripted run command answers it. */
export interface TestOutcome {
  id: string;
  promptPath: string;
  state: TestState;
  score?: number;
  messages: string[];
}

export interface FailureMessage {
  text: string;
  expected?: string;
  actual?: string;
}

/** Errored when every repeat errored, failed when any repeat failed, else passed. */
export function summarize(results: TestResult[]): { state: Exclude<TestState, 'skipped'>; meanScore: number; durationMs: number } {
  const meanScore = results.reduce((s, r) => s + r.score, 0) / Math.max(1, results.length);
  const durationMs = Math.max(0, ...results.map((r) => r.latencyMs));
  const state = results.every((r) => r.error) ? 'errored' : results.every((r) => r.pass) ? 'passed' : 'failed';
  return { state, meanScore, durationMs };
}

/** The score against the threshold, then each failing assertion's reason, with expected/actual when the grader gave them. */
export function failureMessages(results: TestResult[], threshold: number): FailureMessage[] {
  const failing = results.filter((r) => !r.pass);
  if (!failing.length) return [];
  const out: FailureMessage[] = [];
  if (results.length > 1) {
    const mean = results.reduce((s, r) => s + r.score, 0) / results.length;
    out.push({ text: `${results.length - failing.length}/${results.length} repeats passed; mean score ${mean.toFixed(2)} (threshold ${threshold.toFixed(2)})` });
  }
  for (const r of failing) {
    const repeat = results.length > 1 ? ` (repeat ${r.repeatIndex + 1})` : '';
    if (r.error) {
      out.push({ text: `${describeProviderError(r.error)}${repeat}` });
      continue;
    }
    out.push({ text: `Score ${r.score.toFixed(2)} below threshold ${threshold.toFixed(2)}${repeat}` });
    for (const a of r.assertions.filter((g) => !g.pass)) {
      out.push({ text: `${a.type}: ${a.reason}${repeat}`, expected: a.expected, actual: a.expected !== undefined ? (a.actual ?? r.output) : undefined });
    }
  }
  return out;
}

/** `✓ refund-policy  score 1.00 ≥ 0.80 · $0.0012 · 850 ms (cached)`. */
export function formatResultLine(id: string, r: TestResult, threshold: number): string {
  const mark = r.error ? '!' : r.pass ? '✓' : '✗';
  const cost = r.costUsd === null ? 'cost unknown' : formatUsd(r.costUsd + r.judgeCostUsd);
  const flags = [r.cached ? 'cached' : '', r.recorded ? 'recorded answer' : ''].filter(Boolean).join(', ');
  const score = r.error ? `error ${r.error.type}` : `score ${r.score.toFixed(2)} ${r.pass ? '≥' : '<'} ${threshold.toFixed(2)}`;
  return `${mark} ${id}  ${score} · ${cost} · ${formatCount(r.latencyMs)} ms${flags ? ` (${flags})` : ''}`;
}
