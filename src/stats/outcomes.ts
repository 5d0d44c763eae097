import type { Episode } from '../domain.js';
import { direction, inClinicalRange, type MeasureDefinition } from '../measures/definition.js';
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
  /** null, with the four fields below, for a measure without a clinical cut-off. */
  atCaseness: number | null;
  recovered: number | null;
  pctRecovered: number | null;
  reliableRecovery: number | null;
  pctReliableRecovery: number | null;
}

/**
 * statistics.md: reliable change is compared with a tolerance of 1e-9, so that a change of
 * 2.45 on a decimal measure (7.7 − 5.25 = 2.4500000000000002, or just under) counts as 2.45.
 */
export const RELIABLE_TOLERANCE = 1e-9;

/** Where a measure's scores are in `Episode.scores`: the index of its pre score, or −1 when the export has none. */
export type Slot = number;

/** The slot of each measure: two a measure, in the order the export's measures were read. */
export const slotsOf = (measuresInExport: readonly string[]) =>
  new Map(measuresInExport.map((id, i) => [id, 2 * i]));

/**
 * Some episodes' scores, a column a slot of `Episode.scores` and a row an episode, NaN where not
 * recorded: read once for every measure and composite reported over the same episodes, since a
 * stored episode makes its scores anew on every read.
 */
export type ScoreColumns = readonly Float64Array[];

/** The scores of `episodes` in their first `width` slots. */
export function scoreColumns(episodes: readonly Episode[], width: number): ScoreColumns {
  const columns = Array.from({ length: width }, () => new Float64Array(episodes.length));
  episodes.forEach((e, row) => {
    const scores = e.scores;
    for (let s = 0; s < width; s++) (columns[s] as Float64Array)[row] = scores[s] ?? Number.NaN;
  });
  return columns;
}

/**
 * statistics.md `outcomes.<measure>` over the episodes ended in the period; `scores` are theirs,
 * when the caller has read them already.
 */
export function measureOutcome(
  ended: readonly Episode[],
  measure: MeasureDefinition,
  slot: Slot,
  scores: ScoreColumns = scoreColumns(ended, slot + 2),
): MeasureOutcome {
  // Scores are read into typed arrays: no object per pair, so a million episodes cost a few
  // megabytes here, not a few hundred.
  const d = direction(measure);
  const R = measure.reliableChange - RELIABLE_TOLERANCE;
  const hasCutoff = measure.clinicalCutoff !== null;
  const preScores = new Float64Array(slot < 0 ? 0 : ended.length);
  const postScores = new Float64Array(preScores.length);
  const changeScores = new Float64Array(preScores.length);
  let n = 0;
  let improved = 0;
  let deteriorated = 0;
  let reliableImprovement = 0;
  let reliableDeterioration = 0;
  let atCaseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  const preColumn = scores[slot];
  const postColumn = scores[slot + 1];
  if (preColumn !== undefined && postColumn !== undefined) {
    for (let row = 0; row < preColumn.length; row++) {
      const pre = preColumn[row] as number;
      const post = postColumn[row] as number;
      if (Number.isNaN(pre) || Number.isNaN(post)) continue;
      preScores[n] = pre;
      postScores[n] = post;
      changeScores[n] = post - pre;
      n++;
      const better = d * (post - pre);
      if (better > 0) improved++;
      else if (better < 0) deteriorated++;
      const reliable = better >= R;
      if (reliable) reliableImprovement++;
      if (-better >= R) reliableDeterioration++;
      if (hasCutoff && inClinicalRange(measure, pre)) {
        atCaseness++;
        if (!inClinicalRange(measure, post)) {
          recovered++;
          if (reliable) reliableRecovery++;
        }
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
        : (d * (meanPost - meanPre)) / preSd,
    reliableImprovement,
    reliableDeterioration,
    pctReliableImprovement: pct(reliableImprovement, n),
    atCaseness: hasCutoff ? atCaseness : null,
    recovered: hasCutoff ? recovered : null,
    pctRecovered: hasCutoff ? pct(recovered, atCaseness) : null,
    reliableRecovery: hasCutoff ? reliableRecovery : null,
    pctReliableRecovery: hasCutoff ? pct(reliableRecovery, atCaseness) : null,
  };
}
