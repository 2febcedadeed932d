// One test case, one repeat: call the model, grade the answer (judge calls traced and costed like any
// other call), score it. Provider errors and grader crashes become an errored result; a test cut short
// by cancellation gives no result at all, since it did not finish.
import { gradeOutput, scoreTest } from './graders';
import type { GradeContext } from './graders/gradeContext';
import type { CallSite, ModelCaller } from './modelCall';
import type { PlannedCase, PlannedPrompt } from './runPlan';
import type { Assertion, LlmRequest, ProviderError, ProviderResult, TestResult } from './types';
import { ZERO_USAGE } from './usage';

export interface TestExecution {
  caller: ModelCaller;
  /** Where each call belongs, for its trace line (the prompt, call kind and test are filled in here). */
  site: Pick<CallSite, 'commit' | 'runId'>;
  trusted: boolean;
  judgeModel: string;
  signal?: AbortSignal;
  /** Streams the answer as it arrives (interactive runs). */
  onText?: (delta: string) => void;
}

export type TestOutcome = { status: 'done'; result: TestResult } | { status: 'skipped'; reason: 'cancelled' | 'budget' };

export async function executeTest(planned: Pick<PlannedPrompt, 'prompt' | 'relPath'>, testCase: PlannedCase, repeatIndex: number, ex: TestExecution): Promise<TestOutcome> {
  const { test, request } = testCase;
  const site = (kind: CallSite['kind']): CallSite => ({ ...ex.site, kind, promptPath: planned.relPath, promptHash: planned.prompt.hash, testId: test.id, repeatIndex });
  const call = await ex.caller.call(request, site('prompt'), { onText: ex.onText });
  if (call.status === 'skipped') return call;
  const base = {
    id: test.id,
    promptPath: planned.relPath,
    repeatIndex,
    cached: call.cached || call.shared,
    traceId: call.traceId,
  };
  const answer = call.result;
  if (!answer.ok) {
    if (ex.signal?.aborted) return { status: 'skipped', reason: 'cancelled' };
    return {
      status: 'done',
      result: { ...base, score: 0, pass: false, error: answer.error, assertions: [], output: '', usage: ZERO_USAGE, costUsd: call.costUsd, judgeCostUsd: 0, latencyMs: answer.latencyMs, recorded: false },
    };
  }

  const response = answer.response;
  let judgeCostUsd = 0;
  let judgesAnswered = 0;
  const callJudge: GradeContext['callJudge'] = async (judgeRequest: LlmRequest) => {
    const judged = await ex.caller.call(judgeRequest, site('judge'), { ignoreBudget: true });
    if (judged.status === 'skipped') return { result: cancelledResult(), costUsd: 0 };
    if (judged.result.ok) judgesAnswered++;
    judgeCostUsd += judged.costUsd ?? 0;
    return { result: judged.result, costUsd: judged.costUsd, traceId: judged.traceId };
  };

  const done = (fields: Pick<TestResult, 'score' | 'pass' | 'assertions'> & { error?: ProviderError }): TestOutcome => ({
    status: 'done',
    result: {
      ...base,
      ...fields,
      output: response.text,
      usage: response.usage,
      costUsd: call.costUsd,
      judgeCostUsd,
      latencyMs: response.latencyMs,
      recorded: response.recorded ?? false,
      ...(response.recordingSource ? { recordingSource: response.recordingSource } : {}),
    },
  });

  try {
    const grades = await gradeOutput(test.assert, {
      output: response.text,
      prompt: planned.prompt,
      test,
      costUsd: call.liveCostUsd,
      latencyMs: response.latencyMs,
      trusted: ex.trusted,
      judgeModel: ex.judgeModel,
      callJudge,
      signal: ex.signal,
      model: request.model,
    });
    // A judge the cancellation prevented or cut off leaves the test unfinished, not failed.
    if (ex.signal?.aborted && judgesAnswered < test.assert.filter(isJudgeAssertion).length) return { status: 'skipped', reason: 'cancelled' };
    const { score, pass } = scoreTest(grades, test.threshold);
    return done({ score, pass, assertions: grades });
  } catch (error) {
    // gradeOutput turns a grader's crash into a failed assertion; anything escaping it still must not end the run.
    const message = error instanceof Error ? error.message : String(error);
    return done({ score: 0, pass: false, assertions: [], error: { type: 'grader_error', message: `Grading failed: ${message}`, retryable: false } });
  }
}

function cancelledResult(): ProviderResult {
  return { ok: false, error: { type: 'aborted', message: 'The run was cancelled.', retryable: false }, latencyMs: 0 };
}

/** An `llm-judge` assertion, negated or not: one judge call per test run. */
export function isJudgeAssertion(assertion: Assertion): boolean {
  return assertion.type.replace(/^not-/, '') === 'llm-judge';
}
