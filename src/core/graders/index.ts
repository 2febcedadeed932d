import type { Assertion, GradeResult } from '../types';
import { contains, containsAll, containsAny, icontains, icontainsAll, icontainsAny } from './contains';
import { equals } from './equals';
import { hardFailure, type GradeContext, type Grader, type Verdict } from './gradeContext';
import { javascript } from './javascript';
import { isJson, jsonSchema } from './json';
import { cost, latency } from './limits';
import { llmJudge } from './llmJudge';
import { splitType } from './passLines';
import { regex } from './regex';
import { startsWith } from './startsWith';

export type { GradeContext } from './gradeContext';
export { defaultThreshold, passLineOf } from './passLines';
export { scoreTest } from './score';

/**
 * Part of the identity of a run record (with the prompt, tests and model hashes): bump it whenever a
 * grader's pass, score or reason logic changes, so history re-grades instead of reusing stale results.
 */
export const GRADERS_VERSION = '1';

const GRADERS: Record<string, Grader> = {
  equals,
  contains,
  icontains,
  'contains-any': containsAny,
  'contains-all': containsAll,
  'icontains-any': icontainsAny,
  'icontains-all': icontainsAll,
  regex,
  'starts-with': startsWith,
  'is-json': isJson,
  'json-schema': jsonSchema,
  cost,
  latency,
  javascript,
  'llm-judge': llmJudge,
};

/** Assertion type names without `not-` (any of them may be negated): for the tests schema and completion. */
export const ASSERTION_TYPES: readonly string[] = Object.freeze(Object.keys(GRADERS));

/**
 * Grades the output against every assertion, in order. Never throws: a bad assertion or a grader
 * crash is a hard failure with a reason. Judge calls of different assertions run concurrently.
 */
export function gradeOutput(assertions: Assertion[], ctx: GradeContext): Promise<GradeResult[]> {
  return Promise.all(assertions.map((assertion) => gradeOne(assertion, ctx)));
}

async function gradeOne(assertion: Assertion, ctx: GradeContext): Promise<GradeResult> {
  const { base, negated } = splitType(assertion.type);
  const weight = assertion.weight ?? 1;
  const head = { type: assertion.type, weight: isValidWeight(weight) ? weight : 1, ...(assertion.metric === undefined ? {} : { metric: assertion.metric }) };
  const verdict = await decide(base, assertion, ctx);
  return { ...head, ...(negated && !verdict.hard ? negate(base, verdict) : verdict) };
}

async function decide(base: string, assertion: Assertion, ctx: GradeContext): Promise<Verdict> {
  const grader = Object.hasOwn(GRADERS, base) ? GRADERS[base] : undefined;
  if (!grader) return hardFailure(`unknown assertion type "${assertion.type}"; known types: ${ASSERTION_TYPES.join(', ')} (each may take a not- prefix)`);
  if (assertion.weight !== undefined && !isValidWeight(assertion.weight)) {
    return hardFailure(`weight must be a number ≥ 0 (0 = informational), not ${JSON.stringify(assertion.weight)}`);
  }
  if (assertion.threshold !== undefined && !(typeof assertion.threshold === 'number' && assertion.threshold >= 0 && assertion.threshold <= 1)) {
    return hardFailure(`threshold must be a number between 0 and 1, not ${JSON.stringify(assertion.threshold)}`);
  }
  try {
    return await grader({ ...assertion, type: base }, ctx);
  } catch (e) {
    return hardFailure(`the ${base} grader crashed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

// Hard failures are not negated: an assertion that could not be checked fails either way.
function negate(base: string, v: Verdict): Verdict {
  return {
    ...v,
    pass: !v.pass,
    score: 1 - v.score,
    reason: `not-${base} ${v.pass ? 'failed' : 'passed'}: ${v.reason}`,
    ...(v.expected === undefined ? {} : { expected: `not ${v.expected}` }),
  };
}

function isValidWeight(weight: unknown): weight is number {
  return typeof weight === 'number' && Number.isFinite(weight) && weight >= 0;
}
