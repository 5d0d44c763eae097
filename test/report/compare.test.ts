import { describe, expect, it } from 'vitest';
import { type Before, countComparison, previousName, shareComparison } from '../../src/report/compare.js';
import type { Share } from '../../src/report/disclosure.js';
import type { StatsModel } from '../../src/stats/model.js';
import {
  buildReport as build,
  measure,
  NO_ACCESS,
  NO_ACTIVITY,
  NO_ENGAGEMENT,
  statsModel,
} from './stats-fixture.js';

const b: Before = {
  stats: {
    period: { label: '2023', from: '2023-01-01', to: '2023-12-31' },
    activity: NO_ACTIVITY,
    access: NO_ACCESS,
    engagement: NO_ENGAGEMENT,
    outcomes: {},
  },
  name: '2023',
  minDenominator: 10,
};
const share = (text: string, part: number, whole: number, small = false): Share => ({
  text,
  part,
  whole,
  small,
});

describe('previousName: the period before as a tile names it', () => {
  it.each([
    [{ label: '2023', from: '2023-01-01', to: '2023-12-31' }, '2023'],
    [{ label: '2023-Q4', from: '2023-10-01', to: '2023-12-31' }, 'Oct–Dec 2023'],
    [{ label: 'FY2024-25', from: '2024-04-01', to: '2025-03-31' }, '2024–25'],
    [{ label: 'FY2023-24-Q4', from: '2024-01-01', to: '2024-03-31' }, 'Jan–Mar 2024'],
    [{ label: '2024-01-30_2024-02-29', from: '2024-01-30', to: '2024-02-29' }, 'the 31 days before'],
  ])('%o is "%s"', (period, name) => {
    expect(previousName(period)).toBe(name);
  });
});

describe('comparisons on the tiles: honest for small numbers', () => {
  it('counts: up from, down from, the same; never a percentage change', () => {
    expect(countComparison(23, 18, b)?.text).toBe('up from 18 in 2023');
    expect(countComparison(2, 1, b)?.text).toBe('up from 1 in 2023');
    expect(countComparison(1, 2, b)?.text).toBe('down from 2 in 2023');
    expect(countComparison(7, 7, b)?.text).toBe('the same as in 2023');
    expect(countComparison(1234, 1000, b)).toEqual({
      text: 'up from 1,000 in 2023',
      value: '1,000',
      period: '2023',
    });
    expect(countComparison(3, null, b)).toBeUndefined();
    for (const [now, then] of [
      [2, 1],
      [1, 2],
      [10, 5],
    ] as const)
      expect(countComparison(now, then, b)?.text).not.toMatch(/%/);
  });

  it('percentages: compared as printed, only when both sides are percentages', () => {
    expect(shareComparison(share('85%', 17, 20), { part: 13, whole: 14, value: 92.86 }, b)?.text).toBe(
      'down from 93% in 2023',
    );
    expect(shareComparison(share('85%', 17, 20), { part: 11, whole: 14, value: 78.6 }, b)).toEqual({
      text: 'up from 79% in 2023',
      value: '79%',
      denominator: '14',
      period: '2023',
    });
    // 83.3% and 83.2% both print as 83%: "the same", not "down".
    expect(shareComparison(share('83%', 15, 18), { part: 10, whole: 12, value: 83.2 }, b)?.text).toBe(
      'the same as in 2023',
    );
  });

  it('no comparison of percentages where either side is shown as "x of n"', () => {
    // This period small: the tile says "6 of 8"; nothing is compared with it.
    expect(
      shareComparison(share('6 of 8', 6, 8, true), { part: 13, whole: 14, value: 92.9 }, b),
    ).toBeUndefined();
    // The period before small (9 < 10) or empty: said plainly, without its percentage.
    expect(shareComparison(share('70%', 7, 10), { part: 6, whole: 9, value: 66.7 }, b)).toEqual({
      text: 'too few parents in 2023 to compare',
      period: '2023',
    });
    expect(shareComparison(share('70%', 7, 10), { part: 0, whole: 0, value: null }, b)?.text).toBe(
      'too few parents in 2023 to compare',
    );
    expect(shareComparison(share('—', 0, 0), { part: 13, whole: 14, value: 92.9 }, b)).toBeUndefined();
  });

  it('the report compares only where the period before served anyone', () => {
    const none = build(statsModel());
    expect([...none.reachTiles, ...none.outcomeTiles].map((t) => t.previous)).toEqual(
      Array(5).fill(undefined),
    );
    const stats = statsModel({
      previous: {
        period: { label: '2023', from: '2023-01-01', to: '2023-12-31' },
        activity: { ...NO_ACTIVITY, parentsServed: 16, familiesServed: 15, referrals: 110 },
        access: NO_ACCESS,
        engagement: NO_ENGAGEMENT,
        outcomes: {
          pirgas: measure({ paired: 14, improved: 13, pctImproved: 92.857 }),
          mentalHealth: {
            ...(statsModel().outcomes.mentalHealth as object),
            paired: 12,
            improved: 10,
            pctImproved: 83.3,
            atCaseness: 9,
            recovered: 6,
            pctRecovered: 66.7,
          },
        } as unknown as StatsModel['outcomes'],
      },
    });
    const model = build(stats);
    expect(model.reachTiles.map((t) => t.previous?.text)).toEqual([
      'up from 15 in 2023',
      'down from 110 in 2023',
    ]);
    expect(model.outcomeTiles.map((t) => t.previous?.text)).toEqual([
      'down from 93% in 2023',
      'the same as in 2023',
      'too few parents in 2023 to compare',
    ]);
    // The period before's small shares are not counted among this report's "x of n" figures.
    expect(model.smallNumbersNote).toBe(false);
  });
});
