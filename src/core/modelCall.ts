// Every model call of a run goes through here: the same request at the same repeat index is made once and
// shared, the response cache answers when it can, calls wait for a concurrency slot, each call is costed and
// written to the trace log as it completes, and cancellation or the budget stop calls that have not started.
import { randomBytes } from 'node:crypto';
import type { LimitFunction } from 'p-limit';
import type { BudgetGuard } from './budget';
import { Dedup } from './dedup';
import { requestKey } from './hash';
import { costOf } from './pricing';
import { redactSecrets } from './redact';
import type { ResponseCache } from './store/responseCache';
import type { TraceLog } from './store/traceLog';
import type { CallKind, LlmRequest, LlmResponse, ProjectConfig, Provider, ProviderResult, TraceRecord } from './types';

/** Where a call belongs, for its trace line. Paths are workspace-relative. */
export interface CallSite {
  kind: CallKind;
  promptPath: string;
  promptHash: string;
  commit: string;
  testId?: string;
  runId?: string;
  /** Repeats are separate samples: each index is its own call and its own cache slot. */
  repeatIndex: number;
}

export type CallOutcome =
  | {
      status: 'done';
      result: ProviderResult;
      /** 0 for a cache hit and for a caller sharing another caller's call; null when the price is unknown. */
      costUsd: number | null;
      /** What the call costs when made live, priced from its usage: what a `cost` assertion checks, cached or not. */
      liveCostUsd: number | null;
      traceId: string;
      cached: boolean;
      /** This caller got the result of an identical call another test made in this run. */
      shared: boolean;
    }
  | { status: 'skipped'; reason: 'cancelled' | 'budget' };

export interface ModelCallerOptions {
  provider: Provider;
  config: ProjectConfig;
  traceLog: TraceLog;
  /** Absent: no cache (`--no-cache`). */
  cache?: ResponseCache;
  /** Shared by every call of the run; bounds calls in flight. */
  limit: LimitFunction;
  signal?: AbortSignal;
  /** Stops new calls once the run's spend crosses its limit. */
  budget?: BudgetGuard;
  /** Values that must never reach a trace (the API key). */
  secrets?: readonly string[];
}

export interface CallOptions {
  onText?: (delta: string) => void;
  /** Judge calls of a test already started run even when the budget has stopped new tests. */
  ignoreBudget?: boolean;
}

export class ModelCaller {
  constructor(
    private readonly options: ModelCallerOptions,
    private readonly dedup = new Dedup<CallOutcome>(),
  ) {}

  /** The same run (slots, dedup, budget, cache, traces) through another provider, e.g. one prompt's recorder. */
  withProvider(provider: Provider): ModelCaller {
    return new ModelCaller({ ...this.options, provider }, this.dedup);
  }

  async call(request: LlmRequest, site: CallSite, callOptions: CallOptions = {}): Promise<CallOutcome> {
    const key = requestKey(request);
    const { value, shared } = await this.dedup.run(`${key}#${site.repeatIndex}`, () => this.compute(request, key, site, callOptions));
    if (!shared || value.status === 'skipped') return value;
    return { ...value, shared: true, costUsd: value.costUsd === null ? null : 0 };
  }

  private async compute(request: LlmRequest, key: string, site: CallSite, callOptions: CallOptions): Promise<CallOutcome> {
    const { cache, limit, signal, budget } = this.options;
    const slot = cacheSlot(key, site.repeatIndex);
    const hit = cache ? await cache.get(slot) : undefined;
    if (hit) {
      const result: ProviderResult = { ok: true, response: { ...hit, cached: true } };
      const traceId = await this.trace(request, site, result, 0, new Date());
      return { status: 'done', result, costUsd: 0, liveCostUsd: this.priced(request, hit), traceId, cached: true, shared: false };
    }
    // Only the provider call holds a slot; writing its trace and cache entry happens after the slot is freed.
    const called = await limit(async (): Promise<{ skipped: 'cancelled' | 'budget' } | { result: ProviderResult; costUsd: number | null; startedAt: Date }> => {
      if (signal?.aborted) return { skipped: 'cancelled' };
      if (budget?.exceeded && !callOptions.ignoreBudget) return { skipped: 'budget' };
      const startedAt = new Date();
      const result = await this.options.provider.complete(request, { signal, onText: callOptions.onText });
      const costUsd = result.ok ? this.priced(request, result.response) : 0;
      budget?.add(costUsd);
      return { result, costUsd, startedAt };
    });
    if ('skipped' in called) return { status: 'skipped', reason: called.skipped };
    const { result, costUsd, startedAt } = called;
    const traceId = await this.trace(request, site, result, costUsd, startedAt);
    // The cache itself refuses recorded answers, so a later live run is never served a hand-written sample.
    if (result.ok && cache) await cache.set(slot, result.response);
    return { status: 'done', result, costUsd, liveCostUsd: costUsd, traceId, cached: false, shared: false };
  }

  private priced(request: LlmRequest, response: Pick<LlmResponse, 'model' | 'usage'>): number | null {
    return costOf(response.model || request.model, response.usage, { overrides: this.options.config.pricing });
  }

  private async trace(request: LlmRequest, site: CallSite, result: ProviderResult, costUsd: number | null, startedAt: Date): Promise<string> {
    const traceId = randomBytes(16).toString('hex');
    const response: LlmResponse | undefined = result.ok ? result.response : undefined;
    const record: TraceRecord = {
      trace_id: traceId,
      span_id: randomBytes(8).toString('hex'),
      start_time: startedAt.toISOString(),
      duration_ms: result.ok ? (response?.cached ? 0 : result.response.latencyMs) : result.latencyMs,
      // OTel GenAI has no judge operation: a judge call is a chat too, told apart by our own attribute.
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': this.options.provider.id,
      'gen_ai.request.model': request.model,
      'gen_ai.request.max_tokens': request.maxTokens,
      'gen_ai.request.temperature': request.temperature,
      'gen_ai.response.id': response?.id,
      'gen_ai.response.model': response?.model,
      'gen_ai.response.finish_reasons': response?.stopReason ? [response.stopReason] : undefined,
      'gen_ai.usage.input_tokens': response?.usage.inputTokens,
      'gen_ai.usage.output_tokens': response?.usage.outputTokens,
      'gen_ai.usage.cache_read.input_tokens': response?.usage.cacheReadInputTokens,
      'gen_ai.usage.cache_creation.input_tokens': response?.usage.cacheCreationInputTokens,
      'error.type': result.ok ? undefined : result.error.type,
      'error.message': result.ok ? undefined : redactSecrets(result.error.message, this.options.secrets),
      'promptops.prompt.path': site.promptPath,
      'promptops.prompt.hash': site.promptHash,
      'promptops.git.commit': site.commit,
      'promptops.test.id': site.testId,
      'promptops.run.id': site.runId,
      'promptops.cost_usd': costUsd,
      'promptops.cached': response?.cached || undefined,
      'promptops.recorded': response?.recorded || undefined,
      'promptops.call.kind': site.kind,
      input: { system: request.system, messages: request.messages },
      output: response?.text,
    };
    await this.options.traceLog.append(record);
    return traceId;
  }
}

/**
 * Repeat index 0 uses the request's own cache entry; index i > 0 has a slot of its own, so repeats stay
 * distinct samples of the model (never one answer copied N times) and re-running the same eval is still free.
 */
export function cacheSlot(key: string, repeatIndex: number): string {
  return repeatIndex === 0 ? key : `${key}#repeat-${repeatIndex}`;
}
