import {
  DIRECTION,
  type Episode,
  type Measure,
  type MeasureThresholds,
  postField,
  preField,
} from '../domain.js';
import { mean, pct, sampleSd, tInterval95, wilson95 } from './describe.js';

/** statistics.md `outcomes.<measure>`: field names are the contract. */
export interface MeasureOutcome {
  ended: number;
  paired: number;
  pctPaired: number | null;
  improved: number;
  unchanged: number;
  deteriorated: number;
  pctImproved: number | null;
  pctImprovedCi95: [number, number] | null;
  meanPre: number | null;
  meanPost: number | null;
  meanChange: number | null;
  sdChange: number | null;
  meanChangeCi95: [number, number] | null;
  effectSize: number | null;
  reliableImprovement: number;
  reliableDeterioration: number;
  pctReliableImprovement: number | null;
  atCaseness: number;
  recovered: number;
  pctRecovered: number | null;
  reliableRecovery: number;
  pctReliableRecovery: number | null;
}

/** One ended episode's pre and post on a measure, when both are recorded. */
export interface Pair {
  pre: number;
  post: number;
}

export function pairOf(episode: Episode, measure: Measure): Pair | null {
  const pre = episode[preField(measure)];
  const post = episode[postField(measure)];
  return pre === null || post === null ? null : { pre, post };
}

/** Clinical range (statistics.md): pirgas ≤ cutoff (higher is better); phq9, gad7 ≥ cutoff. */
export function inClinicalRange(measure: Measure, score: number, t: MeasureThresholds): boolean {
  return DIRECTION[measure] === 1 ? score <= t.clinicalCutoff : score >= t.clinicalCutoff;
}

/** d · change: positive is better, whatever the measure's direction. */
export const betterBy = (measure: Measure, pair: Pair) => DIRECTION[measure] * (pair.post - pair.pre);

export const reliablyImproved = (m: Measure, p: Pair, t: MeasureThresholds) =>
  betterBy(m, p) >= t.reliableChange;
export const reliablyDeteriorated = (m: Measure, p: Pair, t: MeasureThresholds) =>
  -betterBy(m, p) >= t.reliableChange;

/** statistics.md `outcomes.<measure>` over the episodes ended in the period. */
export function measureOutcome(
  ended: readonly Episode[],
  measure: Measure,
  t: MeasureThresholds,
): MeasureOutcome {
  // Scores are read straight from the episodes into typed arrays: no object per pair, so a
  // million episodes cost a few megabytes here, not a few hundred.
  const preKey = preField(measure);
  const postKey = postField(measure);
  const d = DIRECTION[measure];
  const preScores = new Float64Array(ended.length);
  const postScores = new Float64Array(ended.length);
  const changeScores = new Float64Array(ended.length);
  let n = 0;
  let improved = 0;
  let deteriorated = 0;
  let reliableImprovement = 0;
  let reliableDeterioration = 0;
  let atCaseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  for (const e of ended) {
    const pre = e[preKey];
    const post = e[postKey];
    if (pre === null || post === null) continue;
    preScores[n] = pre;
    postScores[n] = post;
    changeScores[n] = post - pre;
    n++;
    const better = d * (post - pre);
    if (better > 0) improved++;
    else if (better < 0) deteriorated++;
    const reliable = better >= t.reliableChange;
    if (reliable) reliableImprovement++;
    if (-better >= t.reliableChange) reliableDeterioration++;
    if (inClinicalRange(measure, pre, t)) {
      atCaseness++;
      if (!inClinicalRange(measure, post, t)) {
        recovered++;
        if (reliable) reliableRecovery++;
      }
    }
  }
  const pres = preScores.subarray(0, n);
  const changes = changeScores.subarray(0, n);
  const meanPre = mean(pres);
  const meanPost = mean(postScores.subarray(0, n));
  const preSd = sampleSd(pres);
  return {
    ended: ended.length,
    paired: n,
    pctPaired: pct(n, ended.length),
    improved,
    unchanged: n - improved - deteriorated,
    deteriorated,
    pctImproved: pct(improved, n),
    pctImprovedCi95: wilson95(improved, n),
    meanPre,
    meanPost,
    meanChange: mean(changes),
    sdChange: sampleSd(changes),
    meanChangeCi95: tInterval95(changes),
    effectSize:
      meanPre === null || meanPost === null || preSd === null || preSd === 0
        ? null
        : (DIRECTION[measure] * (meanPost - meanPre)) / preSd,
    reliableImprovement,
    reliableDeterioration,
    pctReliableImprovement: pct(reliableImprovement, n),
    atCaseness,
    recovered,
    pctRecovered: pct(recovered, atCaseness),
    reliableRecovery,
    pctReliableRecovery: pct(reliableRecovery, atCaseness),
  };
}
