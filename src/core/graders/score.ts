import type { GradeResult } from '../types';

// Weighted means like 0.7 come out as 0.6999999999999998; a score that equals the threshold passes.
const EPSILON = 1e-9;

/**
 * A test's score is the weighted mean of its assertions' scores (weight 0 = informational, left out;
 * no weighted assertion = 1). It passes when the score reaches `threshold` and no assertion failed hard.
 *
 * Deliberately not promptfoo's "every assertion passes": the threshold is the one knob. A test that
 * sets none gets `defaultThreshold` (the score when every assertion just meets its own pass line: 1 with
 * only pass/fail assertions, so all must pass); a lower threshold lets failures be outweighed. A hard
 * failure (a broken assertion, unusable output, a failed judge call) is never outweighed, even at
 * weight 0, because it means the test could not be graded.
 */
export function scoreTest(grades: GradeResult[], threshold: number): { score: number; pass: boolean } {
  const score = weightedMean(grades.map((g) => ({ weight: g.weight, value: g.score })));
  return { score, pass: score + EPSILON >= threshold && !grades.some((g) => g.hard) };
}

/** Mean of the values with a positive weight, by weight; 1 when there are none (nothing to fall short of). */
export function weightedMean(items: { weight: number; value: number }[]): number {
  let total = 0;
  let sum = 0;
  for (const { weight, value } of items) {
    if (!(weight > 0)) continue;
    total += weight;
    sum += weight * value;
  }
  return total > 0 ? sum / total : 1;
}
