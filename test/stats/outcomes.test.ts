import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureDefinition } from '../../src/measures/definition.js';
import { inClinicalRange } from '../../src/measures/definition.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { type MeasureOutcome, measureOutcome as measureOutcomeBare } from '../../src/stats/outcomes.js';
import * as reference from './reference.js';
import {
  DEFAULT_THRESHOLDS,
  definition,
  ended,
  endedEpisodeArb,
  episode,
  IN_EXPORT,
  type Measure,
  type MeasureThresholds,
  measureDefinitionArb,
  measureOutcomeFor as measureOutcome,
  RUNS,
  scoredEpisodesArb,
  scoreOf,
  thresholdsArb,
} from './support.js';

/** A measure scored in the first slot. */
const measureOutcome_ = (episodes: Parameters<typeof measureOutcome>[0], m: MeasureDefinition) =>
  measureOutcomeBare(rowsOf(episodes), m, 0);

/** The naive implementation's outcome for one of the three test measures. */
const referenceMeasure = (episodes: Parameters<typeof measureOutcome>[0], m: Measure, t: MeasureThresholds) =>
  reference.measure(
    {
      inExport: IN_EXPORT,
      measures: [],
      composites: [],
      grant: { id: 'g', funder: 'f', title: 't' },
      period: { label: '', from: '', to: '' },
      episodes,
      referrals: null,
    },
    [...episodes],
    { id: m, better: definition(m).better, ...t },
  );

const T = DEFAULT_THRESHOLDS;

describe('measureOutcome: PIRGAS by hand (higher is better, R = 10, clinical ≤ 40)', () => {
  const episodes = [
    ended({ pirgasPre: 30, pirgasPost: 45 }), // +15: improved, reliably; at caseness, recovered, reliably
    ended({ pirgasPre: 38, pirgasPost: 42 }), // +4: improved; at caseness, recovered (42 > 40), not reliably
    ended({ pirgasPre: 50, pirgasPost: 50 }), // 0: unchanged
    ended({ pirgasPre: 60, pirgasPost: 48 }), // −12: deteriorated, reliably
    ended({ pirgasPre: 35 }), // not paired
  ];
  const o = measureOutcome(episodes, 'pirgas', T.pirgas);

  it('counts', () => {
    expect(o).toMatchObject({
      ended: 5,
      paired: 4,
      pctPaired: 80, // 100 · 4 / 5
      improved: 2,
      unchanged: 1,
      deteriorated: 1,
      pctImproved: 50, // 100 · 2 / 4
      reliableImprovement: 1,
      reliableDeterioration: 1,
      pctReliableImprovement: 25, // 100 · 1 / 4
      atCaseness: 2, // pre 30, 38
      recovered: 2, // post 45, 42
      pctRecovered: 100,
      reliableRecovery: 1, // the +15
      pctReliableRecovery: 50,
    });
  });

  it('means, SD, t interval and effect size', () => {
    expect(o.meanPre).toBe(44.5); // (30 + 38 + 50 + 60) / 4 = 178 / 4
    expect(o.meanPost).toBe(46.25); // (45 + 42 + 50 + 48) / 4 = 185 / 4
    expect(o.meanChange).toBe(1.75); // (15 + 4 + 0 − 12) / 4 = 7 / 4
    // deviations 13.25, 2.25, −1.75, −13.75; squares 175.5625 + 5.0625 + 3.0625 + 189.0625 = 372.75;
    // / 3 = 124.25; SD = 11.146748
    expect(o.sdChange).toBeCloseTo(Math.sqrt(124.25), 12);
    expect(o.sdChange).toBeCloseTo(11.146748, 6);
    // t(0.975, 3) = 3.182446; half = 3.182446 · 11.146748 / √4 = 17.736964
    expect(o.meanChangeCi95?.[0]).toBeCloseTo(1.75 - 17.736964, 5);
    expect(o.meanChangeCi95?.[1]).toBeCloseTo(1.75 + 17.736964, 5);
    // pre SD: deviations −14.5, −6.5, 5.5, 15.5; squares 210.25 + 42.25 + 30.25 + 240.25 = 523; / 3; √ = 13.203535
    // effect = +1 · (46.25 − 44.5) / 13.203535 = 0.132540
    expect(o.effectSize).toBeCloseTo(0.13254, 5);
  });

  it('Wilson interval for 2 of 4', () => {
    // z² = 3.841459; centre = (0.5 + 3.841459/8) / (1 + 3.841459/4) = 0.980182 / 1.960365 = 0.5;
    // half = (1.959964 / 1.960365) · √(0.25/4 + 3.841459/64) = 0.999796 · 0.350033 = 0.349961
    expect(o.pctImprovedCi95?.[0]).toBeCloseTo(15.003899, 5);
    expect(o.pctImprovedCi95?.[1]).toBeCloseTo(84.996101, 5);
  });
});

describe('measureOutcome: PHQ-9 by hand (lower is better, R = 6, clinical ≥ 10)', () => {
  const episodes = [
    ended({ phq9Pre: 15, phq9Post: 8 }), // −7: improved, reliably; caseness; recovered (8 < 10), reliably
    ended({ phq9Pre: 12, phq9Post: 10 }), // −2: improved; caseness; still at 10, so not recovered
    ended({ phq9Pre: 6, phq9Post: 12 }), // +6: deteriorated, reliably (6 ≥ 6)
  ];
  const o = measureOutcome(episodes, 'phq9', T.phq9);

  it('every field', () => {
    expect(o).toMatchObject({
      ended: 3,
      paired: 3,
      pctPaired: 100,
      improved: 2,
      unchanged: 0,
      deteriorated: 1,
      meanPre: 11, // (15 + 12 + 6) / 3
      meanPost: 10, // (8 + 10 + 12) / 3
      meanChange: -1, // signed: (−7 − 2 + 6) / 3
      reliableImprovement: 1,
      reliableDeterioration: 1,
      atCaseness: 2,
      recovered: 1,
      pctRecovered: 50,
      reliableRecovery: 1,
      pctReliableRecovery: 50,
    });
    expect(o.pctImproved).toBeCloseTo(200 / 3, 12);
    expect(o.pctReliableImprovement).toBeCloseTo(100 / 3, 12);
    // changes −7, −2, 6, mean −1: deviations −6, −1, 7; squares 36 + 1 + 49 = 86; / 2 = 43; SD = 6.557439
    expect(o.sdChange).toBeCloseTo(Math.sqrt(43), 12);
    // t(0.975, 2) = 4.302653; half = 4.302653 · 6.557439 / √3 = 16.289580
    expect(o.meanChangeCi95?.[0]).toBeCloseTo(-1 - 16.28958, 5);
    expect(o.meanChangeCi95?.[1]).toBeCloseTo(-1 + 16.28958, 5);
    // pre 15, 12, 6: deviations 4, 1, −5; squares 42; / 2 = 21; SD 4.582576
    // effect = −1 · (10 − 11) / 4.582576 = +0.218218 (a fall in PHQ-9 is a positive effect)
    expect(o.effectSize).toBeCloseTo(1 / Math.sqrt(21), 12);
    // Wilson for 2 of 3: [20.765960, 93.850806]
    expect(o.pctImprovedCi95?.[0]).toBeCloseTo(20.76596, 5);
    expect(o.pctImprovedCi95?.[1]).toBeCloseTo(93.850806, 5);
  });

  it('with the thresholds overridden (reliable change 2, clinical from 12)', () => {
    // −7 and −2 are both reliable now; +6 still a reliable deterioration.
    // Caseness: 15 ≥ 12 and 12 ≥ 12; recovered: 8 < 12 and 10 < 12, both reliably.
    expect(measureOutcome(episodes, 'phq9', { reliableChange: 2, clinicalCutoff: 12 })).toMatchObject({
      reliableImprovement: 2,
      reliableDeterioration: 1,
      atCaseness: 2,
      recovered: 2,
      reliableRecovery: 2,
      pctReliableRecovery: 100,
    });
  });
});

describe('measureOutcome: GAD-7 thresholds (R = 4, clinical ≥ 8)', () => {
  it('a fall of exactly 4 from exactly 8 to 4 is a reliable recovery; 3 is not reliable', () => {
    const o = measureOutcome(
      [
        ended({ gad7Pre: 8, gad7Post: 4 }),
        ended({ gad7Pre: 7, gad7Post: 10 }),
        ended({ gad7Pre: 9, gad7Post: 6 }),
      ],
      'gad7',
      T.gad7,
    );
    // +3 from 7 is a deterioration, not reliable (3 < 4); 9 → 6 improves by 3 and recovers, not reliably
    expect(o).toMatchObject({
      improved: 2,
      deteriorated: 1,
      reliableImprovement: 1,
      reliableDeterioration: 0,
      atCaseness: 2,
      recovered: 2,
      reliableRecovery: 1,
    });
  });
});

describe('measureOutcome: nulls exactly where the spec says', () => {
  it('no ended episodes: counts 0, every percentage, mean and interval null', () => {
    const o = measureOutcome([], 'pirgas', T.pirgas);
    expect(o).toEqual({
      ended: 0,
      paired: 0,
      pctPaired: null,
      improved: 0,
      unchanged: 0,
      deteriorated: 0,
      pctImproved: null,
      pctImprovedCi95: null,
      meanPre: null,
      meanPost: null,
      meanChange: null,
      sdChange: null,
      meanChangeCi95: null,
      effectSize: null,
      reliableImprovement: 0,
      reliableDeterioration: 0,
      pctReliableImprovement: null,
      atCaseness: 0,
      recovered: 0,
      pctRecovered: null,
      reliableRecovery: 0,
      pctReliableRecovery: null,
    });
  });

  it('ended but none paired: pctPaired 0, the rest null', () => {
    const o = measureOutcome([ended({ pirgasPre: 20 }), ended({ pirgasPost: 20 })], 'pirgas', T.pirgas);
    expect(o).toMatchObject({ ended: 2, paired: 0, pctPaired: 0, pctImproved: null, meanPre: null });
  });

  it('one paired: means, but no SD, interval or effect size', () => {
    const o = measureOutcome([ended({ pirgasPre: 20, pirgasPost: 35 })], 'pirgas', T.pirgas);
    expect(o).toMatchObject({
      paired: 1,
      meanPre: 20,
      meanPost: 35,
      meanChange: 15,
      sdChange: null,
      meanChangeCi95: null,
      effectSize: null,
      pctImproved: 100,
    });
    // Wilson for 1 of 1: [20.654931, 100]; the upper end exactly 100
    expect(o.pctImprovedCi95?.[0]).toBeCloseTo(20.654931, 5);
    expect(o.pctImprovedCi95?.[1]).toBe(100);
  });

  it('SD of change 0 gives [mean, mean]; SD of pre 0 gives a null effect size', () => {
    // pre 20, 20, 20: SD 0, so no effect size; changes 5, 5, 5: SD 0, interval [5, 5]
    const o = measureOutcome(
      [20, 20, 20].map((pre) => ended({ pirgasPre: pre, pirgasPost: pre + 5 })),
      'pirgas',
      T.pirgas,
    );
    expect(o).toMatchObject({ sdChange: 0, meanChangeCi95: [5, 5], effectSize: null, meanChange: 5 });
  });

  it('pctRecovered null when nobody was at caseness', () => {
    const o = measureOutcome([ended({ pirgasPre: 70, pirgasPost: 80 })], 'pirgas', T.pirgas);
    expect(o).toMatchObject({ atCaseness: 0, recovered: 0, pctRecovered: null, pctReliableRecovery: null });
  });

  it('only the given episodes count: scores on an open episode are the caller’s to leave out', () => {
    // measureOutcome takes the ended episodes; ended is their number whatever their scores
    expect(measureOutcome([episode(), episode()], 'gad7', T.gad7).ended).toBe(2);
  });
});

describe('measureOutcome: any measure (data.md §6)', () => {
  const gbo = {
    ...definition('pirgas'),
    id: 'gbo',
    name: 'GBO',
    min: 0,
    max: 10,
    decimals: true,
    reliableChange: 2.45,
    clinicalCutoff: null,
  };
  const withScores = (pairs: [number | null, number | null][]) => pairs.map((p) => ended({ scores: p }));

  it('a change of exactly 2.45 on decimal scores counts as reliable, whatever the floating point says', () => {
    // 5.05 − 2.6 = 2.4499999999999997 and 3.55 − 1.1 likewise: without the tolerance neither would count.
    expect(5.05 - 2.6).toBeLessThan(2.45);
    const o = measureOutcome_(
      withScores([
        [2.6, 5.05],
        [1.1, 3.55],
        [5.15, 2.7],
        [2, 4.44],
      ]),
      gbo,
    );
    expect(o).toMatchObject({
      paired: 4,
      improved: 3,
      deteriorated: 1,
      reliableImprovement: 2,
      reliableDeterioration: 1,
    });
    expect(o.meanPre).toBeCloseTo((2.6 + 1.1 + 5.15 + 2) / 4, 12);
  });

  it('without a cut-off, caseness and recovery are null, not zero', () => {
    const o = measureOutcome_(
      withScores([
        [2, 6],
        [4, 4],
      ]),
      gbo,
    );
    expect(o).toMatchObject({
      atCaseness: null,
      recovered: null,
      pctRecovered: null,
      reliableRecovery: null,
      pctReliableRecovery: null,
      pctImproved: 50,
    });
  });

  it('a measure the export has no column for (slot −1) has nothing paired', () => {
    const o = measureOutcomeBare(rowsOf([ended(), ended()]), gbo, -1);
    expect(o).toMatchObject({ ended: 2, paired: 0, pctPaired: 0, meanPre: null, atCaseness: null });
  });

  it('agrees with the naive implementation on measures of every shape', () => {
    const caseArb = measureDefinitionArb('any').chain((m) =>
      scoredEpisodesArb([m]).map((episodes) => ({ m, episodes })),
    );
    fc.assert(
      fc.property(caseArb, ({ m, episodes }) => {
        const o = measureOutcomeBare(rowsOf(episodes), m, 0);
        const expected = reference.measure(
          {
            inExport: ['any'],
            measures: [],
            composites: [],
            grant: { id: 'g', funder: 'f', title: 't' },
            period: { label: '', from: '', to: '' },
            episodes,
            referrals: null,
          },
          episodes,
          m,
        );
        expect(reference.difference(o, expected)).toBeNull();
      }),
      RUNS,
    );
  });
});

describe('default thresholds (statistics.md)', () => {
  it('R = 10, 6, 4; clinical range PIRGAS ≤ 40, PHQ-9 ≥ 10, GAD-7 ≥ 8', () => {
    expect(DEFAULT_THRESHOLDS).toEqual({
      pirgas: { reliableChange: 10, clinicalCutoff: 40 },
      phq9: { reliableChange: 6, clinicalCutoff: 10 },
      gad7: { reliableChange: 4, clinicalCutoff: 8 },
    });
  });
});

describe('inClinicalRange', () => {
  it('is ≤ cutoff for PIRGAS and ≥ cutoff for PHQ-9 and GAD-7', () => {
    expect(inClinicalRange(definition('pirgas'), 40)).toBe(true);
    expect(inClinicalRange(definition('pirgas'), 41)).toBe(false);
    expect(inClinicalRange(definition('phq9'), 10)).toBe(true);
    expect(inClinicalRange(definition('phq9'), 9)).toBe(false);
    expect(inClinicalRange(definition('gad7'), 8)).toBe(true);
    expect(inClinicalRange(definition('gad7'), 7)).toBe(false);
    expect(inClinicalRange({ better: 'lower', clinicalCutoff: null }, 99)).toBe(false);
  });
});

describe('measureOutcome: properties', () => {
  const measureArb = fc.constantFrom<Measure>('pirgas', 'phq9', 'gad7');
  const caseArb = fc.record({
    episodes: fc.array(endedEpisodeArb, { maxLength: 30 }),
    measure: measureArb,
    thresholds: thresholdsArb,
  });
  const percentages = (o: MeasureOutcome) =>
    [
      [o.pctPaired, o.ended],
      [o.pctImproved, o.paired],
      [o.pctReliableImprovement, o.paired],
      [o.pctRecovered, o.atCaseness as number],
      [o.pctReliableRecovery, o.atCaseness as number],
    ] as const;

  it('agrees with the naive implementation', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, measure, thresholds }) => {
        const o = measureOutcome(episodes, measure, thresholds[measure]);
        expect(reference.difference(o, referenceMeasure(episodes, measure, thresholds[measure]))).toBeNull();
      }),
      RUNS,
    );
  });

  it('improved + unchanged + deteriorated = paired ≤ ended, and the nested counts nest', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, measure, thresholds }) => {
        const o = measureOutcome(episodes, measure, thresholds[measure]);
        expect(o.improved + o.unchanged + o.deteriorated).toBe(o.paired);
        expect(o.paired).toBeLessThanOrEqual(o.ended);
        expect(o.reliableImprovement).toBeLessThanOrEqual(o.improved);
        expect(o.reliableDeterioration).toBeLessThanOrEqual(o.deteriorated);
        const atCaseness = o.atCaseness as number;
        const recovered = o.recovered as number;
        expect(atCaseness).toBeLessThanOrEqual(o.paired);
        expect(recovered).toBeLessThanOrEqual(atCaseness);
        expect(o.reliableRecovery).toBeLessThanOrEqual(Math.min(recovered, o.reliableImprovement));
        expect(o.unchanged).toBeGreaterThanOrEqual(0);
      }),
      RUNS,
    );
  });

  it('percentages within [0, 100], null exactly when the denominator is 0', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, measure, thresholds }) => {
        const o = measureOutcome(episodes, measure, thresholds[measure]);
        for (const [p, denominator] of percentages(o)) {
          expect(p === null).toBe(denominator === 0);
          if (p !== null) {
            expect(p).toBeGreaterThanOrEqual(0);
            expect(p).toBeLessThanOrEqual(100);
          }
        }
      }),
      RUNS,
    );
  });

  it('each interval contains its estimate and lies within its bounds', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, measure, thresholds }) => {
        const o = measureOutcome(episodes, measure, thresholds[measure]);
        if (o.pctImprovedCi95 && o.pctImproved !== null) {
          const [low, high] = o.pctImprovedCi95;
          expect(low).toBeGreaterThanOrEqual(0);
          expect(high).toBeLessThanOrEqual(100);
          expect(low).toBeLessThanOrEqual(o.pctImproved);
          expect(high).toBeGreaterThanOrEqual(o.pctImproved);
        }
        if (o.meanChangeCi95 && o.meanChange !== null) {
          expect(o.meanChangeCi95[0]).toBeLessThanOrEqual(o.meanChange);
          expect(o.meanChangeCi95[1]).toBeGreaterThanOrEqual(o.meanChange);
        }
      }),
      RUNS,
    );
  });

  it('nulls: means and the Wilson interval iff paired is 0; SD and t interval iff paired < 2; effect size also when pre SD is 0', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, measure, thresholds }) => {
        const o = measureOutcome(episodes, measure, thresholds[measure]);
        for (const v of [o.meanPre, o.meanPost, o.meanChange, o.pctImprovedCi95])
          expect(v === null).toBe(o.paired === 0);
        for (const v of [o.sdChange, o.meanChangeCi95]) expect(v === null).toBe(o.paired < 2);
        const pres = episodes.flatMap((e) => {
          const pre = scoreOf(e, measure, 'Pre');
          return pre !== null && scoreOf(e, measure, 'Post') !== null ? [pre] : [];
        });
        expect(o.effectSize === null).toBe(o.paired < 2 || new Set(pres).size === 1);
      }),
      RUNS,
    );
  });
});
