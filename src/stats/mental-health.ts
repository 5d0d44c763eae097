import type { Episode, Measure, Thresholds } from '../domain.js';
import { pct } from './describe.js';
import {
  betterBy,
  inClinicalRange,
  type Pair,
  pairOf,
  reliablyDeteriorated,
  reliablyImproved,
} from './outcomes.js';

/** statistics.md `outcomes.mentalHealth`: exactly these fields. */
export interface MentalHealthOutcome {
  paired: number;
  improved: number;
  pctImproved: number | null;
  reliableImprovement: number;
  pctReliableImprovement: number | null;
  bothPaired: number;
  atCaseness: number;
  recovered: number;
  pctRecovered: number | null;
  reliableRecovery: number;
  pctReliableRecovery: number | null;
}

/** PHQ-9 and/or GAD-7 together, over the episodes ended in the period, with the configured thresholds. */
export function mentalHealthOutcome(ended: readonly Episode[], t: Thresholds): MentalHealthOutcome {
  let paired = 0;
  let improved = 0;
  let reliableImprovement = 0;
  let bothPaired = 0;
  let atCaseness = 0;
  let recovered = 0;
  let reliableRecovery = 0;
  for (const e of ended) {
    const phq9 = pairOf(e, 'phq9');
    const gad7 = pairOf(e, 'gad7');
    const pairs: [Measure, Pair][] = [];
    if (phq9) pairs.push(['phq9', phq9]);
    if (gad7) pairs.push(['gad7', gad7]);
    // `paired`: paired on at least one of phq9, gad7.
    if (pairs.length === 0) continue;
    paired++;
    // `improved`: improved on at least one paired measure and deteriorated on none.
    const isImproved =
      pairs.some(([m, pair]) => betterBy(m, pair) > 0) && pairs.every(([m, pair]) => betterBy(m, pair) >= 0);
    // `reliableImprovement`: reliably improved on at least one paired measure and reliably deteriorated on none.
    const isReliable =
      pairs.some(([m, pair]) => reliablyImproved(m, pair, t[m])) &&
      !pairs.some(([m, pair]) => reliablyDeteriorated(m, pair, t[m]));
    if (isImproved) improved++;
    if (isReliable) reliableImprovement++;
    if (!phq9 || !gad7) continue;
    bothPaired++;
    // `atCaseness`: either pre score in its clinical range; `recovered`: both post scores out of it.
    if (!inClinicalRange('phq9', phq9.pre, t.phq9) && !inClinicalRange('gad7', gad7.pre, t.gad7)) continue;
    atCaseness++;
    if (inClinicalRange('phq9', phq9.post, t.phq9) || inClinicalRange('gad7', gad7.post, t.gad7)) continue;
    recovered++;
    if (isReliable) reliableRecovery++;
  }
  return {
    paired,
    improved,
    pctImproved: pct(improved, paired),
    reliableImprovement,
    pctReliableImprovement: pct(reliableImprovement, paired),
    bothPaired,
    atCaseness,
    recovered,
    pctRecovered: pct(recovered, atCaseness),
    reliableRecovery,
    pctReliableRecovery: pct(reliableRecovery, atCaseness),
  };
}
