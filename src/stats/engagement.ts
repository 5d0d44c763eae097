import { END_REASONS } from '../domain.js';
import { pct } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { type DayRange, type PeriodRows, periodRows } from './scope.js';

/** statistics.md `engagement`: field names are the contract. */
export interface Engagement {
  ended: number;
  sessionsRecorded: number;
  finishedCourse: number;
  pctFinishedCourse: number | null;
  /** null when the export has no `end_reason` column. */
  endReasons: { planned: number; unplanned: number; other: number; notRecorded: number } | null;
  pctPlanned: number | null;
}

/** NHS Talking Therapies: "finished a course of treatment" is two or more sessions. */
export const COURSE_SESSIONS = 2;

/** statistics.md `engagement`: how the in-scope episodes that ended in the period ended. */
export function engagement(scoped: EpisodeRows, range: DayRange, hasEndReason: boolean): Engagement {
  return periodEngagement(periodRows(scoped, range), hasEndReason);
}

/** `engagement` over a period's episodes sorted already. */
export function periodEngagement(period: PeriodRows, hasEndReason: boolean): Engagement {
  const { columns, ended } = period;
  let sessionsRecorded = 0;
  let finishedCourse = 0;
  const reasons = { planned: 0, unplanned: 0, other: 0, notRecorded: 0 };
  for (let i = 0; i < ended.length; i++) {
    const row = ended[i] as number;
    const sessions = columns.sessions[row] as number;
    if (!Number.isNaN(sessions)) {
      sessionsRecorded++;
      if (sessions >= COURSE_SESSIONS) finishedCourse++;
    }
    const reason = END_REASONS[columns.endReason[row] as number];
    if (reason === undefined) reasons.notRecorded++;
    else reasons[reason]++;
  }
  const known = reasons.planned + reasons.unplanned + reasons.other;
  return {
    ended: ended.length,
    sessionsRecorded,
    finishedCourse,
    pctFinishedCourse: pct(finishedCourse, sessionsRecorded),
    endReasons: hasEndReason ? reasons : null,
    pctPlanned: hasEndReason ? pct(reasons.planned, known) : null,
  };
}
