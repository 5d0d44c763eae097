import type { Period } from '../config/period.js';
import {
  type Config,
  type Episode,
  fromDay,
  type Grant,
  type Measure,
  type ReferralCount,
  type Service,
  toDay,
} from '../domain.js';
import { type Activity, activity, referralCounts, served } from './activity.js';
import { type MentalHealthOutcome, mentalHealthOutcome } from './mental-health.js';
import { type MeasureOutcome, measureOutcome } from './outcomes.js';
import { type DayRange, inScope, isActive, isEnded } from './scope.js';
import { subPeriods } from './trend.js';

export type Outcomes = Partial<Record<Measure, MeasureOutcome>> & { mentalHealth?: MentalHealthOutcome };

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
  byService: Partial<Record<Service, { activity: Activity; outcomes: Outcomes }>>;
  trend: TrendPoint[];
  thresholds: Config['thresholds'];
  provenance: Provenance;
}

export interface StatsInput {
  grant: Grant;
  period: Period;
  episodes: readonly Episode[];
  referrals: readonly ReferralCount[] | null;
  thresholds: Config['thresholds'];
  financialYearStart: number;
  provenance: Provenance;
}

function outcomesOf(
  ended: readonly Episode[],
  measures: readonly Measure[],
  t: Config['thresholds'],
): Outcomes {
  const result: Outcomes = {};
  for (const m of measures) result[m] = measureOutcome(ended, m, t[m]);
  if (measures.includes('phq9') && measures.includes('gad7'))
    result.mentalHealth = mentalHealthOutcome(ended, t);
  return result;
}

/** Builds the whole model for one grant and period. Pure. */
export function buildStatsModel(input: StatsInput): StatsModel {
  const { grant, period, thresholds } = input;
  const range: DayRange = { from: toDay(period.from), to: toDay(period.to) };
  const scoped = input.episodes.filter((e) => inScope(e, grant.match));
  const ended = scoped.filter((e) => isEnded(e, range));
  // Active in a sub-period implies active in the period: the trend need only look at these.
  const active = scoped.filter((e) => isActive(e, range));
  const areas = grant.match?.area;

  const byService: StatsModel['byService'] = {};
  const services = [...new Set(scoped.map((e) => e.service))].sort();
  for (const service of services) {
    const own = scoped.filter((e) => e.service === service);
    byService[service] = {
      activity: activity(own, range, { total: null, bySource: {} }),
      outcomes: outcomesOf(
        ended.filter((e) => e.service === service),
        grant.measures,
        thresholds,
      ),
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
    activity: activity(scoped, range, referralCounts(input.referrals, range, areas)),
    outcomes: outcomesOf(ended, grant.measures, thresholds),
    byService,
    trend,
    thresholds,
    provenance: input.provenance,
  };
}
