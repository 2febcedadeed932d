import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatUsd } from '../../src/core/format';

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
