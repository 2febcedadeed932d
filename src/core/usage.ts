import type { Usage } from './types';

/** Usage of a call that produced no answer (a provider error, a judge call that failed). */
export const ZERO_USAGE: Usage = Object.freeze({ inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 });
