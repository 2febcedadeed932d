import { JAVASCRIPT_DEFAULT_THRESHOLD } from './graders/javascript';
import { LLM_JUDGE_DEFAULT_THRESHOLD } from './graders/llmJudge';
import type { Assertion } from './types';

/**
 * Default pass line of a test that sets none: the score the test gets when every assertion just
 * meets its own pass line. Pass/fail assertions score 0 or 1, so with only those it is 1 (every
 * assertion must pass, as promptfoo users expect); an llm-judge counts with its own threshold
 * (default 0.7), so a judge score of 0.8 does not fail a test whose other assertions pass.
 * A weight-0 assertion is informational and left out, as in the score.
 */
export function defaultThreshold(assertions: Assertion[]): number {
  let total = 0;
  let sum = 0;
  for (const a of assertions) {
    const weight = typeof a.weight === 'number' && a.weight >= 0 ? a.weight : 1;
    if (weight === 0) continue;
    const negated = a.type.startsWith('not-');
    const base = negated ? a.type.slice(4) : a.type;
    const line = a.threshold ?? (base === 'llm-judge' ? LLM_JUDGE_DEFAULT_THRESHOLD : base === 'javascript' ? JAVASCRIPT_DEFAULT_THRESHOLD : 1);
    total += weight;
    sum += weight * (negated && line < 1 ? 1 - line : line);
  }
  return total > 0 ? sum / total : 1;
}
