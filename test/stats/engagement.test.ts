import { describe, expect, it } from 'vitest';
import { engagement } from '../../src/stats/engagement.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { ended, episode, range } from './support.js';

const YEAR = range(20240101, 20241231);

describe('engagement (statistics.md): how episodes ended', () => {
  const episodes = [
    ended({ sessions: 2, endReason: 'planned' }), // finished a course (2 or more)
    ended({ sessions: 1, endReason: 'unplanned' }), // did not
    ended({ sessions: null, endReason: 'planned' }), // sessions not recorded
    ended({ sessions: 12, endReason: null }), // reason not recorded
    ended({ sessions: 8, endReason: 'other' }),
    episode({ sessions: 5 }), // still open: not ended
  ];

  it('finished a course over those recording sessions; end reasons over those ended', () => {
    expect(engagement(rowsOf(episodes), YEAR, true)).toEqual({
      ended: 5,
      sessionsRecorded: 4,
      finishedCourse: 3,
      pctFinishedCourse: 75,
      endReasons: { planned: 2, unplanned: 1, other: 1, notRecorded: 1 },
      pctPlanned: 50, // 2 of the 4 with a reason
    });
  });

  it('without an end_reason column, endReasons and pctPlanned are null', () => {
    expect(engagement(rowsOf(episodes), YEAR, false)).toMatchObject({ endReasons: null, pctPlanned: null });
  });

  it('no reason recorded at all: pctPlanned null', () => {
    expect(engagement(rowsOf([ended({ sessions: 3 })]), YEAR, true)).toMatchObject({
      endReasons: { planned: 0, unplanned: 0, other: 0, notRecorded: 1 },
      pctPlanned: null,
    });
  });
});
