import { blankScore, isBlankScore } from '../domain.js';
import {
  type CompositeDefinition,
  direction,
  inClinicalRange,
  type MeasureDefinition,
} from '../measures/definition.js';
import { pct } from './describe.js';
import type { EpisodeRows } from './episode-rows.js';
import { RELIABLE_TOLERANCE, type Slot } from './outcomes.js';

/** statistics.md `outcomes.<composite>`: exactly these fields (`bothPaired` on mentalHealth only). */
export interface CompositeOutcome {
  paired: number;
  improved: number;
  pctImproved: number | null;
  reliableImprovement: number;
  pctReliableImprovement: number | null;
  allPaired: number;
  bothPaired?: number;
  /** null, with the four fields below, when a measure of the composite has no clinical cut-off. */
  atCaseness: number | null;
  recovered: number | null;
  pctRecovered: number | null;
  reliableRecovery: number | null;
  pctReliableRecovery: number | null;
}

/**
 * statistics.md `outcomes.<composite>`: measures M read together over the episodes ended in the
 * period (`mentalHealth`: PHQ-9 and/or GAD-7). `measures` are M's definitions, `slots` where
 * each one's scores are (−1: not in the export).
 */
export function compositeOutcome(
  ended: EpisodeRows,
  composite: CompositeDefinition,
  measures: readonly MeasureDefinition[],
  slots: readonly Slot[],
): CompositeOutcome {
  const { rows } = ended;
  const scores = ended.columns.scores;
  const blanks = scores.map(blankScore);
  const k = measures.length;
  const d = measures.map(direction);
  const R = measures.map((m) => m.reliableChange - RELIABLE_TOLERANCE);
  const withCutoffs = measures.every((m) => m.clinicalCutoff !== null);
  let paired = 0;
  let improved = 0;
  let reliableImprovement = 0;
  let allPaired = 0;
  let atCaseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r] as number;
    let pairs = 0;
    let anyBetter = false;
    let anyWorse = false;
    let anyReliablyBetter = false;
    let anyReliablyWorse = false;
    let preInRange = false;
    let postInRange = false;
    for (let i = 0; i < k; i++) {
      const slot = slots[i] as Slot;
      if (slot < 0) continue;
      const pre = scores[slot]?.[row];
      const post = scores[slot + 1]?.[row];
      if (pre === undefined || post === undefined) continue;
      if (isBlankScore(pre, blanks[slot] as number) || isBlankScore(post, blanks[slot + 1] as number))
        continue;
      pairs++;
      const better = (d[i] as number) * (post - pre);
      if (better > 0) anyBetter = true;
      if (better < 0) anyWorse = true;
      if (better >= (R[i] as number)) anyReliablyBetter = true;
      if (-better >= (R[i] as number)) anyReliablyWorse = true;
      const m = measures[i] as MeasureDefinition;
      if (inClinicalRange(m, pre)) preInRange = true;
      if (inClinicalRange(m, post)) postInRange = true;
    }
    // `paired`: paired on at least one measure of M.
    if (pairs === 0) continue;
    paired++;
    // `improved`: improved on at least one paired measure and deteriorated on none.
    if (anyBetter && !anyWorse) improved++;
    // `reliableImprovement`: reliably improved on at least one and reliably deteriorated on none.
    const reliable = anyReliablyBetter && !anyReliablyWorse;
    if (reliable) reliableImprovement++;
    // `allPaired`; `atCaseness`: allPaired and a pre score in its clinical range; `recovered`: every post score out of it.
    if (pairs < k) continue;
    allPaired++;
    if (!preInRange) continue;
    atCaseness++;
    if (postInRange) continue;
    recovered++;
    if (reliable) reliableRecovery++;
  }
  return {
    paired,
    improved,
    pctImproved: pct(improved, paired),
    reliableImprovement,
    pctReliableImprovement: pct(reliableImprovement, paired),
    allPaired,
    ...(composite.bothPaired ? { bothPaired: allPaired } : {}),
    atCaseness: withCutoffs ? atCaseness : null,
    recovered: withCutoffs ? recovered : null,
    pctRecovered: withCutoffs ? pct(recovered, atCaseness) : null,
    reliableRecovery: withCutoffs ? reliableRecovery : null,
    pctReliableRecovery: withCutoffs ? pct(reliableRecovery, atCaseness) : null,
  };
}
