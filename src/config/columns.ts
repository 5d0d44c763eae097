/**
 * The exports' column names (data.md §1, §2). Kept apart from the configuration's schema so
 * that a reader of the exports (a worker thread, ingest/parts.ts) loads no schema library.
 */

/** data.md §1: the columns of outcomes.csv other than scores, by their canonical names. */
export const OUTCOME_COLUMNS = [
  'episode_id',
  'family_id',
  'service',
  'area',
  'funding',
  'referral_date',
  'referral_source',
  'start_date',
  'end_date',
  'sessions',
  'end_reason',
] as const;
export const OUTCOME_REQUIRED = ['episode_id', 'family_id', 'service', 'area', 'referral_date'] as const;
/** A measure's two columns (data.md §1): `<id>_pre` and `<id>_post`. */
export const scoreColumns = (id: string) => [`${id}_pre`, `${id}_post`] as const;
/** data.md §2: the columns of referrals.csv. */
export const REFERRAL_COLUMNS = ['month', 'area', 'source', 'count'] as const;
export const REFERRAL_REQUIRED = ['month', 'area', 'count'] as const;
/** Columns both exports have. */
export const SHARED_COLUMNS = OUTCOME_COLUMNS.filter((c) =>
  (REFERRAL_COLUMNS as readonly string[]).includes(c),
);
