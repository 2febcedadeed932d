import { setMaxListeners } from 'node:events';

// Node's default before it warns about a possible listener leak.
const DEFAULT_MAX_LISTENERS = 10;

/**
 * Each call in flight listens on the run's signal (the SDK request and the retry wait), so past Node's default of
 * ten listeners a busy run is expected, not a leak: raise the limit for this signal to what `concurrency` calls need.
 */
export function allowCallsInFlight(signal: AbortSignal | undefined, concurrency: number): void {
  if (signal) setMaxListeners(Math.max(DEFAULT_MAX_LISTENERS, 4 * concurrency), signal);
}
