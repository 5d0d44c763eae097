import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/domain.js';
import { mentalHealthOutcome } from '../../src/stats/mental-health.js';
import { measureOutcome } from '../../src/stats/outcomes.js';
import * as reference from './reference.js';
import { ended, endedEpisodeArb, RUNS, thresholdsArb } from './support.js';

// Defaults: PHQ-9 reliable change 6, clinical ≥ 10; GAD-7 reliable change 4, clinical ≥ 8.
const episodes = [
  // a: both fall reliably (−7, −5); caseness (15 ≥ 10); recovered (8 < 10, 5 < 8), reliably
  ended({ phq9Pre: 15, phq9Post: 8, gad7Pre: 10, gad7Post: 5 }),
  // b: PHQ-9 −3, GAD-7 +1: deteriorated on one, so not improved; caseness (12); recovered (9, 7), not reliably
  ended({ phq9Pre: 12, phq9Post: 9, gad7Pre: 6, gad7Post: 7 }),
  // c: PHQ-9 only, unchanged
  ended({ phq9Pre: 9, phq9Post: 9 }),
  // d: GAD-7 only, −8: improved, reliably
  ended({ gad7Pre: 12, gad7Post: 4 }),
  // e: PHQ-9 −10 (reliable) but GAD-7 +5 (reliably worse): neither improved nor reliably; caseness; 10 is not < 10
  ended({ phq9Pre: 20, phq9Post: 10, gad7Pre: 5, gad7Post: 10 }),
  // f: no PHQ-9 or GAD-7 pair: not counted
  ended({ pirgasPre: 30, pirgasPost: 50, phq9Pre: 14 }),
  // g: −4 and −4: improved; reliably on GAD-7 (4 ≥ 4) only, which is enough; below caseness on both
  ended({ phq9Pre: 8, phq9Post: 4, gad7Pre: 6, gad7Post: 2 }),
];

describe('mentalHealthOutcome by hand', () => {
  it('every field, default thresholds', () => {
    const mh = mentalHealthOutcome(episodes, DEFAULT_THRESHOLDS);
    expect(mh).toEqual({
      paired: 6, // a, b, c, d, e, g
      improved: 3, // a, d, g
      pctImproved: 50, // 100 · 3 / 6
      reliableImprovement: 3, // a, d, g
      pctReliableImprovement: 50,
      bothPaired: 4, // a, b, e, g
      atCaseness: 3, // a, b, e
      recovered: 2, // a, b
      pctRecovered: (100 * 2) / 3,
      reliableRecovery: 1, // a
      pctReliableRecovery: 100 / 3,
    });
  });

  it('uses the configured thresholds, not the defaults', () => {
    // PHQ-9 reliable change 3 and clinical from 13; GAD-7 clinical from 11.
    const t: Thresholds = {
      ...DEFAULT_THRESHOLDS,
      phq9: { reliableChange: 3, clinicalCutoff: 13 },
      gad7: { reliableChange: 4, clinicalCutoff: 11 },
    };
    expect(mentalHealthOutcome(episodes, t)).toMatchObject({
      reliableImprovement: 4, // a, b (−3 ≥ 3 now), d, g
      atCaseness: 2, // a (15 ≥ 13), e (20 ≥ 13); b's 12 and 6 are below both cut-offs
      recovered: 2, // a (8 < 13, 5 < 11), e (10 < 13, 10 < 11)
      reliableRecovery: 1, // a; e reliably deteriorated on GAD-7
    });
  });

  it('nobody paired: counts 0, percentages null', () => {
    expect(mentalHealthOutcome([ended({ phq9Pre: 10 })], DEFAULT_THRESHOLDS)).toEqual({
      paired: 0,
      improved: 0,
      pctImproved: null,
      reliableImprovement: 0,
      pctReliableImprovement: null,
      bothPaired: 0,
      atCaseness: 0,
      recovered: 0,
      pctRecovered: null,
      reliableRecovery: 0,
      pctReliableRecovery: null,
    });
  });
});

describe('mentalHealthOutcome: properties', () => {
  const caseArb = fc.record({
    episodes: fc.array(endedEpisodeArb, { maxLength: 30 }),
    thresholds: thresholdsArb,
  });

  it('agrees with the naive implementation', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, thresholds }) => {
        expect(
          reference.difference(
            mentalHealthOutcome(episodes, thresholds),
            reference.mentalHealth(episodes, thresholds),
          ),
        ).toBeNull();
      }),
      RUNS,
    );
  });

  it('counts nest, and paired is the union of the PHQ-9 and GAD-7 pairs', () => {
    fc.assert(
      fc.property(caseArb, ({ episodes, thresholds }) => {
        const mh = mentalHealthOutcome(episodes, thresholds);
        const phq9 = measureOutcome(episodes, 'phq9', thresholds.phq9);
        const gad7 = measureOutcome(episodes, 'gad7', thresholds.gad7);
        expect(mh.paired).toBe(phq9.paired + gad7.paired - mh.bothPaired);
        expect(mh.bothPaired).toBeLessThanOrEqual(Math.min(phq9.paired, gad7.paired));
        expect(mh.improved).toBeLessThanOrEqual(mh.paired);
        expect(mh.reliableImprovement).toBeLessThanOrEqual(mh.paired);
        expect(mh.atCaseness).toBeLessThanOrEqual(mh.bothPaired);
        expect(mh.recovered).toBeLessThanOrEqual(mh.atCaseness);
        expect(mh.reliableRecovery).toBeLessThanOrEqual(Math.min(mh.recovered, mh.reliableImprovement));
        for (const [p, d] of [
          [mh.pctImproved, mh.paired],
          [mh.pctReliableImprovement, mh.paired],
          [mh.pctRecovered, mh.atCaseness],
          [mh.pctReliableRecovery, mh.atCaseness],
        ] as const) {
          expect(p === null).toBe(d === 0);
          if (p !== null) expect(p >= 0 && p <= 100).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
