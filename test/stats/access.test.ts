import { describe, expect, it } from 'vitest';
import { access, daysBetween } from '../../src/stats/access.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { episode, range } from './support.js';

describe('access (statistics.md): waits from referral to first session', () => {
  it('counts days across months and leap years', () => {
    expect(daysBetween(20240101, 20240101)).toBe(0);
    expect(daysBetween(20240201, 20240301)).toBe(29); // 2024 is a leap year
    expect(daysBetween(20231215, 20240126)).toBe(42);
  });

  it('counts days as Date.UTC does, for every day from 1900 to 2200', () => {
    const MS_PER_DAY = 86_400_000;
    const utc = (day: number) =>
      Date.UTC(Math.floor(day / 10000), (Math.floor(day / 100) % 100) - 1, day % 100);
    const days: number[] = [];
    for (let t = utc(19000101); t <= utc(22001231); t += MS_PER_DAY) {
      const d = new Date(t);
      days.push(d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate());
    }
    const mismatches = days.filter((day, i) => daysBetween(19000101, day) !== i);
    expect(mismatches).toEqual([]);
    for (const [from, to] of [
      [19000228, 19000301],
      [20000228, 20000301],
      [21001231, 19000101],
    ] as const)
      expect(daysBetween(from, to)).toBe(Math.round((utc(to) - utc(from)) / MS_PER_DAY));
  });

  it('over episodes that started in the period: median, within 6 and 18 weeks, boundaries included', () => {
    const episodes = [
      episode({ referralDate: 20240101, startDate: 20240212 }), // 42 days: within 6 weeks (≤ 42)
      episode({ referralDate: 20240101, startDate: 20240213 }), // 43: not within 6, within 18
      episode({ referralDate: 20240101, startDate: 20240506 }), // 126: within 18 (≤ 126)
      episode({ referralDate: 20240101, startDate: 20240507 }), // 127: neither
      episode({ referralDate: 20231001, startDate: 20231101 }), // started before the period: left out
      episode({ referralDate: 20240101, startDate: null }), // never started: left out
    ];
    expect(access(rowsOf(episodes), range(20240101, 20241231))).toEqual({
      started: 4,
      waitDaysMedian: 84.5, // (43 + 126) / 2
      within6Weeks: 1,
      pctWithin6Weeks: 25,
      within18Weeks: 3,
      pctWithin18Weeks: 75,
    });
  });

  it('nobody started: 0 and nulls', () => {
    expect(access(rowsOf([episode({ startDate: null })]), range(20240101, 20241231))).toEqual({
      started: 0,
      waitDaysMedian: null,
      within6Weeks: 0,
      pctWithin6Weeks: null,
      within18Weeks: 0,
      pctWithin18Weeks: null,
    });
  });
});
