import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { diffRuns } from '../../src/core/history/diff';
import { evaluateHistory } from '../../src/core/history/evaluateHistory';
import { resolveVersion } from '../../src/core/history/resolveVersion';
import { listPromptVersions, WORKING } from '../../src/core/history/versions';
import type { RunRecord } from '../../src/core/types';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';
import { createRepo, type TestRepo } from '../support/gitRepo';
import { historyOptions, promptText, ruleResponder, testsYaml } from '../support/historyFixture';

const FILE = 'noisy.prompt';
const ALL = ['a', 'b', 'c', 'd'];

describe('diff of two evaluated versions (fake Anthropic server with noisy answers, real git)', () => {
  let repo: TestRepo;
  let fake: FakeAnthropic;
  const sha: Record<string, string> = {};

  before(async () => {
    fake = await startFakeAnthropic({ respond: ruleResponder({ noise: true }) });
    repo = await createRepo();
    sha.base = await repo.commit('All four rules', { [FILE]: promptText(ALL), 'noisy.tests.yaml': testsYaml(ALL, { noise: true }) });
    // Same rules, different wording: any change in scores is noise.
    sha.reworded = await repo.commit('Reword', { [FILE]: promptText(ALL, 'Be brief.') });
    // Rule c is gone: test t-c really drops.
    sha.dropped = await repo.commit('Drop rule c', { [FILE]: promptText(['a', 'b', 'd'], 'Be brief.') });
  });
  after(async () => {
    await fake.close();
    await repo.remove();
  });

  async function runsOf(beforeRev: string, afterRev: string, repeat: number): Promise<[RunRecord, RunRecord]> {
    const list = await listPromptVersions(path.join(repo.root, FILE));
    const b = await resolveVersion(list, beforeRev);
    const a = await resolveVersion(list, afterRev);
    assert.ok(b.ok && a.ok);
    const result = await evaluateHistory({ ...historyOptions(repo.root, path.join(repo.root, FILE), fake.url, [b.version, a.version]), repeat });
    const [rb, ra] = result.evaluations.map((e) => e.run);
    assert.ok(rb && ra);
    return [rb, ra];
  }

  test('without repeats: deltas and flips, but no verdict on noise', async () => {
    const diff = diffRuns(...(await runsOf(sha.reworded, sha.dropped, 1)));
    const first = diff.tests[0];
    assert.equal(first.id, 't-c');
    assert.equal(first.flip, 'pass-to-fail');
    assert.equal(first.verdict, 'no-repeats');
    assert.ok((first.delta ?? 0) <= -0.5);
    assert.equal(first.interval, undefined);
    assert.match(diff.summary.note ?? '', /no repeats: cannot judge noise/);
    assert.equal(diff.significantRegression, false);
  });

  test('pure noise with repeats: every change is within noise, nothing is called a regression', async () => {
    const [b, a] = await runsOf(sha.base, sha.reworded, 4);
    assert.equal(b.results.length, 16);
    const diff = diffRuns(b, a);
    for (const t of diff.tests) {
      assert.equal(t.verdict, 'within-noise', `${t.id}: ${JSON.stringify(t.interval)}`);
      assert.ok(t.interval && t.interval.low <= 0 && t.interval.high >= 0);
      assert.equal(t.before?.n, 4);
      assert.ok(new Set(t.before?.scores).size > 1, 'repeats vary');
    }
    assert.notEqual(diff.summary.verdict, 'regression');
    assert.equal(diff.significantRegression, false);
  });

  test('a real drop with repeats is called a regression, first in the list', async () => {
    const diff = diffRuns(...(await runsOf(sha.reworded, sha.dropped, 4)));
    assert.deepEqual(
      diff.tests.map((t) => [t.id, t.verdict]).slice(0, 1),
      [['t-c', 'regression']],
    );
    const drop = diff.tests[0];
    assert.ok(drop.interval && drop.interval.high < 0);
    assert.ok(diff.tests.slice(1).every((t) => t.verdict === 'within-noise'));
    assert.equal(diff.summary.regressions, 1);
    assert.equal(diff.significantRegression, true);
  });

  test('resolveVersion: revisions that did not touch the file, "working", unknown names', async () => {
    await repo.commit('Unrelated', { 'README.md': 'x\n' });
    const list = await listPromptVersions(path.join(repo.root, FILE));
    const head = await resolveVersion(list, 'HEAD');
    assert.ok(head.ok && head.version.commit === sha.dropped);
    const previous = await resolveVersion(list, 'HEAD~2');
    assert.ok(previous.ok && previous.version.commit === sha.reworded);
    const working = await resolveVersion(list, WORKING);
    assert.ok(working.ok && working.version.commit === sha.dropped);
    const unknown = await resolveVersion(list, 'no-such-branch');
    assert.ok(!unknown.ok && /Unknown revision/.test(unknown.error));
  });
});
