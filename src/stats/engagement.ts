import type { Episode } from '../domain.js';
import { pct } from './describe.js';
import { type DayRange, isEnded } from './scope.js';

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
export function engagement(scoped: readonly Episode[], range: DayRange, hasEndReason: boolean): Engagement {
  let ended = 0;
  let sessionsRecorded = 0;
  let finishedCourse = 0;
  const reasons = { planned: 0, unplanned: 0, other: 0, notRecorded: 0 };
  for (const e of scoped) {
    if (!isEnded(e, range)) continue;
    ended++;
    if (e.sessions !== null) {
      sessionsRecorded++;
      if (e.sessions >= COURSE_SESSIONS) finishedCourse++;
    }
    if (e.endReason === null) reasons.notRecorded++;
    else reasons[e.endReason]++;
  }
  const known = reasons.planned + reasons.unplanned + reasons.other;
  return {
    ended,
    sessionsRecorded,
    finishedCourse,
    pctFinishedCourse: pct(finishedCourse, sessionsRecorded),
    endReasons: hasEndReason ? reasons : null,
    pctPlanned: hasEndReason ? pct(reasons.planned, known) : null,
  };
}
