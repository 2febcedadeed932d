// Core results → the history panel's message shapes. No vscode import: a plain mapping, unit-tested in Node.
import type { HistoryResult, VersionEvaluation } from '../core/history/evaluateHistory';
import type { RunDiff } from '../core/history/diff';
import type { Interval } from '../core/history/stats';
import { callKindOf } from '../core/store/traceLog';
import type { RunRecord, TraceRecord } from '../core/types';
import type { DiffRow, DiffSummary, HistoryVersion, MissingVersions, TestResultRow, TraceDetail, TraceRow } from '../shared/historyProtocol';

export function historyVersion(e: VersionEvaluation): HistoryVersion {
  const v = e.version;
  const s = e.summary;
  return {
    commit: v.commit,
    shortSha: v.shortSha,
    date: v.date,
    author: v.author,
    subject: v.subject,
    evaluated: s !== undefined && s.meanScore !== null,
    meanScore: s?.meanScore ?? undefined,
    passRate: s?.passRate ?? undefined,
    costUsd: s?.costPerRunUsd,
    latencyMs: s?.meanLatencyMs ?? undefined,
    tests: s?.tests,
  };
}

/** What "Run history" would evaluate, from a history read that ran nothing (its estimate covers exactly those). */
export function missingVersions(result: HistoryResult): MissingVersions {
  return {
    count: result.evaluations.filter((e) => e.status === 'missing').length,
    estimateUsd: result.estimate?.totalUsd ?? null,
    upperBound: result.estimate !== undefined && result.estimate.basis !== 'history',
  };
}

export function testRows(run: RunRecord): TestResultRow[] {
  return run.results.map((r) => ({
    id: r.id,
    score: r.score,
    pass: r.pass,
    error: r.error ? `${r.error.type}: ${r.error.message}` : undefined,
    output: r.output,
    costUsd: r.costUsd === null ? null : r.costUsd + r.judgeCostUsd,
    latencyMs: r.latencyMs,
  }));
}

function ci(interval: Interval | undefined): [number, number] | undefined {
  return interval ? [interval.low, interval.high] : undefined;
}

export function diffMessage(diff: RunDiff, beforeLabel: string, afterLabel: string): { rows: DiffRow[]; summary: DiffSummary } {
  const s = diff.summary;
  return {
    rows: diff.tests.map((t) => ({
      id: t.id,
      before: t.before?.n ? t.before.mean : undefined,
      after: t.after?.n ? t.after.mean : undefined,
      delta: t.delta,
      ci: ci(t.interval),
      flip: t.flip,
      verdict: t.verdict,
    })),
    summary: {
      before: beforeLabel,
      after: afterLabel,
      meanDelta: s.meanDelta ?? 0,
      ci: ci(s.interval),
      verdict: s.verdict,
      costDeltaUsd: s.costDeltaUsd,
      latencyDeltaMs: s.latencyDeltaMs ?? 0,
      regressions: s.regressions,
      improvements: s.improvements,
    },
  };
}

export function traceRow(t: TraceRecord): TraceRow {
  return {
    traceId: t.trace_id,
    time: t.start_time,
    operation: callKindOf(t),
    model: t['gen_ai.response.model'] ?? t['gen_ai.request.model'],
    promptPath: t['promptops.prompt.path'],
    testId: t['promptops.test.id'],
    inputTokens: t['gen_ai.usage.input_tokens'],
    outputTokens: t['gen_ai.usage.output_tokens'],
    costUsd: t['promptops.cost_usd'],
    latencyMs: t.duration_ms,
    error: t['error.type'] ? `${t['error.type']}: ${t['error.message'] ?? ''}`.trim() : undefined,
  };
}

export function traceDetail(t: TraceRecord): TraceDetail {
  return { ...traceRow(t), system: t.input.system, messages: t.input.messages, output: t.output };
}
