import type { Day, Episode, ExportSummary, GrantMatch } from '../domain.js';

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

/** statistics.md "Active": started on or before `to`, and not ended before `from`. */
export function isActive(episode: Episode, range: DayRange): boolean {
  return (
    episode.startDate !== null &&
    episode.startDate <= range.to &&
    (episode.endDate === null || episode.endDate >= range.from)
  );
}

/** statistics.md "Ended": end_date within the period. */
export function isEnded(episode: Episode, range: DayRange): boolean {
  return episode.endDate !== null && episode.endDate >= range.from && episode.endDate <= range.to;
}

export const within = (day: Day, range: DayRange) => day >= range.from && day <= range.to;
