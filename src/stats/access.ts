import type { Day } from '../domain.js';
import { median, pct } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { type DayRange, type PeriodRows, periodRows } from './scope.js';

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

const MS_PER_DAY = 86_400_000;
/** Days from `from` to `to` (yyyymmdd numbers). */
export const daysBetween = (from: Day, to: Day) =>
  Math.round(
    (Date.UTC(Math.floor(to / 10000), (Math.floor(to / 100) % 100) - 1, to % 100) -
      Date.UTC(Math.floor(from / 10000), (Math.floor(from / 100) % 100) - 1, from % 100)) /
      MS_PER_DAY,
  );

/** statistics.md `access`: waits from referral to first session of in-scope episodes that started in the period. */
export function access(scoped: EpisodeRows, range: DayRange): Access {
  return periodAccess(periodRows(scoped, range));
}

/** `access` over a period's episodes sorted already. */
export function periodAccess(period: PeriodRows): Access {
  const { columns, started } = period;
  const waits: number[] = [];
  let within6Weeks = 0;
  let within18Weeks = 0;
  for (let i = 0; i < started.length; i++) {
    const row = started[i] as number;
    const wait = daysBetween(columns.referral[row] as number, columns.start[row] as number);
    waits.push(wait);
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
