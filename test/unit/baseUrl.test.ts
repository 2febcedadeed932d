import assert from 'node:assert/strict';
import { test } from 'node:test';
import { resolveBaseUrl } from '../../src/core/providerChoice';

const ENV = { ANTHROPIC_BASE_URL: 'http://env.example' };

test('the base URL: editor setting > ANTHROPIC_BASE_URL > promptops.config.yaml > the default', () => {
  assert.equal(resolveBaseUrl({ setting: 'http://setting.example', fromFile: 'http://file.example', env: ENV }), 'http://setting.example');
  assert.equal(resolveBaseUrl({ fromFile: 'http://file.example', env: ENV }), 'http://env.example');
  assert.equal(resolveBaseUrl({ fromFile: 'http://file.example', env: {} }), 'http://file.example');
  assert.equal(resolveBaseUrl({ env: {} }), undefined);
});

test('an empty value counts as unset', () => {
  assert.equal(resolveBaseUrl({ setting: '', fromFile: 'http://file.example', env: { ANTHROPIC_BASE_URL: '' } }), 'http://file.example');
});
