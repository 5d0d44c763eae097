import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReferralCount } from '../../src/domain.js';
import { activity, referralCounts, served } from '../../src/stats/activity.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { episode, episodeArb, RUNS, range, referralsArb } from './support.js';

const Q2 = range(20240401, 20240630);

describe('referralCounts (statistics.md `referrals`, `referralsBySource`)', () => {
  const rows: ReferralCount[] = [
    { month: 20240301, area: 'Didcot', source: 'gp', count: 9 }, // month before
    { month: 20240401, area: 'Didcot', source: 'gp', count: 3 },
    { month: 20240401, area: 'Didcot', source: 'midwife', count: 1 },
    { month: 20240501, area: 'Reading', source: 'gp', count: 4 },
    { month: 20240601, area: 'Didcot', source: 'gp', count: 2 },
    { month: 20240601, area: 'Didcot', source: 'self', count: 0 },
    { month: 20240701, area: 'Didcot', source: 'gp', count: 8 }, // month after
  ];

  it('sums the months whose first day lies in the period', () => {
    // 3 + 1 + 4 + 2 + 0 = 10
    expect(referralCounts(rows, Q2, undefined)).toEqual({
      total: 10,
      bySource: { gp: 9, midwife: 1, self: 0 }, // gp 3 + 4 + 2; self has a row, so it is listed at 0
    });
  });

  it('restricts to the grant’s areas when given', () => {
    // Didcot: 3 + 1 + 2 + 0 = 6
    expect(referralCounts(rows, Q2, ['Didcot'])).toEqual({
      total: 6,
      bySource: { gp: 5, midwife: 1, self: 0 },
    });
    expect(referralCounts(rows, Q2, ['Oxford City'])).toEqual({ total: 0, bySource: {} });
  });

  it('a period that starts after the first of a month leaves that month out', () => {
    // 2024-04-02..2024-06-30: April's first day is outside; May 4 + June 2 + 0
    expect(referralCounts(rows, range(20240402, 20240630), undefined).total).toBe(6);
    // 2024-03-15..2024-04-01 holds 1 April only
    expect(referralCounts(rows, range(20240315, 20240401), undefined).total).toBe(4);
  });

  it('is null, with no sources, without a referrals file', () => {
    expect(referralCounts(null, Q2, undefined)).toEqual({ total: null, bySource: {} });
  });
});

describe('activity (statistics.md `activity`)', () => {
  const episodes = [
    // referred in Q2, active, ended in Q2 with 4 sessions
    episode({ familyId: 'F1', referralDate: 20240401, startDate: 20240405, endDate: 20240630, sessions: 4 }),
    // referred before, active (ends on the first day), ended in Q2, sessions not recorded
    episode({ familyId: 'F1', referralDate: 20240101, startDate: 20240110, endDate: 20240401 }),
    // referred in Q2, never started: referred, not served
    episode({ familyId: 'F2', referralDate: 20240630, startDate: null }),
    // active (open), referred before
    episode({ familyId: 'F3', referralDate: 20231201, startDate: 20240101 }),
    // ended before the period
    episode({ familyId: 'F4', referralDate: 20231201, startDate: 20240101, endDate: 20240331, sessions: 50 }),
    // ended in Q2 with 0 sessions: 0 is recorded
    episode({ familyId: 'F5', referralDate: 20240201, startDate: 20240301, endDate: 20240515, sessions: 0 }),
    // ended in Q2 with 9 sessions
    episode({ familyId: 'F3', referralDate: 20240201, startDate: 20240301, endDate: 20240601, sessions: 9 }),
  ];
  const a = activity(rowsOf(episodes), Q2, { total: 12, bySource: { gp: 12 } });

  it('counts each field by hand', () => {
    expect(a).toEqual({
      referrals: 12,
      referralsBySource: { gp: 12 },
      episodesReferred: 2, // 04-01 and 06-30, both inclusive
      parentsServed: 5, // all but the never-started and the one ended 03-31
      familiesServed: 3, // F1, F3, F5
      episodesEnded: 4, // 06-30, 04-01, 05-15, 06-01
      sessionsMedian: 4, // of 4, 0, 9 (one blank): sorted 0, 4, 9
    });
  });

  it('sessionsMedian is null when no ended episode records sessions, and averages the middle two', () => {
    expect(
      activity(rowsOf([episode({ endDate: 20240501 })]), Q2, { total: null, bySource: {} }).sessionsMedian,
    ).toBeNull();
    const two = [episode({ endDate: 20240501, sessions: 3 }), episode({ endDate: 20240502, sessions: 8 })];
    expect(activity(rowsOf(two), Q2, { total: null, bySource: {} }).sessionsMedian).toBe(5.5); // (3 + 8) / 2
  });

  it('served counts distinct families among active episodes', () => {
    // January: F1 (from 01-10), F3 (from 01-01), F4 (01-01 to 03-31)
    expect(served(rowsOf(episodes), range(20240101, 20240131))).toEqual({
      parentsServed: 3,
      familiesServed: 3,
    });
    // April: five episodes of F1, F1, F3, F5, F3
    expect(served(rowsOf(episodes), range(20240401, 20240430))).toEqual({
      parentsServed: 5,
      familiesServed: 3,
    });
  });
});

describe('activity: properties', () => {
  it('families ≤ parents; ended and referred within the episodes; referrals add up by source', () => {
    fc.assert(
      fc.property(fc.array(episodeArb, { maxLength: 40 }), referralsArb, (episodes, referrals) => {
        const year = range(20240101, 20241231);
        const counts = referralCounts(referrals, year, undefined);
        const a = activity(rowsOf(episodes), year, counts);
        expect(a.familiesServed).toBeLessThanOrEqual(a.parentsServed);
        expect(a.parentsServed).toBeLessThanOrEqual(episodes.length);
        expect(a.episodesEnded).toBeLessThanOrEqual(episodes.length);
        expect(a.sessionsMedian === null).toBe(
          !episodes.some(
            (e) =>
              e.sessions !== null && e.endDate !== null && e.endDate >= 20240101 && e.endDate <= 20241231,
          ),
        );
        if (a.referrals === null) expect(referrals).toBeNull();
        else expect(Object.values(a.referralsBySource).reduce((x, y) => x + y, 0)).toBe(a.referrals);
      }),
      RUNS,
    );
  });
});
