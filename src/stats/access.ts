import type { Day } from '../domain.js';
import { median, pct } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { type DayRange, type PeriodRows, periodRows } from './scope.js';
import { scratchFloats } from './scratch.js';

/** statistics.md `access`: field names are the contract. */
export interface Access {
  started: number;
  waitDaysMedian: number | null;
  within6Weeks: number;
  pctWithin6Weeks: number | null;
  within18Weeks: number;
  pctWithin18Weeks: number | null;
}

/** NHS Talking Therapies' waiting-time standards: 6 and 18 weeks, in days. */
export const SIX_WEEKS = 42;
export const EIGHTEEN_WEEKS = 126;

/**
 * The number of days from 1 March of year 0 to `day` (yyyymmdd, a Gregorian date), in integer
 * arithmetic (H. Hinnant's `days_from_civil`): the same count as Date.UTC's from 1900 on, but
 * without a call into the runtime, which cost a tenth of a second over a large export's starts.
 */
function dayNumber(day: Day): number {
  const month = Math.floor(day / 100) % 100;
  // Years start in March, so that the leap day is the last day of its year.
  const year = Math.floor(day / 10000) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yearOfEra = year - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + (day % 100) - 1;
  return (
    era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  );
}

/** Days from `from` to `to` (yyyymmdd numbers). */
export const daysBetween = (from: Day, to: Day) => dayNumber(to) - dayNumber(from);

/** statistics.md `access`: waits from referral to first session of in-scope episodes that started in the period. */
export function access(scoped: EpisodeRows, range: DayRange): Access {
  return periodAccess(periodRows(scoped, range));
}

/** `access` over a period's episodes sorted already. */
export function periodAccess(period: PeriodRows): Access {
  const { columns, started } = period;
  // One wait a started episode: a list of numbers of its final length, not grown as they come.
  const waits = scratchFloats('access.waits', started.length);
  let within6Weeks = 0;
  let within18Weeks = 0;
  for (let i = 0; i < started.length; i++) {
    const row = started[i] as number;
    const wait = daysBetween(columns.referral[row] as number, columns.start[row] as number);
    waits[i] = wait;
    if (wait <= SIX_WEEKS) within6Weeks++;
    if (wait <= EIGHTEEN_WEEKS) within18Weeks++;
  }
  return {
    started: waits.length,
    waitDaysMedian: median(waits),
    within6Weeks,
    pctWithin6Weeks: pct(within6Weeks, waits.length),
    within18Weeks,
    pctWithin18Weeks: pct(within18Weeks, waits.length),
  };
}
