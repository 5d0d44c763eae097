import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  count,
  dateTimeInWords,
  decimal1,
  interval,
  percent,
  plural,
  points,
  roundHalfUp,
  spanInWords,
} from '../../src/report/format.js';

describe('roundHalfUp', () => {
  it('rounds halves up, including binary fractions that sit just below the half', () => {
    expect(roundHalfUp(84.5)).toBe(85);
    expect(roundHalfUp(84.49)).toBe(84);
    expect(roundHalfUp(12.45, 1)).toBe(12.5); // 12.45 is 12.4499999… in binary
    expect(roundHalfUp(1.005, 2)).toBe(1.01);
    expect(roundHalfUp(0.05, 1)).toBe(0.1);
    expect(roundHalfUp(2.5)).toBe(3);
  });

  it('rounds a negative half away from zero, so a fall rounds like the rise of the same size', () => {
    expect(roundHalfUp(-12.45, 1)).toBe(-12.5);
    expect(roundHalfUp(-2.5)).toBe(-3);
    expect(Object.is(roundHalfUp(-0.04, 1), 0)).toBe(true); // never "−0.0"
  });
});

describe('formatting for the PDF', () => {
  it('percentages to whole numbers, half-up', () => {
    expect(percent(84.6153846)).toBe('85%');
    expect(percent(66.5)).toBe('67%');
    expect(percent(100)).toBe('100%');
    expect(percent(0)).toBe('0%');
  });

  it('point changes signed, one decimal, with a true minus sign', () => {
    expect(points(10.45)).toBe('+10.5');
    expect(points(-4.25)).toBe('\u22124.3');
    expect(points(0.04)).toBe('0.0');
    expect(points(-0.04)).toBe('0.0');
    expect(decimal1(39.85)).toBe('39.9');
    expect(decimal1(-3)).toBe('\u22123.0');
    expect(interval([6.35, 14.64], points)).toBe('+6.4 to +14.6');
  });

  it('counts with thousands separators, and plurals', () => {
    expect(count(1234)).toBe('1,234');
    for (const n of [
      0,
      7,
      -7,
      999,
      1000,
      -1000,
      123456,
      1234567,
      -98765432,
      Number.MAX_SAFE_INTEGER,
      12.5,
      0.1234,
    ])
      expect(count(n)).toBe(n.toLocaleString('en-GB'));
    fc.assert(fc.property(fc.maxSafeInteger(), (n) => count(n) === n.toLocaleString('en-GB')));
    expect(plural(1, 'parent')).toBe('1 parent');
    expect(plural(2, 'parent')).toBe('2 parents');
    expect(plural(1, 'local family', 'local families')).toBe('1 local family');
  });

  it('sub-periods in words', () => {
    expect(spanInWords('2025-04-01', '2025-04-30')).toBe('Apr 2025');
    expect(spanInWords('2025-04-01', '2025-06-30')).toBe('Apr–Jun 2025');
    expect(spanInWords('2024-12-01', '2025-02-28')).toBe('Dec 2024–Feb 2025');
    expect(spanInWords('2024-03-15', '2024-06-14')).toBe('15 Mar 2024–14 Jun 2024');
  });

  it('the generation time in words, in UTC', () => {
    expect(dateTimeInWords('2025-01-01T00:00:00.000Z')).toBe('1 January 2025 at 00:00 UTC');
    expect(dateTimeInWords('not a date')).toBe('not a date');
  });
});
