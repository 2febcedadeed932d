// How long to wait before retrying a failed call: what the server asked for (never more than our cap),
// else exponential backoff with jitter so parallel workers do not retry in lockstep.

const INITIAL_DELAY_MS = 500;
const MAX_BACKOFF_MS = 8_000;

/** Delay before retry number `retry` (0 = first retry). */
export function retryDelayMs(retry: number, retryAfterMs: number | undefined, maxRetryAfterMs: number, random: () => number = Math.random): number {
  if (retryAfterMs !== undefined) return Math.min(Math.max(0, retryAfterMs), maxRetryAfterMs);
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS);
  return backoff * (1 - random() * 0.25);
}

