// `promptops run`, `traces`, `cost` and `--version` as child processes against the fake server.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../support/cliProcess';
import { copyExamples, makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';
import { answer, lastUserText } from '../support/fakeAnthropic';
import { useFakeServer } from '../support/fakeServerHooks';

const KEY = 'sk-ant-test-SECRET-commands-0123456789';

describe('promptops run, traces, cost, --version', () => {
  const suite = useFakeServer(KEY);

  async function workspace() {
    const root = await makeWorkspace({
      'q.prompt': questionPrompt(),
      'q.tests.yaml': questionTests([
        { id: 'refund', question: 'How do refunds work?', assert: ['- type: icontains', '  value: refunds'] },
        { id: 'strict', question: 'Say yes', assert: ['- type: equals', '  value: "yes"'] },
      ]),
      'promptops.config.yaml': 'concurrency: 2\n',
    });
    suite.track(root);
    return root;
  }

  it('run streams the answer to stdout, then tokens, cost, latency and trace id', async () => {
    const root = await workspace();
    suite.fake.setResponder(() => answer('Refunds take five working days.', { chunkChars: 4 }));
    const r = await runCli(['run', path.join(root, 'q.prompt'), '--var', 'question=How long do refunds take?'], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'Refunds take five working days.\n');
    assert.match(r.stderr, /tokens \d+ in \/ \d+ out · cost \$[\d.]+ · latency \d+ ms · trace [0-9a-f]{32}/);
    const last = suite.fake.messageRequests().at(-1)!;
    assert.equal(last.body.stream, true);
    assert.equal(lastUserText(last.body), 'How long do refunds take?');
  });

  it("run --test uses the test's variables and grades the answer (exit 1 when it fails)", async () => {
    const root = await workspace();
    const passing = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'refund'], { env: suite.env() });
    assert.equal(passing.code, 0, passing.stderr);
    assert.match(passing.stdout, /Fake answer to: How do refunds work\?/);
    assert.match(passing.stderr, /✓ icontains/);
    const failing = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'strict'], { env: suite.env() });
    assert.equal(failing.code, 1);
    assert.match(failing.stderr, /✗ equals/);
    const unknown = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'nope'], { env: suite.env() });
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /no test "nope"/);
  });

  it('run replays a recorded example offline and says the answer is recorded', async () => {
    const root = await copyExamples();
    suite.track(root);
    const r = await runCli(['run', path.join(root, 'ticket-triage.prompt'), '--test', 'double-charge']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /offline: replaying recorded answers/);
    assert.match(r.stderr, / · hand-written sample answers \(not live output\)$/m);
    assert.equal(JSON.parse(r.stdout).category, 'billing');
  });

  it('traces lists the newest calls, filters by prompt and test, and prints stored JSON', async () => {
    const root = await workspace();
    const evaluated = await runCli(['eval', root], { env: suite.env() });
    assert.equal(evaluated.code, 1);
    const table = await runCli(['traces', '--tail', '5'], { cwd: root });
    assert.equal(table.code, 0, table.stderr);
    assert.match(table.stdout, /time\s+kind\s+model\s+prompt › test/);
    assert.match(table.stdout, /prompt\s+claude-haiku-4-5\s+q\.prompt › refund/);
    const json = await runCli(['traces', '--json', '--test', 'strict', '--prompt', path.join(root, 'q.prompt')], { cwd: root });
    const records = json.stdout.trim().split('\n').map((l) => JSON.parse(l));
    assert.equal(records.length, 1);
    assert.equal(records[0]['promptops.test.id'], 'strict');
    assert.equal(records[0]['gen_ai.operation.name'], 'chat');
    assert.equal(records[0]['promptops.call.kind'], 'prompt');
    assert.equal(typeof records[0]['gen_ai.usage.input_tokens'], 'number');
  });

  it('cost estimates without any model call; exact input tokens come from count_tokens', async () => {
    const root = await workspace();
    const before = suite.fake.messageRequests().length;
    const counted = suite.fake.requests.filter((r) => r.path === '/v1/messages/count_tokens').length;
    const r = await runCli(['cost', root], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(suite.fake.messageRequests().length, before);
    assert.ok(suite.fake.requests.filter((x) => x.path === '/v1/messages/count_tokens').length > counted);
    assert.match(r.stdout, /prompt\s+model\s+calls\s+cached/);
    assert.match(r.stdout, /q\.prompt\s+claude-haiku-4-5\s+2\s+0/);
    assert.match(r.stdout, /Estimated cost: \$[\d.]+ for 2 calls/);
    assert.match(r.stdout, /max_tokens as output \(no past calls yet\): an upper bound; input tokens counted by the API/);
    const offline = await runCli(['cost', root]);
    assert.match(offline.stdout, /Estimated cost: ≈\$/);
  });

  it('ANTHROPIC_BASE_URL wins over baseURL in promptops.config.yaml', async () => {
    const root = await workspace();
    // Port 9 (discard) on loopback: a call that went to the file's URL would fail.
    await writeFile(path.join(root, 'promptops.config.yaml'), 'baseURL: http://127.0.0.1:9\n');
    const before = suite.fake.messageRequests().length;
    const r = await runCli(['run', path.join(root, 'q.prompt'), '--test', 'refund'], { env: suite.env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(suite.fake.messageRequests().length, before + 1);
  });

  it('cost and eval without paths take the current folder, not the whole workspace above it', async () => {
    const root = await workspace();
    const sub = path.join(root, 'sub');
    await mkdir(sub);
    await writeFile(path.join(sub, 'other.prompt'), questionPrompt());
    await writeFile(path.join(sub, 'other.tests.yaml'), questionTests([{ id: 'only', question: 'Hi?', assert: ['- type: icontains', '  value: hi'] }]));
    const inSub = await runCli(['cost'], { cwd: sub });
    assert.equal(inSub.code, 0, inSub.stderr);
    assert.match(inSub.stdout, /sub\/other\.prompt/);
    assert.doesNotMatch(inSub.stdout, /(^|\s)q\.prompt/m);
    const atRoot = await runCli(['cost'], { cwd: root });
    assert.match(atRoot.stdout, /sub\/other\.prompt/);
    assert.match(atRoot.stdout, /(^|\s)q\.prompt/m);
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    assert.equal(r.code, 0);
    const { version } = JSON.parse(await readFile(path.join(__dirname, '..', '..', 'package.json'), 'utf8'));
    assert.equal(r.stdout.trim(), version);
  });
});
