import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/config/period.js';
import { fromDay, toDay } from '../../src/domain.js';
import { isEnded } from '../../src/stats/scope.js';
import { subPeriods } from '../../src/stats/trend.js';
import { referenceSubPeriods } from './reference.js';
import { dayAt, episodeArb, RUNS, SPAN } from './support.js';

/** The sub-periods of a period given in data.md's syntax, as [label, from, to] in ISO dates. */
function parts(text: string, financialYearStart = 4): [string, string, string][] {
  const p = parsePeriod(text, financialYearStart);
  return subPeriods(toDay(p.from), toDay(p.to), financialYearStart, p.label).map((s) => [
    s.label,
    fromDay(s.from),
    fromDay(s.to),
  ]);
}

describe('subPeriods (statistics.md `trend`)', () => {
  it('a calendar year: four calendar quarters', () => {
    expect(parts('2024')).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
    ]);
  });

  it('a financial year: its four quarters, labelled as such', () => {
    expect(parts('FY2025-26')).toEqual([
      ['FY2025-26-Q1', '2025-04-01', '2025-06-30'],
      ['FY2025-26-Q2', '2025-07-01', '2025-09-30'],
      ['FY2025-26-Q3', '2025-10-01', '2025-12-31'],
      ['FY2025-26-Q4', '2026-01-01', '2026-03-31'],
    ]);
    // A year from September: Q4 is June to August 2024.
    expect(parts('FY2023-24', 9).at(-1)).toEqual(['FY2023-24-Q4', '2024-06-01', '2024-08-31']);
  });

  it('a quarter (three months or less): its months', () => {
    expect(parts('2024-Q3')).toEqual([
      ['2024-07', '2024-07-01', '2024-07-31'],
      ['2024-08', '2024-08-01', '2024-08-31'],
      ['2024-09', '2024-09-01', '2024-09-30'],
    ]);
    expect(parts('FY2024-25-Q4').map(([l]) => l)).toEqual(['2025-01', '2025-02', '2025-03']);
  });

  it('an explicit range of exactly three months from the 15th: three months from the 15th', () => {
    // 15 Jan + 3 months = 15 Apr, which is after 14 Apr: three months or less
    expect(parts('2024-01-15..2024-04-14')).toEqual([
      ['2024-01-15_2024-02-14', '2024-01-15', '2024-02-14'],
      ['2024-02-15_2024-03-14', '2024-02-15', '2024-03-14'],
      ['2024-03-15_2024-04-14', '2024-03-15', '2024-04-14'],
    ]);
  });

  it('one day more than three months: quarters, the last cut at the period’s end', () => {
    expect(parts('2024-01-15..2024-04-15')).toEqual([
      ['2024-01-15_2024-04-14', '2024-01-15', '2024-04-14'],
      ['2024-04-15_2024-04-15', '2024-04-15', '2024-04-15'],
    ]);
  });

  it('a range of 13 months: five quarters, the last one month long and labelled as a month', () => {
    expect(parts('2024-01-01..2025-01-31')).toEqual([
      ['2024-Q1', '2024-01-01', '2024-03-31'],
      ['2024-Q2', '2024-04-01', '2024-06-30'],
      ['2024-Q3', '2024-07-01', '2024-09-30'],
      ['2024-Q4', '2024-10-01', '2024-12-31'],
      ['2025-01', '2025-01-01', '2025-01-31'],
    ]);
  });

  it('an April-to-March range that is not written as a financial year gets calendar quarter labels', () => {
    expect(parts('2024-04-01..2025-03-31').map(([l]) => l)).toEqual([
      '2024-Q2',
      '2024-Q3',
      '2024-Q4',
      '2025-Q1',
    ]);
  });

  it('from the 31st: months counted from that day, cut to each month’s length', () => {
    // 31 Jan + 1 month = 29 Feb (2024 is a leap year), + 2 months = 31 Mar
    expect(parts('2024-01-31..2024-03-31').map(([, f, t]) => [f, t])).toEqual([
      ['2024-01-31', '2024-02-28'],
      ['2024-02-29', '2024-03-30'],
      ['2024-03-31', '2024-03-31'],
    ]);
  });

  it('a single day is one sub-period', () => {
    expect(parts('2024-02-29..2024-02-29')).toEqual([['2024-02-29_2024-02-29', '2024-02-29', '2024-02-29']]);
  });
});

describe('subPeriods: properties', () => {
  const rangeArb = fc
    .tuple(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 1200 }))
    .map(([start, length]) => ({ from: dayAt(start), to: dayAt(start + length) }));

  // Periods over the episodes' span, so that some end in them.
  const nearRangeArb = fc
    .tuple(fc.integer({ min: 0, max: SPAN }), fc.integer({ min: 0, max: 700 }))
    .map(([start, length]) => ({ from: dayAt(start), to: dayAt(start + length) }));

  it('partition the period: from its first day to its last, each the day after the one before', () => {
    fc.assert(
      fc.property(rangeArb, ({ from, to }) => {
        const subs = subPeriods(from, to, 4, 'x');
        expect(subs.map((s) => ({ from: fromDay(s.from), to: fromDay(s.to) }))).toEqual(
          referenceSubPeriods(fromDay(from), fromDay(to)),
        );
        expect(subs[0]?.from).toBe(from);
        expect(subs.at(-1)?.to).toBe(to);
        for (const s of subs) expect(s.from <= s.to).toBe(true);
        for (let i = 1; i < subs.length; i++) {
          const gap =
            Date.parse(fromDay(subs[i]?.from as number)) - Date.parse(fromDay(subs[i - 1]?.to as number));
          expect(gap).toBe(86_400_000);
        }
      }),
      RUNS,
    );
  });

  it('a period’s sub-periods partition its ended episodes', () => {
    fc.assert(
      fc.property(fc.array(episodeArb, { maxLength: 30 }), nearRangeArb, (episodes, r) => {
        const subs = subPeriods(r.from, r.to, 4, 'x');
        for (const e of episodes) {
          const inSubs = subs.filter((s) => isEnded(e, s)).length;
          expect(inSubs).toBe(isEnded(e, r) ? 1 : 0);
        }
      }),
      RUNS,
    );
  });
});
