import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatCostSum, formatCount, formatDelta, formatLatency, formatPercent, formatScore, formatUsd } from '../../src/core/format';

describe('formatUsd', () => {
  test('cents from a dollar up, two significant digits below a dollar', () => {
    assert.equal(formatUsd(1234.567), '$1,234.57');
    assert.equal(formatUsd(1), '$1.00');
    assert.equal(formatUsd(0.25), '$0.25');
    assert.equal(formatUsd(0.123), '$0.12');
    assert.equal(formatUsd(0.0041), '$0.0041');
    assert.equal(formatUsd(0.00412345), '$0.0041');
    assert.equal(formatUsd(0.00004123), '$0.000041');
  });

  test('zero, dust and unknown', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(1e-9), '<$0.000001');
    assert.equal(formatUsd(null), 'cost unknown');
    assert.equal(formatUsd(undefined), 'cost unknown');
  });
});

describe('formatCostSum', () => {
  test('a sum with calls of unknown price is a lower bound, or unknown when nothing was priced, never a silent $0', () => {
    assert.equal(formatCostSum(0.25, false), '$0.25');
    assert.equal(formatCostSum(0.25, undefined), '$0.25');
    assert.equal(formatCostSum(0.25, true), '$0.25 + unknown');
    assert.equal(formatCostSum(0, true), 'unknown');
  });
});

describe('scores, percentages, latencies, counts', () => {
  test('a dash for what is missing, the same in every formatter', () => {
    for (const format of [formatScore, formatPercent, formatLatency]) {
      assert.equal(format(null), '–');
      assert.equal(format(undefined), '–');
      assert.equal(format(Number.NaN), '–');
    }
  });

  test('two decimals of a score, a whole percentage of a rate, ms then seconds, thousands separators', () => {
    assert.equal(formatScore(0.8567), '0.86');
    assert.equal(formatPercent(0.857), '86%');
    assert.equal(formatPercent(1), '100%');
    assert.equal(formatLatency(812.4), '812 ms');
    assert.equal(formatLatency(12_345), '12.3 s');
    assert.equal(formatCount(1234567), '1,234,567');
  });
});

describe('formatDelta', () => {
  test('signed changes of scores, dollars, milliseconds and percentages', () => {
    assert.equal(formatDelta(0.123), '+0.12');
    assert.equal(formatDelta(-0.3), '−0.30');
    assert.equal(formatDelta(0.0041, '$'), '+$0.0041');
    assert.equal(formatDelta(-1.5, '$'), '−$1.50');
    assert.equal(formatDelta(110.4, '', ' ms'), '+110 ms');
    assert.equal(formatDelta(-12.6, '', '%'), '−13%');
  });

  test('no sign on a change that rounds to nothing, and no doubled dollar on dust', () => {
    assert.equal(formatDelta(0), '±0.00');
    assert.equal(formatDelta(-0.001), '±0.00');
    assert.equal(formatDelta(0.4, '', ' ms'), '±0 ms');
    assert.equal(formatDelta(0, '$'), '±$0.00');
    assert.equal(formatDelta(1e-9, '$'), '+<$0.000001');
  });
});
