// The live provider on the official SDK. Retries are ours, not the SDK's (its `maxRetries` is 0): the SDK
// honours any `retry-after` the server sends with no upper bound, and we need a cap, a per-attempt
// timeout that also covers a stream that stalls mid-body, and no retry once streamed text was shown.
import Anthropic, { APIUserAbortError } from '@anthropic-ai/sdk';
import { jsonSchemaOutputFormat } from '@anthropic-ai/sdk/helpers/json-schema';
import type { Message, MessageCreateParamsNonStreaming, OutputConfig, Usage as ApiUsage } from '@anthropic-ai/sdk/resources/messages';
import { setTimeout as sleepFor } from 'node:timers/promises';
import { redactSecrets } from '../redact';
import type { CompleteOptions, LlmRequest, LlmResponse, Logger, Provider, ProviderError, ProviderResult, Usage } from '../types';
import { retryDelayMs } from './backoff';
import { providerErrorFrom, retryAfterMsOf } from './errors';

export interface AnthropicProviderOptions {
  apiKey: string;
  /** Default: `ANTHROPIC_BASE_URL`, else `https://api.anthropic.com` (the SDK reads the variable). */
  baseURL?: string;
  /** Retries after the first call for 408/409/429/5xx and dropped connections (default 3); a timeout is retried once at most. */
  maxRetries?: number;
  /** Per attempt, covering the whole answer including a streamed body (default 10 minutes). */
  timeoutMs?: number;
  /** Upper bound on a server's `retry-after` wait (default 20 s). */
  maxRetryAfterMs?: number;
  /** For `count_tokens`, which answers fast or not at all; callers fall back to the offline estimate (default 10 s). */
  countTokensTimeoutMs?: number;
  logger?: Logger;
  /** The wait between retries; tests pass one that records the delay instead of sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

const DEFAULTS = { maxRetries: 3, timeoutMs: 600_000, maxRetryAfterMs: 20_000, countTokensTimeoutMs: 10_000 };
// A server that hung once likely hangs again: one more try, not `maxRetries` more full timeouts.
const MAX_TIMEOUT_RETRIES = 1;

export function createAnthropicProvider(options: AnthropicProviderOptions): Provider {
  const maxRetries = options.maxRetries ?? DEFAULTS.maxRetries;
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs;
  const maxRetryAfterMs = options.maxRetryAfterMs ?? DEFAULTS.maxRetryAfterMs;
  const countTokensTimeoutMs = options.countTokensTimeoutMs ?? DEFAULTS.countTokensTimeoutMs;
  const sleep = options.sleep ?? ((ms: number, signal?: AbortSignal) => sleepFor(ms, undefined, { signal }));
  const secrets = [options.apiKey];
  const client = new Anthropic({
    apiKey: options.apiKey || null,
    baseURL: options.baseURL,
    maxRetries: 0,
    timeout: timeoutMs,
    logLevel: 'off',
    openTelemetry: false,
  });

  async function attempt(request: LlmRequest, callOptions: CompleteOptions): Promise<Attempt> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const abort = (): void => controller.abort();
    callOptions.signal?.addEventListener('abort', abort, { once: true });
    let streamedText = false;
    try {
      const params = toMessageParams(request);
      const requestOptions = { signal: controller.signal, timeout: timeoutMs };
      const { onText } = callOptions;
      if (onText) {
        const stream = client.messages.stream(params, requestOptions);
        stream.on('text', (delta) => {
          streamedText = true;
          onText(delta);
        });
        return { ok: true, message: await stream.finalMessage() };
      }
      return { ok: true, message: await client.messages.create(params, requestOptions) };
    } catch (error) {
      return { ok: false, error, timedOut, streamedText };
    } finally {
      clearTimeout(timer);
      callOptions.signal?.removeEventListener('abort', abort);
    }
  }

  function failure(error: ProviderError, started: number): ProviderResult {
    return { ok: false, error, latencyMs: performance.now() - started };
  }

  return {
    id: 'anthropic',

    async complete(request, callOptions = {}) {
      const started = performance.now();
      if (!options.apiKey) return failure(missingKeyError(), started);
      let timeouts = 0;
      for (let attempts = 1; ; attempts++) {
        if (callOptions.signal?.aborted) return failure(abortedError(), started);
        const outcome = await attempt(request, callOptions);
        if (outcome.ok) return { ok: true, response: toResponse(outcome.message, performance.now() - started) };
        if (callOptions.signal?.aborted) return failure(abortedError(), started);
        const error = outcome.timedOut
          ? timeoutError(timeoutMs, attempts)
          : providerErrorFrom(outcome.error, { secrets, attempts, baseURL: client.baseURL });
        if (error.type === 'timeout') timeouts++;
        if (!error.retryable || attempts > maxRetries || outcome.streamedText || timeouts > MAX_TIMEOUT_RETRIES) return failure(error, started);
        const wait = retryDelayMs(attempts - 1, retryAfterMsOf(outcome.error), maxRetryAfterMs);
        options.logger?.warn(redactSecrets(`Anthropic call failed (${error.type}${error.status ? ` ${error.status}` : ''}); retry ${attempts} of ${maxRetries} in ${Math.round(wait)} ms`, secrets));
        try {
          await sleep(wait, callOptions.signal);
        } catch {
          return failure(abortedError(), started);
        }
      }
    },

    async countTokens(request, signal) {
      if (!options.apiKey) throw new ProviderCallError(missingKeyError());
      const { model, messages, system, output_config } = toMessageParams(request);
      try {
        const result = await client.messages.countTokens({ model, messages, system, output_config }, { signal, timeout: countTokensTimeoutMs });
        return result.input_tokens;
      } catch (error) {
        throw new ProviderCallError(
          signal?.aborted || error instanceof APIUserAbortError ? abortedError() : providerErrorFrom(error, { secrets, attempts: 1, baseURL: client.baseURL }),
        );
      }
    },
  };
}

/** What `countTokens` rejects with (its signature returns a bare number); `error` is the usual data. */
export class ProviderCallError extends Error {
  constructor(readonly error: ProviderError) {
    super(error.message);
    this.name = 'ProviderCallError';
  }
}

type Attempt = { ok: true; message: Message } | { ok: false; error: unknown; timedOut: boolean; streamedText: boolean };

/**
 * LlmRequest → Messages API body. Sampling settings (temperature, top_p, top_k) are no longer in the
 * SDK's types since API version 2026-10-21, but a prompt that sets them gets them sent: if the API
 * refuses them, the user sees its 400 with a hint instead of a silently different request.
 */
function toMessageParams(request: LlmRequest): MessageCreateParamsNonStreaming {
  const sampling: Record<string, number> = {};
  if (request.temperature !== undefined) sampling.temperature = request.temperature;
  if (request.topP !== undefined) sampling.top_p = request.topP;
  if (request.topK !== undefined) sampling.top_k = request.topK;
  return {
    model: request.model,
    max_tokens: request.maxTokens,
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    ...(request.system !== undefined && { system: request.system }),
    ...(request.stopSequences?.length && { stop_sequences: request.stopSequences }),
    ...(request.outputSchema && { output_config: structuredOutput(request.outputSchema) }),
    ...sampling,
  };
}

/**
 * Structured output through `output_config.format` (json_schema), with the schema made strict the way
 * the SDK's own helper does (no additional properties; unsupported keywords moved into descriptions).
 * Our graders still validate the answer against the schema as written.
 */
function structuredOutput(schema: Record<string, unknown>): OutputConfig {
  if (schema.type !== 'object') return { format: { type: 'json_schema', schema } };
  try {
    const format = jsonSchemaOutputFormat(schema as Parameters<typeof jsonSchemaOutputFormat>[0]);
    return { format: { type: 'json_schema', schema: format.schema } };
  } catch {
    return { format: { type: 'json_schema', schema } };
  }
}

function toResponse(message: Message, latencyMs: number): LlmResponse {
  return {
    text: message.content.map((block) => (block.type === 'text' ? block.text : '')).join(''),
    model: message.model,
    id: message.id,
    stopReason: message.stop_reason ?? undefined,
    usage: usageOf(message.usage),
    latencyMs,
  };
}

export function usageOf(usage: ApiUsage): Usage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheCreationInputTokens: usage.cache_creation_input_tokens ?? 0,
    cacheReadInputTokens: usage.cache_read_input_tokens ?? 0,
    ...(usage.cache_creation && {
      cacheCreation5mInputTokens: usage.cache_creation.ephemeral_5m_input_tokens,
      cacheCreation1hInputTokens: usage.cache_creation.ephemeral_1h_input_tokens,
    }),
  };
}

function missingKeyError(): ProviderError {
  return { type: 'auth', retryable: false, message: 'No Anthropic API key. Set ANTHROPIC_API_KEY (CLI) or run "PromptOps: Set API Key" (VS Code), or use --provider replay.' };
}

function abortedError(): ProviderError {
  return { type: 'aborted', retryable: false, message: 'Cancelled before the API answered.' };
}

function timeoutError(timeoutMs: number, attempts: number): ProviderError {
  const tries = attempts > 1 ? ` (${attempts} attempts)` : '';
  return { type: 'timeout', retryable: true, message: `No answer from the Anthropic API within ${timeoutMs / 1000} s${tries}. Try again later or raise the timeout.` };
}
