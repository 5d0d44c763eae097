import tQuantile from '@stdlib/stats-base-dists-t-quantile';

import { Z95 } from '../measures/definition.js';

export { Z95 };

export function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i] as number;
  return total;
}

/** Arithmetic mean; null for no values. */
export function mean(values: ArrayLike<number>): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

/** Sample standard deviation (n − 1), two-pass; null for fewer than two values. */
export function sampleSd(values: ArrayLike<number>): number | null {
  if (values.length < 2) return null;
  const m = sum(values) / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += ((values[i] as number) - m) ** 2;
  return Math.sqrt(squares / (values.length - 1));
}

/** Median (mean of the middle two for an even count); null for no values. */
export function median(values: ArrayLike<number>): number | null {
  if (values.length === 0) return null;
  // A typed array sorts by value in native code, many times faster than a comparator over an array.
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** 100 · part / whole; null when whole is 0 (statistics.md: every percentage). */
export function pct(part: number, whole: number): number | null {
  return whole === 0 ? null : (100 * part) / whole;
}

/**
 * statistics.md `pctImprovedCi95`: Wilson score interval for successes/n, in percent; null when n is 0.
 * At p = 0 and p = 1 the near end is exactly 0 or 100; it is set so, because rounding in the formula
 * leaves it 1e-16 off, which would put the estimate outside its own interval.
 */
export function wilson95(successes: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const p = successes / n;
  const z2 = Z95 * Z95;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (Z95 / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [successes === 0 ? 0 : 100 * (centre - half), successes === n ? 100 : 100 * (centre + half)];
}

/** Quantile of Student's t distribution (from @stdlib). */
export function tQuantile975(df: number): number {
  return tQuantile(0.975, df);
}

/** mean ± t(0.975, n − 1) · sd / √n; null when n < 2. An sd of 0 gives [mean, mean]. */
export function tInterval95(values: ArrayLike<number>): [number, number] | null {
  const m = mean(values);
  const sd = sampleSd(values);
  if (m === null || sd === null) return null;
  const half = (tQuantile975(values.length - 1) * sd) / Math.sqrt(values.length);
  return [m - half, m + half];
}
