import type { ProfileColumn } from '../domain.js';
import { pct } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { type DayRange, type PeriodRows, periodRows } from './scope.js';

/** statistics.md `profile.<column>` for a category column. */
export interface CategoryProfile {
  label: string;
  recorded: number;
  notRecorded: number;
  /** Every declared category, in declared order, 0 included. */
  counts: Record<string, number>;
}
/** statistics.md `profile.<column>` for a yes/no column. */
export interface FlagProfile {
  label: string;
  recorded: number;
  notRecorded: number;
  yes: number;
  pctYes: number | null;
}
export type Profile = Record<string, CategoryProfile | FlagProfile>;

/** statistics.md `profile`: who the work reached, over the in-scope episodes active in the period. */
export function profile(scoped: EpisodeRows, range: DayRange, columns: readonly ProfileColumn[]): Profile {
  return periodProfile(periodRows(scoped, range), columns);
}

/** `profile` over a period's episodes sorted already. */
export function periodProfile(period: PeriodRows, columns: readonly ProfileColumn[]): Profile {
  const { active } = period;
  const tallies = columns.map((c) =>
    new Array<number>(c.kind === 'category' ? c.categories.length : 2).fill(0),
  );
  const notRecorded = columns.map(() => 0);
  for (let i = 0; i < columns.length; i++) {
    // A column the episodes lack is blank for each of them.
    const values = period.columns.profile[i];
    const counts = tallies[i] as number[];
    let blank = 0;
    for (let r = 0; r < active.length; r++) {
      const v = values?.[active[r] as number] ?? -1;
      if (v < 0) blank++;
      else counts[v] = (counts[v] as number) + 1;
    }
    notRecorded[i] = blank;
  }
  const result: Profile = {};
  columns.forEach((c, i) => {
    const counts = tallies[i] as number[];
    const recorded = counts.reduce((a, b) => a + b, 0);
    const missing = notRecorded[i] as number;
    if (c.kind === 'category')
      result[c.column] = {
        label: c.label,
        recorded,
        notRecorded: missing,
        counts: Object.fromEntries(c.categories.map((name, k) => [name, counts[k] as number])),
      };
    else {
      const yes = counts[1] as number;
      result[c.column] = { label: c.label, recorded, notRecorded: missing, yes, pctYes: pct(yes, recorded) };
    }
  });
  return result;
}
