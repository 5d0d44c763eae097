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

  it('t interval: SD 0 gives [mean, mean]; fewer than two values give null', () => {
    expect(tInterval95([3, 3, 3])).toEqual([3, 3]);
    expect(tInterval95([3])).toBeNull();
    // 1, 2, 3: mean 2, SD 1, half = 4.302653 · 1/√3 = 2.484138
    const [low, high] = tInterval95([1, 2, 3]) as [number, number];
    expect(low).toBeCloseTo(2 - 2.484138, 5);
    expect(high).toBeCloseTo(2 + 2.484138, 5);
  });
});
