import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { createAnthropicProvider, ProviderCallError, type AnthropicProviderOptions } from '../../src/core/providers/anthropic';
import type { LlmRequest } from '../../src/core/types';
import {
  answer,
  defaultResponder,
  fakeInputTokens,
  fakeTokenCount,
  hang,
  invalidRequest,
  overloaded,
  rateLimited,
  resetConnection,
  serverError,
  startFakeAnthropic,
  unauthorized,
  type FakeAnthropic,
} from '../support/fakeAnthropic';

const KEY = 'sk-ant-test-0123456789abcdef';

const request: LlmRequest = {
  model: 'claude-sonnet-4-5',
  system: 'You answer support questions in one sentence.',
  messages: [{ role: 'user', content: 'How do I reset my password?' }],
  maxTokens: 200,
  stopSequences: ['###'],
};

describe('anthropic provider through the real SDK and the fake API', () => {
  let fake: FakeAnthropic;
  let delays: number[];

  before(async () => {
    fake = await startFakeAnthropic({ apiKey: KEY });
  });
  after(() => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    fake.setResponder(() => answer('Use the "Forgot password" link on the sign-in page.'));
    delays = [];
  });

  // Retries wait through this port: the test records the delay asked for instead of sleeping it.
  const provider = (options: Partial<AnthropicProviderOptions> = {}) =>
    createAnthropicProvider({
      apiKey: KEY,
      baseURL: fake.url,
      sleep: async (ms) => void delays.push(ms),
      ...options,
    });

  it('maps the request to the Messages API and the answer back, usage included', async () => {
    const result = await provider().complete(request);
    assert.ok(result.ok, JSON.stringify(result));
    const text = 'Use the "Forgot password" link on the sign-in page.';
    assert.equal(result.response.text, text);
    assert.equal(result.response.model, 'claude-sonnet-4-5');
    assert.match(result.response.id ?? '', /^msg_fake_/);
    assert.equal(result.response.stopReason, 'end_turn');
    const [sent] = fake.messageRequests();
    assert.deepEqual(result.response.usage, {
      inputTokens: fakeInputTokens(sent.body),
      outputTokens: fakeTokenCount(text),
      cacheCreationInputTokens: 0,
      cacheReadInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
    });
    assert.equal(sent.body.system, request.system);
    assert.equal(sent.body.max_tokens, 200);
    assert.deepEqual(sent.body.stop_sequences, ['###']);
    assert.deepEqual(sent.body.messages, [{ role: 'user', content: 'How do I reset my password?' }]);
    assert.equal(sent.body.stream, undefined);
    assert.ok(!JSON.stringify(sent.headers).includes(KEY), 'the fake does not keep the key');
  });

  it('reports cache writes split by TTL and cache reads', async () => {
    fake.script(answer('cached', { usage: { cache_read_input_tokens: 40, cache_creation: { ephemeral_5m_input_tokens: 7, ephemeral_1h_input_tokens: 3 } } }));
    const result = await provider().complete(request);
    assert.ok(result.ok);
    assert.equal(result.response.usage.cacheReadInputTokens, 40);
    assert.equal(result.response.usage.cacheCreationInputTokens, 10);
    assert.equal(result.response.usage.cacheCreation5mInputTokens, 7);
    assert.equal(result.response.usage.cacheCreation1hInputTokens, 3);
  });

  it('streams deltas in order when onText is given, with the final usage', async () => {
    const text = 'Streaming answers arrive piece by piece, in order, until the message stops.';
    fake.script(answer(text, { chunkChars: 7, deltaDelayMs: 1 }));
    const deltas: string[] = [];
    const result = await provider().complete(request, { onText: (d) => deltas.push(d) });
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(fake.messageRequests()[0].body.stream, true);
    assert.equal(deltas.length, Math.ceil(text.length / 7));
    assert.equal(deltas.join(''), text);
    assert.equal(result.response.text, text);
    assert.equal(result.response.usage.outputTokens, fakeTokenCount(text));
    assert.equal(result.response.usage.inputTokens, fakeInputTokens(fake.messageRequests()[0].body));
  });

  it('asks for structured output with a strict json_schema when the request has an output schema', async () => {
    const schema = { type: 'object', properties: { priority: { type: 'string', enum: ['low', 'high'] }, tags: { type: 'array', items: { type: 'string' } } }, required: ['priority'] };
    fake.setResponder(defaultResponder);
    const result = await provider().complete({ ...request, outputSchema: schema });
    assert.ok(result.ok);
    const format = fake.messageRequests()[0].body.output_config?.format;
    assert.equal(format?.type, 'json_schema');
    assert.equal(format?.schema.additionalProperties, false);
    assert.deepEqual(format?.schema.required, ['priority']);
    assert.deepEqual(JSON.parse(result.response.text), { priority: 'low' }, "the fake's default answer fits the schema");
  });

  it('retries a 429 after the retry-after the server asked for', async () => {
    fake.script(rateLimited(2));
    const result = await provider().complete(request);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(fake.messageRequests().length, 2);
    assert.deepEqual(delays, [2000]);
  });

  it('caps a long retry-after at maxRetryAfterMs and prefers retry-after-ms', async () => {
    fake.script(rateLimited(120), rateLimited(120, { ms: 1500 }));
    const result = await provider({ maxRetryAfterMs: 20_000 }).complete(request);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(fake.messageRequests().length, 3);
    assert.deepEqual(delays, [20_000, 1500]);
  });

  it('retries a 529 with exponential backoff and jitter, then succeeds', async () => {
    fake.script(overloaded(), overloaded());
    const result = await provider().complete(request);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(fake.messageRequests().length, 3);
    assert.equal(delays.length, 2);
    assert.ok(delays[0] > 375 - 1e-9 && delays[0] <= 500, `first backoff ${delays[0]}`);
    assert.ok(delays[1] > 750 - 1e-9 && delays[1] <= 1000, `second backoff ${delays[1]}`);
  });

  it('returns a 500 that outlasts the retries as data', async () => {
    fake.script(serverError(), serverError(), serverError());
    const result = await provider({ maxRetries: 2 }).complete(request);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'server_error');
    assert.equal(result.error.status, 500);
    assert.equal(result.error.retryable, true);
    assert.match(result.error.message, /after 3 attempts/);
    assert.match(result.error.message, /Internal server error/);
    assert.equal(fake.messageRequests().length, 3);
  });

  it('does not retry a 400 and says what to fix', async () => {
    fake.script(invalidRequest('messages.0.content: text content blocks must be non-empty'));
    const result = await provider().complete(request);
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'invalid_request');
    assert.equal(result.error.retryable, false);
    assert.match(result.error.message, /must be non-empty/);
    assert.match(result.error.message, /Fix the prompt/);
    assert.equal(fake.messageRequests().length, 1);
  });

  it('retries a connection reset before the answer', async () => {
    fake.script(resetConnection({ beforeResponse: true }), resetConnection());
    const result = await provider().complete(request);
    assert.ok(result.ok, JSON.stringify(result));
    assert.equal(fake.messageRequests().length, 3);
  });

  it('does not retry a stream cut after text was shown, and reports the dropped connection', async () => {
    fake.script(resetConnection({ afterDeltas: 1 }));
    const deltas: string[] = [];
    const result = await provider().complete(request, { onText: (d) => deltas.push(d) });
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'connection');
    assert.match(result.error.message, /ANTHROPIC_BASE_URL/);
    assert.equal(deltas.length, 1);
    assert.equal(fake.messageRequests().length, 1);
  });

  it('turns a hung request into a timeout error', async () => {
    fake.script(hang(), hang());
    const result = await provider({ timeoutMs: 150, maxRetries: 1 }).complete(request);
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'timeout');
    assert.match(result.error.message, /0\.15 s \(2 attempts\)/);
    assert.equal(fake.messageRequests().length, 2);
  });

  it('retries a timed-out request once, not maxRetries times, while other failures keep their retries', async () => {
    // A third request would get the default answer and pass: the count shows it was never made.
    fake.script(hang(), hang());
    const result = await provider({ timeoutMs: 100, maxRetries: 3 }).complete(request);
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'timeout');
    assert.match(result.error.message, /\(2 attempts\)/);
    assert.equal(fake.messageRequests().length, 2);

    fake.script(hang(), serverError(), serverError());
    const recovered = await provider({ timeoutMs: 100, maxRetries: 3 }).complete(request);
    assert.ok(recovered.ok, JSON.stringify(recovered));
    assert.equal(fake.messageRequests().length, 2 + 4);
  });

  it('stops on abort: during a call and while waiting to retry', async () => {
    fake.script(hang());
    const controller = new AbortController();
    const pending = provider().complete(request, { signal: controller.signal });
    while (fake.messageRequests().length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const result = await pending;
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'aborted');

    fake.script(rateLimited(3600));
    const waiting = new AbortController();
    const sleeping = createAnthropicProvider({ apiKey: KEY, baseURL: fake.url, maxRetryAfterMs: 3_600_000 });
    const second = sleeping.complete(request, { signal: waiting.signal });
    while (fake.messageRequests().length < 2) await new Promise((r) => setTimeout(r, 5));
    waiting.abort();
    const stopped = await second;
    assert.ok(!stopped.ok);
    assert.equal(stopped.error.type, 'aborted');
    assert.equal(fake.messageRequests().length, 2);

    const already = await provider().complete(request, { signal: AbortSignal.abort() });
    assert.ok(!already.ok);
    assert.equal(already.error.type, 'aborted');
    assert.equal(fake.messageRequests().length, 2);
  });

  it('reports a rejected key with a fix and never the key itself', async () => {
    const wrong = 'sk-ant-wrong-key-9876543210';
    const rejected = await createAnthropicProvider({ apiKey: wrong, baseURL: fake.url }).complete(request);
    assert.ok(!rejected.ok);
    assert.equal(rejected.error.type, 'auth');
    assert.equal(rejected.error.status, 401);
    assert.match(rejected.error.message, /ANTHROPIC_API_KEY/);
    assert.match(rejected.error.message, /PromptOps: Set API Key/);

    // A proxy that echoes the key back in its error must not get it into our message.
    fake.script(unauthorized(`invalid x-api-key ${KEY}`));
    const echoed = await provider().complete(request);
    assert.ok(!echoed.ok);
    assert.ok(!echoed.error.message.includes(KEY), echoed.error.message);
    assert.match(echoed.error.message, /\[REDACTED\]/);
  });

  it('needs a key before calling anything', async () => {
    const result = await createAnthropicProvider({ apiKey: '', baseURL: fake.url }).complete(request);
    assert.ok(!result.ok);
    assert.equal(result.error.type, 'auth');
    assert.equal(fake.requests.length, 0);
  });

  it('counts input tokens with count_tokens', async () => {
    const count = await provider().countTokens!(request);
    const [sent] = fake.requests;
    assert.equal(sent.path, '/v1/messages/count_tokens');
    assert.equal(count, fakeInputTokens(sent.body));
    assert.equal(sent.body.max_tokens, undefined);

    fake.scriptCountTokens(serverError());
    await assert.rejects(provider().countTokens!(request), (error: unknown) => {
      assert.ok(error instanceof ProviderCallError);
      assert.equal(error.error.type, 'server_error');
      return true;
    });
  });
});
