import { bareModelId } from '../pricing';
import type { Assertion } from '../types';
import { ZERO_USAGE } from '../usage';
import { hardFailure, passLine, textValue, type GradeContext, type Grader } from './gradeContext';
import { judgeRequest, parseJudgeAnswer } from './judgePrompt';

/** Pass line of a judge score when the assertion sets no threshold: judges rarely give a perfect 1 to a good answer. */
export const LLM_JUDGE_DEFAULT_THRESHOLD = 0.7;

/** The assertion's `model`, else the prompt's `promptops.judgeModel`, else the project's judge model. */
export function judgeModelFor(assertion: Assertion, ctx: Pick<GradeContext, 'prompt' | 'judgeModel'>): string {
  const fromPrompt = ctx.prompt.ext['promptops.judgeModel'];
  return bareModelId(assertion.model ?? (typeof fromPrompt === 'string' ? fromPrompt : ctx.judgeModel));
}

/**
 * `llm-judge`: a judge model scores the output against the rubric (the value) in 0..1 with a reason.
 * A failed call or an unreadable answer is a hard failure; the call's usage and cost are reported either way.
 */
export const llmJudge: Grader = async (assertion, ctx) => {
  const rubric = textValue(assertion)?.trim();
  if (!rubric) return hardFailure('llm-judge needs a rubric as its value, e.g. "answers politely and names the refund policy"');
  const model = judgeModelFor(assertion, ctx);
  const shown = { expected: rubric, actual: ctx.output };
  const call = await ctx.callJudge(judgeRequest(model, rubric, ctx.output, ctx.test.vars));
  const judge = {
    model,
    usage: call.result.ok ? call.result.response.usage : ZERO_USAGE,
    costUsd: call.costUsd,
    ...(call.traceId === undefined ? {} : { traceId: call.traceId }),
  };
  if (!call.result.ok) {
    const { type, message } = call.result.error;
    return hardFailure(`judge call to ${model} failed (${type}): ${message}`, { ...shown, judge });
  }
  const answer = parseJudgeAnswer(call.result.response.text);
  if (!answer.ok) return hardFailure(answer.error, { ...shown, judge });
  const line = passLine(assertion, LLM_JUDGE_DEFAULT_THRESHOLD);
  const pass = answer.score >= line;
  return { pass, score: answer.score, reason: `judge scored ${answer.score} (${pass ? '≥' : '<'} ${line}): ${answer.reason}`, ...shown, judge };
};
