// The runner in-process against the fake Anthropic server through the real SDK provider.
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { DEFAULT_CONFIG, mergeConfig } from '../../src/core/config';
import { estimatePlan } from '../../src/core/planEstimate';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import { runEval, type EvalOptions, type RunEvent } from '../../src/core/runner';
import { buildPlan } from '../../src/core/runPlan';
import { ResponseCache } from '../../src/core/store/responseCache';
import { RunStore } from '../../src/core/store/runStore';
import { storePaths } from '../../src/core/store/storeDir';
import { TraceLog } from '../../src/core/store/traceLog';
import { answer, hang, invalidRequest, judgeAnswer, lastUserText } from '../support/fakeAnthropic';
import { useFakeServer } from '../support/fakeServerHooks';
import { makeWorkspace, questionPrompt, questionTests } from '../support/evalWorkspace';

const KEY = 'sk-ant-test-SECRET-runner-0123456789';

describe('runEval', () => {
  const suite = useFakeServer(KEY);

  async function setup(tests: Parameters<typeof questionTests>[0], { cache: useCache = true, ...overrides }: Omit<Partial<EvalOptions>, 'cache'> & { cache?: boolean } = {}) {
    const root = await makeWorkspace({ 'q.prompt': questionPrompt(), 'q.tests.yaml': questionTests(tests) });
    suite.track(root);
    const config = mergeConfig(DEFAULT_CONFIG, {});
    const plan = await buildPlan({ workspaceRoot: root, paths: [root], config });
    assert.deepEqual(plan.problems.filter((p) => p.severity === 'error'), []);
    const paths = storePaths(root);
    const traceLog = new TraceLog(paths.traces, { secrets: [KEY] });
    const runStore = new RunStore(root);
    const cache = useCache ? new ResponseCache(paths.cache) : undefined;
    const repeat = overrides.repeat ?? 1;
    const events: RunEvent[] = [];
    const run = async (extra: Partial<EvalOptions> = {}) => {
      const estimate = await estimatePlan(plan, { config, repeat, traceLog, cache });
      return runEval(plan, {
        provider: createAnthropicProvider({ apiKey: KEY, baseURL: suite.fake.url, maxRetries: 0 }),
        config,
        repeat,
        concurrency: 4,
        cache,
        traceLog,
        runStore,
        trusted: true,
        estimate,
        secrets: [KEY],
        onEvent: (e) => events.push(e),
        commitOf: async () => 'none',
        ...overrides,
        ...extra,
      });
    };
    return { root, plan, traceLog, runStore, run, events };
  }

  it('runs every test, writes each result to the run store and each call to the trace log', async () => {
    const { run, runStore, traceLog, events } = await setup([
      { id: 'a', question: 'What is a refund?', assert: ['- type: contains', '  value: refund'] },
      { id: 'b', question: 'Say hello', assert: ['- type: contains', '  value: goodbye'] },
    ]);
    const outcome = await run();
    assert.ok(outcome.ok);
    assert.equal(outcome.status, 'completed');
    const [record] = outcome.runs;
    assert.deepEqual(record.results.map((r) => [r.id, r.pass]), [['a', true], ['b', false]]);
    assert.equal(record.totals.passed, 1);
    assert.equal(record.totals.failed, 1);
    assert.ok(record.totals.costUsd > 0);
    assert.equal(record.prompt.path, 'q.prompt');

    const stored = await runStore.read(record.runId);
    assert.equal(stored?.status, 'completed');
    assert.deepEqual(stored?.results.map((r) => r.id).sort(), ['a', 'b']);
    const traces = await traceLog.tail(10);
    assert.equal(traces.length, 2);
    for (const t of traces) {
      assert.equal(t['gen_ai.operation.name'], 'chat');
      assert.equal(t['promptops.run.id'], record.runId);
      assert.equal(t['gen_ai.provider.name'], 'anthropic');
      assert.ok((t['gen_ai.usage.output_tokens'] ?? 0) > 0);
      assert.ok(record.results.some((r) => r.traceId === t.trace_id));
    }
    assert.deepEqual(events.filter((e) => e.type === 'test-done').length, 2);
  });

  it('answers a repeated eval from the cache: no request reaches the server, cost 0, flagged cached', async () => {
    const { run } = await setup([{ id: 'a', question: 'Cache me' }, { id: 'b', question: 'Cache me too' }]);
    const first = await run();
    assert.ok(first.ok);
    const before = suite.fake.messageRequests().length;
    const second = await run();
    assert.ok(second.ok);
    assert.equal(suite.fake.messageRequests().length, before, 'the second run made no request');
    assert.ok(second.runs[0].results.every((r) => r.cached && r.costUsd === 0));
    assert.ok(first.runs[0].results.every((r) => !r.cached));
  });

  it('grades a cost assertion on a cache hit by what the call costs live, while the run spends nothing', async () => {
    const { run } = await setup([
      { id: 'cheap-limit', question: 'Price me', assert: ['- type: cost', '  value: 0.000000001'] },
      { id: 'loose-limit', question: 'Price me too', assert: ['- type: cost', '  value: 1'] },
    ]);
    const first = await run();
    assert.ok(first.ok);
    const second = await run();
    assert.ok(second.ok);
    for (const outcome of [first, second]) {
      const byId = new Map(outcome.runs[0].results.map((r) => [r.id, r]));
      assert.equal(byId.get('cheap-limit')?.pass, false);
      assert.equal(byId.get('loose-limit')?.pass, true);
    }
    const live = new Map(first.runs[0].results.map((r) => [r.id, r]));
    for (const cached of second.runs[0].results) {
      assert.ok(cached.cached);
      assert.equal(cached.costUsd, 0);
      assert.equal(cached.assertions[0].actual, live.get(cached.id)?.assertions[0].actual, 'the grader saw the live price');
    }
    assert.equal(second.runs[0].totals.costUsd, 0);
  });

  it('makes one call for identical requests in a run and shares the result', async () => {
    const { run } = await setup(
      [
        { id: 'first', question: 'Identical question' },
        { id: 'second', question: 'Identical question' },
      ],
      { cache: false },
    );
    const before = suite.fake.messageRequests().length;
    const outcome = await run();
    assert.ok(outcome.ok);
    assert.equal(suite.fake.messageRequests().length - before, 1);
    const [a, b] = outcome.runs[0].results;
    assert.equal(a.output, b.output);
    assert.equal([a, b].filter((r) => r.cached).length, 1, 'the sharing test is marked as not paid for');
    assert.equal(outcome.runs[0].totals.costUsd, a.costUsd! + b.costUsd!);
  });

  it('repeats are separate calls with their own cache slots', async () => {
    const { run } = await setup([{ id: 'a', question: 'Sample me' }], { repeat: 3 });
    const before = suite.fake.messageRequests().length;
    const first = await run();
    assert.ok(first.ok);
    assert.equal(suite.fake.messageRequests().length - before, 3);
    assert.deepEqual(first.runs[0].results.map((r) => r.repeatIndex), [0, 1, 2]);
    const second = await run();
    assert.ok(second.ok);
    assert.equal(suite.fake.messageRequests().length - before, 3, 'every repeat answered from its cache slot');
    assert.ok(second.runs[0].results.every((r) => r.cached));
  });

  it('never has more calls in flight than the concurrency', async () => {
    let inFlight = 0;
    let most = 0;
    suite.fake.setResponder(async (req) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(40);
      inFlight--;
      return answer(`ok ${lastUserText(req.body)}`);
    });
    const tests = Array.from({ length: 12 }, (_, i) => ({ id: `t${i}`, question: `Question ${i}` }));
    const { run } = await setup(tests, { cache: false, concurrency: 3 });
    const outcome = await run();
    assert.ok(outcome.ok);
    assert.equal(outcome.runs[0].results.length, 12);
    assert.equal(most, 3);
  });

  it('turns a provider error into an errored result, and a judge call into a traced judge operation', async () => {
    suite.fake.setResponder((req) => {
      if (/judge/i.test(JSON.stringify(req.body.system ?? ''))) return judgeAnswer(0.9, 'Polite.');
      if (lastUserText(req.body).includes('break')) return invalidRequest('messages: bad request for this test');
      return answer('Thanks for asking, happy to help.');
    });
    const { run, traceLog } = await setup(
      [
        { id: 'broken', question: 'Please break' },
        { id: 'judged', question: 'Be polite', assert: ['- type: llm-judge', '  value: The answer is polite.'] },
      ],
      { cache: false },
    );
    const outcome = await run();
    assert.ok(outcome.ok);
    const [broken, judged] = outcome.runs[0].results;
    assert.equal(broken.error?.type, 'invalid_request');
    assert.equal(broken.pass, false);
    assert.equal(outcome.runs[0].totals.errored, 1);
    assert.equal(judged.pass, true);
    assert.ok(judged.judgeCostUsd > 0);
    const judgeTraces = await traceLog.tail(10, { kind: 'judge' });
    assert.equal(judgeTraces.length, 1);
    assert.equal(judgeTraces[0]['promptops.test.id'], 'judged');
    assert.equal(judgeTraces[0]['gen_ai.operation.name'], 'chat', 'OTel GenAI has no judge operation');
    assert.equal(judgeTraces[0]['promptops.call.kind'], 'judge');
    assert.ok((await traceLog.tail(10, { testId: 'broken' }))[0]['error.type']);
  });

  it('cancellation stops new calls, aborts those in flight and keeps what finished', async () => {
    const controller = new AbortController();
    let served = 0;
    suite.fake.setResponder(() => {
      served++;
      if (served <= 2) return answer('quick answer');
      if (served === 3) setTimeout(() => controller.abort(), 50);
      return hang();
    });
    const tests = Array.from({ length: 10 }, (_, i) => ({ id: `t${i}`, question: `Question ${i}` }));
    const { run, runStore } = await setup(tests, { cache: false, concurrency: 1 });
    const outcome = await run({ signal: controller.signal });
    assert.ok(outcome.ok);
    assert.equal(outcome.status, 'cancelled');
    assert.deepEqual(outcome.runs[0].results.map((r) => r.id), ['t0', 't1']);
    assert.equal(served, 3, 'no call started after the cancel');
    const stored = await runStore.read(outcome.runs[0].runId);
    assert.equal(stored?.status, 'cancelled');
    assert.equal(stored?.results.length, 2);
  });

  it('refuses a run whose estimate exceeds the budget, before any request', async () => {
    const { run } = await setup([{ id: 'a', question: 'Expensive?' }], { cache: false });
    const before = suite.fake.requests.length;
    const outcome = await run({ maxCostUsd: 0.0000001 });
    assert.equal(outcome.ok, false);
    assert.ok(!outcome.ok && /exceeds the budget/.test(outcome.message) && /--max-cost/.test(outcome.hint));
    assert.equal(suite.fake.requests.length, before);
  });

  it('stops starting tests once the spend crosses the budget, keeping finished results', async () => {
    const tests = Array.from({ length: 8 }, (_, i) => ({ id: `t${i}`, question: `Question number ${i}` }));
    const { run, plan, traceLog } = await setup(tests, { cache: false, concurrency: 1 });
    const estimate = await estimatePlan(plan, { config: DEFAULT_CONFIG, repeat: 1, traceLog });
    // Pass the up-front check with an estimate under the limit, then let the real spend cross it after two calls.
    const perCall = (estimate.totalUsd ?? 0) / tests.length;
    const outcome = await run({ maxCostUsd: perCall / 50, estimate: { ...estimate, totalUsd: 0 } });
    assert.ok(outcome.ok);
    assert.equal(outcome.status, 'budget-stopped');
    assert.equal(outcome.runs[0].results.length, 1);
    assert.equal(outcome.runs[0].status, 'budget-stopped');
  });
});
