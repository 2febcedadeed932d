import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { describeEstimate, estimateRunCost, median, type RunEstimate, type TestPlan } from '../../src/core/costEstimate';
import { requestKey } from '../../src/core/hash';
import { judgeRequest } from '../../src/core/graders/judgePrompt';
import { estimateTextTokens, estimateTokens } from '../../src/core/tokens';
import type { LlmRequest } from '../../src/core/types';

// Haiku 4.5: $1 in, $5 out per million tokens. Input tokens are fixed at 1000 per request so the sums are exact.
const MODEL = 'claude-haiku-4-5';
const inputTokens = () => 1000;

function request(question: string, maxTokens = 400, model = MODEL): LlmRequest {
  return { model, messages: [{ role: 'user', content: question }], maxTokens };
}

function tests(n: number, extra: Partial<TestPlan> = {}): TestPlan[] {
  return Array.from({ length: n }, (_, i) => ({ request: request(`question ${i}`), ...extra }));
}

function near(actual: number | null, expected: number): void {
  assert.ok(actual !== null, 'cost is null');
  assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} is not ${expected}`);
}

describe('median', () => {
  test('odd and even counts, ignoring values that are not token counts', () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([1, 2, 3, 10]), 3);
    assert.equal(median([Number.NaN, -1, 7]), 7);
    assert.equal(median([]), undefined);
    assert.equal(median(undefined), undefined);
  });
});

describe('estimateRunCost', () => {
  test('without history, max_tokens is the output estimate, labelled as an upper bound', () => {
    const e = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: tests(4) }], inputTokens });
    assert.equal(e.basis, 'max_tokens');
    assert.equal(e.perPrompt[0].basis, 'max_tokens');
    assert.equal(e.perPrompt[0].outputTokensPerCall, 400);
    assert.equal(e.calls, 4);
    near(e.totalUsd, 4 * (1000 * 1 + 400 * 5) / 1e6);
    assert.equal(e.judgeUsd, 0);
  });

  test('with history, the median output tokens of past calls are used (capped at max_tokens)', () => {
    const e = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: tests(4), outputTokensHistory: [90, 110, 100, 5000, 95] }], inputTokens });
    assert.equal(e.basis, 'history');
    assert.equal(e.perPrompt[0].outputTokensPerCall, 100);
    near(e.promptUsd, 4 * (1000 + 100 * 5) / 1e6);
    const capped = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: tests(1), outputTokensHistory: [900] }], inputTokens });
    near(capped.totalUsd, (1000 + 400 * 5) / 1e6);
  });

  test('prompts with and without history make a mixed basis', () => {
    const e = estimateRunCost({
      prompts: [
        { promptPath: 'a.prompt', tests: tests(1), outputTokensHistory: [100] },
        { promptPath: 'b.prompt', tests: [{ request: request('other') }] },
      ],
      inputTokens,
    });
    assert.equal(e.basis, 'mixed');
    near(e.totalUsd, (1000 + 500) / 1e6 + (1000 + 2000) / 1e6);
  });

  test('repeats multiply the calls; identical requests are counted once per repeat', () => {
    const duplicate = request('question 0');
    const e = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: [...tests(3), { request: duplicate }], repeats: 2, outputTokensHistory: [100] }], inputTokens });
    assert.equal(e.calls, 6);
    near(e.totalUsd, 6 * 1500 / 1e6);
  });

  test('cache hits are subtracted, with their judge calls', () => {
    const plan = tests(4, { judges: [{ model: MODEL, rubric: 'Is it polite?' }] });
    const cached = new Set([requestKey(plan[0].request), requestKey(plan[1].request)]);
    const asked: number[] = [];
    const e = estimateRunCost({
      prompts: [{ promptPath: 'a.prompt', tests: plan, repeats: 2, outputTokensHistory: [100] }],
      inputTokens,
      isCached: (key, repeat) => {
        asked.push(repeat);
        return repeat === 0 && cached.has(key);
      },
    });
    assert.equal(e.calls, 8);
    assert.equal(e.cachedCalls, 2);
    assert.equal(e.judgeCalls, 6);
    assert.deepEqual([...new Set(asked)].sort(), [0, 1]);
    near(e.promptUsd, 6 * 1500 / 1e6);
  });

  test('judge calls are costed apart at the judge model price: instructions + rubric + answer in, a verdict out', () => {
    const rubric = 'Score 1 if the answer names the refund policy and apologises once; 0 otherwise.';
    const noJudge = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: tests(2), outputTokensHistory: [100] }], inputTokens });
    const judged = estimateRunCost({
      prompts: [{ promptPath: 'a.prompt', tests: tests(2, { judges: [{ model: 'claude-sonnet-4-5', rubric }, { model: 'claude-sonnet-4-5', rubric }] }), outputTokensHistory: [100] }],
      inputTokens,
      judgeOutputTokensHistory: [50, 70, 60],
    });
    assert.equal(judged.judgeCalls, 4);
    assert.equal(judged.promptUsd, noJudge.promptUsd);
    const judgeInput = estimateTokens(judgeRequest('claude-sonnet-4-5', rubric, '', {})).total + 100;
    assert.ok(judgeInput > estimateTextTokens(rubric) + 100);
    near(judged.judgeUsd, (4 * (judgeInput * 3 + 60 * 15)) / 1e6);
    near(judged.totalUsd, judged.promptUsd! + judged.judgeUsd!);
  });

  test("the judge request shows the test's variables, so they add to the judge's input", () => {
    const judge = { model: MODEL, rubric: 'Mentions the order number?' };
    const cost = (vars?: Record<string, unknown>) =>
      estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: [{ request: request('q'), judges: [{ ...judge, vars }] }] }], inputTokens }).judgeUsd!;
    assert.ok(cost({ order: 'A-4411', customer: 'Dana Whitfield', ticket: 'The export to CSV fails every time.' }) > cost());
  });

  test('an unknown model makes the total null (never zero) and is named', () => {
    const e = estimateRunCost({
      prompts: [{ promptPath: 'a.prompt', tests: [{ request: request('q', 100, 'my-finetune'), judges: [{ model: MODEL, rubric: 'ok?' }] }] }],
      inputTokens,
    });
    assert.equal(e.totalUsd, null);
    assert.equal(e.promptUsd, null);
    assert.ok(e.judgeUsd !== null && e.judgeUsd > 0);
    assert.deepEqual(e.unknownModels, ['my-finetune']);
    const priced = estimateRunCost({
      prompts: [{ promptPath: 'a.prompt', tests: [{ request: request('q', 100, 'my-finetune') }] }],
      inputTokens,
      overrides: { 'my-finetune': { input: 2, output: 8 } },
    });
    near(priced.totalUsd, (1000 * 2 + 100 * 8) / 1e6);
    assert.deepEqual(priced.unknownModels, []);
  });

  test('defaults to the offline estimate of the request for input tokens', () => {
    const long = request('word '.repeat(2000), 1);
    const e = estimateRunCost({ prompts: [{ promptPath: 'a.prompt', tests: [{ request: long }] }] });
    assert.ok(e.perPrompt[0].inputTokens > 2000);
  });
});

describe('describeEstimate', () => {
  const estimate: RunEstimate = { totalUsd: 0.0123, promptUsd: 0.0102, judgeUsd: 0.0021, calls: 4, cachedCalls: 1, judgeCalls: 3, perPrompt: [], basis: 'history', unknownModels: [] };

  test('one line with calls, cached calls and judge calls; ≈ unless the API counted the input', () => {
    assert.equal(describeEstimate(estimate), '≈$0.012 for 4 calls (1 cached, free) + 3 judge calls (≈$0.0021)');
    assert.equal(describeEstimate(estimate, true), '$0.012 for 4 calls (1 cached, free) + 3 judge calls ($0.0021)');
  });

  test('singular counts, no judges, an upper bound and an unknown price', () => {
    const bare = { ...estimate, calls: 1, cachedCalls: 0, judgeCalls: 0, judgeUsd: 0, basis: 'max_tokens' as const };
    assert.equal(describeEstimate(bare, true), '$0.012 for 1 call (upper bound: output priced at max_tokens)');
    assert.equal(describeEstimate({ ...bare, totalUsd: null, basis: 'history' }, true), 'cost unknown for 1 call');
  });
});
