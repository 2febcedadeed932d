import type { ProviderError } from '../core/types';

export const SET_KEY_ADVICE = 'Run "PromptOps: Set API Key" (kept in VS Code\'s secret storage) or set ANTHROPIC_API_KEY before starting VS Code.';

/** A provider error in a notification or test message. The core's message already names the problem and how to fix it. */
export function describeProviderError(error: ProviderError): string {
  return `The model call failed: ${error.message}`;
}
