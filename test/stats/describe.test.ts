import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  mean,
  median,
  pct,
  sampleSd,
  tInterval95,
  tQuantile975,
  wilson95,
} from '../../src/stats/describe.js';

describe('describe', () => {
  it('t(0.975) matches the printed tables', () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706205, 6);
    expect(tQuantile975(5)).toBeCloseTo(2.570582, 6);
    expect(tQuantile975(30)).toBeCloseTo(2.042272, 6);
    expect(tQuantile975(2)).toBeCloseTo(4.302653, 6);
    expect(tQuantile975(10)).toBeCloseTo(2.228139, 6);
    expect(tQuantile975(100)).toBeCloseTo(1.983972, 6);
    // Large df tends to the normal z = 1.959964.
    expect(tQuantile975(1e7)).toBeCloseTo(1.959964, 5);
  });

  it('mean, sample SD and median by hand', () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 40/8 = 5; squares 9+1+1+1+0+0+4+16 = 32; SD √(32/7)
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(sampleSd(xs)).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(median(xs)).toBe(4.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(mean([])).toBeNull();
    expect(sampleSd([1])).toBeNull();
    expect(median([])).toBeNull();
  });

  it('median is the middle of the sorted values, whatever their order', () => {
    const sortedMedian = (xs: number[]) => {
      const s = [...xs].sort((a, b) => a - b);
      const mid = s.length >> 1;
      return s.length % 2 === 1 ? s[mid] : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
    };
    // Few distinct values (many ties) and any finite ones; −0 made 0, which the two may place differently.
    const value = fc.oneof(
      fc.integer({ min: -5, max: 5 }),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => x + 0),
    );
    fc.assert(
      fc.property(fc.array(value, { minLength: 1 }), (xs) => {
        expect(median(xs)).toBe(sortedMedian(xs));
      }),
    );
    // Rising then falling: the order that makes a middle pivot the worst one every time.
    const n = 100_000;
    const organPipe = Array.from({ length: n }, (_, i) => (i < n / 2 ? i : n - i));
    expect(median(organPipe)).toBe(sortedMedian(organPipe));
  });

  it('percentages are null on a zero denominator', () => {
    expect(pct(17, 20)).toBe(85);
    expect(pct(0, 0)).toBeNull();
  });

  it('Wilson interval for 17 of 20', () => {
    // p = 0.85, z² = 3.841459; centre = (0.85 + 3.841459/40) / (1 + 3.841459/20) = 0.946036/1.192073 = 0.793607
    // half = (1.959964/1.192073) · √(0.1275/20 + 3.841459/1600) = 1.644198 · √(0.006375 + 0.002401) = 0.154010
    const [low, high] = wilson95(17, 20) as [number, number];
    expect(low).toBeCloseTo(63.96, 1);
    expect(high).toBeCloseTo(94.76, 1);
    expect(wilson95(0, 0)).toBeNull();
  });

  it('Wilson interval matches Newcombe (1998), Table I, method 3', () => {
    // 81/263: 0.2553-0.3662; 15/148: 0.0624-0.1605; 0/20: 0-0.1611; 1/29: 0.0061-0.1718
    const cases: [number, number, number, number][] = [
      [81, 263, 25.53, 36.62],
      [15, 148, 6.24, 16.05],
      [0, 20, 0, 16.11],
      [1, 29, 0.61, 17.18],
    ];
    for (const [k, n, low, high] of cases) {
      const [l, h] = wilson95(k, n) as [number, number];
      expect(l).toBeCloseTo(low, 1);
      expect(h).toBeCloseTo(high, 1);
    }
  });

  it('Wilson interval: exactly 0 at none, exactly 100 at all', () => {
    // The formula leaves 8.7e-17 for 0 of 291 and 99.99999999999999 for 291 of 291.
    expect(wilson95(0, 291)?.[0]).toBe(0);
    expect(wilson95(291, 291)?.[1]).toBe(100);
  });

  it('Wilson interval: within [0, 100] and contains 100 · k / n', () => {
    const arb = fc
      .integer({ min: 1, max: 5000 })
      .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));
    fc.assert(
      fc.property(arb, ([k, n]) => {
        const [low, high] = wilson95(k, n) as [number, number];
        const p = pct(k, n) as number;
        expect(0 <= low && low <= p && p <= high && high <= 100).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('t interval contains the mean and is symmetric about it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 50 }), (xs) => {
        const [low, high] = tInterval95(xs) as [number, number];
        const m = mean(xs) as number;
        expect(low <= m && m <= high).toBe(true);
        expect(high - m).toBeCloseTo(m - low, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('t interval: SD 0 gives [mean, mean]; fewer than two values give null', () => {
    expect(tInterval95([3, 3, 3])).toEqual([3, 3]);
    expect(tInterval95([3])).toBeNull();
    // 1, 2, 3: mean 2, SD 1, half = 4.302653 · 1/√3 = 2.484138
    const [low, high] = tInterval95([1, 2, 3]) as [number, number];
    expect(low).toBeCloseTo(2 - 2.484138, 5);
    expect(high).toBeCloseTo(2 + 2.484138, 5);
  });
});
