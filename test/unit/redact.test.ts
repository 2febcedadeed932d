import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactSecrets } from '../../src/core/redact';

describe('redactSecrets', () => {
  it('masks every occurrence of each secret given', () => {
    assert.equal(redactSecrets('key=abc123xyz and again abc123xyz', ['abc123xyz']), 'key=[REDACTED] and again [REDACTED]');
  });

  it('masks anything shaped like an Anthropic key even when not given', () => {
    assert.equal(redactSecrets('Bearer sk-ant-api03-AbC_d-1234567890 rejected'), 'Bearer [REDACTED] rejected');
  });

  it('leaves text alone for empty or too-short secrets', () => {
    assert.equal(redactSecrets('a cat sat', ['', undefined, 'a', 'cat']), 'a cat sat');
  });
});
