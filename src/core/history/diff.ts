// The change between two runs of a prompt (before → after), per test id and overall. A change is a
// regression or an improvement only when its 95% interval excludes zero: per test, Welch's interval
// over the repeats; overall, the paired interval over the tests both runs have. Without repeats a
// per-test delta is reported but not judged, as one sample per side cannot separate change from noise.
import type { PriceOverrides } from '../pricing';
import type { RunRecord } from '../types';
import { scoresByTest, summarizeRun, type RunSummary, type TestScores } from './runSummary';
import { excludesZero, mean, meanInterval, welchInterval, type Interval } from './stats';

export type DiffVerdict = 'regression' | 'improvement' | 'within-noise' | 'unchanged' | 'no-repeats' | 'added' | 'removed' | 'errored';

const NO_REPEATS_NOTE = 'no repeats: cannot judge noise';

export interface SideScores {
  /** Completed repeats. */
  n: number;
  mean: number;
  scores: number[];
  /** Passed / completed repeats. */
  passRate: number;
  /** Most repeats passed. */
  pass: boolean;
  errored: number;
}

export interface TestDiff {
  id: string;
  before?: SideScores;
  after?: SideScores;
  /** after.mean − before.mean. */
  delta?: number;
  /** 95% interval of the difference (Welch), when both sides have repeats. */
  interval?: Interval;
  flip?: 'pass-to-fail' | 'fail-to-pass';
  verdict: DiffVerdict;
}

export interface RunSide extends RunSummary {
  commit: string;
  promptHash: string;
  repeat: number;
}

export interface DiffSummary {
  before: RunSide;
  after: RunSide;
  /** Mean over the shared tests of each test's delta. */
  meanDelta: number | null;
  /** Paired interval of the mean delta over the shared tests (needs two or more). */
  interval?: Interval;
  verdict: DiffVerdict;
  regressions: number;
  improvements: number;
  withinNoise: number;
  notJudged: number;
  passToFail: number;
  failToPass: number;
  added: number;
  removed: number;
  /** Change in the cost of one run; null when either cost is unknown. */
  costDeltaUsd: number | null;
  latencyDeltaMs: number | null;
  /** Plain-words caveat (no repeats, few shared tests). */
  note?: string;
}

export interface RunDiff {
  /** Regressions first, then failures and other drops (largest first), then gains, added, removed. */
  tests: TestDiff[];
  summary: DiffSummary;
  /** A test or the overall score got significantly worse: what `promptops diff` exits 1 on. */
  significantRegression: boolean;
}

export interface DiffOptions {
  /** Confidence level; default 0.95. */
  level?: number;
  pricing?: PriceOverrides;
}

function side(t: TestScores | undefined): SideScores | undefined {
  if (!t) return undefined;
  const n = t.scores.length;
  return { n, mean: n ? mean(t.scores) : Number.NaN, scores: t.scores, passRate: n ? t.passed / n : 0, pass: n > 0 && t.passed / n > 0.5, errored: t.errored };
}

function judge(delta: number, interval: Interval | undefined): DiffVerdict {
  if (!interval) return delta === 0 ? 'unchanged' : 'no-repeats';
  if (excludesZero(interval)) return delta < 0 ? 'regression' : 'improvement';
  return interval.se === 0 ? 'unchanged' : 'within-noise';
}

function diffTest(id: string, b: SideScores | undefined, a: SideScores | undefined, level: number): TestDiff {
  if (!b) return { id, after: a, verdict: 'added' };
  if (!a) return { id, before: b, verdict: 'removed' };
  if (!b.n || !a.n) return { id, before: b, after: a, verdict: 'errored' };
  const delta = a.mean - b.mean;
  const interval = welchInterval(b.scores, a.scores, level);
  const flip = b.pass && !a.pass ? 'pass-to-fail' : !b.pass && a.pass ? 'fail-to-pass' : undefined;
  return { id, before: b, after: a, delta, interval, flip, verdict: judge(delta, interval) };
}

const RANK: Record<DiffVerdict, number> = {
  regression: 0,
  errored: 1,
  'no-repeats': 2,
  'within-noise': 2,
  unchanged: 2,
  improvement: 3,
  added: 4,
  removed: 5,
};

function order(x: TestDiff, y: TestDiff): number {
  const rank = (d: TestDiff) => RANK[d.verdict] * 2 + (d.flip === 'pass-to-fail' ? 0 : 1);
  return rank(x) - rank(y) || (x.delta ?? 0) - (y.delta ?? 0) || x.id.localeCompare(y.id);
}

function runSide(run: RunRecord, pricing: PriceOverrides | undefined): RunSide {
  return { ...summarizeRun(run, pricing), commit: run.prompt.commit, promptHash: run.prompt.hash, repeat: run.repeat };
}

function difference(after: number | null, before: number | null): number | null {
  return after === null || before === null ? null : after - before;
}

export function diffRuns(before: RunRecord, after: RunRecord, options: DiffOptions = {}): RunDiff {
  const level = options.level ?? 0.95;
  const b = scoresByTest(before);
  const a = scoresByTest(after);
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  const tests = ids.map((id) => diffTest(id, side(b.get(id)), side(a.get(id)), level)).sort(order);

  const deltas = tests.flatMap((t) => (t.delta === undefined ? [] : [t.delta]));
  const interval = meanInterval(deltas, level);
  const meanDelta = deltas.length ? mean(deltas) : null;
  const overall: DiffVerdict = meanDelta === null ? 'errored' : judge(meanDelta, interval);
  const count = (pred: (t: TestDiff) => boolean) => tests.filter(pred).length;
  const beforeSide = runSide(before, options.pricing);
  const afterSide = runSide(after, options.pricing);

  const notes: string[] = [];
  if (count((t) => t.verdict === 'no-repeats') > 0) notes.push(`${NO_REPEATS_NOTE} per test (run with --repeat 3 or more)`);
  if (deltas.length < 2) notes.push('fewer than two tests in common: no overall interval');
  const summary: DiffSummary = {
    before: beforeSide,
    after: afterSide,
    meanDelta,
    interval,
    verdict: overall,
    regressions: count((t) => t.verdict === 'regression'),
    improvements: count((t) => t.verdict === 'improvement'),
    withinNoise: count((t) => t.verdict === 'within-noise'),
    notJudged: count((t) => t.verdict === 'no-repeats'),
    passToFail: count((t) => t.flip === 'pass-to-fail'),
    failToPass: count((t) => t.flip === 'fail-to-pass'),
    added: count((t) => t.verdict === 'added'),
    removed: count((t) => t.verdict === 'removed'),
    costDeltaUsd: difference(afterSide.costPerRunUsd, beforeSide.costPerRunUsd),
    latencyDeltaMs: difference(afterSide.meanLatencyMs, beforeSide.meanLatencyMs),
    note: notes.length ? notes.join('; ') : undefined,
  };
  return { tests, summary, significantRegression: summary.regressions > 0 || overall === 'regression' };
}
