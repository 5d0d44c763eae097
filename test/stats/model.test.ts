import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../src/config/period.js';
import { canCountIn, type Grant, type ReferralCount } from '../../src/domain.js';
import { keepFor } from '../../src/main.js';
import { reportedBy } from '../../src/measures/in-force.js';
import type { CompositeOutcome } from '../../src/stats/composite.js';
import {
  buildStatsModel,
  PREVIOUS_SECTIONS,
  type StatsInput,
  type StatsModel,
} from '../../src/stats/model.js';
import type { MeasureOutcome } from '../../src/stats/outcomes.js';
import { inScope } from '../../src/stats/scope.js';
import { difference, referenceModel } from './reference.js';
import {
  DEFAULT_THRESHOLDS,
  definitions,
  episode,
  episodeArb,
  IN_EXPORT,
  MENTAL_HEALTH,
  type Measure,
  matchArb,
  measuresArb,
  periodArb,
  RUNS,
  referralsArb,
  TEST_PROFILE,
  type Thresholds,
  thresholdsArb,
} from './support.js';

const PROVENANCE = {
  toolVersion: '9.9.9',
  generatedAt: '2025-01-01T00:00:00.000Z',
  sha256: { configuration: 'c'.repeat(64), outcomes: 'o'.repeat(64), referrals: null },
};

function grant(overrides: Partial<Grant> = {}): Grant {
  return {
    id: 'g',
    funder: 'A Fund',
    title: 'A title',
    colours: { primary: '#000000', accent: '#000000' },
    theme: 'default',
    measures: ['pirgas', 'phq9', 'gad7'],
    ...overrides,
  };
}

/** The model's input, its measures and composites worked out from the grant's list and `thresholds`. */
function input(overrides: Partial<StatsInput> & { thresholds?: Thresholds } = {}): StatsInput {
  const { thresholds = DEFAULT_THRESHOLDS, ...rest } = overrides;
  const g = rest.grant ?? grant();
  return {
    grant: g,
    period: { label: '2024', from: '2024-01-01', to: '2024-12-31' },
    episodes: [],
    referrals: null,
    reported: reportedBy(g.measures, definitions(thresholds), [MENTAL_HEALTH], new Set(IN_EXPORT)),
    measuresInExport: IN_EXPORT,
    hasEndReason: true,
    profile: TEST_PROFILE,
    financialYearStart: 4,
    provenance: PROVENANCE,
    ...rest,
  };
}

const mentalHealthOf = (m: { outcomes: StatsModel['outcomes'] }) =>
  m.outcomes.mentalHealth as CompositeOutcome | undefined;
const measureOf = (m: { outcomes: StatsModel['outcomes'] }, id: string) =>
  m.outcomes[id] as MeasureOutcome | undefined;

const MEASURE_FIELDS = [
  'ended',
  'paired',
  'pctPaired',
  'improved',
  'unchanged',
  'deteriorated',
  'pctImproved',
  'pctImprovedCi95',
  'meanPre',
  'meanPost',
  'meanChange',
  'sdChange',
  'meanChangeCi95',
  'effectSize',
  'reliableImprovement',
  'reliableDeterioration',
  'pctReliableImprovement',
  'atCaseness',
  'recovered',
  'pctRecovered',
  'reliableRecovery',
  'pctReliableRecovery',
].sort();
const MH_FIELDS = [
  'paired',
  'improved',
  'pctImproved',
  'reliableImprovement',
  'pctReliableImprovement',
  'allPaired',
  'bothPaired',
  'atCaseness',
  'recovered',
  'pctRecovered',
  'reliableRecovery',
  'pctReliableRecovery',
].sort();
const ACTIVITY_FIELDS = [
  'referrals',
  'referralsBySource',
  'episodesReferred',
  'parentsServed',
  'familiesServed',
  'episodesEnded',
  'sessionsMedian',
].sort();

describe('buildStatsModel by hand', () => {
  // Grant: funding powerhouse in Didcot, 2024. Six episodes:
  //  a  Didcot powerhouse individual, FAM-1, referred 2023-12-01, 2024-01-05 → 2024-03-31, 10 sessions,
  //     pirgas 30 → 50, phq9 15 → 5, gad7 10 → 4
  //  b  Didcot powerhouse group,      FAM-1, referred 2024-02-01, 2024-02-10 → open, no scores
  //  c  Didcot powerhouse;lottery group, FAM-2, referred 2024-03-01, 2024-03-05 → 2024-12-31, 6 sessions,
  //     pirgas 45 → 40, phq9 8 → 8
  //  d  Didcot powerhouse individual, FAM-3, referred 2024-12-20, never started
  //  e  Reading powerhouse: out of scope (area)
  //  f  Didcot lottery: out of scope (funding)
  const episodes = [
    episode({
      familyId: 'FAM-1',
      funding: ['powerhouse'],
      referralDate: 20231201,
      referralSource: 'gp',
      startDate: 20240105,
      endDate: 20240331,
      sessions: 10,
      pirgasPre: 30,
      pirgasPost: 50,
      phq9Pre: 15,
      phq9Post: 5,
      gad7Pre: 10,
      gad7Post: 4,
    }),
    episode({
      familyId: 'FAM-1',
      service: 'group',
      funding: ['powerhouse'],
      referralDate: 20240201,
      startDate: 20240210,
    }),
    episode({
      familyId: 'FAM-2',
      service: 'group',
      funding: ['powerhouse', 'lottery'],
      referralDate: 20240301,
      startDate: 20240305,
      endDate: 20241231,
      sessions: 6,
      pirgasPre: 45,
      pirgasPost: 40,
      phq9Pre: 8,
      phq9Post: 8,
    }),
    episode({ familyId: 'FAM-3', funding: ['powerhouse'], referralDate: 20241220, startDate: null }),
    episode({ area: 'Reading', funding: ['powerhouse'], startDate: 20240110, endDate: 20240601 }),
    episode({ funding: ['lottery'], startDate: 20240110, endDate: 20240601 }),
  ];
  const referrals: ReferralCount[] = [
    { month: 20231201, area: 'Didcot', source: 'gp', count: 4 }, // before the period
    { month: 20240101, area: 'Didcot', source: 'gp', count: 3 },
    { month: 20240601, area: 'Didcot', source: 'midwife', count: 2 },
    { month: 20240601, area: 'Didcot', source: 'self', count: 0 }, // a row, so a source, even at 0
    { month: 20241201, area: 'Reading', source: 'gp', count: 7 }, // another area
    { month: 20250101, area: 'Didcot', source: 'gp', count: 5 }, // after the period
  ];
  const m = buildStatsModel(
    input({
      grant: grant({ match: { funding: ['powerhouse'], area: ['Didcot'] } }),
      episodes,
      referrals,
    }),
  );

  it('grant, period and provenance are carried through', () => {
    expect(m.grant).toEqual({ id: 'g', funder: 'A Fund', title: 'A title' });
    expect(m.period).toEqual({ label: '2024', from: '2024-01-01', to: '2024-12-31' });
    expect(m.provenance).toEqual(PROVENANCE);
  });

  it('previous: 2023, computed by the same rules (only episode a was referred then; nothing was active)', () => {
    expect(m.previous.period).toEqual({ label: '2023', from: '2023-01-01', to: '2023-12-31' });
    expect(m.previous.activity).toEqual({
      referrals: 4, // Dec 2023
      referralsBySource: { gp: 4 },
      episodesReferred: 1, // a, referred 2023-12-01
      parentsServed: 0,
      familiesServed: 0,
      episodesEnded: 0,
      sessionsMedian: null,
    });
    expect(m.previous.outcomes.pirgas).toMatchObject({ ended: 0, paired: 0, pctImproved: null });
    // The period before, asked for directly, gives the very same sections.
    const direct = buildStatsModel(
      input({
        grant: grant({ match: { funding: ['powerhouse'], area: ['Didcot'] } }),
        period: m.previous.period,
        episodes,
        referrals,
      }),
    );
    expect(m.previous.activity).toEqual(direct.activity);
    expect(m.previous.outcomes).toEqual(direct.outcomes);
    // And 2025's previous period is 2024: the model above.
    const next = buildStatsModel(
      input({
        grant: grant({ match: { funding: ['powerhouse'], area: ['Didcot'] } }),
        period: { label: '2025', from: '2025-01-01', to: '2025-12-31' },
        episodes,
        referrals,
      }),
    );
    const sections = PREVIOUS_SECTIONS.filter((k) => k in m).map((k) => [k, m[k as keyof typeof m]]);
    expect(next.previous).toEqual({ period: m.period, ...Object.fromEntries(sections) });
    expect(next.previous).toMatchObject({ activity: m.activity, outcomes: m.outcomes });
  });

  it('activity', () => {
    expect(m.activity).toEqual({
      referrals: 5, // 3 (Jan) + 2 (Jun midwife) + 0 (Jun self); Dec 2023, Reading and Jan 2025 are out
      referralsBySource: { gp: 3, midwife: 2, self: 0 },
      episodesReferred: 3, // b, c, d (a was referred in 2023)
      parentsServed: 3, // a, b, c (d never started)
      familiesServed: 2, // FAM-1, FAM-2
      episodesEnded: 2, // a (2024-03-31), c (2024-12-31, the last day)
      sessionsMedian: 8, // (6 + 10) / 2
    });
  });

  it('outcomes: every listed measure, and mental health', () => {
    expect(Object.keys(m.outcomes).sort()).toEqual(['gad7', 'mentalHealth', 'phq9', 'pirgas']);
    const pirgas = m.outcomes.pirgas as MeasureOutcome;
    // a: +20, c: −5. mean pre 37.5, post 45, change 7.5; SD change √((12.5² + 12.5²)/1) = 17.677670
    expect(pirgas.paired).toBe(2);
    expect(pirgas.meanChange).toBe(7.5);
    expect(pirgas.sdChange).toBeCloseTo(Math.sqrt(312.5), 12);
    // pre 30, 45: SD √((7.5² + 7.5²)/1) = 10.606602; effect 7.5 / 10.606602 = 0.707107
    expect(pirgas.effectSize).toBeCloseTo(7.5 / Math.sqrt(112.5), 12);
    // t(0.975, 1) = 12.706205: 7.5 ± 12.706205 · 17.677670 / √2 = 7.5 ± 158.827561
    expect(pirgas.meanChangeCi95?.[0]).toBeCloseTo(7.5 - 158.827561, 4);
    expect(pirgas.meanChangeCi95?.[1]).toBeCloseTo(7.5 + 158.827561, 4);
    // gad7 paired on a only: one value, so no SD, interval or effect size
    expect(m.outcomes.gad7).toMatchObject({
      paired: 1,
      sdChange: null,
      meanChangeCi95: null,
      effectSize: null,
    });
    // mental health: a paired on both (improved, reliably: phq9 −10 ≥ 6), c paired on phq9 only (unchanged)
    expect(m.outcomes.mentalHealth).toEqual({
      paired: 2,
      improved: 1,
      pctImproved: 50,
      reliableImprovement: 1,
      pctReliableImprovement: 50,
      allPaired: 1,
      bothPaired: 1,
      atCaseness: 1, // a: phq9 15 ≥ 10
      recovered: 1, // a: phq9 5 < 10 and gad7 4 < 8
      pctRecovered: 100,
      reliableRecovery: 1,
      pctReliableRecovery: 100,
    });
  });

  it('byService: each service on its own, with no referral counts', () => {
    expect(Object.keys(m.byService).sort()).toEqual(['group', 'individual']);
    // individual: a (ended) and d (never started)
    expect(m.byService.individual?.activity).toEqual({
      referrals: null,
      referralsBySource: {},
      episodesReferred: 1,
      parentsServed: 1,
      familiesServed: 1,
      episodesEnded: 1,
      sessionsMedian: 10,
    });
    // group: b (open) and c (ended)
    expect(m.byService.group?.activity).toMatchObject({
      parentsServed: 2,
      familiesServed: 2,
      episodesEnded: 1,
    });
    expect(m.byService.group?.outcomes.pirgas).toMatchObject({ paired: 1, deteriorated: 1, meanChange: -5 });
    expect(Object.keys(m.byService.group?.outcomes ?? {}).sort()).toEqual([
      'gad7',
      'mentalHealth',
      'phq9',
      'pirgas',
    ]);
  });

  it('trend: the four quarters of 2024', () => {
    expect(m.trend).toEqual([
      // Q1: a, b, c active; referrals 3 (January)
      {
        label: '2024-Q1',
        from: '2024-01-01',
        to: '2024-03-31',
        referrals: 3,
        parentsServed: 3,
        familiesServed: 2,
      },
      // Q2: a ended 31 March, so b and c
      {
        label: '2024-Q2',
        from: '2024-04-01',
        to: '2024-06-30',
        referrals: 2,
        parentsServed: 2,
        familiesServed: 2,
      },
      {
        label: '2024-Q3',
        from: '2024-07-01',
        to: '2024-09-30',
        referrals: 0,
        parentsServed: 2,
        familiesServed: 2,
      },
      {
        label: '2024-Q4',
        from: '2024-10-01',
        to: '2024-12-31',
        referrals: 0,
        parentsServed: 2,
        familiesServed: 2,
      },
    ]);
  });

  it('a byService key for a service in scope but not active in the period', () => {
    const only = buildStatsModel(
      input({ episodes: [episode({ service: 'group', startDate: 20200101, endDate: 20200301 })] }),
    );
    expect(Object.keys(only.byService)).toEqual(['group']);
    expect(only.byService.group?.activity.parentsServed).toBe(0);
    expect(measureOf(only.byService.group ?? { outcomes: {} }, 'pirgas')?.ended).toBe(0);
  });
});

describe('buildStatsModel: presence and nulls', () => {
  it('no episodes: every count 0, every percentage, mean and interval null, byService {}', () => {
    const m = buildStatsModel(input());
    expect(m.byService).toEqual({});
    expect(m.activity).toEqual({
      referrals: null,
      referralsBySource: {},
      episodesReferred: 0,
      parentsServed: 0,
      familiesServed: 0,
      episodesEnded: 0,
      sessionsMedian: null,
    });
    for (const measure of ['pirgas', 'phq9', 'gad7'] as const) {
      const o = m.outcomes[measure] as MeasureOutcome;
      expect(Object.keys(o).sort()).toEqual(MEASURE_FIELDS);
      for (const k of MEASURE_FIELDS) {
        const v = o[k as keyof MeasureOutcome];
        if (typeof v === 'number') expect(v).toBe(0);
        else expect(v).toBeNull();
      }
    }
    expect(Object.keys(m.outcomes.mentalHealth ?? {}).sort()).toEqual(MH_FIELDS);
    expect(m.trend.map((t) => t.referrals)).toEqual([null, null, null, null]);
    expect(m.measures).toEqual({
      pirgas: {
        name: 'PIRGAS',
        longName: 'Parent-Infant Relationship Global Assessment Scale',
        min: 1,
        max: 100,
        better: 'higher',
        decimals: false,
        reliableChange: 10,
        clinicalCutoff: 40,
      },
      phq9: {
        name: 'PHQ-9',
        longName: 'Patient Health Questionnaire (depression)',
        min: 0,
        max: 27,
        better: 'lower',
        decimals: false,
        reliableChange: 6,
        clinicalCutoff: 10,
      },
      gad7: {
        name: 'GAD-7',
        longName: 'Generalised Anxiety Disorder scale (anxiety)',
        min: 0,
        max: 21,
        better: 'lower',
        decimals: false,
        reliableChange: 4,
        clinicalCutoff: 8,
      },
    });
  });

  it('an empty referrals file gives 0, not null', () => {
    const m = buildStatsModel(input({ referrals: [] }));
    expect(m.activity.referrals).toBe(0);
    expect(m.activity.referralsBySource).toEqual({});
    expect(m.trend.map((t) => t.referrals)).toEqual([0, 0, 0, 0]);
  });

  it.each([
    [['pirgas'], ['pirgas']],
    [['phq9'], ['phq9']],
    [
      ['phq9', 'gad7'],
      ['gad7', 'mentalHealth', 'phq9'],
    ],
    [
      ['gad7', 'pirgas'],
      ['gad7', 'pirgas'],
    ],
  ] as [Measure[], string[]][])('measures %j give outcomes %j', (measures, keys) => {
    const m = buildStatsModel(
      input({ grant: grant({ measures }), episodes: [episode({ service: 'group' })] }),
    );
    expect(Object.keys(m.outcomes).sort()).toEqual(keys);
    expect(Object.keys(m.byService.group?.outcomes ?? {}).sort()).toEqual(keys);
    expect(Object.keys(m.measures)).toEqual(measures);
  });

  it('keys follow the grant’s order for measures, then composites', () => {
    const m = buildStatsModel(input({ grant: grant({ measures: ['gad7', 'pirgas', 'phq9'] }) }));
    expect(Object.keys(m.outcomes)).toEqual(['gad7', 'pirgas', 'phq9', 'mentalHealth']);
  });

  it('without a list, the grant reports every measure the export has, in catalogue order', () => {
    const m = buildStatsModel(input({ grant: grant({ measures: null }) }));
    expect(Object.keys(m.outcomes)).toEqual(['pirgas', 'phq9', 'gad7', 'mentalHealth']);
  });

  it('referrals are restricted to match.area only: funding and service do not restrict the counts file', () => {
    const referrals: ReferralCount[] = [
      { month: 20240301, area: 'Didcot', source: 'gp', count: 2 },
      { month: 20240301, area: 'Reading', source: 'gp', count: 5 },
    ];
    const count = (match: Grant['match']) =>
      buildStatsModel(input({ grant: grant({ match }), referrals })).activity.referrals;
    expect(count(undefined)).toBe(7);
    expect(count({ funding: ['lottery'], service: ['group'] })).toBe(7);
    expect(count({ area: ['Didcot'] })).toBe(2);
    expect(count({ area: ['Didcot', 'Reading'] })).toBe(7);
  });

  it('uses the configured thresholds everywhere, mental health included', () => {
    // phq9 12 → 7, gad7 6 → 6: at caseness by default (12 ≥ 10), recovered (7 < 10, 6 < 8) but not reliably (5 < 6)
    const e = episode({ endDate: 20240630, phq9Pre: 12, phq9Post: 7, gad7Pre: 6, gad7Post: 6 });
    const byDefault = buildStatsModel(input({ episodes: [e] }));
    expect(byDefault.outcomes.mentalHealth).toMatchObject({
      atCaseness: 1,
      recovered: 1,
      reliableRecovery: 0,
    });
    // reliable change 5 and cutoff 13 for phq9, cutoff 6 for gad7: at caseness through gad7 (6 ≥ 6),
    // not recovered (gad7 post 6 is still ≥ 6); reliably improved on phq9 (5 ≥ 5)
    const thresholds = {
      ...DEFAULT_THRESHOLDS,
      phq9: { reliableChange: 5, clinicalCutoff: 13 },
      gad7: { reliableChange: 4, clinicalCutoff: 6 },
    };
    const overridden = buildStatsModel(input({ episodes: [e], thresholds }));
    expect(overridden.measures.phq9).toMatchObject(thresholds.phq9);
    expect(overridden.outcomes.mentalHealth).toMatchObject({
      reliableImprovement: 1,
      atCaseness: 1,
      recovered: 0,
    });
    expect(overridden.outcomes.phq9).toMatchObject({ reliableImprovement: 1, atCaseness: 0 });
    expect(overridden.outcomes.gad7).toMatchObject({ atCaseness: 1, recovered: 0 });
  });
});

const modelArb = fc.record({
  episodes: fc.array(episodeArb, { maxLength: 40 }),
  referrals: referralsArb,
  match: matchArb,
  measures: measuresArb,
  thresholds: thresholdsArb,
  period: periodArb,
});

type ModelCase = typeof modelArb extends fc.Arbitrary<infer T> ? T : never;

function build(x: ModelCase): StatsModel {
  return buildStatsModel(
    input({
      grant: grant({ match: x.match, measures: x.measures }),
      period: x.period,
      episodes: x.episodes,
      referrals: x.referrals,
      thresholds: x.thresholds,
    }),
  );
}

describe('buildStatsModel: properties', () => {
  it('keys byService by every service of the grant in the whole export when given them, kept or not', () => {
    const old = episode({ service: 'group', referralDate: 20200101, startDate: 20200110, endDate: 20200601 });
    const now = episode({ service: 'individual' });
    const all = buildStatsModel(input({ episodes: [old, now] }));
    expect(Object.keys(all.byService)).toEqual(['group', 'individual']);
    expect(buildStatsModel(input({ episodes: [now], services: ['individual', 'group'] }))).toEqual(all);
    expect(Object.keys(buildStatsModel(input({ episodes: [now] })).byService)).toEqual(['individual']);
  });

  it('is the same from only the episodes ingest keeps for the period (and the one before) as from all', () => {
    fc.assert(
      fc.property(modelArb, (x) => {
        const keep = keepFor([{ period: x.period }], 4);
        if (keep === 'all' || keep === 'none') throw new Error('a period keeps a range of days');
        const kept = x.episodes.filter((e) => canCountIn(e.referralDate, e.endDate, keep));
        const g = grant({ match: x.match, measures: x.measures });
        const services = x.episodes.filter((e) => inScope(e, x.match)).map((e) => e.service);
        const fromKept = buildStatsModel(
          input({
            grant: g,
            period: x.period,
            episodes: kept,
            services,
            referrals: x.referrals,
            thresholds: x.thresholds,
          }),
        );
        expect(fromKept).toEqual(build(x));
      }),
      RUNS,
    );
  });

  it('agrees with an independent, naive implementation of statistics.md', () => {
    fc.assert(
      fc.property(modelArb, (x) => {
        const m = build(x);
        const expected = referenceModel({
          grant: { id: 'g', funder: 'A Fund', title: 'A title', match: x.match },
          measures: x.measures.map((id) => ({
            id,
            better: id === 'pirgas' ? ('higher' as const) : ('lower' as const),
            ...x.thresholds[id],
          })),
          composites:
            x.measures.includes('phq9') && x.measures.includes('gad7')
              ? [{ id: 'mentalHealth', measures: ['phq9', 'gad7'], bothPaired: true }]
              : [],
          inExport: IN_EXPORT,
          hasEndReason: true,
          profile: TEST_PROFILE.map((c) => ({
            column: c.column,
            label: c.label,
            categories: c.kind === 'category' ? c.categories : undefined,
          })),
          period: x.period,
          episodes: x.episodes,
          referrals: x.referrals,
        });
        const { provenance: _p, measures: _m, ...rest } = m;
        const actual = { ...rest, trend: rest.trend.map(({ label: _l, ...t }) => t) };
        expect(difference(actual, expected)).toBeNull();
      }),
      RUNS,
    );
  });

  it('carries every field of the spec, and nothing else in activity and mentalHealth', () => {
    fc.assert(
      fc.property(modelArb, (x) => {
        const m = build(x);
        expect(Object.keys(m).sort()).toEqual(
          [
            'activity',
            'byService',
            'grant',
            'outcomes',
            'access',
            'engagement',
            'profile',
            'period',
            'previous',
            'provenance',
            'measures',
            'targets',
            'trend',
          ].sort(),
        );
        expect(m.targets).toEqual([]);
        // previous: the period first, then the sections in statistics.md's order.
        expect(Object.keys(m.previous)).toEqual(['period', ...PREVIOUS_SECTIONS.filter((k) => k in m)]);
        expect(Object.keys(m.previous)).toEqual(expect.arrayContaining(['period', 'activity', 'outcomes']));
        const sections = [m, m.previous, ...Object.values(m.byService)];
        for (const s of sections) {
          expect(Object.keys(s.activity).sort()).toEqual(ACTIVITY_FIELDS);
          for (const measure of x.measures)
            expect(Object.keys(s.outcomes[measure] ?? {}).sort()).toEqual(MEASURE_FIELDS);
          const both = x.measures.includes('phq9') && x.measures.includes('gad7');
          expect(s.outcomes.mentalHealth === undefined).toBe(!both);
          if (both) expect(Object.keys(s.outcomes.mentalHealth ?? {}).sort()).toEqual(MH_FIELDS);
          expect(Object.keys(s.outcomes).length).toBe(x.measures.length + (both ? 1 : 0));
        }
        for (const t of m.trend)
          expect(Object.keys(t).sort()).toEqual(
            ['label', 'from', 'to', 'referrals', 'parentsServed', 'familiesServed'].sort(),
          );
      }),
      RUNS,
    );
  });

  it('byService parts add up to the whole where they should', () => {
    fc.assert(
      fc.property(modelArb, (x) => {
        const m = build(x);
        const parts = Object.values(m.byService);
        const total = (f: (p: (typeof parts)[number]) => number) => parts.reduce((a, p) => a + f(p), 0);
        for (const k of ['episodesReferred', 'parentsServed', 'episodesEnded'] as const)
          expect(total((p) => p.activity[k])).toBe(m.activity[k]);
        // A family can have an episode in each service: the parts cover the whole, maybe twice over.
        expect(total((p) => p.activity.familiesServed)).toBeGreaterThanOrEqual(m.activity.familiesServed);
        for (const p of parts)
          expect(p.activity.familiesServed).toBeLessThanOrEqual(m.activity.familiesServed);
        const counts = [
          'ended',
          'paired',
          'improved',
          'unchanged',
          'deteriorated',
          'reliableImprovement',
          'reliableDeterioration',
          'atCaseness',
          'recovered',
          'reliableRecovery',
        ] as const;
        for (const measure of x.measures)
          for (const k of counts)
            expect(total((p) => measureOf(p, measure)?.[k] ?? Number.NaN)).toBe(measureOf(m, measure)?.[k]);
        const mh = mentalHealthOf(m);
        if (mh)
          for (const k of [
            'paired',
            'improved',
            'reliableImprovement',
            'allPaired',
            'atCaseness',
            'recovered',
            'reliableRecovery',
          ] as const)
            expect(total((p) => mentalHealthOf(p)?.[k] ?? Number.NaN)).toBe(mh[k]);
      }),
      RUNS,
    );
  });

  it('trend: sub-periods partition the period; their referrals add up to the period’s', () => {
    fc.assert(
      fc.property(modelArb, (x) => {
        const m = build(x);
        expect(m.trend[0]?.from).toBe(m.period.from);
        expect(m.trend.at(-1)?.to).toBe(m.period.to);
        for (let i = 1; i < m.trend.length; i++) {
          const before = new Date(`${m.trend[i - 1]?.to}T00:00:00Z`).getTime();
          expect(new Date(`${m.trend[i]?.from}T00:00:00Z`).getTime() - before).toBe(86_400_000);
        }
        for (const t of m.trend) expect(t.from <= t.to).toBe(true);
        if (m.activity.referrals === null) expect(m.trend.every((t) => t.referrals === null)).toBe(true);
        else expect(m.trend.reduce((a, t) => a + (t.referrals ?? Number.NaN), 0)).toBe(m.activity.referrals);
        // Someone active in a part is active in the whole.
        for (const t of m.trend) expect(t.parentsServed).toBeLessThanOrEqual(m.activity.parentsServed);
      }),
      RUNS,
    );
  });

  it('a year’s quarters partition its ended episodes and their outcomes', () => {
    const arb = fc.record({
      episodes: fc.array(episodeArb, { maxLength: 40 }),
      year: fc.constantFrom(2024, 2025),
      fyStart: fc.integer({ min: 1, max: 12 }),
      financial: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, ({ episodes, year, fyStart, financial }) => {
        const name = financial ? `FY${year - 1}-${String(year % 100).padStart(2, '0')}` : String(year);
        const at = (text: string) =>
          buildStatsModel(
            input({ episodes, period: parsePeriod(text, fyStart), financialYearStart: fyStart }),
          );
        const whole = at(name);
        const quarters = [1, 2, 3, 4].map((q) => at(`${name}-Q${q}`));
        const sum = (f: (m: StatsModel) => number) => quarters.reduce((a, m) => a + f(m), 0);
        expect(sum((m) => m.activity.episodesEnded)).toBe(whole.activity.episodesEnded);
        expect(sum((m) => m.activity.episodesReferred)).toBe(whole.activity.episodesReferred);
        for (const measure of ['pirgas', 'phq9', 'gad7'] as const)
          for (const k of [
            'paired',
            'improved',
            'unchanged',
            'deteriorated',
            'atCaseness',
            'recovered',
          ] as const)
            expect(sum((m) => measureOf(m, measure)?.[k] ?? Number.NaN)).toBe(measureOf(whole, measure)?.[k]);
        expect(sum((m) => mentalHealthOf(m)?.paired ?? Number.NaN)).toBe(mentalHealthOf(whole)?.paired);
        // The trend's quarters are the same four periods.
        expect(whole.trend.map((t) => [t.from, t.to])).toEqual(
          quarters.map((m) => [m.period.from, m.period.to]),
        );
        expect(whole.trend.map((t) => t.parentsServed)).toEqual(
          quarters.map((m) => m.activity.parentsServed),
        );
      }),
      { numRuns: 60 },
    );
  });
});
