import { describe, expect, it } from 'vitest';
import { buildReportModel } from '../../src/report/build.js';
import type { ReportModel } from '../../src/report/model.js';
import {
  buildReport as build,
  disclosure,
  grant,
  measure,
  NO_ACTIVITY,
  organisation,
  reportedFor,
  statsModel,
} from './stats-fixture.js';

/** Every string in the model, for checks that nothing prints as NaN or undefined. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}
const section = (model: ReportModel, id: string) => model.outcomes.sections.find((s) => s.id === id);

describe('the sentences funders quote', () => {
  const model = build();

  it('the headline says families, and each share with its denominator', () => {
    expect(model.headline).toEqual([
      'In this period the grant supported 23 local families (26 parents).',
      'Of the 20 parents with before-and-after PIRGAS scores, 85% showed an improved relationship with their baby, and the average score rose by 10.5 points.',
      'Of the 18 parents with before-and-after PHQ-9 or GAD-7 scores, 83% showed improved mental health as measured by the PHQ-9 and/or GAD-7.',
      'Of the 10 parents with both PHQ-9 and GAD-7 recorded who began in the clinical range for depression or anxiety, 70% recovered.',
    ]);
  });

  it('per measure: parents whose work ended, then improvement and the average change, then recovery', () => {
    expect(section(model, 'pirgas')?.sentences).toEqual([
      'Before-and-after PIRGAS scores were recorded for 20 of the 22 parents whose work with us ended in this period.',
      'Of the 20 parents with before-and-after PIRGAS scores, 85% showed an improved relationship with their baby; on average, their PIRGAS scores rose by 10.5 points, from 39.9 to 50.4.',
      'Of the 10 parents who began in the clinical range (a PIRGAS score of 40 or below), 20% were out of it at the end.',
    ]);
    expect(section(model, 'phq9')?.sentences[1]).toBe(
      'Of the 18 parents with before-and-after PHQ-9 scores, 83% showed fewer symptoms of depression; on average, their PHQ-9 scores fell by 4.3 points, from 11.3 to 7.0.',
    );
  });

  it('orders the sections PIRGAS, then PHQ-9 and GAD-7 together, then each alone', () => {
    expect(model.outcomes.sections.map((s) => s.id)).toEqual(['pirgas', 'mentalHealth', 'phq9', 'gad7']);
  });

  it('writes small denominators as "x of n", with the verb agreeing', () => {
    const small = build(
      statsModel({
        access: {
          started: 8,
          waitDaysMedian: 30,
          within6Weeks: 6,
          pctWithin6Weeks: 75,
          within18Weeks: 8,
          pctWithin18Weeks: 100,
        },
        engagement: {
          ended: 9,
          sessionsRecorded: 9,
          finishedCourse: 8,
          pctFinishedCourse: 88.9,
          endReasons: { planned: 7, unplanned: 1, other: 0, notRecorded: 1 },
          pctPlanned: 87.5,
        },
        outcomes: {
          pirgas: measure({
            ended: 9,
            paired: 8,
            improved: 6,
            pctImproved: 75,
            atCaseness: 5,
            reliableImprovement: 4,
            recovered: 1,
            pctRecovered: 20,
          }),
        },
      }),
      { ...grant, measures: ['pirgas'] },
    );
    expect(small.headline[1]).toBe(
      '6 of the 8 parents with before-and-after PIRGAS scores showed an improved relationship with their baby, and the average score rose by 10.5 points.',
    );
    expect(section(small, 'pirgas')?.sentences[2]).toBe(
      '1 of the 5 parents who began in the clinical range (a PIRGAS score of 40 or below) was out of it at the end.',
    );
    expect(small.smallNumbersNote).toBe(true);
    // Only "95% interval" and the NHS standards may carry a percent sign: every share is "x of n".
    expect(strings(small).join(' ').replace('standards are 75% and 95%', '')).not.toMatch(/\d%(?! interval)/);
  });

  it('says "all" when every parent had scores, and gives no chart without them', () => {
    const all = build(statsModel({ outcomes: { pirgas: measure({ paired: 22 }) } }), {
      ...grant,
      measures: ['pirgas'],
    });
    expect(section(all, 'pirgas')?.sentences[0]).toBe(
      'Before-and-after PIRGAS scores were recorded for all 22 parents whose work with us ended in this period.',
    );
    const none = build(
      statsModel({
        outcomes: {
          pirgas: measure({
            paired: 0,
            improved: 0,
            pctImproved: null,
            meanPre: null,
            meanPost: null,
            meanChange: null,
            meanChangeCi95: null,
            atCaseness: 0,
          }),
        },
      }),
      { ...grant, measures: ['pirgas'] },
    );
    const pirgas = section(none, 'pirgas');
    expect(pirgas?.chart).toBeUndefined();
    expect(pirgas?.sentences).toEqual([
      'No before-and-after PIRGAS scores were recorded for the 22 parents whose work with us ended in this period.',
    ]);
    expect(pirgas?.empty).toMatch(/No chart/);
  });
});

describe('the outcomes table', () => {
  it('has a row per measure with n, improved, mean change, interval, reliable improvement and recovery', () => {
    const table = build().outcomes.summary;
    expect(table?.headers).toEqual([
      'Measure',
      'Parents with scores',
      'Improved',
      'Mean change',
      '95% interval',
      'Reliable improvement',
      'Began in clinical range',
      'Recovered',
    ]);
    expect(table?.rows).toEqual([
      ['PIRGAS (relationship)', '20 of 22', '85%', '+10.5', '+6.4 to +14.6', '45%', '10', '20%'],
      ['PHQ-9 (depression)', '18 of 22', '83%', '\u22124.3', '\u22126.5 to \u22122.1', '28%', '10', '70%'],
      ['GAD-7 (anxiety)', '16 of 22', '81%', '\u22123.8', '\u22125.2 to \u22122.3', '56%', '10', '70%'],
      ['PHQ-9 and/or GAD-7', '18 of 22', '83%', '—', '—', '56%', '10', '70%'],
    ]);
    expect(table?.numeric).toBe(true);
  });
});

describe('reach and disclosure control', () => {
  const model = build();

  it('leaves out sources with no referrals, hides small ones, and hides a second where one alone would be worked out', () => {
    // GP (3) is hidden; with only it hidden, 29 = total − GP would give it away: 29 is hidden too.
    expect(model.reach.sourcesTable?.rows).toEqual([
      ['Health visitor', '*'],
      ['GP', '<5'],
    ]);
    expect(model.reach.sourcesTable?.notes?.[0]).toMatch(/^\* Also hidden/);
    // In the chart both hidden sources are folded into Other (32, their sum: nothing more than the total says).
    expect(model.reach.sourcesChart?.data).toMatchObject({ labels: ['Other'], values: [32] });
  });

  it('hides small counts in the trend and says what it hid', () => {
    expect(model.reach.trendTable?.rows).toEqual([
      ['Jan–Mar 2024', '26', '7', '6'],
      ['Apr–Jun 2024', '27', '<5', '<5'],
    ]);
    expect(model.reach.trendChart?.data).toMatchObject({ families: [6, null] });
    expect(model.method.disclosure.join(' ')).toContain(
      '3 counts were shown as “<5”: 1 in the referrals-by-source table; 2 in the quarter-by-quarter table.',
    );
  });

  it('says where the referral counts come from when they are not the grant’s own', () => {
    expect(model.reachTiles[1]).toEqual({
      value: '101',
      label: 'referrals received',
      note: 'all referrals from Didcot',
    });
  });
});

describe('honest empty states', () => {
  it('a period with no episodes: a short report, no tiles of outcomes, no tables of zeros', () => {
    const model = build(
      statsModel({
        activity: NO_ACTIVITY,
        outcomes: {
          pirgas: measure({
            ended: 0,
            paired: 0,
            improved: 0,
            pctImproved: null,
            meanPre: null,
            meanPost: null,
            meanChange: null,
            meanChangeCi95: null,
            atCaseness: 0,
            recovered: 0,
            pctRecovered: null,
          }),
        },
        trend: [
          {
            label: '2030-Q1',
            from: '2030-01-01',
            to: '2030-03-31',
            referrals: 0,
            parentsServed: 0,
            familiesServed: 0,
          },
        ],
        period: { label: '2030', from: '2030-01-01', to: '2030-12-31' },
      }),
      { ...grant, measures: ['pirgas'] },
    );
    expect(model.empty).toBe(true);
    expect(model.headline).toEqual([
      'No work with parents under this grant was recorded for 1 January – 31 December 2030, so this report has no outcomes to show.',
    ]);
    expect(model.outcomeTiles).toEqual([]);
    expect(model.outcomes.sections).toEqual([]);
    expect(model.outcomes.summary).toBeUndefined();
    expect(model.reach.trendTable).toBeUndefined();
    expect(model.reach.trendChart).toBeUndefined();
    expect(model.reach.sourcesChart).toBeUndefined();
    expect(model.reach.sentences[0]).toBe(
      'No referrals were recorded for the period (all referrals from Didcot, however funded).',
    );
    for (const text of strings(model)) expect(text).not.toMatch(/NaN|undefined|null|Infinity/);
  });

  it('parents seen but none finished: no outcome figures, and a sentence that says why', () => {
    const stats = statsModel({
      activity: {
        ...NO_ACTIVITY,
        referrals: 12,
        referralsBySource: { gp: 12 },
        parentsServed: 7,
        familiesServed: 6,
      },
      outcomes: {
        pirgas: measure({
          ended: 0,
          paired: 0,
          improved: 0,
          pctImproved: null,
          meanPre: null,
          meanPost: null,
          meanChange: null,
          meanChangeCi95: null,
          atCaseness: 0,
          recovered: 0,
          pctRecovered: null,
        }),
      },
    });
    const model = build(stats, { ...grant, measures: ['pirgas'] });
    expect(model.empty).toBe(false);
    expect(model.outcomeTiles).toEqual([]);
    expect(model.outcomes.summary).toBeUndefined();
    expect(model.outcomes.empty).toBe(
      'No parent’s work with us ended in this period, so there are no outcomes to report yet: outcomes are measured when work ends.',
    );
    expect(model.headline.at(-1)).toMatch(/^No parent’s work with us ended in this period/);
    expect(model.scope).toContain('No parent’s work ended in the period, so it has no outcomes yet.');
    for (const text of strings(model)) expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });

  it('no referrals file: says so, and leaves referrals out of the tables and charts', () => {
    const stats = statsModel();
    stats.activity = { ...stats.activity, referrals: null, referralsBySource: {} };
    stats.trend = stats.trend.map((t) => ({ ...t, referrals: null }));
    const model = build(stats);
    expect(model.reachTiles[1]).toEqual({
      value: '—',
      label: 'referrals received',
      note: 'no referral counts supplied',
    });
    expect(model.reach.sentences[0]).toBe('No referral counts were supplied for this report.');
    expect(model.reach.sourcesTable).toBeUndefined();
    expect(model.reach.trendTable?.headers).toEqual(['Quarter', 'Parents served', 'Families served']);
    expect(model.reach.trendChart?.data).toMatchObject({ referrals: null });
  });

  it('without PHQ-9 and GAD-7 together there is no mental health section, tile or row', () => {
    const stats = statsModel();
    delete stats.outcomes.mentalHealth;
    delete stats.outcomes.gad7;
    const model = build(stats, { ...grant, measures: ['pirgas', 'phq9'] });
    expect(model.outcomes.sections.map((s) => s.id)).toEqual(['pirgas', 'phq9']);
    expect(model.outcomeTiles.map((t) => t.label)).toEqual([
      'showed an improved relationship with their baby (PIRGAS)',
      // Without a composite, the recovery tile is the first measure's that has a cut-off.
      'ended out of the clinical range (PIRGAS)',
    ]);
    expect(model.outcomeTiles[1]).toMatchObject({ value: '20%', note: 'of 10 parents who began in it' });
    expect(model.outcomes.summary?.rows.map((r) => r[0])).toEqual([
      'PIRGAS (relationship)',
      'PHQ-9 (depression)',
    ]);
  });

  it('never prints NaN or undefined for the full model either', () => {
    for (const text of strings(build())) expect(text).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('narrative', () => {
  it('splits on blank lines and keeps the text as written (the templates escape it)', () => {
    const model = build(statsModel(), { ...grant, narrative: 'One <b>two</b>\nthree.\n\n  Four.  \n\n\n' });
    expect(model.narrative).toEqual(['One <b>two</b> three.', 'Four.']);
    expect(build(statsModel(), { ...grant, narrative: '  \n ' }).narrative).toBeUndefined();
  });
});

describe('how current the data is', () => {
  it('says so when the period runs past the latest date in the export, and names it in the provenance', () => {
    const stats = statsModel();
    const model = buildReportModel({
      stats,
      grant,
      reported: reportedFor(grant),
      organisation,
      disclosure,
      dataUpTo: '2024-06-30',
    });
    expect(model.scope).toContain(
      'The data were exported up to 30 June 2024 (the latest date in the export), so later work is not yet counted.',
    );
    expect(model.method.provenance.rows).toContainEqual([
      'Latest date in the outcomes export',
      '30 June 2024',
    ]);
    const current = buildReportModel({
      stats,
      grant,
      reported: reportedFor(grant),
      organisation,
      disclosure,
      dataUpTo: '2025-03-01',
    });
    expect(current.scope).not.toContain('exported up to');
  });

  it('a grant with no match is the programme', () => {
    expect(build(statsModel(), { ...grant, match: undefined }).headline[0]).toBe(
      'In this period the programme supported 23 local families (26 parents).',
    );
  });
});
