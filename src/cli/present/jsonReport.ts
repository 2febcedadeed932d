import type { ProviderError, RunRecord, RunTotals, TestResult } from '../../core/types';

type ResultEntry = Pick<TestResult, 'id' | 'repeatIndex' | 'score' | 'pass' | 'usage' | 'costUsd' | 'judgeCostUsd' | 'latencyMs' | 'cached' | 'recorded' | 'traceId' | 'assertions'> & {
  /** Workspace-relative path of the prompt. */
  prompt: string;
  error?: Pick<ProviderError, 'type' | 'message'>;
};

export interface JsonReport {
  /** `costIncomplete`: some call's price was unknown, so `costUsd` (a number, as the report's contract says) leaves it out. */
  totals: RunTotals & { costIncomplete: boolean; estimatedCostUsd: number | null; status: string };
  results: ResultEntry[];
  runs: { runId: string; prompt: string; promptHash: string; commit: string; model: string; status: string }[];
}

/** The `--json FILE` report: totals of the whole eval and one entry per test result. */
export function jsonReport(runs: readonly RunRecord[], totals: RunTotals, estimatedCostUsd: number | null, status: string): JsonReport {
  return {
    totals: { ...totals, costIncomplete: totals.costIncomplete ?? false, estimatedCostUsd, status },
    results: runs.flatMap((run) =>
      run.results.map((r) => ({
        id: r.id,
        prompt: run.prompt.path,
        repeatIndex: r.repeatIndex,
        score: r.score,
        pass: r.pass,
        ...(r.error ? { error: { type: r.error.type, message: r.error.message } } : {}),
        usage: r.usage,
        costUsd: r.costUsd,
        judgeCostUsd: r.judgeCostUsd,
        latencyMs: r.latencyMs,
        cached: r.cached,
        recorded: r.recorded,
        traceId: r.traceId,
        assertions: r.assertions,
      })),
    ),
    runs: runs.map((run) => ({ runId: run.runId, prompt: run.prompt.path, promptHash: run.prompt.hash, commit: run.prompt.commit, model: run.model, status: run.status })),
  };
}
