import type { Assertion } from '../types';
import { CONTAINS_ALL_DEFAULT_THRESHOLD } from './contains';
import { passLine } from './gradeContext';
import { JAVASCRIPT_DEFAULT_THRESHOLD } from './javascript';
import { LLM_JUDGE_DEFAULT_THRESHOLD } from './llmJudge';
import { weightedMean } from './score';

const NEGATION = 'not-';

/** `not-contains` → `contains`, negated. */
export function splitType(type: string): { base: string; negated: boolean } {
  const negated = type.startsWith(NEGATION);
  return { base: negated ? type.slice(NEGATION.length) : type, negated };
}

// Types whose score is continuous, with the pass line used when the assertion sets no threshold; the rest score 0 or 1.
const CONTINUOUS: Record<string, number> = {
  'contains-all': CONTAINS_ALL_DEFAULT_THRESHOLD,
  'icontains-all': CONTAINS_ALL_DEFAULT_THRESHOLD,
  javascript: JAVASCRIPT_DEFAULT_THRESHOLD,
  'llm-judge': LLM_JUDGE_DEFAULT_THRESHOLD,
};

/**
 * The lowest score at which the assertion passes: its threshold, or its type's default, for continuous
 * scores (mirrored for `not-`, which passes when the score stays under the line); 1 for pass/fail types.
 */
export function passLineOf(assertion: Assertion): number {
  const { base, negated } = splitType(assertion.type);
  if (!Object.hasOwn(CONTINUOUS, base)) return 1;
  const line = passLine(assertion, CONTINUOUS[base]);
  return negated ? 1 - line : line;
}

/**
 * A test's threshold when it sets none: the score it gets when every assertion just meets its own pass
 * line (the weighted mean of `passLineOf`). With only pass/fail assertions that is 1: all must pass.
 */
export function defaultThreshold(assertions: Assertion[]): number {
  return weightedMean(assertions.map((a) => ({ weight: a.weight ?? 1, value: passLineOf(a) })));
}
