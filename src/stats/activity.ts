import type { ReferralCount } from '../domain.js';
import { median } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { type DayRange, isActiveRow, type PeriodRows, periodRows, within } from './scope.js';
import { scratchFloats, scratchZeros } from './scratch.js';

/** statistics.md `activity`: field names are the contract. */
export interface Activity {
  referrals: number | null;
  referralsBySource: Record<string, number>;
  episodesReferred: number;
  parentsServed: number;
  familiesServed: number;
  episodesEnded: number;
  sessionsMedian: number | null;
}

/**
 * Referral counts over months whose first day lies in the range, restricted to `areas`
 * when given; null without a referrals file.
 */
export function referralCounts(
  referrals: readonly ReferralCount[] | null,
  range: DayRange,
  areas: readonly string[] | undefined,
): { total: number | null; bySource: Record<string, number> } {
  if (referrals === null) return { total: null, bySource: {} };
  let total = 0;
  const bySource = new Map<string, number>();
  for (const r of referrals) {
    if (!within(r.month, range) || (areas && !areas.includes(r.area))) continue;
    total += r.count;
    bySource.set(r.source, (bySource.get(r.source) ?? 0) + r.count);
  }
  const sources = [...bySource.keys()].sort();
  return { total, bySource: Object.fromEntries(sources.map((s) => [s, bySource.get(s) as number])) };
}

/** Counts of people served over in-scope episodes (statistics.md `parentsServed`, `familiesServed`). */
export function served(
  scoped: EpisodeRows,
  range: DayRange,
): { parentsServed: number; familiesServed: number } {
  const { columns, rows } = scoped;
  let parentsServed = 0;
  let familiesServed = 0;
  // A mark per family number, up to the largest among these rows: a million families is a
  // megabyte, made once (grown as numbers came, it was made a dozen times, and the loop marking
  // it was compiled again at each), and reused by the next call (scratch.ts).
  let largest = -1;
  for (let i = 0; i < rows.length; i++) {
    const family = columns.family[rows[i] as number] as number;
    if (family > largest) largest = family;
  }
  const seen = scratchZeros('served.families', largest + 1);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (!isActiveRow(columns, row, range)) continue;
    parentsServed++;
    const family = columns.family[row] as number;
    if (seen[family] === 0) {
      seen[family] = 1;
      familiesServed++;
    }
  }
  return { parentsServed, familiesServed };
}

/** statistics.md `activity` over in-scope episodes; `referrals` comes from the counts file. */
export function activity(
  scoped: EpisodeRows,
  range: DayRange,
  referrals: { total: number | null; bySource: Record<string, number> },
): Activity {
  return periodActivity(periodRows(scoped, range), referrals);
}

/** `activity` over a period's episodes sorted already. */
export function periodActivity(
  period: PeriodRows,
  referrals: { total: number | null; bySource: Record<string, number> },
): Activity {
  const { columns, ended } = period;
  // Room for every ended episode's sessions; those recorded fill the first `recorded`.
  const sessions = scratchFloats('activity.sessions', ended.length);
  let recorded = 0;
  for (let i = 0; i < ended.length; i++) {
    const n = columns.sessions[ended[i] as number] as number;
    if (!Number.isNaN(n)) sessions[recorded++] = n;
  }
  return {
    referrals: referrals.total,
    referralsBySource: referrals.bySource,
    episodesReferred: period.referred.length,
    ...served({ columns, rows: period.active }, period.range),
    episodesEnded: ended.length,
    sessionsMedian: median(sessions.subarray(0, recorded)),
  };
}
