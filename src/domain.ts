import type { Measure, Service } from './config/schema.js';
import type { ColourNote } from './report/contrast.js';

export type { Measure, Service } from './config/schema.js';

/** A date as the number yyyymmdd (2024-03-31 → 20240331): ordered like the date, and cheap to hold by the million. */
export type Day = number;

/**
 * One parent or carer's course of work with one infant (data.md §1). Flat on purpose:
 * a large export holds a million of these.
 */
export interface Episode {
  episodeId: string;
  familyId: string;
  service: Service;
  area: string;
  funding: readonly string[];
  referralDate: Day;
  referralSource: string | null;
  startDate: Day | null;
  endDate: Day | null;
  sessions: number | null;
  pirgasPre: number | null;
  pirgasPost: number | null;
  phq9Pre: number | null;
  phq9Post: number | null;
  gad7Pre: number | null;
  gad7Post: number | null;
}

export type ScoreField = `${Measure}${'Pre' | 'Post'}`;
export const preField = (m: Measure): ScoreField => `${m}Pre`;
export const postField = (m: Measure): ScoreField => `${m}Post`;

export const toDay = (iso: string): Day => Number(iso.replaceAll('-', ''));
export const fromDay = (day: Day): string => {
  const s = String(day).padStart(8, '0');
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

/** One row of referrals.csv: aggregate counts; `month` is the month's first day. */
export interface ReferralCount {
  month: Day;
  area: string;
  source: string;
  count: number;
}

export interface MeasureThresholds {
  /** Points of change in the better direction that count as reliable. */
  reliableChange: number;
  /** The clinical range boundary: pirgas ≤ cutoff, phq9/gad7 ≥ cutoff. */
  clinicalCutoff: number;
}
export type Thresholds = Record<Measure, MeasureThresholds>;

/** statistics.md defaults: NHS Talking Therapies for PHQ-9 and GAD-7, the tool's own for PIRGAS. */
export const DEFAULT_THRESHOLDS: Thresholds = {
  pirgas: { reliableChange: 10, clinicalCutoff: 40 },
  phq9: { reliableChange: 6, clinicalCutoff: 10 },
  gad7: { reliableChange: 4, clinicalCutoff: 8 },
};

/** Direction d: +1 where higher is better. */
export const DIRECTION: Record<Measure, 1 | -1> = { pirgas: 1, phq9: -1, gad7: -1 };

/** Valid score ranges (data.md §1). */
export const SCORE_RANGE: Record<Measure, { min: number; max: number }> = {
  pirgas: { min: 1, max: 100 },
  phq9: { min: 0, max: 27 },
  gad7: { min: 0, max: 21 },
};

export const MEASURE_NAMES: Record<Measure, { short: string; long: string }> = {
  pirgas: { short: 'PIRGAS', long: 'Parent-Infant Relationship Global Assessment Scale' },
  phq9: { short: 'PHQ-9', long: 'Patient Health Questionnaire (depression)' },
  gad7: { short: 'GAD-7', long: 'Generalised Anxiety Disorder scale (anxiety)' },
};

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
  measures: Measure[];
  narrative?: string;
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
  thresholds: Thresholds;
  disclosure: { minCell: number; minDenominator: number };
  grants: Grant[];
  /** Brand colours darkened for text or outlined in charts, so the reports stay legible. */
  colourNotes: ColourNote[];
}
