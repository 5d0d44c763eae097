import { blankScore, isBlankScore } from '../domain.js';
import { direction, inClinicalRange, type MeasureDefinition } from '../measures/definition.js';
import { mean, pct, sampleSd, tInterval95, wilson95 } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { scratchFloats } from './scratch.js';

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

/** statistics.md `outcomes.<measure>` over the episodes ended in the period. */
export function measureOutcome(ended: EpisodeRows, measure: MeasureDefinition, slot: Slot): MeasureOutcome {
  // Scores are read into typed arrays: no object per pair, so a million episodes cost a few
  // megabytes here, not a few hundred, and those reused by every measure (scratch.ts).
  const d = direction(measure);
  const R = measure.reliableChange - RELIABLE_TOLERANCE;
  const hasCutoff = measure.clinicalCutoff !== null;
  const { rows } = ended;
  const room = slot < 0 ? 0 : rows.length;
  const preScores = scratchFloats('outcome.pre', room);
  const postScores = scratchFloats('outcome.post', room);
  const changeScores = scratchFloats('outcome.change', room);
  let n = 0;
  let improved = 0;
  let deteriorated = 0;
  let reliableImprovement = 0;
  let reliableDeterioration = 0;
  let atCaseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  const preColumn = ended.columns.scores[slot];
  const postColumn = ended.columns.scores[slot + 1];
  if (preColumn !== undefined && postColumn !== undefined) {
    const preBlank = blankScore(preColumn);
    const postBlank = blankScore(postColumn);
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i] as number;
      const pre = preColumn[row] as number;
      const post = postColumn[row] as number;
      if (isBlankScore(pre, preBlank) || isBlankScore(post, postBlank)) continue;
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
    ended: rows.length,
    paired: n,
    pctPaired: pct(n, rows.length),
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
