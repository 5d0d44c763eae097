import type { CompositeDefinition, MeasureDefinition } from './measures/definition.js';
import type { ColourNote } from './report/contrast.js';

/** data.md §1: parent-infant psychotherapy, or a parent-infant group. */
export const SERVICES = ['individual', 'group'] as const;
export type Service = (typeof SERVICES)[number];
/** data.md §1 `end_reason`: how an episode ended. */
export const END_REASONS = ['planned', 'unplanned', 'other'] as const;
export type EndReason = (typeof END_REASONS)[number];

/** A date as the number yyyymmdd (2024-03-31 → 20240331): ordered like the date, and cheap to hold by the million. */
export type Day = number;

/**
 * One parent or carer's course of work with one infant (data.md §1). Read-only: the
 * ingest keeps a large export's million of these in typed columns (ingest/episode-store.ts)
 * and each episode reads its values from them.
 */
export interface Episode {
  readonly familyId: string;
  /**
   * The family as a number from 0, given by the export's reader: two episodes have the same
   * number exactly when they have the same `familyId`, so families are counted without strings.
   */
  readonly family: number;
  readonly service: Service;
  readonly area: string;
  readonly funding: readonly string[];
  readonly referralDate: Day;
  readonly referralSource: string | null;
  readonly startDate: Day | null;
  readonly endDate: Day | null;
  readonly sessions: number | null;
  readonly endReason: EndReason | null;
  /**
   * The declared profile columns (data.md §7), in configuration order: a category column's
   * value as the index of its category, a flag as 1 (yes) or 0 (no); null where blank.
   * Empty when none is declared.
   */
  readonly profile: readonly (number | null)[];
  /**
   * First and last score on each measure the export has, two slots a measure in the order of
   * `Inputs.measures`: `[pre₀, post₀, pre₁, post₁, …]`, null where not recorded.
   */
  readonly scores: readonly (number | null)[];
}

/**
 * Episodes as columns, a typed array a field and a row an episode, in the order of their list:
 * what the statistics read, a dozen passes over hundreds of thousands of episodes each reading a
 * column straight, not a field through an object per episode. Null is 0 in a date column, NaN in
 * `sessions`, −1 in a code column, and `blankScore` of its column in a score column.
 */
export interface EpisodeColumns {
  readonly length: number;
  readonly referral: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly sessions: Float64Array;
  /** The index of `endReason` in END_REASONS. */
  readonly endReason: Int8Array;
  /** The index of `service` in SERVICES. */
  readonly service: Int8Array;
  readonly family: Int32Array;
  /**
   * `Episode.scores`, a column a slot: whole numbers in a small range two bytes each, as ingest
   * holds them (copying them into eight bytes each cost more than reading them).
   */
  readonly scores: readonly (Int16Array | Float64Array)[];
  /** `Episode.profile`, a column a declared profile column. */
  readonly profile: readonly Int32Array[];
}

/**
 * `n` rows of columns, every value 0: score column `s` two bytes a value where `whole[s]`, eight
 * where not; `profileColumns` profile columns.
 */
export function emptyColumns(n: number, whole: readonly boolean[], profileColumns: number) {
  return {
    length: n,
    referral: new Int32Array(n),
    start: new Int32Array(n),
    end: new Int32Array(n),
    sessions: new Float64Array(n),
    endReason: new Int8Array(n),
    service: new Int8Array(n),
    family: new Int32Array(n),
    scores: whole.map((w) => (w ? new Int16Array(n) : new Float64Array(n))),
    profile: Array.from({ length: profileColumns }, () => new Int32Array(n)),
  } satisfies EpisodeColumns;
}

/** Null in a score column of two-byte whole numbers; such a column holds scores from −32,767 to 32,767. */
export const NO_WHOLE_SCORE = -32_768;

/** The value standing for a score not recorded in `column` of `EpisodeColumns.scores`. */
export const blankScore = (column: Int16Array | Float64Array): number =>
  column instanceof Int16Array ? NO_WHOLE_SCORE : Number.NaN;

/** Whether `score`, read from a column whose blank is `blank` (`blankScore`), was not recorded. */
export const isBlankScore = (score: number, blank: number): boolean => score === blank || Number.isNaN(score);

export const toDay = (iso: string): Day => Number(iso.replaceAll('-', ''));
export const fromDay = (day: Day): string => {
  const s = String(day).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

/**
 * Whether an episode can count in the days from `from` to `to`: every figure of statistics.md
 * counts episodes referred, active, started or ended in a period, so only those referred by
 * its end and not ended before it began (a start or an end never comes before the referral).
 */
export const canCountIn = (referralDate: Day, endDate: Day | null, days: { from: Day; to: Day }): boolean =>
  referralDate <= days.to && (endDate === null || endDate >= days.from);

/**
 * What the whole outcomes export holds, whichever of its episodes are kept for the statistics
 * (ingest keeps only those a report's periods can count): for `validate`'s summary, `list`, and
 * the warnings about match values and periods.
 */
export interface ExportSummary {
  /** Episodes in the export. */
  episodes: number;
  /**
   * Distinct family ids among them; null when not counted: a report reads only the families of
   * the episodes it keeps (`loadInputs`' `families`), `validate` counts every row's.
   */
  families: number | null;
  /** The first and last referral date; null with no episodes. */
  referred: { first: Day; last: Day } | null;
  /** The latest date anywhere (referral, start or end): how current the data is; null with no episodes. */
  latest: Day | null;
  /** How many episodes have each combination of the values a grant's `match` reads. */
  mix: { area: string; service: Service; funding: readonly string[]; episodes: number }[];
}

/** One row of referrals.csv: aggregate counts; `month` is the month's first day. */
export interface ReferralCount {
  month: Day;
  area: string;
  source: string;
  count: number;
}

/** A profile column (data.md §7): categories in report order, or a yes/no flag. */
export type ProfileColumn =
  | { column: string; label: string; kind: 'category'; categories: string[] }
  | { column: string; label: string; kind: 'flag'; phrase?: string };

export interface GrantMatch {
  funding?: string[];
  area?: string[];
  service?: Service[];
}

export interface Grant {
  id: string;
  funder: string;
  title: string;
  defaultPeriod?: string;
  match?: GrantMatch;
  logo?: string;
  colours: { primary: string; accent: string };
  /** A folder under templates/themes/ that overrides the base look. */
  theme: string;
  /** The measures and composites listed, in order; null: every measure the export has (data.md §6). */
  measures: string[] | null;
  narrative?: string;
  /** data.md §8: quotes printed with consent, in configuration order. */
  stories?: Story[];
  /** statistics.md `targets`: what the grant agreement promised, in configuration order. */
  targets?: Target[];
}

/** A parent's words (data.md §8); consent was checked when the configuration was read. */
export interface Story {
  quote: string;
  /** An attribution such as "A mother in Didcot", never a name. */
  who?: string;
}

/** A promised figure: `field` is a dotted path into the statistics model (statistics.md `targets`). */
export interface Target {
  field: string;
  label: string | null;
  direction: 'atLeast' | 'atMost';
  target: number;
}

export interface Organisation {
  name: string;
  shortName?: string;
  charityNumber?: string;
  financialYearStart: number;
  logo?: string;
  colours: { primary: string; accent: string };
}

/** The validated configuration, with paths resolved against the configuration file's folder. */
export interface Config {
  path: string;
  organisation: Organisation;
  input: {
    outcomes: string;
    referrals?: string;
    dateFormat: 'YYYY-MM-DD' | 'DD/MM/YYYY';
    columns: Record<string, string>;
    ignoreColumns: string[];
  };
  /** Every measure known, built in then configured, thresholds overrides applied (data.md §6). */
  measures: MeasureDefinition[];
  /** Every composite known: the built-in ones, then the configured ones in configuration order. */
  composites: CompositeDefinition[];
  /** Declared profile columns, in configuration order (data.md §7). */
  profile: ProfileColumn[];
  disclosure: { minCell: number; minDenominator: number };
  grants: Grant[];
  /** Brand colours darkened for text or outlined in charts, so the reports stay legible. */
  colourNotes: ColourNote[];
}
