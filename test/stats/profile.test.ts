import { describe, expect, it } from 'vitest';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { profile } from '../../src/stats/profile.js';
import { episode, range, TEST_PROFILE } from './support.js';

describe('profile (statistics.md): over the parents served in the period', () => {
  it('counts every category in declared order (0 included), flags as yes of those recorded', () => {
    const episodes = [
      episode({ profile: [0, 1] }),
      episode({ profile: [0, 0] }),
      episode({ profile: [2, null] }),
      episode({ profile: [null, 1] }),
      episode({ profile: [1, 1], startDate: 20230101, endDate: 20230601 }), // not active in 2024
    ];
    expect(profile(rowsOf(episodes), range(20240101, 20241231), TEST_PROFILE)).toEqual({
      parent_role: {
        label: 'Parent or carer',
        recorded: 3,
        notRecorded: 1,
        counts: { Mother: 2, Father: 0, 'Other carer': 1 },
      },
      smi: { label: 'Severe mental illness', recorded: 3, notRecorded: 1, yes: 2, pctYes: (100 * 2) / 3 },
    });
  });

  it('is {} without declared columns, and pctYes null when nothing is recorded', () => {
    expect(profile(rowsOf([episode()]), range(20240101, 20241231), [])).toEqual({});
    expect(
      profile(rowsOf([episode({ profile: [null, null] })]), range(20240101, 20241231), TEST_PROFILE).smi,
    ).toEqual({
      label: 'Severe mental illness',
      recorded: 0,
      notRecorded: 1,
      yes: 0,
      pctYes: null,
    });
  });
});
