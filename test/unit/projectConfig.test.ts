import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { DEFAULT_CONFIG, loadProjectConfig } from '../../src/core/config';
import { formatProblem } from '../../src/core/problems';

async function load(text: string) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'promptops-config-'));
  try {
    await writeFile(path.join(root, 'promptops.config.yaml'), text);
    const { config, problems } = await loadProjectConfig(root);
    return { config, problems, lines: problems.map((p) => formatProblem(p, root)) };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

describe('promptops.config.yaml values', () => {
  test('valid settings are read, pricing overrides included', async () => {
    const { config, problems } = await load(
      'defaultModel: claude-haiku-4-5\njudgeModel: claude-sonnet-4-5\nconcurrency: 3\nmaxCostUsd: 0.5\nbaseURL: http://127.0.0.1:9\n' +
        'defaultMaxTokens: 256\nrequestTimeoutSeconds: 2.5\npricing:\n  my-model: { input: 1, output: 2 }\n',
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(config, {
      ...DEFAULT_CONFIG,
      defaultModel: 'claude-haiku-4-5',
      judgeModel: 'claude-sonnet-4-5',
      concurrency: 3,
      maxCostUsd: 0.5,
      baseURL: 'http://127.0.0.1:9',
      defaultMaxTokens: 256,
      requestTimeoutSeconds: 2.5,
      pricing: { 'my-model': { input: 1, output: 2 } },
    });
  });

  test('a value of the wrong kind is an error at the value and falls back to the default', async () => {
    const { config, lines } = await load('concurrency: many\nmaxCostUsd: -1\ndefaultMaxTokens: 2.5\nbaseURL: not a url\njudgeModel: claude-haiku-4-5\nrequestTimeoutSeconds: 0\n');
    assert.deepEqual(lines, [
      'promptops.config.yaml:1:14: error: `concurrency` must be a whole number of 1 or more (Fix it in promptops.config.yaml.)',
      'promptops.config.yaml:2:13: error: `maxCostUsd` must be a number of US dollars, 0 or more (Fix it in promptops.config.yaml.)',
      'promptops.config.yaml:3:19: error: `defaultMaxTokens` must be a whole number of 1 or more (Fix it in promptops.config.yaml.)',
      'promptops.config.yaml:4:10: error: `baseURL` must be a URL such as https://api.anthropic.com (Fix it in promptops.config.yaml.)',
      'promptops.config.yaml:6:24: error: `requestTimeoutSeconds` must be a number of seconds above 0 (Fix it in promptops.config.yaml.)',
    ]);
    assert.equal(config.requestTimeoutSeconds, DEFAULT_CONFIG.requestTimeoutSeconds);
    assert.equal(config.concurrency, DEFAULT_CONFIG.concurrency);
    assert.equal(config.maxCostUsd, undefined);
    assert.equal(config.judgeModel, 'claude-haiku-4-5', 'the valid settings beside them still apply');
  });

  test('a price override with an unknown field or a non-number price is an error', async () => {
    const { config, problems } = await load('pricing:\n  my-model: { input: 1, outptu: 2 }\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'invalid-config');
    assert.deepEqual(problems[0].range.start, { line: 2, column: 3 });
    assert.match(problems[0].message, /fields input, output, cacheWrite5m, cacheWrite1h, cacheRead/);
    assert.deepEqual(config.pricing, {});
    const text = await load('pricing:\n  my-model: { input: "cheap" }\n');
    assert.equal(text.problems[0].code, 'invalid-config');
  });

  test('an unknown key is a warning at the key with the likely setting', async () => {
    const { config, problems, lines } = await load('concurency: 2\ncolour: blue\n');
    assert.deepEqual(lines, [
      'promptops.config.yaml:1:1: warning: Unknown setting `concurency` (ignored) (Did you mean `concurrency`?)',
      'promptops.config.yaml:2:1: warning: Unknown setting `colour` (ignored) (Use defaultModel, judgeModel, concurrency, maxCostUsd, baseURL, pricing, defaultMaxTokens, requestTimeoutSeconds.)',
    ]);
    assert.ok(problems.every((p) => p.severity === 'warning'));
    assert.equal(config.concurrency, DEFAULT_CONFIG.concurrency);
  });

  test('a file that is not a mapping is an error; an empty file or an empty value is no setting', async () => {
    const list = await load('- concurrency: 2\n');
    assert.equal(list.problems.length, 1);
    assert.match(list.lines[0], /^promptops\.config\.yaml:1:1: error: promptops\.config\.yaml must be a mapping of settings/);
    assert.deepEqual(list.config, DEFAULT_CONFIG);
    const empty = await load('# nothing yet\n');
    assert.deepEqual(empty, { config: DEFAULT_CONFIG, problems: [], lines: [] });
    const blank = await load('maxCostUsd:\n');
    assert.deepEqual(blank.problems, []);
    assert.equal(blank.config.maxCostUsd, undefined);
  });
});
