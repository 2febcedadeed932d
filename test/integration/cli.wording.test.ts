// What the CLI says when cost is unknown, where replayed answers came from, how a run stopped, and how
// long it waits for the API: `node dist/cli.js` processes against the fake server.
import assert from 'node:assert/strict';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cliProcess';
import { makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';
import { answer, hang, lastUserText, resetConnection } from '../support/fakeAnthropic';
import { useFakeServer } from '../support/fakeServerHooks';

const KEY = 'sk-ant-test-SECRET-wording-0123456789';
const UNPRICED = 'my-own-model';

describe('promptops wording of cost, recordings, stops and timeouts', () => {
  const suite = useFakeServer(KEY);

  async function workspace(model?: string, ids = ['a', 'b']) {
    const root = await makeWorkspace({ 'q.prompt': questionPrompt(model), 'q.tests.yaml': questionTests(ids.map((id) => ({ id, question: `Question ${id}` }))) });
    return suite.track(root);
  }

  it('run says "cost unknown" (once) for a model without a price, and "cost $X" otherwise', async () => {
    const unpriced = await workspace(UNPRICED);
    const r = await runCli(['run', path.join(unpriced, 'q.prompt'), '--var', 'question=Hi'], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, / out · cost unknown · latency /);
    assert.doesNotMatch(r.stderr, /cost cost/);
    const priced = await workspace();
    const p = await runCli(['run', path.join(priced, 'q.prompt'), '--var', 'question=Hi'], { env: suite.env() });
    assert.match(p.stderr, / out · cost \$[\d.]+ · latency /);
  });

  it('run ends the streamed text with a newline before an error cuts it off', async () => {
    const root = await workspace();
    suite.fake.script(resetConnection({ afterDeltas: 1 }));
    const r = await runCli(['run', path.join(root, 'q.prompt'), '--var', 'question=Hi'], { env: suite.env() });
    assert.equal(r.code, 1, r.stderr);
    assert.ok(r.stdout.length > 1, 'some text was streamed');
    assert.ok(r.stdout.endsWith('\n'), JSON.stringify(r.stdout));
    assert.match(r.stderr, /error \(connection\)/);
  });

  it('eval never shows an unknown cost as $0: totals, accuracy, JSON and JUnit say it is unknown', async () => {
    const root = await workspace(UNPRICED);
    const json = path.join(root, 'r.json');
    const junit = path.join(root, 'r.xml');
    const r = await runCli(['eval', root, '--json', json, '--junit', junit], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /· cost unknown \+ judge \$0\.00 ·/);
    assert.match(r.stdout, /Estimated cost unknown vs actual unknown/);
    const { totals } = JSON.parse(await readFile(json, 'utf8'));
    assert.equal(totals.costUsd, 0);
    assert.equal(totals.costIncomplete, true);
    const xml = await readFile(junit, 'utf8');
    assert.match(xml, /<property name="costUsd" value="unknown"\/>\n\s*<property name="costIncomplete" value="true"\/>/);
    assert.doesNotMatch(xml, /name="costUsd" value="0"/);
  });

  it('eval with some costs unknown shows the known sum "+ unknown" and no accuracy percentage', async () => {
    const root = await workspace();
    // The API answering under a model id without a price makes that call's cost unknown after a known estimate.
    suite.fake.setResponder((req) => answer(`Fake answer to: ${lastUserText(req.body)}`, lastUserText(req.body).endsWith('b') ? { model: UNPRICED } : {}));
    const json = path.join(root, 'r.json');
    const r = await runCli(['eval', root, '--json', json], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /· cost \$[\d.]+ \+ unknown \+ judge/);
    assert.match(r.stdout, /^Estimated ≈?\$[\d.]+ vs actual \$[\d.]+ \+ unknown: no accuracy figure while some prices are unknown$/m);
    const { totals } = JSON.parse(await readFile(json, 'utf8'));
    assert.ok(totals.costUsd > 0);
    assert.equal(totals.costIncomplete, true);
  });

  it('replayed live recordings are labelled as recorded live answers, and a mix says both', async () => {
    const root = await workspace();
    const recorded = await runCli(['eval', root, '--record'], { env: suite.env() });
    assert.equal(recorded.code, 0, recorded.stderr);
    const file = path.join(root, 'q.recordings.jsonl');
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.source), ['live', 'live']);

    const replayed = await runCli(['eval', root, '--provider', 'replay'], { env: suite.env() });
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.match(replayed.stdout, /q\.prompt \(claude-haiku-4-5, recorded live answers \(replayed, not new calls\)\)/);
    assert.doesNotMatch(replayed.stdout, /hand-written/);
    const one = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'a', '--provider', 'replay'], { env: suite.env() });
    assert.match(one.stderr, / · recorded live answers \(replayed, not new calls\)$/m);

    lines[1].source = 'hand-written sample answer';
    await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const mixed = await runCli(['eval', root, '--provider', 'replay'], { env: suite.env() });
    assert.match(mixed.stdout, /recorded live answers \(replayed, not new calls\) and hand-written sample answers \(not live output\)/);
  });

  it('a run stopped by the budget says so in words', async () => {
    const root = await workspace(undefined, ['a', 'b', 'c', 'd']);
    // Each answer reports far more output than max_tokens allows for in the estimate, so the spend crosses the budget.
    suite.fake.setResponder((req) => answer(`Fake answer to: ${lastUserText(req.body)}`, { usage: { output_tokens: 20_000 } }));
    const r = await runCli(['eval', root, '--concurrency', '1', '--no-cache', '--max-cost', '0.01'], { env: suite.env() });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^Run stopped by the budget: \d finished result\(s\) kept in \.promptops\/runs\/\.$/m);
    assert.match(r.stdout, /^run stopped by the budget: \d result\(s\) kept$/m);
    assert.doesNotMatch(r.stdout, /budget-stopped/);
  });

  it('--timeout bounds each API request, and a timed-out request is retried once', async () => {
    const root = await workspace(undefined, ['a']);
    suite.fake.script(hang(), hang());
    const before = suite.fake.messageRequests().length;
    const r = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'a', '--timeout', '0.2'], { env: suite.env() });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /error \(timeout\): No answer from the Anthropic API within 0\.2 s \(2 attempts\)/);
    // The client counts its attempts; the server may see fewer when a loaded machine times an attempt out before
    // its request has arrived, but never more: a timed-out request is not retried a third time.
    const reached = suite.fake.messageRequests().length - before;
    assert.ok(reached >= 1 && reached <= 2, `${reached} requests reached the server`);

    await writeFile(path.join(root, 'promptops.config.yaml'), 'requestTimeoutSeconds: 0.2\n');
    suite.fake.script(hang(), hang());
    const configured = await runCli(['eval', root, '--no-cache'], { env: suite.env() });
    assert.equal(configured.code, 1, configured.stderr);
    assert.match(configured.stdout, /error \(timeout\) No answer from the Anthropic API within 0\.2 s/);

    const bad = await runCli(['eval', root, '--timeout', '0']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /Expected a number of seconds above 0/);
  });
});
