import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import { createTokenCounter, fileTokenCountCache } from '../../src/core/tokenCounter';
import { estimateTokens } from '../../src/core/tokens';
import type { LlmRequest, Provider } from '../../src/core/types';
import { apiError, fakeInputTokens, startFakeAnthropic, type FakeAnthropic, type FakeMessagesBody } from '../support/fakeAnthropic';

const request: LlmRequest = {
  model: 'claude-haiku-4-5',
  system: 'You classify support tickets.',
  messages: [{ role: 'user', content: 'Ticket: the CSV export fails with error E1042.' }],
  maxTokens: 256,
};

function countRequests(server: FakeAnthropic): number {
  return server.requests.filter((r) => r.path === '/v1/messages/count_tokens').length;
}

describe('createTokenCounter through the real SDK and the fake Anthropic server', () => {
  let server: FakeAnthropic;
  let provider: Provider;
  let dir: string;

  before(async () => {
    server = await startFakeAnthropic();
    provider = createAnthropicProvider({ apiKey: 'sk-ant-test-token-counter', baseURL: server.url, maxRetries: 0 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'promptops-token-counter-'));
  });

  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('counts exactly with count_tokens, and a second count of the same request makes no request', async () => {
    const counter = createTokenCounter({ provider });
    const before = countRequests(server);
    const first = await counter.count(request);
    assert.equal(first.exact, true);
    const sent = server.requests.at(-1)!;
    assert.equal(sent.path, '/v1/messages/count_tokens');
    assert.equal(first.total, fakeInputTokens(sent.body));
    assert.equal(countRequests(server), before + 1);

    const second = await counter.count(structuredClone(request));
    assert.deepEqual(second, { total: first.total, exact: true });
    const sameText = await counter.count({ ...request, maxTokens: 1024, temperature: 0.2 });
    assert.equal(sameText.total, first.total);
    assert.equal(countRequests(server), before + 1, 'sampling settings do not change the input tokens, so no recount');
  });

  test('a different request is counted, and concurrent counts of one request share a single call', async () => {
    const counter = createTokenCounter({ provider });
    const other: LlmRequest = { ...request, messages: [{ role: 'user', content: 'Ticket: refund my second charge, order 4411.' }] };
    const before = countRequests(server);
    const results = await Promise.all([counter.count(other), counter.count(other), counter.count(other)]);
    assert.equal(countRequests(server), before + 1);
    assert.ok(results.every((r) => r.exact && r.total === results[0].total));
    const body: FakeMessagesBody = server.requests.at(-1)!.body;
    assert.equal(body.messages?.length, 1);
  });

  test('an API failure falls back to the offline estimate without throwing, and is not cached', async () => {
    const counter = createTokenCounter({ provider });
    const failing: LlmRequest = { ...request, messages: [{ role: 'user', content: 'Ticket: login loops back to the sign-in page.' }] };
    server.scriptCountTokens(apiError(500, 'api_error', 'Internal server error'));
    const fallback = await counter.count(failing);
    assert.equal(fallback.exact, false);
    assert.equal(fallback.total, estimateTokens(failing).total);
    assert.deepEqual(fallback.perMessage, estimateTokens(failing).messages);
    assert.match(fallback.fallbackReason ?? '', /exact token count failed/);
    assert.ok(!(fallback.fallbackReason ?? '').includes('sk-ant-test-token-counter'));

    const before = countRequests(server);
    const retried = await counter.count(failing);
    assert.equal(retried.exact, true);
    assert.equal(countRequests(server), before + 1);
  });

  test('a file-backed cache keeps exact counts for the next session', async () => {
    const file = path.join(dir, 'cache', 'token-counts.jsonl');
    const persisted: LlmRequest = { ...request, messages: [{ role: 'user', content: 'Ticket: dark mode resets after an update.' }] };
    const first = await createTokenCounter({ provider, cache: fileTokenCountCache(file) }).count(persisted);
    const before = countRequests(server);
    const next = await createTokenCounter({ provider, cache: fileTokenCountCache(file) }).count(persisted);
    assert.deepEqual(next, { total: first.total, exact: true });
    assert.equal(countRequests(server), before);
  });

  test('without a provider that counts, the estimate is given and marked inexact', async () => {
    const estimate = await createTokenCounter().count(request);
    assert.deepEqual(estimate, { total: estimateTokens(request).total, perMessage: estimateTokens(request).messages, exact: false });
  });
});
