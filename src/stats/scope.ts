import type { Day, Episode, EpisodeColumns, ExportSummary, GrantMatch } from '../domain.js';
import { type EpisodeRows, rowsWhere } from './episode-rows.js';
import { scratchZeros } from './scratch.js';

export interface DayRange {
  from: Day;
  to: Day;
}

/** statistics.md "In scope": every given condition of `match` holds; funding matches any listed code. */
export function inScope(
  episode: Pick<Episode, 'area' | 'service' | 'funding'>,
  match: GrantMatch | undefined,
): boolean {
  if (!match) return true;
  if (match.area && !match.area.includes(episode.area)) return false;
  if (match.service && !match.service.includes(episode.service)) return false;
  if (match.funding && !episode.funding.some((code) => match.funding?.includes(code))) return false;
  return true;
}

/** How many episodes of the whole export `match` covers. */
export function episodesMatched(summary: ExportSummary, match: GrantMatch | undefined): number {
  let n = 0;
  for (const m of summary.mix) if (inScope(m, match)) n += m.episodes;
  return n;
}

/**
 * statistics.md "Active": started on or before `to`, and not ended before `from`. Dates as day
 * numbers, a blank one 0 (as the columns hold them): the one rule for episodes and rows alike.
 */
const activeDays = (start: Day, end: Day, range: DayRange) =>
  start !== 0 && start <= range.to && (end === 0 || end >= range.from);

/** statistics.md "Ended": end_date within the period (a blank end, 0, never is). */
const endedDay = (end: Day, range: DayRange) => end !== 0 && end >= range.from && end <= range.to;

/** statistics.md "Active", for an episode. */
export const isActive = (episode: Episode, range: DayRange): boolean =>
  activeDays(episode.startDate ?? 0, episode.endDate ?? 0, range);

/** statistics.md "Ended", for an episode. */
export const isEnded = (episode: Episode, range: DayRange): boolean => endedDay(episode.endDate ?? 0, range);

/** `isActive` for row `row` of `columns`. */
export const isActiveRow = (columns: EpisodeColumns, row: number, range: DayRange): boolean =>
  activeDays(columns.start[row] as number, columns.end[row] as number, range);

/** `isEnded` for row `row` of `columns`. */
export const isEndedRow = (columns: EpisodeColumns, row: number, range: DayRange): boolean =>
  endedDay(columns.end[row] as number, range);

export const within = (day: Day, range: DayRange) => day >= range.from && day <= range.to;

/**
 * A period's in-scope episodes sorted once by what its figures count, each list in the rows'
 * order: referred in it, active in it, started in it and ended in it (statistics.md). The
 * sections then read only the episodes they count, not every episode again each.
 */
export interface PeriodRows {
  readonly columns: EpisodeColumns;
  readonly range: DayRange;
  readonly referred: Int32Array;
  readonly active: Int32Array;
  readonly started: Int32Array;
  readonly ended: Int32Array;
}

/** Marks of a row in `periodRows`: the lists it goes in. */
const REFERRED = 1;
const ACTIVE = 2;
const STARTED = 4;
const ENDED = 8;

/**
 * `scoped` sorted for the period `range` (`PeriodRows`). Each row's lists are marked first (in
 * working memory kept from call to call, scratch.ts) and the lists then made at their own
 * lengths: memory never touched before costs a page fault a page (about 12 µs, 3 ms a megabyte,
 * on the benchmark's machine), more than the pass that marks them.
 */
export function periodRows(scoped: EpisodeRows, range: DayRange): PeriodRows {
  const { columns, rows } = scoped;
  const marks = scratchZeros('periodRows.marks', rows.length);
  let referred = 0;
  let active = 0;
  let started = 0;
  let ended = 0;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    let mark = 0;
    if (within(columns.referral[row] as number, range)) {
      mark |= REFERRED;
      referred++;
    }
    if (isActiveRow(columns, row, range)) {
      mark |= ACTIVE;
      active++;
    }
    // A null start is 0, never within a period.
    if (within(columns.start[row] as number, range)) {
      mark |= STARTED;
      started++;
    }
    if (isEndedRow(columns, row, range)) {
      mark |= ENDED;
      ended++;
    }
    marks[i] = mark;
  }
  const sorted = {
    columns,
    range,
    referred: new Int32Array(referred),
    active: new Int32Array(active),
    started: new Int32Array(started),
    ended: new Int32Array(ended),
  };
  referred = active = started = ended = 0;
  for (let i = 0; i < rows.length; i++) {
    const mark = marks[i] as number;
    if (mark === 0) continue;
    const row = rows[i] as number;
    if (mark & REFERRED) sorted.referred[referred++] = row;
    if (mark & ACTIVE) sorted.active[active++] = row;
    if (mark & STARTED) sorted.started[started++] = row;
    if (mark & ENDED) sorted.ended[ended++] = row;
  }
  return sorted;
}

/** The rows of `period` for which `keep` holds, in each list. */
export function periodRowsWhere(
  period: PeriodRows,
  keep: (columns: EpisodeColumns, row: number) => boolean,
): PeriodRows {
  const only = (rows: Int32Array) => rowsWhere({ columns: period.columns, rows }, keep).rows;
  return {
    columns: period.columns,
    range: period.range,
    referred: only(period.referred),
    active: only(period.active),
    started: only(period.started),
    ended: only(period.ended),
  };
}
