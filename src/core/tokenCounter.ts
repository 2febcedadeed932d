import { readFile } from 'node:fs/promises';
import { requestKey } from './hash';
import { JsonlAppender, parseJsonLine } from './store/jsonlFile';
import { estimateTokens } from './tokens';
import type { LlmRequest, Provider } from './types';

export interface TokenCount {
  total: number;
  /** Per-message counts (estimated); the API's exact count has only a total. */
  perMessage?: number[];
  /** True when the provider counted it (`count_tokens`); false for the offline estimate (show `≈`). */
  exact: boolean;
  /** Why an exact count was wanted but not used (e.g. the API failed), for the log. */
  fallbackReason?: string;
}

/** Where exact counts are kept: a `Map`, or `fileTokenCountCache` to keep them across sessions. */
export interface TokenCountCache {
  get(key: string): number | undefined | Promise<number | undefined>;
  set(key: string, count: number): unknown;
}

export interface TokenCounter {
  /** Never throws: an API failure or abort falls back to the offline estimate. */
  count(request: LlmRequest, signal?: AbortSignal): Promise<TokenCount>;
}

/**
 * Input tokens only depend on the model and the text sent, so sampling settings and `max_tokens` are left out of
 * the key: changing the temperature does not spend another `count_tokens` call.
 */
function tokenCountKey(request: LlmRequest): string {
  return requestKey({
    model: request.model,
    system: request.system,
    messages: request.messages,
    outputSchema: request.outputSchema,
    maxTokens: 0,
  });
}

/** Exact counts through `provider.countTokens` when it has one (each distinct request counted once), else the estimate. */
export function createTokenCounter(options: { provider?: Provider; cache?: TokenCountCache } = {}): TokenCounter {
  const cache = options.cache ?? new Map<string, number>();
  const inFlight = new Map<string, Promise<number>>();

  const estimated = (request: LlmRequest, fallbackReason?: string): TokenCount => {
    const e = estimateTokens(request);
    return { total: e.total, perMessage: e.messages, exact: false, ...(fallbackReason ? { fallbackReason } : {}) };
  };

  const countTokens = options.provider?.countTokens?.bind(options.provider);
  // Stored before the caller hears the count, so a file cache has it on disk for the next session.
  const exactCount = async (count: NonNullable<typeof countTokens>, request: LlmRequest, key: string, signal?: AbortSignal) => {
    const n = await count(request, signal);
    await cache.set(key, n);
    return n;
  };

  return {
    async count(request, signal) {
      if (!countTokens) return estimated(request);
      const key = tokenCountKey(request);
      try {
        const known = await cache.get(key);
        if (known !== undefined) return { total: known, exact: true };
        let pending = inFlight.get(key);
        if (!pending) {
          pending = exactCount(countTokens, request, key, signal);
          inFlight.set(key, pending);
          const settled = () => inFlight.delete(key);
          pending.then(settled, settled);
        }
        return { total: await pending, exact: true };
      } catch (err) {
        return estimated(request, `exact token count failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    },
  };
}

/** A token-count cache kept as JSON lines in `file` (e.g. under `.promptops/cache/`); read once, appended to. */
export function fileTokenCountCache(file: string): TokenCountCache {
  const appender = new JsonlAppender();
  let loaded: Promise<Map<string, number>> | undefined;
  const load = () =>
    (loaded ??= readFile(file, 'utf8').then(
      (text) => {
        const map = new Map<string, number>();
        // A torn or invalid line is skipped: that count is simply asked for again.
        for (const line of text.split('\n')) {
          const entry = parseJsonLine<{ key?: unknown; tokens?: unknown }>(line);
          if (typeof entry?.key === 'string' && typeof entry.tokens === 'number') map.set(entry.key, entry.tokens);
        }
        return map;
      },
      () => new Map<string, number>(),
    ));
  return {
    async get(key) {
      return (await load()).get(key);
    },
    async set(key, tokens) {
      const map = await load();
      if (map.get(key) === tokens) return;
      map.set(key, tokens);
      try {
        await appender.append(file, JSON.stringify({ key, tokens }));
      } catch {
        // The cache is an optimisation: failing to persist only costs a recount next session.
      }
    },
  };
}
