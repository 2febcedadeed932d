// `promptops eval` as a child process (`node dist/cli.js`, built by `npm run build`) against the fake server.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { RunStore } from '../../src/core/store/runStore';
import { runCli } from '../support/cliProcess';
import { copyExamples, makeWorkspace, questionPrompt, questionTests, readTree } from '../support/evalWorkspace';
import { responderFromRules } from '../support/fakeAnthropic';
import { useFakeServer } from '../support/fakeServerHooks';
import { sampleAnswerRules } from '../support/sampleAnswers';

const KEY = 'sk-ant-test-SECRET-cli-eval-0123456789';

describe('promptops eval (CLI)', () => {
  const suite = useFakeServer(KEY);

  it('replays the example recordings offline by default, labelled, with a failing test and its reason (exit 1)', async () => {
    const root = suite.track(await copyExamples());
    const before = suite.fake.requests.length;
    const r = await runCli(['eval', root]);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /offline: replaying recorded answers/);
    assert.match(r.stderr, /Estimated cost: ≈\$/);
    assert.match(r.stderr, /budget: \$0\.50 per run/);
    for (const prompt of ['support-answer.prompt', 'ticket-triage.prompt', 'summarize.prompt']) assert.match(r.stdout, new RegExp(`${prompt} \\(claude-[\\w-]+, hand-written sample answers \\(not live output\\)\\)`));
    assert.match(r.stdout, /test\s+score\s+pass\s+tokens in\/out\s+cost\s+judge\s+latency/);
    assert.match(r.stdout, /nonprofit-discount-handover\s+0\.\d\d\s+FAIL/);
    assert.match(r.stdout, /not-contains failed: output contains "50% off"/);
    assert.match(r.stdout, /Totals: 28 tests · 26 passed · 2 failed · 0 errored/);
    assert.match(r.stdout, /Estimated ≈\$[\d.]+ (\(an upper bound: max_tokens as output\) )?vs actual \$[\d.]+ \([+−±][\d.]+%\)/);
    assert.equal(suite.fake.requests.length, before, 'replay makes no request');
  });

  it('exits 0 when every test passes, with the live provider chosen because a key is set', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'echo', question: 'ping', assert: ['- type: contains', '  value: ping'] }]) }));
    const r = await runCli(['eval', root], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /echo\s+1\.00\s+pass/);
    assert.doesNotMatch(r.stderr, /offline/);
  });

  it('exits 2 on an invalid tests file, printing file:line:col and no stack trace', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': 'tests:\n  - id: a\n    vars: [unclosed\n' }));
    const before = suite.fake.requests.length;
    const r = await runCli(['eval', root], { env: suite.env() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /q\.tests\.yaml:\d+:\d+: error: /);
    assert.doesNotMatch(r.stderr + r.stdout, /\n\s+at /);
    assert.equal(suite.fake.requests.length, before);
  });

  it('exits 2 on bad usage and when there is neither a key nor recordings', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'a', question: 'hi' }]) }));
    const badRepeat = await runCli(['eval', root, '--repeat', '0']);
    assert.equal(badRepeat.code, 2);
    assert.match(badRepeat.stderr, /--repeat/);
    const noKey = await runCli(['eval', root]);
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /ANTHROPIC_API_KEY/);
    assert.doesNotMatch(noKey.stderr, /\n\s+at /);
  });

  it('writes the JSON and JUnit reports', async () => {
    const root = suite.track(
      await makeWorkspace({
        'q.prompt': questionPrompt(),
        'q.tests.yaml': questionTests([
          { id: 'good', question: 'refund policy', assert: ['- type: icontains', '  value: REFUND'] },
          { id: 'bad', question: 'hello', assert: ['- type: equals', '  value: goodbye'] },
        ]),
      }),
    );
    const json = path.join(root, 'report.json');
    const junit = path.join(root, 'report.xml');
    const r = await runCli(['eval', root, '--json', json, '--junit', junit], { env: suite.env() });
    assert.equal(r.code, 1);
    const report = JSON.parse(await readFile(json, 'utf8'));
    assert.deepEqual(
      { tests: report.totals.tests, passed: report.totals.passed, failed: report.totals.failed, errored: report.totals.errored },
      { tests: 2, passed: 1, failed: 1, errored: 0 },
    );
    for (const field of ['costUsd', 'judgeCostUsd', 'inputTokens', 'outputTokens', 'durationMs', 'estimatedCostUsd']) assert.equal(typeof report.totals[field], 'number', field);
    const good = report.results.find((x: { id: string }) => x.id === 'good');
    assert.equal(good.prompt, 'q.prompt');
    assert.equal(good.pass, true);
    assert.ok(good.usage.inputTokens > 0 && good.costUsd > 0 && typeof good.latencyMs === 'number' && good.cached === false);
    assert.equal(good.assertions[0].type, 'icontains');
    const xml = await readFile(junit, 'utf8');
    assert.match(xml, /<testsuites name="promptops" tests="2" failures="1" errors="0"/);
    assert.match(xml, /<testcase classname="q\.prompt" name="bad"/);
    assert.match(xml, /<property name="score" value="1"\/>/);
    assert.match(xml, /<property name="costUsd" value="[\d.e-]+"\/>/);
    assert.match(xml, /<failure type="assertion" message="score 0\.00: equals">/);
  });

  it('answers a second run from the cache (no request) and --no-cache asks again', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'a', question: 'cache one' }, { id: 'b', question: 'cache two' }]) }));
    const first = await runCli(['eval', root], { env: suite.env() });
    assert.equal(first.code, 0, first.stderr);
    const count = suite.fake.messageRequests().length;
    const second = await runCli(['eval', root], { env: suite.env() });
    assert.equal(second.code, 0);
    assert.equal(suite.fake.messageRequests().length, count);
    assert.match(second.stdout, /\$0\.00 cached/);
    assert.match(second.stderr, /2 cached, free/);
    const third = await runCli(['eval', root, '--no-cache'], { env: suite.env() });
    assert.equal(third.code, 0);
    assert.equal(suite.fake.messageRequests().length, count + 2);
  });

  it('runs --repeat N samples of each test, one call each', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'a', question: 'sample' }]) }));
    const before = suite.fake.messageRequests().length;
    const r = await runCli(['eval', root, '--repeat', '3', '--json', path.join(root, 'r.json')], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(suite.fake.messageRequests().length - before, 3);
    assert.match(r.stdout, /a #3/);
    const report = JSON.parse(await readFile(path.join(root, 'r.json'), 'utf8'));
    assert.deepEqual(report.results.map((x: { repeatIndex: number }) => x.repeatIndex), [0, 1, 2]);
  });

  it('refuses a run over --max-cost before any model call, saying how to raise it (exit 2)', async () => {
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'a', question: 'costly' }]) }));
    const before = suite.fake.messageRequests().length;
    const r = await runCli(['eval', root, '--max-cost', '0.00001'], { env: suite.env() });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /exceeds the budget of \$0\.00001/);
    assert.match(r.stderr, /--max-cost/);
    assert.equal(suite.fake.messageRequests().length, before);
  });

  it('estimates prompts-example within ±10% of the actual cost once the trace log has history', async () => {
    const root = suite.track(await copyExamples());
    suite.fake.setResponder(responderFromRules(await sampleAnswerRules(root)));
    const warm = await runCli(['eval', root, '--no-cache'], { env: suite.env() });
    assert.equal(warm.code, 1, warm.stderr);
    const json = path.join(root, 'r.json');
    const r = await runCli(['eval', root, '--no-cache', '--json', json], { env: suite.env() });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /basis: median output tokens of past calls; input tokens counted by the API/);
    const { totals } = JSON.parse(await readFile(json, 'utf8'));
    const actual = totals.costUsd + totals.judgeCostUsd;
    const error = Math.abs(totals.estimatedCostUsd - actual) / actual;
    assert.ok(error <= 0.1, `estimate ${totals.estimatedCostUsd} vs actual ${actual}: ${(error * 100).toFixed(1)}%`);
  });

  it('never writes or prints the API key (store, traces, cache, recordings, output)', async () => {
    const root = suite.track(await copyExamples());
    suite.fake.setResponder(responderFromRules(await sampleAnswerRules(root)));
    const outputs = [
      await runCli(['eval', root, '--record'], { env: suite.env() }),
      await runCli(['eval', root], { env: suite.env() }),
      await runCli(['run', path.join(root, 'summarize.prompt'), '--test', 'meeting-notes'], { env: suite.env() }),
      await runCli(['traces', '--tail', '50', '--json'], { cwd: root, env: suite.env() }),
      await runCli(['cost', root], { env: suite.env() }),
      await runCli(['eval', root, '--no-cache', '--test', 'meeting-notes'], { env: { ...suite.env(), ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' } }),
    ];
    const files = await readTree(root);
    assert.ok(files.some((f) => f.file.includes(`${path.sep}traces${path.sep}`)));
    assert.ok(files.some((f) => f.file.includes(`${path.sep}runs${path.sep}`)));
    for (const { file, text } of files) assert.ok(!text.includes(KEY), `key found in ${file}`);
    for (const o of outputs) assert.ok(!(o.stdout + o.stderr).includes(KEY), 'key found in output');
    const runs = await new RunStore(root).list();
    assert.ok(runs.length >= 6);
  });
});
