import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import { evaluateHistory, type HistoryEvent, type HistoryOptions } from '../../src/core/history/evaluateHistory';
import { listPromptVersions, WORKING } from '../../src/core/history/versions';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';
import { createRepo, type TestRepo } from '../support/gitRepo';
import { historyOptions, promptText, ruleResponder, testsYaml } from '../support/historyFixture';

const OLD = 'prompts/greet.prompt';
const OLD_TESTS = 'prompts/greet.tests.yaml';
const NEW = 'prompts/hello bot é.prompt';
const NEW_TESTS = 'prompts/hello bot é.tests.yaml';
const ALL = ['a', 'b', 'c', 'd'];

describe('evaluateHistory across the commits of a prompt (fake Anthropic server, real git)', () => {
  let repo: TestRepo;
  let fake: FakeAnthropic;
  const sha: Record<string, string> = {};

  before(async () => {
    fake = await startFakeAnthropic({ respond: ruleResponder() });
    repo = await createRepo();
    // Scores against today's 4 tests: v1 0.25, v2 0.5, v3 0.75, rename 0.75, v4 1, v5 0.5 (a regression), v6 0.75.
    sha.v1 = await repo.commit('v1: rule a', { [OLD]: promptText(['a']), [OLD_TESTS]: testsYaml(['a']) });
    sha.v2 = await repo.commit('v2: rule b', { [OLD]: promptText(['a', 'b']), [OLD_TESTS]: testsYaml(['a', 'b']) });
    sha.v3 = await repo.commit('v3: rule c', { [OLD]: promptText(['a', 'b', 'c']) });
    await repo.git('mv', OLD, NEW);
    await repo.git('mv', OLD_TESTS, NEW_TESTS);
    sha.rename = await repo.commit('Rename the prompt', {});
    sha.v4 = await repo.commit('v4: rule d', { [NEW]: promptText(ALL), [NEW_TESTS]: testsYaml(ALL) });
    sha.v5 = await repo.commit('v5: shorter', { [NEW]: promptText(['a', 'd']) });
    sha.v6 = await repo.commit('v6: rule b back', { [NEW]: promptText(['a', 'b', 'd']) });
  });
  after(async () => {
    await fake.close();
    await repo.remove();
  });

  function options(extra: Partial<HistoryOptions> & Pick<HistoryOptions, 'versions'>): HistoryOptions {
    return { ...historyOptions(repo.root, path.join(repo.root, NEW), fake.url, extra.versions), config: mergeConfig(DEFAULT_CONFIG, { concurrency: 4 }), ...extra };
  }

  test('evaluates every version once against today\'s tests, then reuses them all', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW));
    assert.equal(list.versions.length, 7);
    const events: HistoryEvent['type'][] = [];
    const first = await evaluateHistory(options({ versions: list.versions, onEvent: (e) => events.push(e.type) }));

    const byCommit = Object.fromEntries(first.evaluations.map((e) => [e.version.commit, e]));
    const scores = Object.fromEntries(Object.entries(sha).map(([name, s]) => [name, byCommit[s].summary?.meanScore]));
    assert.deepEqual(scores, { v1: 0.25, v2: 0.5, v3: 0.75, rename: 0.75, v4: 1, v5: 0.5, v6: 0.75 });
    // The rename kept the text of v3: one run serves both (the newer runs, the older reuses it).
    assert.equal(first.evaluated, 6);
    assert.deepEqual([byCommit[sha.rename].status, byCommit[sha.v3].status], ['evaluated', 'reused']);
    assert.equal(byCommit[sha.v3].run?.runId, byCommit[sha.rename].run?.runId);
    assert.equal(fake.messageRequests().length, 6 * 4);
    assert.equal(events[0], 'estimate');
    assert.ok(first.estimate && first.estimate.calls === 24);

    for (const e of first.evaluations) {
      assert.equal(e.run?.prompt.path, NEW);
      assert.equal(e.run?.prompt.hash, e.version.hash);
    }
    assert.equal(byCommit[sha.v5].run?.prompt.commit, sha.v5);
    assert.equal(byCommit[sha.v1].summary?.passRate, 0.25);
    assert.ok((byCommit[sha.v4].summary?.costPerRunUsd ?? 0) > 0);

    const requestsBefore = fake.requests.length;
    const second = await evaluateHistory(options({ versions: list.versions }));
    assert.equal(fake.requests.length, requestsBefore, 'reopening history makes no request');
    assert.equal(second.evaluated, 0);
    assert.equal(second.reused, 7);
    assert.equal(second.estimate, undefined);
    assert.deepEqual(
      second.evaluations.map((e) => e.summary?.meanScore),
      first.evaluations.map((e) => e.summary?.meanScore),
    );
  });

  test('the working copy is evaluated as "dirty", the committed versions are reused', async () => {
    const file = path.join(repo.root, NEW);
    try {
      await writeFile(file, promptText(['b', 'c']));
      const list = await listPromptVersions(file, { limit: 3 });
      await evaluateHistory(options({ versions: list.versions }));
      const requestsBefore = fake.messageRequests().length;
      const result = await evaluateHistory(options({ versions: list.versions }));
      assert.equal(fake.messageRequests().length, requestsBefore);
      assert.equal(result.evaluations[0].version.commit, WORKING);
      assert.equal(result.evaluations[0].run?.prompt.commit, 'dirty');
      assert.equal(result.evaluations[0].summary?.meanScore, 0.5);
    } finally {
      await writeFile(file, promptText(['a', 'b', 'd']));
    }
  });

  test('with the tests as they were at each commit', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW));
    const result = await evaluateHistory(options({ versions: list.versions, testsAt: 'commit' }));
    const byCommit = Object.fromEntries(result.evaluations.map((e) => [e.version.commit, e]));
    // v1 had one test (rule a), v2 and v3 two; v4 onwards today's four.
    assert.equal(byCommit[sha.v1].summary?.tests, 1);
    assert.equal(byCommit[sha.v1].summary?.meanScore, 1);
    assert.equal(byCommit[sha.v3].summary?.tests, 2);
    assert.equal(byCommit[sha.v3].summary?.meanScore, 1);
    assert.notEqual(byCommit[sha.v3].testsHash, byCommit[sha.v4].testsHash);
    // From v4 on the tests are today's: reused from the first test's runs.
    assert.equal(byCommit[sha.v5].status, 'reused');
  });

  test('a budget below the estimate refuses before any call', async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW));
    const before = fake.requests.length;
    const result = await evaluateHistory(options({ versions: list.versions, repeat: 2, maxCostUsd: 0.0000001 }));
    assert.equal(fake.requests.length, before);
    assert.match(result.refused?.message ?? '', /exceeds the budget/);
    assert.ok(result.evaluations.every((e) => e.status === 'missing'));
    assert.ok(result.estimate && (result.estimate.totalUsd ?? 0) > 0.0000001);
  });

  test("evaluate: 'none' only reports what is stored, with the estimate of the rest", async () => {
    const list = await listPromptVersions(path.join(repo.root, NEW));
    const before = fake.requests.length;
    const result = await evaluateHistory(options({ versions: list.versions, repeat: 3, evaluate: 'none' }));
    assert.equal(fake.requests.length, before);
    assert.equal(result.evaluated, 0);
    assert.ok(result.evaluations.every((e) => e.status === 'missing'));
    assert.equal(result.estimate?.calls, 6 * 4 * 3);
  });

  test('a version without tests, and a version that does not parse, say why', async () => {
    const broken = await createRepo();
    try {
      const shaNoTests = await broken.commit('no tests yet', { 'p.prompt': promptText(['a']) });
      const shaBad = await broken.commit('bad front matter', { 'p.prompt': '---\nmodel: [unclosed\n---\nhi\n', 'p.tests.yaml': testsYaml(['a']) });
      const list = await listPromptVersions(path.join(broken.root, 'p.prompt'));
      const result = await evaluateHistory({ ...historyOptions(broken.root, path.join(broken.root, 'p.prompt'), fake.url, list.versions), testsAt: 'commit' });
      const byCommit = Object.fromEntries(result.evaluations.map((e) => [e.version.commit, e]));
      assert.equal(byCommit[shaNoTests].status, 'no-tests');
      assert.match(byCommit[shaNoTests].problems[0].message, /does not exist at [0-9a-f]{7}/);
      assert.equal(byCommit[shaBad].status, 'invalid');
      assert.ok(byCommit[shaBad].problems.some((p) => p.severity === 'error' && p.range.start.line >= 1));
    } finally {
      await broken.remove();
    }
  });
});
