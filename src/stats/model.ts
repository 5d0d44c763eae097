import { type Period, previousPeriod } from '../config/period.js';
import {
  canCountIn,
  type Episode,
  fromDay,
  type Grant,
  type ProfileColumn,
  type ReferralCount,
  type Service,
  toDay,
} from '../domain.js';
import type { MeasureDefinition } from '../measures/definition.js';
import type { Reported } from '../measures/in-force.js';
import { type Access, access } from './access.js';
import { type Activity, activity, referralCounts, served } from './activity.js';
import { type CompositeOutcome, compositeOutcome } from './composite.js';
import { type Engagement, engagement } from './engagement.js';
import { type MeasureOutcome, measureOutcome, scoreColumns, slotsOf } from './outcomes.js';
import { type Profile, profile } from './profile.js';
import { type DayRange, inScope, isActive, isEnded } from './scope.js';
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

function outcomesOf(ended: readonly Episode[], reported: Reported, slots: Map<string, number>): Outcomes {
  const result: Outcomes = {};
  const slot = (id: string) => slots.get(id) ?? -1;
  const scores = scoreColumns(ended, 2 * slots.size);
  for (const m of reported.measures) result[m.id] = measureOutcome(ended, m, slot(m.id), scores);
  for (const c of reported.composites) {
    const measures = c.measures.map((id) => reported.measures.find((m) => m.id === id) as MeasureDefinition);
    result[c.id] = compositeOutcome(ended, c, measures, c.measures.map(slot), scores);
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
  const model = periodModel(input);
  const period = previousPeriod(input.period, input.financialYearStart);
  // Only episodes that can count in the period before. The sections copied below are the same
  // as on every episode; on a long history this is a small part of it.
  const before = { from: toDay(period.from), to: toDay(period.to) };
  const episodes = input.episodes.filter((e) => canCountIn(e.referralDate, e.endDate, before));
  // Only the sections `previous` repeats: the period before's profile, services and trend would be thrown away.
  const earlierInput = { ...input, period, episodes };
  const earlier: Record<string, unknown> = periodFigures(earlierInput, periodEpisodes(earlierInput));
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

/** A period's days, and the grant's episodes its figures count: all of them in scope, and those that ended in it. */
interface PeriodEpisodes {
  range: DayRange;
  scoped: readonly Episode[];
  ended: readonly Episode[];
}

function periodEpisodes(input: StatsInput): PeriodEpisodes {
  const { grant, period } = input;
  const range: DayRange = { from: toDay(period.from), to: toDay(period.to) };
  // A grant without conditions covers every episode: no copy of a list that may be a million long.
  const scoped = grant.match ? input.episodes.filter((e) => inScope(e, grant.match)) : input.episodes;
  return { range, scoped, ended: scoped.filter((e) => isEnded(e, range)) };
}

/** The sections of statistics.md that `previous` repeats, for one grant and period. */
function periodFigures(input: StatsInput, { range, scoped, ended }: PeriodEpisodes): PeriodFigures {
  return {
    activity: activity(scoped, range, referralCounts(input.referrals, range, input.grant.match?.area)),
    outcomes: outcomesOf(ended, input.reported, slotsOf(input.measuresInExport)),
    access: access(scoped, range),
    engagement: engagement(scoped, range, input.hasEndReason),
  };
}

/** The figures of statistics.md for one grant and period. */
function periodModel(input: StatsInput): PeriodModel {
  const { grant, period, reported } = input;
  const slots = slotsOf(input.measuresInExport);
  const episodes = periodEpisodes(input);
  const { range, scoped, ended } = episodes;
  // Active in a sub-period implies active in the period: the trend need only look at these.
  const active = scoped.filter((e) => isActive(e, range));
  const areas = grant.match?.area;

  const byService: StatsModel['byService'] = {};
  const seen = new Set<Service>(input.services);
  if (!input.services) for (const e of scoped) seen.add(e.service);
  const services = [...seen].sort();
  for (const service of services) {
    const own = scoped.filter((e) => e.service === service);
    byService[service] = {
      activity: activity(own, range, { total: null, bySource: {} }),
      outcomes: outcomesOf(
        ended.filter((e) => e.service === service),
        reported,
        slots,
      ),
      access: access(own, range),
      engagement: engagement(own, range, input.hasEndReason),
    };
  }

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
    ...periodFigures(input, episodes),
    profile: profile(active, range, input.profile),
    byService,
    trend,
    measures: Object.fromEntries(reported.measures.map((m) => [m.id, measureJson(m)])),
    provenance: input.provenance,
  };
}
