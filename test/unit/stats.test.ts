import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  excludesZero,
  mean,
  meanInterval,
  regularizedIncompleteBeta,
  sampleVariance,
  studentTCdf,
  studentTQuantile,
  welchInterval,
} from '../../src/core/history/stats';

function near(actual: number, expected: number, tolerance: number): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);
}

describe('mean and sample variance', () => {
  test('known values', () => {
    assert.equal(mean([1, 2, 3, 4, 5]), 3);
    assert.equal(sampleVariance([1, 2, 3, 4, 5]), 2.5);
    assert.equal(sampleVariance([2, 4, 6, 8, 10]), 10);
  });
  test('one value has no variance', () => {
    assert.equal(sampleVariance([0.7]), 0);
  });
});

describe('Student t distribution', () => {
  test('incomplete beta at known points', () => {
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_0.5(a, a) = 0.5 by symmetry.
    near(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-12);
    near(regularizedIncompleteBeta(0.6, 3, 1), 0.216, 1e-12);
    near(regularizedIncompleteBeta(0.5, 4.5, 4.5), 0.5, 1e-12);
  });

  test('CDF: df = 1 is the Cauchy distribution', () => {
    for (const t of [-3, -0.5, 0, 0.8, 2, 10]) near(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI, 1e-12);
  });

  test('97.5% quantiles match the printed t table', () => {
    const table: [number, number][] = [
      [1, 12.7062],
      [2, 4.3027],
      [5, 2.5706],
      [10, 2.2281],
      [30, 2.0423],
    ];
    for (const [df, t] of table) near(studentTQuantile(0.975, df), t, 5e-5);
  });

  test('fractional degrees of freedom (Welch) and the normal limit', () => {
    near(studentTQuantile(0.975, 1.5), 6.016663, 1e-5);
    near(studentTQuantile(0.975, 100 / 17), 2.458824, 1e-5);
    near(studentTQuantile(0.975, 1e9), 1.959988, 1e-5);
  });

  test('lower quantiles are symmetric, the median is zero, invalid input is NaN', () => {
    near(studentTQuantile(0.025, 10), -2.228139, 1e-5);
    assert.equal(studentTQuantile(0.5, 4), 0);
    assert.ok(Number.isNaN(studentTQuantile(1, 4)));
    assert.ok(Number.isNaN(studentTQuantile(0.9, 0)));
  });
});

describe('Welch interval', () => {
  test('hand-computed example', () => {
    // before = 1..5 (mean 3, s² 2.5), after = 2,4,..,10 (mean 6, s² 10):
    // se = √(2.5/5 + 10/5) = √2.5 = 1.58114; df = 2.5² / (0.5²/4 + 2²/4) = 6.25 / 1.0625 = 5.88235;
    // t(0.975, 5.88235) = 2.45882; interval = 3 ± 2.45882 × 1.58114 = [−0.88774, 6.88774].
    const i = welchInterval([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]);
    assert.ok(i);
    near(i.estimate, 3, 1e-12);
    near(i.se, Math.sqrt(2.5), 1e-12);
    near(i.df, 100 / 17, 1e-12);
    near(i.low, -0.887742, 1e-5);
    near(i.high, 6.887742, 1e-5);
    assert.equal(excludesZero(i), false);
  });

  test('unequal sizes: a drop that stays within noise', () => {
    // before 0.8, 0.6, 0.7 (mean 0.7, s² 0.01); after 0.5, 0.55, 0.45, 0.6 (mean 0.525, s² 0.0041667):
    // se = √(0.01/3 + 0.0041667/4) = 0.066144; df = 3.23472; interval [−0.377116, 0.027116].
    const i = welchInterval([0.8, 0.6, 0.7], [0.5, 0.55, 0.45, 0.6]);
    assert.ok(i);
    near(i.estimate, -0.175, 1e-12);
    near(i.df, 3.2347188, 1e-6);
    near(i.low, -0.377116, 1e-5);
    near(i.high, 0.027116, 1e-5);
    assert.equal(excludesZero(i), false);
  });

  test('a clear drop excludes zero', () => {
    const i = welchInterval([0.9, 1, 0.95, 1], [0.2, 0.3, 0.25, 0.2]);
    assert.ok(i);
    assert.ok(i.high < 0);
    assert.equal(excludesZero(i), true);
  });

  test('identical repeats on each side give an exact difference', () => {
    const i = welchInterval([1, 1, 1], [0, 0, 0]);
    assert.ok(i);
    assert.deepEqual([i.estimate, i.low, i.high, i.se], [-1, -1, -1, 0]);
    assert.equal(excludesZero(i), true);
    const same = welchInterval([1, 1], [1, 1]);
    assert.ok(same);
    assert.equal(excludesZero(same), false);
  });

  test('one value on a side: no interval', () => {
    assert.equal(welchInterval([0.5], [0.2, 0.3]), undefined);
    assert.equal(welchInterval([0.5, 0.6], [0.2]), undefined);
  });
});

describe('one-sample interval (paired differences)', () => {
  test('hand-computed example', () => {
    // d = −0.5, 0, 0.1, −0.2, −0.3: mean −0.18, s = 0.238747, se = 0.106771, t(0.975, 4) = 2.776445,
    // interval = −0.18 ± 0.296443 = [−0.476443, 0.116443].
    const i = meanInterval([-0.5, 0, 0.1, -0.2, -0.3]);
    assert.ok(i);
    near(i.estimate, -0.18, 1e-12);
    assert.equal(i.df, 4);
    near(i.low, -0.476443, 1e-5);
    near(i.high, 0.116443, 1e-5);
  });

  test('fewer than two differences: no interval', () => {
    assert.equal(meanInterval([0.3]), undefined);
    assert.equal(meanInterval([]), undefined);
  });
});
