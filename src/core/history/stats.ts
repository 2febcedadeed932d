// Small, exact statistics for judging whether a score change is more than noise: means, sample
// variance, Student's t quantile (from the regularised incomplete beta function, so Welch's
// fractional degrees of freedom need no table interpolation), Welch's two-sample interval and the
// one-sample interval used for paired differences.

export interface Interval {
  /** Point estimate (for two samples: mean of `after` minus mean of `before`). */
  estimate: number;
  low: number;
  high: number;
  /** Degrees of freedom of the t distribution used (Welch–Satterthwaite for two samples). */
  df: number;
  /** Standard error of the estimate. */
  se: number;
  level: number;
}

export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}

/** Sample variance (n − 1 denominator); 0 for fewer than two values. */
export function sampleVariance(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let ss = 0;
  for (const x of xs) ss += (x - m) ** 2;
  return ss / (xs.length - 1);
}

// Lanczos approximation (g = 7, n = 9), accurate to ~1e-15 for positive arguments.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

// Continued fraction for the incomplete beta function (modified Lentz's method).
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  // The continued fraction converges fast only on one side of the mean; use the symmetry otherwise.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df may be fractional). */
export function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * regularizedIncompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

// Beyond this the t distribution equals the normal to ~1e-5 and the continued fraction slows down.
const MAX_DF = 1e5;

/** The p-quantile of Student's t (0 < p < 1), found by bisection on the CDF. */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const v = Math.min(df, MAX_DF);
  let lo = 0;
  let hi = 1;
  while (studentTCdf(hi, v) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, v) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function interval(estimate: number, se: number, df: number, level: number): Interval {
  // No spread at all (every repeat gave the same score): the difference is exact.
  if (se === 0) return { estimate, low: estimate, high: estimate, df, se, level };
  const t = studentTQuantile(1 - (1 - level) / 2, df);
  return { estimate, low: estimate - t * se, high: estimate + t * se, df, se, level };
}

/**
 * Welch's interval for mean(after) − mean(before) (unequal variances). Undefined when a side has
 * fewer than two values: with one observation per side there is no way to tell change from noise.
 */
export function welchInterval(before: readonly number[], after: readonly number[], level = 0.95): Interval | undefined {
  const nb = before.length;
  const na = after.length;
  if (nb < 2 || na < 2) return undefined;
  const qb = sampleVariance(before) / nb;
  const qa = sampleVariance(after) / na;
  const se = Math.sqrt(qb + qa);
  const df = se === 0 ? nb + na - 2 : (qb + qa) ** 2 / (qb ** 2 / (nb - 1) + qa ** 2 / (na - 1));
  return interval(mean(after) - mean(before), se, df, level);
}

/** One-sample t interval for the mean of `xs` (used on paired differences). Undefined below two values. */
export function meanInterval(xs: readonly number[], level = 0.95): Interval | undefined {
  if (xs.length < 2) return undefined;
  return interval(mean(xs), Math.sqrt(sampleVariance(xs) / xs.length), xs.length - 1, level);
}

/** True when the interval lies wholly on one side of zero. */
export function excludesZero(i: Interval): boolean {
  return i.low > 0 || i.high < 0;
}
