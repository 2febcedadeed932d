// Feeds a plan to `estimateRunCost`: past output tokens from the trace log, which calls the response
// cache already answers (per repeat slot, as the runner looks them up), and exact input-token counts
// when the token counter can get them.
import pLimit from 'p-limit';
import { allowCallsInFlight } from './abortListeners';
import { estimateRunCost, type RunEstimate } from './costEstimate';
import { judgeModelFor } from './graders/llmJudge';
import { requestKey } from './hash';
import { cacheSlot } from './modelCall';
import type { Plan } from './runPlan';
import type { ResponseCache } from './store/responseCache';
import type { TraceLog } from './store/traceLog';
import { isJudgeAssertion } from './testExecution';
import type { TokenCounter } from './tokenCounter';
import type { LlmRequest, ProjectConfig } from './types';

export interface PlanEstimateOptions {
  config: ProjectConfig;
  repeat: number;
  traceLog: TraceLog;
  /** Absent when the run will not use the cache. */
  cache?: ResponseCache;
  /** Absent: offline estimates of input tokens. */
  tokenCounter?: TokenCounter;
  signal?: AbortSignal;
}

export interface PlanEstimate extends RunEstimate {
  /** Every input-token count came from the provider (`count_tokens`); false = offline approximations (show `≈`). */
  exactInputTokens: boolean;
}

// Judge answers are short verdicts whatever the prompt, so recent judge calls of any prompt tell their length.
const JUDGE_HISTORY = 50;

export async function estimatePlan(plan: Plan, options: PlanEstimateOptions): Promise<PlanEstimate> {
  const repeat = Math.max(1, Math.floor(options.repeat));
  const cached = new Set<string>();
  const inputTokens = new Map<string, number>();
  const history = new Map<string, number[]>();
  let exactInputTokens = options.tokenCounter !== undefined;

  // Token counts (API calls when exact) and cache lookups (file reads) of all requests, a few at a time.
  const limit = pLimit(Math.max(1, options.config.concurrency));
  allowCallsInFlight(options.signal, options.config.concurrency);
  const lookups: Promise<void>[] = [];
  for (const planned of plan.prompts) {
    history.set(planned.relPath, await options.traceLog.outputTokensFor(planned.relPath));
    for (const { request } of planned.cases) {
      const key = requestKey(request);
      const counter = options.tokenCounter;
      if (counter && !inputTokens.has(key)) {
        inputTokens.set(key, 0);
        lookups.push(
          limit(async () => {
            const count = await counter.count(request, options.signal);
            inputTokens.set(key, count.total);
            exactInputTokens &&= count.exact;
          }),
        );
      }
      for (let r = 0; r < repeat && options.cache; r++) {
        const cache = options.cache;
        lookups.push(
          limit(async () => {
            if (await cache.get(cacheSlot(key, r))) cached.add(`${key}#${r}`);
          }),
        );
      }
    }
  }
  await Promise.all(lookups);

  const estimate = estimateRunCost({
    prompts: plan.prompts.map((planned) => ({
      promptPath: planned.relPath,
      repeats: repeat,
      outputTokensHistory: history.get(planned.relPath),
      tests: planned.cases.map(({ test, request }) => ({
        request,
        judges: test.assert
          .filter(isJudgeAssertion)
          .map((a) => ({
            model: judgeModelFor(a, { prompt: planned.prompt, judgeModel: options.config.judgeModel }),
            rubric: typeof a.value === 'string' ? a.value : '',
            vars: test.vars,
          })),
      })),
    })),
    overrides: options.config.pricing,
    isCached: (key, repeatIndex) => cached.has(`${key}#${repeatIndex}`),
    inputTokens: options.tokenCounter ? (request: LlmRequest) => inputTokens.get(requestKey(request)) ?? 0 : undefined,
    judgeOutputTokensHistory: plan.prompts.some((p) => p.cases.some((c) => c.test.assert.some(isJudgeAssertion))) ? await options.traceLog.outputTokens({ kind: 'judge' }, JUDGE_HISTORY) : undefined,
  });
  return { ...estimate, exactInputTokens };
}

