import type { ProviderError } from '../core/types';

export const SET_KEY_ADVICE = 'Run "PromptOps: Set API Key" (kept in VS Code\'s secret storage) or set ANTHROPIC_API_KEY before starting VS Code.';

/** A provider error in words a user can act on. */
export function describeProviderError(error: ProviderError): string {
  const status = error.status ? ` (HTTP ${error.status})` : '';
  switch (error.type) {
    case 'auth':
      return `The Anthropic API refused the key${status}: ${error.message} ${SET_KEY_ADVICE}`;
    case 'rate_limit':
      return `Rate limited by the Anthropic API${status} after retrying: ${error.message} Try again in a minute or lower promptops.concurrency.`;
    case 'overloaded':
      return `The Anthropic API is overloaded${status}: ${error.message} Try again shortly.`;
    default:
      return `The model call failed (${error.type}${status}): ${error.message}`;
  }
}
