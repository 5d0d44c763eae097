import { END_REASONS, type Episode, type EpisodeColumns, emptyColumns, SERVICES } from '../domain.js';
import { scratchZeros } from './scratch.js';

/**
 * Some episodes of a table of columns, as row numbers in the table's order: what each statistic
 * is computed over. A subset is a list of numbers, not a copy of its episodes, and it keeps their
 * order, so sums (and so means) add up exactly as over the list of episodes.
 */
export interface EpisodeRows {
  readonly columns: EpisodeColumns;
  readonly rows: Int32Array;
}

/**
 * `episodes` as columns, read once through their fields: for episodes that are plain objects
 * (ingest's store gives its own columns). As wide as the widest episode's scores and profile;
 * a slot an episode lacks is null.
 */
export function columnsOf(episodes: readonly Episode[]): EpisodeColumns {
  const n = episodes.length;
  const widest = (width: (e: Episode) => number) => episodes.reduce((w, e) => Math.max(w, width(e)), 0);
  // Eight-byte scores: plain episodes' scores may be decimals.
  const decimal = Array.from({ length: widest((e) => e.scores.length) }, () => false);
  const columns = emptyColumns(
    n,
    decimal,
    widest((e) => e.profile.length),
  );
  episodes.forEach((e, row) => {
    columns.referral[row] = e.referralDate;
    columns.start[row] = e.startDate ?? 0;
    columns.end[row] = e.endDate ?? 0;
    columns.sessions[row] = e.sessions ?? Number.NaN;
    columns.endReason[row] = e.endReason === null ? -1 : END_REASONS.indexOf(e.endReason);
    columns.service[row] = SERVICES.indexOf(e.service);
    columns.family[row] = e.family;
    const { scores, profile } = e;
    columns.scores.forEach((column, s) => {
      column[row] = scores[s] ?? Number.NaN;
    });
    columns.profile.forEach((column, p) => {
      column[row] = profile[p] ?? -1;
    });
  });
  return columns;
}

/** Every row of `columns`. */
export function allRows(columns: EpisodeColumns): EpisodeRows {
  const rows = new Int32Array(columns.length);
  for (let row = 0; row < rows.length; row++) rows[row] = row;
  return { columns, rows };
}

/** `episodes` as rows of their own columns: what the statistics take, from plain episodes. */
export const rowsOf = (episodes: readonly Episode[]): EpisodeRows => allRows(columnsOf(episodes));

/** The rows of `from` for which `keep` holds, in order. */
export function rowsWhere(
  from: EpisodeRows,
  keep: (columns: EpisodeColumns, row: number) => boolean,
): EpisodeRows {
  const { columns, rows } = from;
  // Marked, then listed at its own length: memory never touched before is slow to touch.
  const marks = scratchZeros('rowsWhere.marks', rows.length);
  let n = 0;
  for (let i = 0; i < rows.length; i++) {
    if (!keep(columns, rows[i] as number)) continue;
    marks[i] = 1;
    n++;
  }
  const kept = new Int32Array(n);
  n = 0;
  for (let i = 0; i < rows.length; i++) if (marks[i] === 1) kept[n++] = rows[i] as number;
  return { columns, rows: kept };
}
