import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Dedup } from '../../src/core/dedup';
import { cacheSlot } from '../../src/core/modelCall';
import { sumTotals, totalsOf } from '../../src/core/runTotals';
import type { TestResult } from '../../src/core/types';

describe('Dedup', () => {
  it('computes once per key and shares the value with later callers', async () => {
    const dedup = new Dedup<number>();
    let computed = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const compute = async () => {
      computed++;
      await gate;
      return 42;
    };
    const first = dedup.run('k', compute);
    const second = dedup.run('k', compute);
    const other = dedup.run('other', async () => 7);
    release();
    assert.deepEqual(await first, { value: 42, shared: false });
    assert.deepEqual(await second, { value: 42, shared: true });
    assert.deepEqual(await other, { value: 7, shared: false });
    assert.equal(computed, 1);
    assert.deepEqual(await dedup.run('k', compute), { value: 42, shared: true });
  });
});

describe('cacheSlot', () => {
  it('gives repeat 0 the request key itself and every other repeat its own slot', () => {
    assert.equal(cacheSlot('abc', 0), 'abc');
    assert.notEqual(cacheSlot('abc', 1), cacheSlot('abc', 2));
    assert.notEqual(cacheSlot('abc', 1), 'abc');
  });
});

describe('run totals', () => {
  const result = (pass: boolean, extra: Partial<TestResult> = {}): TestResult => ({
    id: 'x',
    promptPath: 'p.prompt',
    repeatIndex: 0,
    score: pass ? 1 : 0,
    pass,
    assertions: [],
    output: '',
    usage: { inputTokens: 10, outputTokens: 5, cacheCreationInputTokens: 0, cacheReadInputTokens: 0 },
    costUsd: 0.5,
    judgeCostUsd: 0.25,
    latencyMs: 1,
    cached: false,
    recorded: false,
    ...extra,
  });

  it('counts passed, failed and errored apart, and flags unknown costs instead of adding zero', () => {
    const t = totalsOf([result(true), result(false), result(false, { error: { type: 'server_error', message: 'x', retryable: true } }), result(true, { costUsd: null })], 100);
    assert.deepEqual(
      { tests: t.tests, passed: t.passed, failed: t.failed, errored: t.errored, costUsd: t.costUsd, judgeCostUsd: t.judgeCostUsd, inputTokens: t.inputTokens, outputTokens: t.outputTokens },
      { tests: 4, passed: 2, failed: 1, errored: 1, costUsd: 1.5, judgeCostUsd: 1, inputTokens: 40, outputTokens: 20 },
    );
    assert.equal(t.costIncomplete, true);
    const sum = sumTotals([t, totalsOf([result(true)], 50)], 120);
    assert.equal(sum.tests, 5);
    assert.equal(sum.costUsd, 2);
    assert.equal(sum.durationMs, 120);
    assert.equal(sum.costIncomplete, true);
  });
});
