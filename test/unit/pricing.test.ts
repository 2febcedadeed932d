import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PRICING_INFO, bareModelId, costOf, isKnownModel, knownModelIds, priceFor, resolveModel, unknownModelWarning } from '../../src/core/pricing';
import type { Usage } from '../../src/core/types';

function usage(partial: Partial<Usage>): Usage {
  return { inputTokens: 0, outputTokens: 0, cacheCreationInputTokens: 0, cacheReadInputTokens: 0, ...partial };
}

function near(actual: number | null, expected: number): void {
  assert.ok(actual !== null, 'cost is null');
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
}

describe('the price table', () => {
  test('says when and where its prices come from', () => {
    assert.match(PRICING_INFO.asOf, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(PRICING_INFO.source, /anthropic\.com/);
    assert.equal(PRICING_INFO.batchDiscount, 0.5);
  });

  test('knows dated ids and their aliases, with or without the anthropic/ prefix', () => {
    const ids = knownModelIds();
    for (const id of ['claude-sonnet-4-5', 'claude-sonnet-4-5-20250929', 'claude-opus-4-5', 'claude-opus-4-1', 'claude-haiku-4-5', 'claude-3-5-haiku-20241022', 'claude-3-haiku-20240307']) {
      assert.ok(ids.includes(id), id);
      assert.equal(isKnownModel(id), true, id);
      assert.equal(isKnownModel(`anthropic/${id}`), true, id);
    }
    assert.equal(new Set(ids).size, ids.length, 'no id listed twice');
    assert.equal(isKnownModel('claude-sonnet-9'), false);
    assert.equal(bareModelId(' anthropic/claude-haiku-4-5 '), 'claude-haiku-4-5');
  });

  test('an alias resolves to the same entry as its dated id', () => {
    assert.equal(resolveModel('claude-sonnet-4-5')?.id, 'claude-sonnet-4-5-20250929');
    assert.deepEqual(priceFor('anthropic/claude-sonnet-4-5'), priceFor('claude-sonnet-4-5-20250929'));
  });

  test('every entry has all five prices, cache prices in line with the input price', () => {
    for (const id of knownModelIds()) {
      const p = priceFor(id);
      assert.ok(p, id);
      assert.ok(p.output > p.input && p.input > 0, id);
      assert.ok(p.cacheWrite1h > p.cacheWrite5m && p.cacheWrite5m > p.input && p.cacheRead < p.input, id);
    }
    assert.deepEqual(priceFor('claude-sonnet-4-5'), { input: 3, output: 15, cacheWrite5m: 3.75, cacheWrite1h: 6, cacheRead: 0.3 });
  });
});

describe('costOf', () => {
  // Sonnet 4.5: $3 in, $15 out, $3.75 5-minute write, $6 one-hour write, $0.30 read per million tokens.
  const model = 'claude-sonnet-4-5';

  test('input and output tokens', () => {
    near(costOf(model, usage({ inputTokens: 1_000_000 })), 3);
    near(costOf(model, usage({ outputTokens: 1_000_000 })), 15);
    near(costOf(model, usage({ inputTokens: 1200, outputTokens: 300 })), (1200 * 3 + 300 * 15) / 1e6);
  });

  test('cache writes without a TTL split are charged at the 5-minute price', () => {
    near(costOf(model, usage({ cacheCreationInputTokens: 1_000_000 })), 3.75);
  });

  test('cache writes split by TTL use the 5-minute and one-hour prices', () => {
    near(costOf(model, usage({ cacheCreationInputTokens: 3000, cacheCreation5mInputTokens: 1000, cacheCreation1hInputTokens: 2000 })), (1000 * 3.75 + 2000 * 6) / 1e6);
    near(costOf(model, usage({ cacheCreationInputTokens: 2000, cacheCreation1hInputTokens: 2000 })), (2000 * 6) / 1e6);
  });

  test('cache reads', () => {
    near(costOf(model, usage({ cacheReadInputTokens: 1_000_000 })), 0.3);
  });

  test('every field together, and the batch discount halves it', () => {
    const u = usage({ inputTokens: 100, outputTokens: 200, cacheCreationInputTokens: 300, cacheCreation5mInputTokens: 100, cacheCreation1hInputTokens: 200, cacheReadInputTokens: 400 });
    const full = (100 * 3 + 200 * 15 + 100 * 3.75 + 200 * 6 + 400 * 0.3) / 1e6;
    near(costOf(model, u), full);
    near(costOf(model, u, { batch: true }), full / 2);
  });

  test('an unknown model costs null, never zero, and the warning says how to fix it', () => {
    assert.equal(costOf('gpt-imaginary', usage({ inputTokens: 10 })), null);
    const warning = unknownModelWarning('anthropic/gpt-imaginary');
    assert.match(warning, /"gpt-imaginary"/);
    assert.match(warning, /promptops\.pricing/);
    assert.match(warning, /promptops\.config\.yaml/);
  });
});

describe('price overrides', () => {
  test('merge over the table field by field', () => {
    const p = priceFor('claude-haiku-4-5', { 'claude-haiku-4-5': { input: 2 } });
    assert.deepEqual(p, { input: 2, output: 5, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 });
  });

  test('an override for the dated id applies to its alias, and the exact id written wins', () => {
    const overrides = { 'claude-haiku-4-5-20251001': { input: 2, output: 9 }, 'anthropic/claude-haiku-4-5': { output: 10 } };
    assert.deepEqual(priceFor('claude-haiku-4-5', overrides), { input: 2, output: 10, cacheWrite5m: 1.25, cacheWrite1h: 2, cacheRead: 0.1 });
    assert.equal(priceFor('claude-haiku-4-5-20251001', overrides)?.output, 9);
  });

  test('make an unknown model known, deriving missing cache prices from the input price', () => {
    const overrides = { 'my-finetune': { input: 4, output: 20 } };
    assert.equal(isKnownModel('my-finetune', overrides), true);
    assert.deepEqual(priceFor('my-finetune', overrides), { input: 4, output: 20, cacheWrite5m: 5, cacheWrite1h: 8, cacheRead: 0.4 });
    near(costOf('my-finetune', usage({ inputTokens: 1000, outputTokens: 1000 }), { overrides }), (4000 + 20000) / 1e6);
  });

  test('an incomplete or invalid override leaves an unknown model unknown', () => {
    assert.equal(priceFor('my-finetune', { 'my-finetune': { input: 4 } }), undefined);
    assert.equal(costOf('my-finetune', usage({ inputTokens: 1 }), { overrides: { 'my-finetune': { input: 4, output: Number.NaN } } }), null);
    assert.equal(priceFor('claude-haiku-4-5', { 'claude-haiku-4-5': { input: -1 } })?.input, 1);
  });
});
