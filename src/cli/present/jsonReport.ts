import type { RunRecord, RunTotals } from '../../core/types';

export interface JsonReport {
  totals: RunTotals & { estimatedCostUsd: number | null; status: string };
  results: {
    id: string;
    prompt: string;
    repeatIndex: number;
    score: number;
    pass: boolean;
    error?: { type: string; message: string };
    usage: RunRecord['results'][number]['usage'];
    costUsd: number | null;
    judgeCostUsd: number;
    latencyMs: number;
    cached: boolean;
    recorded: boolean;
    traceId?: string;
    assertions: RunRecord['results'][number]['assertions'];
  }[];
  runs: { runId: string; prompt: string; promptHash: string; commit: string; model: string; status: string }[];
}

/** The `--json FILE` report: totals of the whole eval and one entry per test result. */
export function jsonReport(runs: readonly RunRecord[], totals: RunTotals, estimatedCostUsd: number | null, status: string): JsonReport {
  return {
    totals: { ...totals, estimatedCostUsd, status },
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
