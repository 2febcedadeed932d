import { formatUsd } from './format';
import { requestKey } from './hash';
import { costOf, type PriceOverrides } from './pricing';
import { judgeRequest } from './graders/judgePrompt';
import { estimateTokens } from './tokens';
import type { LlmRequest, Usage } from './types';

// A judge answers with a JSON score and a one- or two-sentence reason; used when the trace log has no judge calls.
const JUDGE_OUTPUT_TOKENS = 100;

/** One `llm-judge` assertion of a test. */
export interface JudgePlan {
  model: string;
  rubric: string;
  /** The test's variables, which the judge request shows the judge. */
  vars?: Record<string, unknown>;
}

export interface TestPlan {
  /** The test's rendered request. */
  request: LlmRequest;
  judges?: JudgePlan[];
}

export interface PromptPlan {
  promptPath: string;
  tests: TestPlan[];
  /** Runs per test (`--repeat`); default 1. */
  repeats?: number;
  /** Output tokens of this prompt's past calls, from the trace log (`outputTokensFor`); empty or absent = no history. */
  outputTokensHistory?: readonly number[];
}

export interface RunPlan {
  prompts: PromptPlan[];
  overrides?: PriceOverrides;
  /** True when the response cache already holds this call (repeat `repeatIndex` of the request with `key` = `requestKey`). */
  isCached?: (key: string, repeatIndex: number) => boolean;
  /** Input tokens of a request: pass exact counts when you have them; default the offline estimate. */
  inputTokens?: (request: LlmRequest) => number;
  /** Output tokens of past judge calls from the trace log; absent = a fixed allowance. */
  judgeOutputTokensHistory?: readonly number[];
}

/** `history`: median of past outputs; `max_tokens`: no history, so an upper bound; `mixed`: some of each. */
export type EstimateBasis = 'history' | 'max_tokens' | 'mixed';

export interface PromptEstimate {
  promptPath: string;
  model: string;
  /** Calls the run will make (tests × repeats, identical requests once), cached ones included. */
  calls: number;
  cachedCalls: number;
  judgeCalls: number;
  inputTokens: number;
  /** Expected output tokens per call. */
  outputTokensPerCall: number;
  basis: Exclude<EstimateBasis, 'mixed'>;
  /** Null when a model it calls has no price. */
  promptUsd: number | null;
  judgeUsd: number | null;
}

export interface RunEstimate {
  /** Null when some model has no price: see `unknownModels` (never a silent zero). */
  totalUsd: number | null;
  promptUsd: number | null;
  judgeUsd: number | null;
  calls: number;
  cachedCalls: number;
  judgeCalls: number;
  perPrompt: PromptEstimate[];
  basis: EstimateBasis;
  unknownModels: string[];
}

/**
 * Expected cost of a planned run, before any call: for each uncached call, input tokens × input price + expected
 * output tokens × output price, plus its judge calls (the grader's own judge request around an answer of the
 * expected length in, a short verdict out). Identical requests are counted once, as the runner deduplicates them.
 * A cached call's judge calls are cached too: built from the cached answer, they repeat earlier judge requests.
 */
export function estimateRunCost(plan: RunPlan): RunEstimate {
  const inputTokensOf = plan.inputTokens ?? ((r: LlmRequest) => estimateTokens(r).total);
  const judgeOutputTokens = median(plan.judgeOutputTokensHistory) ?? JUDGE_OUTPUT_TOKENS;
  const unknown = new Set<string>();
  const seen = new Set<string>();
  const priced = (model: string, usage: Usage): number | null => {
    const usd = costOf(model, usage, { overrides: plan.overrides });
    if (usd === null) unknown.add(model);
    return usd;
  };

  const perPrompt = plan.prompts.map((p): PromptEstimate => {
    const repeats = Math.max(1, Math.floor(p.repeats ?? 1));
    const history = median(p.outputTokensHistory);
    const est: PromptEstimate = {
      promptPath: p.promptPath,
      model: p.tests[0]?.request.model ?? '',
      calls: 0,
      cachedCalls: 0,
      judgeCalls: 0,
      inputTokens: 0,
      outputTokensPerCall: history ?? Math.max(0, ...p.tests.map((t) => t.request.maxTokens)),
      basis: history === undefined ? 'max_tokens' : 'history',
      promptUsd: 0,
      judgeUsd: 0,
    };
    for (const test of p.tests) {
      const key = requestKey(test.request);
      const outputTokens = history === undefined ? test.request.maxTokens : Math.min(history, test.request.maxTokens);
      const inputTokens = inputTokensOf(test.request);
      const judges = (test.judges ?? []).map((j) => ({
        model: j.model,
        inputTokens: estimateTokens(judgeRequest(j.model, j.rubric, '', j.vars ?? {})).total + outputTokens,
      }));
      for (let repeat = 0; repeat < repeats; repeat++) {
        if (seen.has(`${repeat}:${key}`)) continue;
        seen.add(`${repeat}:${key}`);
        est.calls++;
        if (plan.isCached?.(key, repeat)) {
          est.cachedCalls++;
          continue;
        }
        est.inputTokens += inputTokens;
        est.promptUsd = addUsd(est.promptUsd, priced(test.request.model, usageOf(inputTokens, outputTokens)));
        for (const judge of judges) {
          est.judgeCalls++;
          est.judgeUsd = addUsd(est.judgeUsd, priced(judge.model, usageOf(judge.inputTokens, judgeOutputTokens)));
        }
      }
    }
    return est;
  });

  const promptUsd = perPrompt.reduce<number | null>((sum, p) => addUsd(sum, p.promptUsd), 0);
  const judgeUsd = perPrompt.reduce<number | null>((sum, p) => addUsd(sum, p.judgeUsd), 0);
  const bases = new Set(perPrompt.map((p) => p.basis));
  return {
    totalUsd: addUsd(promptUsd, judgeUsd),
    promptUsd,
    judgeUsd,
    calls: sum(perPrompt.map((p) => p.calls)),
    cachedCalls: sum(perPrompt.map((p) => p.cachedCalls)),
    judgeCalls: sum(perPrompt.map((p) => p.judgeCalls)),
    perPrompt,
    basis: bases.size > 1 ? 'mixed' : bases.has('history') ? 'history' : 'max_tokens',
    unknownModels: [...unknown].sort(),
  };
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * A run's estimate in one line: `≈$0.012 for 4 calls (1 cached, free) + 4 judge calls (≈$0.0021)`, flagged as an
 * upper bound when no past output lengths were known. `≈` unless the API counted the input tokens.
 */
export function describeEstimate(estimate: RunEstimate, exactInput = false): string {
  const approx = exactInput ? '' : '≈';
  const cached = estimate.cachedCalls ? ` (${estimate.cachedCalls} cached, free)` : '';
  const judges = estimate.judgeCalls ? ` + ${plural(estimate.judgeCalls, 'judge call')} (${approx}${formatUsd(estimate.judgeUsd)})` : '';
  const bound = estimate.basis === 'max_tokens' ? ' (upper bound: output priced at max_tokens)' : '';
  return `${approx}${formatUsd(estimate.totalUsd)} for ${plural(estimate.calls, 'call')}${cached}${judges}${bound}`;
}

function usageOf(inputTokens: number, outputTokens: number): Usage {
  return { inputTokens, outputTokens, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 };
}

function addUsd(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a + b;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** Median of the finite, non-negative values; undefined when there are none. */
export function median(values: readonly number[] | undefined): number | undefined {
  const xs = (values ?? []).filter((v) => Number.isFinite(v) && v >= 0).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : Math.round((xs[mid - 1] + xs[mid]) / 2);
}
