import type { GradeResult } from '../types';

// Weighted means like 0.7 come out as 0.6999999999999998; a score that equals the threshold passes.
const EPSILON = 1e-9;

/**
 * A test's score is the weighted mean of its assertions' scores (weight 0 = informational, left out;
 * no weighted assertion = 1). It passes when the score reaches `threshold` and no assertion failed hard.
 *
 * Deliberately not promptfoo's "every assertion passes": the threshold is the one knob. At 1 every
 * weighted assertion must score 1, i.e. every pass/fail assertion pass; below 1, failures can be
 * outweighed. A hard failure (a broken assertion, unusable output, a failed judge call) is never
 * outweighed, even at weight 0, because it means the test could not be graded.
 */
export function scoreTest(grades: GradeResult[], threshold: number): { score: number; pass: boolean } {
  let total = 0;
  let sum = 0;
  for (const g of grades) {
    if (g.weight <= 0) continue;
    total += g.weight;
    sum += g.weight * g.score;
  }
  const score = total > 0 ? sum / total : 1;
  return { score, pass: score + EPSILON >= threshold && !grades.some((g) => g.hard) };
}
