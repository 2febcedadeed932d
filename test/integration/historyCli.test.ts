import assert from 'node:assert/strict';
import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runCli } from '../support/cliProcess';
import { startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';
import { createRepo, type TestRepo } from '../support/gitRepo';
import { promptText, ruleResponder, testsYaml } from '../support/historyFixture';

// Runs the built CLI (`npm run build` first, as `npm test` does).
const FILE = 'support bot ü.prompt';
const TESTS = 'support bot ü.tests.yaml';
const ALL = ['a', 'b', 'c', 'd'];
const API_KEY = 'sk-ant-test-history-cli-0123456789';

describe('promptops history and diff (CLI processes, fake Anthropic server, real git)', () => {
  let repo: TestRepo;
  let fake: FakeAnthropic;
  let env: Record<string, string>;
  let file: string;
  const sha: Record<string, string> = {};

  before(async () => {
    fake = await startFakeAnthropic({ respond: ruleResponder({ noise: true }) });
    env = { ANTHROPIC_API_KEY: API_KEY, ANTHROPIC_BASE_URL: fake.url };
    repo = await createRepo();
    file = path.join(repo.root, FILE);
    sha.base = await repo.commit('All four rules', { [FILE]: promptText(ALL), [TESTS]: testsYaml(ALL, { noise: true }) }, { author: 'Ada' });
    sha.reworded = await repo.commit('Reword', { [FILE]: promptText(ALL, 'Be brief.') }, { author: 'Bo' });
    sha.dropped = await repo.commit('Drop rule c', { [FILE]: promptText(['a', 'b', 'd'], 'Be brief.') }, { author: 'Cy' });
  });
  after(async () => {
    await fake.close();
    await repo.remove();
  });

  test('history --json: one entry per version, newest first; a second call makes no request', async () => {
    const first = await runCli(['history', file, '--json'], { env });
    assert.equal(first.code, 0, first.stderr);
    const report = JSON.parse(first.stdout) as { file: string; versions: { commit: string; author: string; status: string; meanScore: number; passRate: number; costPerRunUsd: number }[] };
    assert.equal(report.file, file);
    assert.deepEqual(
      report.versions.map((v) => [v.commit, v.author]),
      [
        [sha.dropped, 'Cy'],
        [sha.reworded, 'Bo'],
        [sha.base, 'Ada'],
      ],
    );
    assert.ok(report.versions.every((v) => typeof v.meanScore === 'number' && v.passRate >= 0 && v.costPerRunUsd > 0));
    assert.ok(report.versions[0].meanScore < report.versions[1].meanScore);
    assert.match(first.stderr, /not evaluated yet/);
    assert.match(first.stderr, /Estimated cost/);

    const requests = fake.requests.length;
    const second = await runCli(['history', file], { env });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(fake.requests.length, requests);
    assert.doesNotMatch(second.stderr, /Estimated cost/);
    const rows = second.stdout.split('\n').filter((l) => /^[0-9a-f]{7,} /.test(l));
    assert.deepEqual(
      rows.map((r) => r.split(/\s+/)[0]),
      [sha.dropped, sha.reworded, sha.base].map((s) => s.slice(0, rows[0].split(/\s+/)[0].length)),
    );
    assert.ok(rows.every((r) => r.includes('stored')));
    assert.ok(!second.stdout.includes(API_KEY) && !second.stderr.includes(API_KEY));
  });

  test('diff with repeats: a real drop exits 1, regressions first', async () => {
    const result = await runCli(['diff', file, sha.reworded, sha.dropped, '--repeat', '4'], { env });
    assert.equal(result.code, 1, result.stderr);
    const firstRow = result.stdout.split('\n')[2];
    assert.match(firstRow, /^t-c\s.*regression$/);
    assert.match(result.stdout, /Significant regression found\./);
  });

  test('diff with repeats on pure noise exits 0', async () => {
    const result = await runCli(['diff', file, sha.base, sha.reworded, '--repeat', '4', '--json'], { env });
    assert.equal(result.code, 0, result.stderr);
    const diff = JSON.parse(result.stdout) as { significantRegression: boolean; tests: { verdict: string }[] };
    assert.equal(diff.significantRegression, false);
    assert.deepEqual(
      diff.tests.map((t) => t.verdict),
      ['within-noise', 'within-noise', 'within-noise', 'within-noise'],
    );
  });

  test('diff with no revision and a clean working copy compares the last change, without judging noise', async () => {
    const result = await runCli(['diff', file], { env });
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /The working copy equals HEAD: comparing the file's last change/);
    assert.match(result.stdout, /no repeats: cannot judge noise/);
    assert.match(result.stdout.split('\n')[2], /^t-c\s.*pass → fail/);
  });

  test('diff of the working copy against HEAD', async () => {
    try {
      await writeFile(file, promptText(ALL, 'Be brief.'));
      const result = await runCli(['diff', file, '--json'], { env });
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stderr, /HEAD → working copy/);
      const diff = JSON.parse(result.stdout) as { before: { commit: string }; after: { commit: string }; tests: { id: string; flip?: string }[] };
      assert.equal(diff.before.commit, sha.dropped);
      assert.equal(diff.after.commit, 'working');
      assert.equal(diff.tests.find((t) => t.id === 't-c')?.flip, 'fail-to-pass');
    } finally {
      await writeFile(file, promptText(['a', 'b', 'd'], 'Be brief.'));
    }
  });

  test('bad usage exits 2 with a hint', async () => {
    const unknown = await runCli(['diff', file, 'no-such-rev'], { env });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /Unknown revision "no-such-rev"/);
    const notPrompt = await runCli(['diff', path.join(repo.root, TESTS)], { env });
    assert.equal(notPrompt.code, 2);
    assert.match(notPrompt.stderr, /Not a prompt file/);
    const badFlag = await runCli(['diff', file, '--repeat', 'zero'], { env });
    assert.equal(badFlag.code, 2);
    const missing = await runCli(['history', path.join(repo.root, 'missing.prompt')], { env });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /No such file/);
  });

  test('versions still to evaluate: refused over the budget, or without a key, before any call (exit 2)', async () => {
    try {
      await writeFile(file, promptText(['b'], 'Edited.'));
      // Counting input tokens (count_tokens) is free and allowed; no message may be sent.
      const requests = fake.messageRequests().length;
      const overBudget = await runCli(['history', file, '--max-cost', '0.0000001'], { env });
      assert.equal(overBudget.code, 2, overBudget.stderr);
      assert.match(overBudget.stderr, /exceeds the budget/);
      assert.match(overBudget.stdout, /^working .*not evaluated$/m);
      const noKey = await runCli(['history', file], { env: { ANTHROPIC_BASE_URL: fake.url } });
      assert.equal(noKey.code, 2, noKey.stderr);
      assert.match(noKey.stderr, /ANTHROPIC_API_KEY/);
      assert.equal(fake.messageRequests().length, requests);
    } finally {
      await writeFile(file, promptText(['a', 'b', 'd'], 'Be brief.'));
    }
  });

  test('history of a file outside Git says so and lists the working copy', async () => {
    const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), 'promptops-history-cli-')));
    try {
      await writeFile(path.join(dir, 'loose.prompt'), promptText(['a']));
      await writeFile(path.join(dir, 'loose.tests.yaml'), testsYaml(['a']));
      const result = await runCli(['history', path.join(dir, 'loose.prompt'), '--json'], { env });
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout) as { note: string; versions: { commit: string; meanScore: number }[] };
      assert.equal(report.note, 'Not in a Git repository: the history is the working copy only.');
      assert.deepEqual(
        report.versions.map((v) => [v.commit, v.meanScore]),
        [['working', 1]],
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('history exits 2 and prints the problems when no version can be evaluated', async () => {
    const broken = await createRepo();
    try {
      const prompt = path.join(broken.root, 'broken.prompt');
      const tests = 'tests:\n  - id: t1\n    vars: {}\n    assert:\n      - type: contains\n        value: x\n';
      await broken.commit('Broken front matter', { 'broken.prompt': '---\nmodel: [unclosed\n---\nHello', 'broken.tests.yaml': tests });
      await broken.commit('Still broken', { 'broken.prompt': '---\nmodel: [still unclosed\n---\nHello again' });
      const requests = fake.requests.length;
      const table = await runCli(['history', prompt], { env });
      assert.equal(table.code, 2, table.stderr);
      assert.match(table.stderr, /no version of .*broken\.prompt could be evaluated/);
      assert.match(table.stdout, /Not evaluated:\n[0-9a-f]{7,}:\n  .*broken\.prompt:\d+:\d+: error/);
      const json = await runCli(['history', prompt, '--json'], { env });
      assert.equal(json.code, 2, json.stderr);
      assert.match(json.stderr, /broken\.prompt:\d+:\d+: error/);
      assert.ok((JSON.parse(json.stdout) as { versions: { status: string }[] }).versions.every((v) => v.status === 'invalid'));
      assert.equal(fake.requests.length, requests);
    } finally {
      await broken.remove();
    }
  });
});
