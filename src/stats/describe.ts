import tQuantile from '@stdlib/stats-base-dists-t-quantile';

import { Z95 } from '../measures/definition.js';
import { scratchFloats } from './scratch.js';

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
  // The middle values are selected rather than the whole list sorted: a few passes, not n log n steps.
  const copy = scratchFloats('median', values.length);
  copy.set(values);
  const mid = copy.length >> 1;
  const upper = kthSmallest(copy, mid);
  if (copy.length % 2 === 1) return upper;
  // The values before `mid` are now the smaller half: the lower middle value is the largest of them.
  let lower = copy[0] as number;
  for (let i = 1; i < mid; i++) if ((copy[i] as number) > lower) lower = copy[i] as number;
  return (lower + upper) / 2;
}

/**
 * The k-th smallest of `values` (counted from 0) by Hoare's selection, moving them so that none
 * before index k is larger and none after it smaller.
 */
function kthSmallest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  // Some orders (rising then falling) make every pivot a poor one and selection quadratic: after
  // more rounds than a fair run needs, what is left is sorted natively, which never is.
  let rounds = 4 * Math.ceil(Math.log2(values.length + 1));
  while (lo < hi) {
    if (rounds-- === 0) {
      values.subarray(lo, hi + 1).sort();
      break;
    }
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swapped = values[i] as number;
        values[i] = values[j] as number;
        values[j] = swapped;
        i++;
        j--;
      }
    }
    // Now none in lo..j is larger than the pivot, none in i..hi smaller, and any between equal to it.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
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
