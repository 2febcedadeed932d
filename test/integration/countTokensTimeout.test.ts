// A `count_tokens` call that never answers must not stall what waits on it (the cost estimate printed before
// every eval, the editor's token hints): it times out on its own short limit and the offline estimate is used.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createAnthropicProvider, ProviderCallError } from '../../src/core/providers/anthropic';
import { createTokenCounter } from '../../src/core/tokenCounter';
import { estimateTokens } from '../../src/core/tokens';
import type { LlmRequest } from '../../src/core/types';
import { hang, startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';

const KEY = 'sk-ant-test-count-timeout-0123456789';
const request: LlmRequest = {
  model: 'claude-haiku-4-5',
  system: 'You classify support tickets.',
  messages: [{ role: 'user', content: 'Ticket: the export button does nothing.' }],
  maxTokens: 256,
};

describe('count_tokens on a hung server', () => {
  let fake: FakeAnthropic;

  before(async () => {
    fake = await startFakeAnthropic();
  });
  after(() => fake.close());

  test('times out on its own limit, far below the answer timeout, as a timeout error without the key', async () => {
    const provider = createAnthropicProvider({ apiKey: KEY, baseURL: fake.url, timeoutMs: 600_000, countTokensTimeoutMs: 200 });
    fake.scriptCountTokens(hang());
    await assert.rejects(provider.countTokens!(request), (error: unknown) => {
      assert.ok(error instanceof ProviderCallError);
      assert.equal(error.error.type, 'timeout');
      assert.ok(!error.message.includes(KEY));
      return true;
    });
    assert.equal(fake.requests.filter((r) => r.path === '/v1/messages/count_tokens').length, 1, 'not retried');
  });

  test('the token counter then gives the offline estimate, and counts exactly once the server answers', async () => {
    const provider = createAnthropicProvider({ apiKey: KEY, baseURL: fake.url, countTokensTimeoutMs: 200 });
    const counter = createTokenCounter({ provider });
    fake.scriptCountTokens(hang());
    const fallback = await counter.count(request);
    assert.equal(fallback.exact, false);
    assert.equal(fallback.total, estimateTokens(request).total);
    assert.match(fallback.fallbackReason ?? '', /exact token count failed/);
    const exact = await counter.count(request);
    assert.equal(exact.exact, true);
  });
});
