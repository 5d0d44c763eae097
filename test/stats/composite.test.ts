import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MeasureDefinition } from '../../src/measures/definition.js';
import { compositeOutcome } from '../../src/stats/composite.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import * as reference from './reference.js';
import {
  DEFAULT_THRESHOLDS,
  definition,
  ended,
  endedEpisodeArb,
  IN_EXPORT,
  measureDefinitionArb,
  measureOutcomeFor as measureOutcome,
  mentalHealthFor as mentalHealthOutcome,
  RUNS,
  scoredEpisodesArb,
  type Thresholds,
  thresholdsArb,
} from './support.js';

const referenceInput = (
  episodes: ReturnType<typeof ended>[],
  measures: reference.ReferenceMeasure[],
  inExport: string[],
) => ({
  inExport,
  measures,
  composites: [],
  grant: { id: 'g', funder: 'f', title: 't' },
  period: { label: '', from: '', to: '' },
  episodes,
  referrals: null,
});

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

describe('compositeOutcome: mentalHealth by hand', () => {
  it('every field, default thresholds', () => {
    const mh = mentalHealthOutcome(episodes, DEFAULT_THRESHOLDS);
    expect(mh).toEqual({
      paired: 6, // a, b, c, d, e, g
      improved: 3, // a, d, g
      pctImproved: 50, // 100 · 3 / 6
      reliableImprovement: 3, // a, d, g
      pctReliableImprovement: 50,
      allPaired: 4, // a, b, e, g
      bothPaired: 4,
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
      allPaired: 0,
      bothPaired: 0,
      atCaseness: 0,
      recovered: 0,
      pctRecovered: null,
      reliableRecovery: 0,
      pctReliableRecovery: null,
    });
  });
});

describe('compositeOutcome: mentalHealth, properties', () => {
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
            reference.composite(
              referenceInput(
                episodes,
                (['phq9', 'gad7'] as const).map((m) => ({
                  id: m,
                  better: 'lower' as const,
                  ...thresholds[m],
                })),
                IN_EXPORT,
              ),
              episodes,
              { id: 'mentalHealth', measures: ['phq9', 'gad7'], bothPaired: true },
            ),
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
        expect(mh.bothPaired).toBe(mh.allPaired);
        expect(mh.paired).toBe(phq9.paired + gad7.paired - mh.allPaired);
        expect(mh.allPaired).toBeLessThanOrEqual(Math.min(phq9.paired, gad7.paired));
        expect(mh.improved).toBeLessThanOrEqual(mh.paired);
        expect(mh.reliableImprovement).toBeLessThanOrEqual(mh.paired);
        const atCaseness = mh.atCaseness as number;
        const recovered = mh.recovered as number;
        expect(atCaseness).toBeLessThanOrEqual(mh.allPaired);
        expect(recovered).toBeLessThanOrEqual(atCaseness);
        expect(mh.reliableRecovery).toBeLessThanOrEqual(Math.min(recovered, mh.reliableImprovement));
        for (const [p, d] of [
          [mh.pctImproved, mh.paired],
          [mh.pctReliableImprovement, mh.paired],
          [mh.pctRecovered, mh.atCaseness as number],
          [mh.pctReliableRecovery, mh.atCaseness as number],
        ] as const) {
          expect(p === null).toBe(d === 0);
          if (p !== null) expect(p >= 0 && p <= 100).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('compositeOutcome: any composite (data.md §6)', () => {
  const composite = (measures: string[]) => ({
    id: 'mood',
    name: 'mood',
    longName: 'mood',
    measures,
    improved: 'improved',
    builtIn: false,
  });

  it('three measures: allPaired needs all three; no bothPaired; recovery over those at caseness on any', () => {
    const pirgas = definition('pirgas'); // higher is better, ≤ 40
    const ms = [pirgas, definition('phq9'), definition('gad7')];
    const o = compositeOutcome(
      rowsOf([
        // all three recorded: PIRGAS 30 → 50 (out of range), PHQ-9 12 → 8, GAD-7 5 → 4: recovered
        ended({ pirgasPre: 30, pirgasPost: 50, phq9Pre: 12, phq9Post: 8, gad7Pre: 5, gad7Post: 4 }),
        // two of three: paired and improved, but not allPaired
        ended({ pirgasPre: 30, pirgasPost: 35, phq9Pre: 12, phq9Post: 11 }),
      ]),
      composite(['pirgas', 'phq9', 'gad7']),
      ms,
      [0, 2, 4],
    );
    expect(o).toEqual({
      paired: 2,
      improved: 2,
      pctImproved: 100,
      reliableImprovement: 1, // the first: PIRGAS +20 ≥ 10
      pctReliableImprovement: 50,
      allPaired: 1,
      atCaseness: 1,
      recovered: 1,
      pctRecovered: 100,
      reliableRecovery: 1,
      pctReliableRecovery: 100,
    });
  });

  it('a member without a cut-off makes caseness and recovery null', () => {
    const noCutoff: MeasureDefinition = { ...definition('gad7'), clinicalCutoff: null };
    const o = compositeOutcome(
      rowsOf([ended({ phq9Pre: 12, phq9Post: 8, gad7Pre: 5, gad7Post: 4 })]),
      composite(['phq9', 'gad7']),
      [definition('phq9'), noCutoff],
      [2, 4],
    );
    expect(o).toMatchObject({ allPaired: 1, atCaseness: null, recovered: null, pctRecovered: null });
    expect(o).not.toHaveProperty('bothPaired');
  });

  it('agrees with the naive implementation on composites of measures of every shape', () => {
    const caseArb = fc
      .tuple(measureDefinitionArb('a'), measureDefinitionArb('b'), measureDefinitionArb('c'))
      .chain((ms) => scoredEpisodesArb(ms).map((episodes) => ({ ms, episodes })));
    fc.assert(
      fc.property(caseArb, ({ ms, episodes }) => {
        const ids = ms.map((m) => m.id);
        const o = compositeOutcome(rowsOf(episodes), composite(ids), ms, [0, 2, 4]);
        const expected = reference.composite(referenceInput(episodes, ms, ids), episodes, {
          id: 'mood',
          measures: ids,
        });
        expect(reference.difference(o, expected)).toBeNull();
      }),
      RUNS,
    );
  });
});
