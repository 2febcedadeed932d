// Loaded only with PROMPTOPS_HARNESS_SELFTEST=1: proves a failing test makes the harness report failure.
import * as assert from 'node:assert/strict';

describe('harness self-test', () => {
  it('fails on purpose', () => {
    assert.fail('This failure is deliberate: the harness must report the run as failed.');
  });
});
