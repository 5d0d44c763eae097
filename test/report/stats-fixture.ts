import type { Grant, Organisation } from '../../src/domain.js';
import { BUILT_IN_COMPOSITES, BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import { type Reported, reportedBy } from '../../src/measures/in-force.js';
import { buildReportModel } from '../../src/report/build.js';
import type { ReportModel } from '../../src/report/model.js';
import type { StatsModel } from '../../src/stats/model.js';
import type { MeasureOutcome } from '../../src/stats/outcomes.js';

/** A measure's outcome with every field statistics.md lists; override what a test is about. */
export function measure(overrides: Partial<MeasureOutcome> = {}): MeasureOutcome {
  return {
    ended: 22,
    paired: 20,
    pctPaired: 90.9,
    improved: 17,
    unchanged: 2,
    deteriorated: 1,
    pctImproved: 85,
    pctImprovedCi95: [64, 94.8],
    meanPre: 39.9,
    meanPost: 50.4,
    meanChange: 10.5,
    sdChange: 8.7,
    meanChangeCi95: [6.4, 14.6],
    effectSize: 0.9,
    reliableImprovement: 9,
    reliableDeterioration: 0,
    pctReliableImprovement: 45,
    atCaseness: 10,
    recovered: 2,
    pctRecovered: 20,
    reliableRecovery: 2,
    pctReliableRecovery: 20,
    ...overrides,
  };
}

/** A whole-grant model like powerhouse-2024's, small enough to read. */
export function statsModel(overrides: Partial<StatsModel> = {}): StatsModel {
  return {
    grant: { id: 'g', funder: 'Didcot Powerhouse Fund', title: 'Parent-infant psychotherapy' },
    period: { label: '2024', from: '2024-01-01', to: '2024-12-31' },
    activity: {
      referrals: 101,
      referralsBySource: { health_visitor: 29, gp: 3, other: 0 },
      episodesReferred: 25,
      parentsServed: 26,
      familiesServed: 23,
      episodesEnded: 22,
      sessionsMedian: 11,
    },
    outcomes: {
      pirgas: measure(),
      phq9: measure({
        paired: 18,
        improved: 15,
        pctImproved: 83.3,
        meanPre: 11.3,
        meanPost: 7,
        meanChange: -4.3,
        meanChangeCi95: [-6.5, -2.1],
        reliableImprovement: 5,
        pctReliableImprovement: 27.8,
        recovered: 7,
        pctRecovered: 70,
      }),
      gad7: measure({
        paired: 16,
        improved: 13,
        pctImproved: 81.25,
        meanPre: 8.8,
        meanPost: 5.1,
        meanChange: -3.75,
        meanChangeCi95: [-5.2, -2.3],
        reliableImprovement: 9,
        pctReliableImprovement: 56.25,
        recovered: 7,
        pctRecovered: 70,
      }),
      mentalHealth: {
        paired: 18,
        improved: 15,
        pctImproved: 83.3,
        reliableImprovement: 10,
        pctReliableImprovement: 55.6,
        allPaired: 16,
        bothPaired: 16,
        atCaseness: 10,
        recovered: 7,
        pctRecovered: 70,
        reliableRecovery: 7,
        pctReliableRecovery: 70,
      },
    },
    access: {
      started: 24,
      waitDaysMedian: 31.5,
      within6Weeks: 18,
      pctWithin6Weeks: 75,
      within18Weeks: 23,
      pctWithin18Weeks: 95.8,
    },
    engagement: {
      ended: 22,
      sessionsRecorded: 21,
      finishedCourse: 19,
      pctFinishedCourse: 90.5,
      endReasons: { planned: 16, unplanned: 3, other: 1, notRecorded: 2 },
      pctPlanned: 80,
    },
    profile: {},
    byService: {},
    trend: [
      {
        label: '2024-Q1',
        from: '2024-01-01',
        to: '2024-03-31',
        referrals: 26,
        parentsServed: 7,
        familiesServed: 6,
      },
      {
        label: '2024-Q2',
        from: '2024-04-01',
        to: '2024-06-30',
        referrals: 27,
        parentsServed: 3,
        familiesServed: 3,
      },
    ],
    // The period before served nobody unless a test says otherwise: no comparisons are printed.
    previous: {
      period: { label: '2023', from: '2023-01-01', to: '2023-12-31' },
      activity: { ...NO_ACTIVITY },
      outcomes: {},
      access: NO_ACCESS,
      engagement: NO_ENGAGEMENT,
    },
    targets: [],
    measures: {},
    provenance: {
      toolVersion: '0.1.0',
      generatedAt: '2025-01-01T00:00:00.000Z',
      sha256: { configuration: 'a'.repeat(64), outcomes: 'b'.repeat(64), referrals: null },
    },
    ...overrides,
  };
}

export const grant: Grant = {
  id: 'g',
  funder: 'Didcot Powerhouse Fund',
  title: 'Parent-infant psychotherapy',
  match: { funding: ['powerhouse'], area: ['Didcot'] },
  colours: { primary: '#00754A', accent: '#8CC63F' },
  theme: 'default',
  measures: ['pirgas', 'phq9', 'gad7'],
};

export const organisation: Organisation = {
  name: 'Thameside Parent Infant Partnership',
  charityNumber: '1199999',
  financialYearStart: 4,
  colours: { primary: '#5B2C83', accent: '#F2A900' },
};

/** An activity with nothing in it: no one seen, nothing ended. */
export const NO_ACTIVITY: StatsModel['activity'] = {
  referrals: 0,
  referralsBySource: {},
  episodesReferred: 0,
  parentsServed: 0,
  familiesServed: 0,
  episodesEnded: 0,
  sessionsMedian: null,
};

/** What a grant listing these measures reports, from an export that has PIRGAS, PHQ-9 and GAD-7. */
export const reportedFor = (g: Pick<Grant, 'measures'>): Reported =>
  reportedBy(g.measures, BUILT_IN_MEASURES, BUILT_IN_COMPOSITES, new Set(['pirgas', 'phq9', 'gad7']));

/** Nobody started, nobody ended. */
export const NO_ACCESS: StatsModel['access'] = {
  started: 0,
  waitDaysMedian: null,
  within6Weeks: 0,
  pctWithin6Weeks: null,
  within18Weeks: 0,
  pctWithin18Weeks: null,
};
export const NO_ENGAGEMENT: StatsModel['engagement'] = {
  ended: 0,
  sessionsRecorded: 0,
  finishedCourse: 0,
  pctFinishedCourse: null,
  endReasons: null,
  pctPlanned: null,
};

/** The disclosure settings every report test uses. */
export const disclosure = { minCell: 5, minDenominator: 10 };

/** The report model of `stats` for grant `g` (the fixture grant unless given). */
export const buildReport = (stats: StatsModel = statsModel(), g: Grant = grant): ReportModel =>
  buildReportModel({ stats, grant: g, reported: reportedFor(g), organisation, disclosure });
