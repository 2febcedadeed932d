// What the fake Anthropic server answers: behaviours (an answer, an API error, a dropped connection,
// a hang), the factories tests script them with, and the default responder that answers any request
// deterministically so unscripted tests and benches still get realistic answers and usage.

export interface FakeTextBlock {
  type: 'text';
  text: string;
}

/** The parts of a Messages API request body the fake reads (the rest is kept as sent). */
export interface FakeMessagesBody {
  model: string;
  max_tokens?: number;
  system?: string | FakeTextBlock[];
  messages: { role: 'user' | 'assistant'; content: string | FakeTextBlock[] }[];
  stream?: boolean;
  stop_sequences?: string[];
  output_config?: { format?: { type: 'json_schema'; schema: Record<string, unknown> } | null };
  [key: string]: unknown;
}

/** One request the fake received (`x-api-key` and `authorization` headers are not kept). */
export interface FakeRequest {
  /** 0-based order of arrival over all endpoints. */
  index: number;
  method: string;
  /** e.g. `/v1/messages`, `/v1/messages/count_tokens`. */
  path: string;
  headers: Record<string, string>;
  body: FakeMessagesBody;
  receivedAt: number;
}

export interface FakeUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export type FakeBehaviour =
  | {
      kind: 'answer';
      text: string;
      /** Defaults: computed from the request (input) and the text (output). */
      usage?: Partial<FakeUsage>;
      /** Default: `end_turn` (or `max_tokens`/`stop_sequence` when the request's limits cut the text). */
      stopReason?: string;
      /** Default: the requested model. */
      model?: string;
      latencyMs?: number;
      /** Streaming: characters per `text_delta` (default 16). */
      chunkChars?: number;
      /** Streaming: pause between deltas (default 0: the whole stream is written at once). */
      deltaDelayMs?: number;
    }
  | {
      kind: 'error';
      status: number;
      /** The API's `error.type`, e.g. `rate_limit_error`, `overloaded_error`, `api_error`. */
      errorType: string;
      message: string;
      headers?: Record<string, string>;
      latencyMs?: number;
    }
  | {
      kind: 'reset';
      /** Streaming: deltas sent before the socket is destroyed (default 1). Non-streaming: half the body is sent. */
      afterDeltas?: number;
      /** Destroy the socket before any response byte. */
      beforeResponse?: boolean;
      latencyMs?: number;
    }
  | { kind: 'hang' };

/** The fake's token count: one token per 4 characters (rounded up, at least 1), like a rough tokenizer. */
export function fakeTokenCount(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

export function blocksText(content: string | FakeTextBlock[] | undefined): string {
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  return content.map((b) => (b.type === 'text' ? b.text : '')).join('');
}

export function systemText(body: FakeMessagesBody): string {
  return blocksText(body.system);
}

export function lastUserText(body: FakeMessagesBody): string {
  const users = (body.messages ?? []).filter((m) => m.role === 'user');
  return blocksText(users.at(-1)?.content);
}

/**
 * Input tokens of a request as both `count_tokens` and the answers' usage report them:
 * `fakeTokenCount` of the system text plus, per message, `fakeTokenCount` of its text + 3.
 */
export function fakeInputTokens(body: FakeMessagesBody): number {
  let total = body.system === undefined ? 0 : fakeTokenCount(systemText(body));
  for (const m of body.messages ?? []) total += fakeTokenCount(blocksText(m.content)) + 3;
  return total;
}

/** A judge call: its system prompt calls the model a judge or grader (how the llm-judge grader frames it). */
export function isJudgeRequest(body: FakeMessagesBody): boolean {
  return /\b(judge|grader)\b/i.test(systemText(body));
}

export function answer(text: string, extra: Omit<Extract<FakeBehaviour, { kind: 'answer' }>, 'kind' | 'text'> = {}): FakeBehaviour {
  return { kind: 'answer', text, ...extra };
}

export function jsonAnswer(value: unknown, extra: Omit<Extract<FakeBehaviour, { kind: 'answer' }>, 'kind' | 'text'> = {}): FakeBehaviour {
  return answer(JSON.stringify(value), extra);
}

/** What the llm-judge grader expects back: `{"score":…,"reason":…}`. */
export function judgeAnswer(score: number, reason = `Fake judge: score ${score}.`): FakeBehaviour {
  return jsonAnswer({ score, reason });
}

export function apiError(status: number, errorType: string, message: string, headers?: Record<string, string>): FakeBehaviour {
  return { kind: 'error', status, errorType, message, headers };
}

/** 429 with `retry-after` in seconds (as the API sends), or `retry-after-ms` when `ms` is given. */
export function rateLimited(retryAfterSeconds = 1, options: { ms?: number } = {}): FakeBehaviour {
  const headers: Record<string, string> = { 'retry-after': String(retryAfterSeconds) };
  if (options.ms !== undefined) headers['retry-after-ms'] = String(options.ms);
  return apiError(
    429,
    'rate_limit_error',
    'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
    headers,
  );
}

export function overloaded(): FakeBehaviour {
  return apiError(529, 'overloaded_error', 'Overloaded');
}

export function serverError(): FakeBehaviour {
  return apiError(500, 'api_error', 'Internal server error');
}

export function invalidRequest(message: string): FakeBehaviour {
  return apiError(400, 'invalid_request_error', message);
}

export function unauthorized(message = 'invalid x-api-key'): FakeBehaviour {
  return apiError(401, 'authentication_error', message);
}

export function resetConnection(options: { afterDeltas?: number; beforeResponse?: boolean } = {}): FakeBehaviour {
  return { kind: 'reset', ...options };
}

export function hang(): FakeBehaviour {
  return { kind: 'hang' };
}

export type FakeResponder = (req: FakeRequest) => FakeBehaviour | Promise<FakeBehaviour>;

/**
 * The unscripted answer: a judge request gets `{"score":1,…}`, a structured-output request a minimal
 * JSON value valid for its schema, anything else `Fake answer to: <last user message>`.
 */
export function defaultResponder(req: FakeRequest): FakeBehaviour {
  if (isJudgeRequest(req.body)) return judgeAnswer(1, 'Fake judge: the output meets the rubric.');
  const schema = req.body.output_config?.format?.schema;
  if (schema) return jsonAnswer(exampleForSchema(schema));
  return answer(`Fake answer to: ${lastUserText(req.body).slice(0, 400)}`);
}

/** A rule of an answers file: the first rule whose conditions all hold answers the request. */
export interface FakeAnswerRule {
  /** Substring of the last user message. */
  userIncludes?: string;
  /** Substring of the system prompt. */
  systemIncludes?: string;
  /** Only judge requests (`true`) or only non-judge requests (`false`). */
  judge?: boolean;
  /** The answer text, a JSON value to answer (stringified), or any behaviour. */
  text?: string;
  json?: unknown;
  behaviour?: FakeBehaviour;
}

/** A responder answering by rules (as in `--answers FILE.json`), falling back to `fallback`. */
export function responderFromRules(rules: FakeAnswerRule[], fallback: FakeResponder = defaultResponder): FakeResponder {
  return (req) => {
    const user = lastUserText(req.body);
    const system = systemText(req.body);
    const judge = isJudgeRequest(req.body);
    for (const rule of rules) {
      if (rule.userIncludes !== undefined && !user.includes(rule.userIncludes)) continue;
      if (rule.systemIncludes !== undefined && !system.includes(rule.systemIncludes)) continue;
      if (rule.judge !== undefined && rule.judge !== judge) continue;
      if (rule.behaviour) return rule.behaviour;
      if (rule.json !== undefined) return jsonAnswer(rule.json);
      if (rule.text !== undefined) return answer(rule.text);
    }
    return fallback(req);
  };
}

/** The smallest value valid for a (simple) JSON Schema: required properties, first enum value, minimums. */
export function exampleForSchema(schema: Record<string, unknown>): unknown {
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const anyOf = (schema.anyOf ?? schema.oneOf) as Record<string, unknown>[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length > 0) return exampleForSchema(anyOf[0]);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = (schema.required ?? Object.keys(props)) as string[];
      const out: Record<string, unknown> = {};
      for (const name of required) out[name] = exampleForSchema(props[name] ?? {});
      return out;
    }
    case 'array': {
      const items = (schema.items ?? {}) as Record<string, unknown>;
      const n = typeof schema.minItems === 'number' ? schema.minItems : 0;
      return Array.from({ length: n }, () => exampleForSchema(items));
    }
    case 'string': {
      const n = typeof schema.minLength === 'number' ? schema.minLength : 0;
      return 'x'.repeat(Math.max(n, 1));
    }
    case 'integer':
    case 'number':
      return typeof schema.minimum === 'number' ? schema.minimum : 0;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}
