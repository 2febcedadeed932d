// An eval interrupted from outside: Ctrl-C (SIGINT) keeps finished results and prints them; `kill -9` loses
// nothing that finished (the run file and the trace log are appended line by line).
import assert from 'node:assert/strict';
import { appendFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { RunStore } from '../../src/core/store/runStore';
import { storePaths } from '../../src/core/store/storeDir';
import { TraceLog } from '../../src/core/store/traceLog';
import { runCli, startCli } from '../support/cliProcess';
import { makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';
import { answer, hang, lastUserText } from '../support/fakeAnthropic';
import { useFakeServer } from '../support/fakeServerHooks';

const KEY = 'sk-ant-test-SECRET-interrupt-0123456789';
const FINISHED = 3;

describe('interrupting promptops eval', () => {
  const suite = useFakeServer(KEY);

  // The first FINISHED calls answer; every later one hangs until the client gives up.
  async function hangingEval() {
    let served = 0;
    suite.fake.setResponder((req) => (++served <= FINISHED ? answer(`Fake answer to: ${lastUserText(req.body)}`) : hang()));
    const tests = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, question: `Question ${i}`, assert: ['- type: contains', '  value: Fake answer'] }));
    const root = await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests(tests) });
    suite.track(root);
    const cli = startCli(['eval', root, '--concurrency', '1', '--no-cache'], { env: suite.env() });
    await waitFor(async () => (await storedResults(root)) >= FINISHED);
    return { root, cli };
  }

  it('Ctrl-C stops new calls, keeps and prints the finished results, exit 1', async () => {
    const { root, cli } = await hangingEval();
    const requestsAtInterrupt = suite.fake.messageRequests().length;
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Stopping: no new calls/);
    assert.match(r.stdout, /t0\s+1\.00\s+pass/);
    assert.match(r.stdout, /run cancelled: 3 result\(s\) kept/);
    assert.match(r.stdout, /Run cancelled: 3 finished result\(s\) kept/);
    assert.equal(suite.fake.messageRequests().length, requestsAtInterrupt, 'no call started after Ctrl-C');
    const [run] = await new RunStore(root).list();
    assert.equal(run.status, 'cancelled');
    assert.deepEqual(run.results.map((x) => x.id).sort(), ['t0', 't1', 't2']);
  });

  it('after kill -9 every finished result and trace is readable, a torn last line included', async () => {
    const { root, cli } = await hangingEval();
    cli.child.kill('SIGKILL');
    const r = await cli.done;
    assert.equal(r.signal, 'SIGKILL');

    const paths = storePaths(root);
    const [runFile] = await readdir(paths.runs);
    const [traceFile] = await readdir(paths.traces);
    // A crash in the middle of a write leaves half a line behind.
    await appendFile(path.join(paths.runs, runFile), '{"kind":"result","result":{"id":"t9","sc');
    await appendFile(path.join(paths.traces, traceFile), '{"trace_id":"torn","gen_ai.oper');

    const [run] = await new RunStore(root).list();
    assert.equal(run.status, 'running', 'no closing line: the run never finished');
    assert.deepEqual(run.results.map((x) => x.id).sort(), ['t0', 't1', 't2']);
    const traces = await new TraceLog(paths.traces).tail(50);
    const traced = new Set(traces.map((t) => t.trace_id));
    for (const result of run.results) assert.ok(result.traceId && traced.has(result.traceId), `trace of ${result.id}`);
    assert.ok(!traced.has('torn'));

    const listed = await runCli(['traces', '--json', '--tail', '50'], { cwd: root });
    assert.equal(listed.code, 0, listed.stderr);
    assert.equal(listed.stdout.trim().split('\n').filter((l) => JSON.parse(l)['promptops.run.id'] === run.runId && !JSON.parse(l)['error.type']).length, FINISHED);
    const text = await readFile(path.join(paths.runs, runFile), 'utf8');
    assert.ok(!text.includes(KEY));
  });

  it('Ctrl-C while the cost estimate counts tokens ends the command with a message, exit 1, and no model call', async () => {
    suite.fake.scriptCountTokens(hang());
    const root = suite.track(await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests([{ id: 'only', question: 'Counted?' }]) }));
    const before = suite.fake.messageRequests().length;
    const counting = () => suite.fake.requests.filter((r) => r.path === '/v1/messages/count_tokens').length;
    const countsBefore = counting();
    const cli = startCli(['eval', root, '--no-cache'], { env: suite.env() });
    await waitFor(async () => counting() > countsBefore);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /Interrupted before any call: nothing was run\./);
    assert.equal(suite.fake.messageRequests().length, before);
  });
});

async function storedResults(root: string): Promise<number> {
  const [run] = await new RunStore(root).list();
  return run?.results.length ?? 0;
}

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error('condition not met in 30 s');
}
