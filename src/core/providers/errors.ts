// SDK exceptions → `ProviderError` data: a short type (OTel `error.type`), whether a retry can help,
// and a message that says what to do, with the API key scrubbed out.
import { APIConnectionError, APIConnectionTimeoutError, APIError } from '@anthropic-ai/sdk';
import { redactSecrets } from '../redact';
import type { ProviderError } from '../types';

interface Kind {
  type: string;
  retryable: boolean;
  headline: string;
  hint: string;
}

const KEY_HINT = 'Check ANTHROPIC_API_KEY (CLI) or run "PromptOps: Set API Key" (VS Code).';
const SAMPLING_HINT = "Remove temperature/topP/topK from the prompt's config: this API version or model does not accept sampling settings.";
const LATER_HINT = 'Try again later; the run keeps every result that finished.';

const BY_STATUS: Record<number, Kind> = {
  400: { type: 'invalid_request', retryable: false, headline: 'The API refused the request', hint: "Fix the prompt's model, config or output schema." },
  401: { type: 'auth', retryable: false, headline: 'The API key was rejected', hint: KEY_HINT },
  402: { type: 'billing', retryable: false, headline: 'Billing problem on the account', hint: 'Check the plan and credit balance in the Anthropic Console.' },
  403: { type: 'permission', retryable: false, headline: 'The API key may not do this', hint: "Check the key's workspace and model access in the Anthropic Console." },
  404: { type: 'not_found', retryable: false, headline: 'Not found', hint: 'Check the model id and the base URL (ANTHROPIC_BASE_URL / promptops baseURL).' },
  408: { type: 'request_timeout', retryable: true, headline: 'The API timed out the request', hint: LATER_HINT },
  409: { type: 'conflict', retryable: true, headline: 'Conflict', hint: LATER_HINT },
  413: { type: 'request_too_large', retryable: false, headline: 'The request is too large', hint: 'Shorten the prompt or its variables.' },
  429: { type: 'rate_limit', retryable: true, headline: 'Rate limited', hint: 'Lower the concurrency (--concurrency / promptops.concurrency) or try again later.' },
  529: { type: 'overloaded', retryable: true, headline: 'Anthropic is overloaded', hint: LATER_HINT },
};

const SERVER_ERROR: Kind = { type: 'server_error', retryable: true, headline: 'Anthropic server error', hint: LATER_HINT };

/** Errors a stream reports in an `error` event carry no status, only the API's error type. */
const STATUS_OF_API_TYPE: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  timeout_error: 408,
  conflict_error: 409,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  overloaded_error: 529,
};

export interface ErrorContext {
  secrets: readonly string[];
  /** Calls made, retries included. */
  attempts: number;
  baseURL: string;
}

export function providerErrorFrom(error: unknown, ctx: ErrorContext): ProviderError {
  const tries = ctx.attempts > 1 ? ` (after ${ctx.attempts} attempts)` : '';
  const scrub = (message: string): string => redactSecrets(message, ctx.secrets);
  if (error instanceof APIConnectionTimeoutError) {
    return { type: 'timeout', retryable: true, message: scrub(`The API did not answer in time${tries}. ${LATER_HINT}`) };
  }
  if (error instanceof APIConnectionError) {
    return {
      type: 'connection',
      retryable: true,
      message: scrub(`Could not reach the Anthropic API at ${ctx.baseURL}${tries}: ${sentence(error.message)} Check the network and the base URL (ANTHROPIC_BASE_URL / promptops baseURL).`),
    };
  }
  if (error instanceof APIError) {
    const status = error.status ?? (error.type ? STATUS_OF_API_TYPE[error.type] : undefined);
    const kind = (status !== undefined && BY_STATUS[status]) || (status !== undefined && status >= 500 ? SERVER_ERROR : undefined);
    const detail = error.apiMessage ?? error.message;
    const code = [status, error.type].filter((x) => x !== undefined && x !== null).join(' ');
    if (status === 400 && /\b(temperature|top_p|top_k)\b/.test(detail)) {
      return { type: 'invalid_request', status, retryable: false, message: scrub(`The API refused the request (${code}): ${sentence(detail)} ${SAMPLING_HINT}`) };
    }
    if (kind) {
      return { type: kind.type, status, retryable: kind.retryable, message: scrub(`${kind.headline} (${code})${tries}: ${sentence(detail)} ${kind.hint}`) };
    }
    return { type: 'api_error', status, retryable: false, message: scrub(`The API returned an error (${code})${tries}: ${detail}`) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { type: 'unexpected', retryable: false, message: scrub(`Unexpected failure calling the Anthropic API: ${message}`) };
}

/** Ends a message from elsewhere with a full stop, so our hint reads as the next sentence. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** The wait the server asked for (`retry-after-ms`, else `retry-after` in seconds or as a date), in ms. */
export function retryAfterMsOf(error: unknown): number | undefined {
  if (!(error instanceof APIError) || !error.headers) return undefined;
  const ms = Number.parseFloat(error.headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const header = error.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number.parseFloat(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
