import { type Period, previousPeriod } from '../config/period.js';
import {
  type Episode,
  type EpisodeColumns,
  fromDay,
  type Grant,
  type ProfileColumn,
  type ReferralCount,
  SERVICES,
  type Service,
  toDay,
} from '../domain.js';
import type { MeasureDefinition } from '../measures/definition.js';
import type { Reported } from '../measures/in-force.js';
import { type Access, periodAccess } from './access.js';
import { type Activity, periodActivity, referralCounts, served } from './activity.js';
import { type CompositeOutcome, compositeOutcome } from './composite.js';
import { type Engagement, periodEngagement } from './engagement.js';
import { allRows, columnsOf, type EpisodeRows, rowsWhere } from './episode-rows.js';
import { type MeasureOutcome, measureOutcome, slotsOf } from './outcomes.js';
import { type Profile, periodProfile } from './profile.js';
import { type DayRange, inScope, type PeriodRows, periodRows, periodRowsWhere } from './scope.js';
import { type TargetResult, targetResults } from './targets.js';
import { subPeriods } from './trend.js';

/** `outcomes`: the grant's measures in its order, then its composites (statistics.md). */
export type Outcomes = Record<string, MeasureOutcome | CompositeOutcome>;

/** statistics.md `measures.<id>`: the definition in force, so a JSON file says how it was computed. */
export type MeasureJson = Pick<
  MeasureDefinition,
  'name' | 'longName' | 'min' | 'max' | 'better' | 'decimals' | 'reliableChange' | 'clinicalCutoff'
>;

export interface TrendPoint {
  label: string;
  from: string;
  to: string;
  referrals: number | null;
  parentsServed: number;
  familiesServed: number;
}

export interface Provenance {
  toolVersion: string;
  generatedAt: string;
  sha256: { configuration: string; outcomes: string; referrals: string | null };
}

/** The statistics model of statistics.md: what `--format json` writes and every report figure comes from. */
export interface StatsModel {
  grant: { id: string; funder: string; title: string };
  period: Period;
  activity: Activity;
  outcomes: Outcomes;
  access: Access;
  engagement: Engagement;
  profile: Profile;
  byService: Partial<
    Record<Service, { activity: Activity; outcomes: Outcomes; access: Access; engagement: Engagement }>
  >;
  trend: TrendPoint[];
  /** The same sections for the period before (statistics.md `previous`). */
  previous: Previous;
  /** What the grant agreement promised, and what was delivered (statistics.md `targets`). */
  targets: TargetResult[];
  measures: Record<string, MeasureJson>;
  provenance: Provenance;
}

/**
 * The sections of the model that `previous` repeats for the period before, in statistics.md's
 * order. A section the model does not have (yet) is left out; one it gains is copied as it is
 * (the type of `periodFigures` then asks for it).
 */
export const PREVIOUS_SECTIONS = ['activity', 'outcomes', 'access', 'engagement'] as const;
type PreviousSection = Extract<(typeof PREVIOUS_SECTIONS)[number], keyof StatsModel>;

/** statistics.md `previous`: `{ period, activity, outcomes, access, engagement }`. */
export type Previous = { period: Period } & Pick<StatsModel, PreviousSection>;

/** One period's figures: the model but for the two sections made from whole models. */
type PeriodModel = Omit<StatsModel, 'previous' | 'targets'>;

/** The sections of one period's figures that `previous` repeats. */
type PeriodFigures = Pick<StatsModel, PreviousSection>;

export interface StatsInput {
  grant: Grant;
  period: Period;
  episodes: readonly Episode[];
  /**
   * The same episodes as columns, row for row, when the reader holds them so (ingest's store);
   * made from `episodes` when not given.
   */
  columns?: EpisodeColumns;
  /**
   * The services among the grant's episodes in the whole export (statistics.md `byService`),
   * when `episodes` holds only those that can count in the period (ingest's `Keep`); found
   * from `episodes` when not given.
   */
  services?: readonly Service[];
  referrals: readonly ReferralCount[] | null;
  /** What the grant reports (measures/in-force.ts `reportedBy`). */
  reported: Reported;
  /** Ids of the measures the export has: the slots of `Episode.scores`. */
  measuresInExport: readonly string[];
  /** The export has an `end_reason` column. */
  hasEndReason: boolean;
  /** Declared profile columns: the slots of `Episode.profile`. */
  profile: readonly ProfileColumn[];
  financialYearStart: number;
  provenance: Provenance;
}

function outcomesOf(ended: EpisodeRows, reported: Reported, slots: Map<string, number>): Outcomes {
  const result: Outcomes = {};
  const slot = (id: string) => slots.get(id) ?? -1;
  for (const m of reported.measures) result[m.id] = measureOutcome(ended, m, slot(m.id));
  for (const c of reported.composites) {
    const measures = c.measures.map((id) => reported.measures.find((m) => m.id === id) as MeasureDefinition);
    result[c.id] = compositeOutcome(ended, c, measures, c.measures.map(slot));
  }
  return result;
}

const measureJson = (m: MeasureDefinition): MeasureJson => ({
  name: m.name,
  longName: m.longName,
  min: m.min,
  max: m.max,
  better: m.better,
  decimals: m.decimals,
  reliableChange: m.reliableChange,
  clinicalCutoff: m.clinicalCutoff,
});

/**
 * Builds the whole model for one grant and period: the period's figures, the same figures for
 * the period before (made by the very same code, so `previous` has every section the model has),
 * and the grant's targets read from the finished figures. Pure.
 */
export function buildStatsModel(input: StatsInput): StatsModel {
  const scoped = scopedRows(input);
  const model = periodModel(input, scoped);
  const period = previousPeriod(input.period, input.financialYearStart);
  // Only the sections `previous` repeats: the period before's profile, services and trend would be thrown away.
  const before = periodRows(scoped, { from: toDay(period.from), to: toDay(period.to) });
  const earlier: Record<string, unknown> = periodFigures(input, before);
  const previous = { period } as Record<string, unknown>;
  for (const section of PREVIOUS_SECTIONS) if (section in earlier) previous[section] = earlier[section];
  // previous and targets go after the period's own figures, before the definitions and provenance.
  const { measures, provenance, ...figures } = model;
  return {
    ...figures,
    previous: previous as Previous,
    targets: targetResults(input.grant.targets ?? [], model),
    measures,
    provenance,
  };
}

/** The grant's episodes, as rows of `input.episodes`' columns. */
function scopedRows(input: StatsInput): EpisodeRows {
  const all = allRows(input.columns ?? columnsOf(input.episodes));
  const { match } = input.grant;
  // A grant without conditions covers every episode: no copy of a list that may be a million long.
  // Its conditions are on words the columns do not hold: they are read from the row's episode.
  return match ? rowsWhere(all, (_, row) => inScope(input.episodes[row] as Episode, match)) : all;
}

/** The sections of statistics.md that `previous` repeats, for one grant and period. */
function periodFigures(input: StatsInput, period: PeriodRows): PeriodFigures {
  const { columns, range } = period;
  return {
    activity: periodActivity(period, referralCounts(input.referrals, range, input.grant.match?.area)),
    outcomes: outcomesOf({ columns, rows: period.ended }, input.reported, slotsOf(input.measuresInExport)),
    access: periodAccess(period),
    engagement: periodEngagement(period, input.hasEndReason),
  };
}

/** The figures of statistics.md for one grant and period, over its `scoped` episodes. */
function periodModel(input: StatsInput, scoped: EpisodeRows): PeriodModel {
  const { grant, period, reported } = input;
  const slots = slotsOf(input.measuresInExport);
  const range: DayRange = { from: toDay(period.from), to: toDay(period.to) };
  const sorted = periodRows(scoped, range);
  const { columns } = scoped;
  const areas = grant.match?.area;

  const byService: StatsModel['byService'] = {};
  const seen = new Set<Service>(input.services);
  if (!input.services)
    for (const row of scoped.rows) seen.add(SERVICES[columns.service[row] as number] as Service);
  const services = [...seen].sort();
  for (const service of services) {
    const code = SERVICES.indexOf(service);
    const own = periodRowsWhere(sorted, (c, row) => c.service[row] === code);
    byService[service] = {
      activity: periodActivity(own, { total: null, bySource: {} }),
      outcomes: outcomesOf({ columns, rows: own.ended }, reported, slots),
      access: periodAccess(own),
      engagement: periodEngagement(own, input.hasEndReason),
    };
  }

  // Active in a sub-period implies active in the period: the trend need only look at these.
  const active = { columns, rows: sorted.active };
  const trend = subPeriods(range.from, range.to, input.financialYearStart, period.label).map((sub) => ({
    label: sub.label,
    from: fromDay(sub.from),
    to: fromDay(sub.to),
    referrals: referralCounts(input.referrals, sub, areas).total,
    ...served(active, sub),
  }));

  return {
    grant: { id: grant.id, funder: grant.funder, title: grant.title },
    period: { label: period.label, from: period.from, to: period.to },
    ...periodFigures(input, sorted),
    profile: periodProfile(sorted, input.profile),
    byService,
    trend,
    measures: Object.fromEntries(reported.measures.map((m) => [m.id, measureJson(m)])),
    provenance: input.provenance,
  };
}
