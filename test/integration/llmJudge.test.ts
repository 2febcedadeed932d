// llm-judge through the real path: the grader's judge request goes through the Anthropic provider on the
// real SDK to the fake Messages API, and its answer, usage and cost come back into the grade.
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { gradeOutput, scoreTest, type GradeContext } from '../../src/core/graders';
import { costOf } from '../../src/core/pricing';
import { createAnthropicProvider } from '../../src/core/providers/anthropic';
import type { Assertion, GradeResult, LlmRequest } from '../../src/core/types';
import { answer, apiError, judgeAnswer, startFakeAnthropic, type FakeAnthropic } from '../support/fakeAnthropic';
import { fixtureContext, fixturePrompt, gradeOne } from '../support/gradeFixtures';

const OUTPUT = 'Hi Ana, your refund for order ORD-12345 was approved and reaches your card within 5 days.';
const RUBRIC = 'Confirms the refund and says when the money arrives.';

let fake: FakeAnthropic;
let judgeCalls: LlmRequest[];

beforeEach(async () => {
  fake = await startFakeAnthropic();
  judgeCalls = [];
});

afterEach(async () => {
  await fake.close();
});

// What the runner does: the same provider as the prompt's calls, the judge call costed from its usage.
function judgeContext(overrides: Partial<GradeContext> = {}): GradeContext {
  const provider = createAnthropicProvider({ apiKey: 'sk-ant-test-judge', baseURL: fake.url, maxRetries: 1, sleep: async () => {} });
  let traces = 0;
  return fixtureContext({
    output: OUTPUT,
    callJudge: async (request) => {
      judgeCalls.push(request);
      const result = await provider.complete(request, { signal: overrides.signal });
      return { result, costUsd: result.ok ? costOf(request.model, result.response.usage) : 0, traceId: `judge-trace-${++traces}` };
    },
    ...overrides,
  });
}

function grade(assertion: Assertion, ctx = judgeContext()): Promise<GradeResult> {
  return gradeOne(assertion, OUTPUT, ctx);
}

describe('llm-judge', () => {
  test("scores with the judge's answer and reports the call's model, usage, cost and trace", async () => {
    fake.script(judgeAnswer(0.8, 'Confirms the refund; the timing is clear.'));
    const r = await grade({ type: 'llm-judge', value: RUBRIC, metric: 'helpfulness' });
    assert.equal(r.pass, true);
    assert.equal(r.score, 0.8);
    assert.equal(r.hard, undefined);
    assert.equal(r.metric, 'helpfulness');
    assert.equal(r.reason, 'judge scored 0.8 (≥ 0.7): Confirms the refund; the timing is clear.');
    assert.deepEqual([r.expected, r.actual], [RUBRIC, OUTPUT]);

    const [sent] = fake.messageRequests();
    assert.equal(sent.body.model, 'claude-haiku-4-5');
    assert.equal(sent.body.temperature, 0);
    assert.match(JSON.stringify(sent.body.system), /judge/);
    const user = JSON.stringify(sent.body.messages);
    assert.ok(user.includes(RUBRIC) && user.includes('ORD-12345') && user.includes('I want my money back'));

    assert.ok(r.judge);
    assert.equal(r.judge.model, 'claude-haiku-4-5');
    assert.ok(r.judge.usage.inputTokens > 0 && r.judge.usage.outputTokens > 0);
    assert.equal(r.judge.costUsd, costOf('claude-haiku-4-5', r.judge.usage));
    assert.ok((r.judge.costUsd ?? 0) > 0);
    assert.equal(r.judge.traceId, 'judge-trace-1');
  });

  test("fails under the default 0.7 line, passes at the assertion's own threshold, and not-llm-judge flips it", async () => {
    fake.script(judgeAnswer(0.6), judgeAnswer(0.6), judgeAnswer(0.6));
    const ctx = judgeContext();
    const [strict, lenient, negated] = await gradeOutput(
      [
        { type: 'llm-judge', value: RUBRIC },
        { type: 'llm-judge', value: RUBRIC, threshold: 0.5 },
        { type: 'not-llm-judge', value: 'Mentions a lawsuit.' },
      ],
      ctx,
    );
    assert.deepEqual([strict.pass, strict.score, strict.hard], [false, 0.6, undefined]);
    assert.deepEqual([lenient.pass, lenient.score], [true, 0.6]);
    assert.equal(negated.pass, true);
    assert.ok(Math.abs(negated.score - 0.4) < 1e-12);
    assert.match(negated.reason, /^not-llm-judge passed: judge scored 0\.6 \(< 0\.7\)/);
    assert.equal(fake.messageRequests().length, 3);
    assert.deepEqual(scoreTest([strict, lenient], 0.6), { score: 0.6, pass: true });
  });

  test('a judge answer wrapped in prose still counts', async () => {
    fake.script(answer('Here is my assessment:\n```json\n{"score": 0.9, "reason": "Clear."}\n```'));
    const r = await grade({ type: 'llm-judge', value: RUBRIC });
    assert.deepEqual([r.pass, r.score], [true, 0.9]);
  });

  test('a malformed judge answer is a hard failure quoting it, with the call still counted', async () => {
    fake.script(answer('I would rate this response 8 out of 10.'));
    const r = await grade({ type: 'llm-judge', value: RUBRIC });
    assert.equal(r.pass, false);
    assert.equal(r.hard, true);
    assert.equal(r.reason, 'judge answer has no JSON object with a score: "I would rate this response 8 out of 10."');
    assert.ok(r.judge && r.judge.usage.outputTokens > 0 && (r.judge.costUsd ?? 0) > 0);
  });

  test('a judge score on another scale is a hard failure, negated or not', async () => {
    fake.script(answer('{"score": 8, "reason": "Good."}'));
    const r = await grade({ type: 'not-llm-judge', value: RUBRIC });
    assert.equal(r.hard, true);
    assert.equal(r.pass, false);
    assert.match(r.reason, /^judge score 8 is outside 0\.\.1: /);
  });

  test('a judge call failing with 500 after its retry is a hard failure with the error, not a throw', async () => {
    fake.script(apiError(500, 'api_error', 'Internal server error'), apiError(500, 'api_error', 'Internal server error'));
    const r = await grade({ type: 'llm-judge', value: RUBRIC });
    assert.equal(r.pass, false);
    assert.equal(r.hard, true);
    assert.match(r.reason, /^judge call to claude-haiku-4-5 failed \(server_error\): .*Internal server error/);
    assert.equal(fake.messageRequests().length, 2);
    assert.ok(r.judge);
    assert.deepEqual([r.judge.usage.inputTokens, r.judge.costUsd, r.judge.traceId], [0, 0, 'judge-trace-1']);
    assert.equal(scoreTest([r], 0).pass, false);
  });

  test("the assertion's model, else the prompt's promptops.judgeModel, picks the judge", async () => {
    const prompt = fixturePrompt({ ext: { 'promptops.judgeModel': 'anthropic/claude-sonnet-4-5' } });
    const ctx = judgeContext({ prompt });
    await gradeOutput([{ type: 'llm-judge', value: RUBRIC }], ctx);
    await gradeOutput([{ type: 'llm-judge', value: RUBRIC, model: 'claude-opus-4-1' }], ctx);
    assert.deepEqual(
      fake.messageRequests().map((r) => r.body.model),
      ['claude-sonnet-4-5', 'claude-opus-4-1'],
    );
  });

  test('a judge call of a cancelled run is a hard failure and reaches no server', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await grade({ type: 'llm-judge', value: RUBRIC }, judgeContext({ signal: controller.signal }));
    assert.equal(r.hard, true);
    assert.match(r.reason, /^judge call to claude-haiku-4-5 failed \(aborted\)/);
    assert.equal(fake.requests.length, 0);
  });

  test('a missing rubric is a hard failure and makes no call', async () => {
    const r = await grade({ type: 'llm-judge', value: '  ' });
    assert.equal(r.hard, true);
    assert.match(r.reason, /needs a rubric/);
    assert.equal(judgeCalls.length, 0);
  });
});
