import { dateInWords } from '../config/period.js';
import type { Reported } from '../measures/in-force.js';
import type { StatsModel } from '../stats/model.js';
import type { Disclosure, DisclosureLog } from './disclosure.js';
import { capitalise, count, dateTimeInWords, plural } from './format.js';
import type { ReportModel, Table } from './model.js';
import { measureOutcomeOf } from './outcomes.js';
import { clinicalRangeShort, everyOf, listInWords, memberNames, scoreText } from './words.js';

/** "higher on the PIRGAS, lower on the PHQ-9 and GAD-7". */
function directionsInWords(reported: Reported): string {
  const on = (better: 'higher' | 'lower') => {
    const names = reported.measures.filter((m) => m.better === better).map((m) => m.name);
    return names.length > 0 ? `${better} on the ${listInWords(names)}` : undefined;
  };
  return [on('higher'), on('lower')].filter(Boolean).join(', ');
}

/** The Method and data quality section: definitions, every measure and its thresholds, missing scores, privacy, provenance. */
export function method(
  stats: StatsModel,
  reported: Reported,
  log: DisclosureLog,
  rules: Disclosure,
  dataUpTo?: string,
): ReportModel['method'] {
  const composites = reported.composites.map((c) => {
    const names = memberNames(c, reported.measures);
    return `For ${c.name}, a parent improves when better on at least one measure and worse on none, and recovers when, with ${everyOf(names)} recorded, they began in the clinical range on ${names.length === 2 ? 'either' : 'any'} and ended out of it on ${names.length === 2 ? 'both' : 'all'}${c.builtIn ? ' (NHS Talking Therapies conventions)' : ''}.`;
  });
  const definitions = [
    'Parents served are episodes of work (one parent or carer with one infant) active at any time in the period; families served counts distinct families among them.',
    'Outcomes are measured on episodes that ended in the period and have both a first and a last score. Change is the last score minus the first.',
    `Improved means any change in the better direction${reported.measures.length > 0 ? ` (${directionsInWords(reported)})` : ''}. Reliable improvement means a change in the better direction of at least the reliable-change threshold below, larger than the measure’s usual error.`,
    `Recovery means a parent who began in the clinical range finished outside it; a measure without a clinical cut-off has no recovery figure.${composites.length > 0 ? ` ${composites.join(' ')}` : ''}`,
    'The 95% interval of a mean change is computed with the t distribution: the range in which the true average change plausibly lies, given how much parents’ changes varied.',
    'Percentages are rounded to whole numbers and point changes to one decimal place, halves rounded up.',
  ];
  const thresholds: Table = {
    caption: 'Measures and thresholds used in this report',
    headers: ['Measure', 'Scores', 'Better', 'Reliable change (points)', 'Clinical range'],
    rows: reported.measures.map((m) => [
      m.name,
      `${scoreText(m.min)}–${scoreText(m.max)}${m.decimals ? ', decimals' : ''}`,
      m.better,
      scoreText(m.reliableChange),
      clinicalRangeShort(m),
    ]),
    numeric: true,
  };
  const measures = reported.measures.map((m) => `${m.name} (${m.longName}): thresholds from ${m.source}.`);
  const dataQuality: string[] = [];
  for (const m of reported.measures) {
    const o = measureOutcomeOf(stats, m.id);
    if (!o || o.ended === 0) continue;
    const missing = o.ended - o.paired;
    dataQuality.push(
      missing === 0
        ? `${m.name}: all ${plural(o.ended, 'episode')} that ended had before and after scores.`
        : `${m.name}: ${count(missing)} of the ${plural(o.ended, 'episode')} that ended lacked a before or after score (${count(o.paired)} had both) and ${missing === 1 ? 'is' : 'are'} not in the results.`,
    );
  }
  if (dataQuality.length === 0)
    dataQuality.push('No episodes ended in this period, so no scores were needed.');
  const provenance: Table = {
    caption: 'Files and settings used',
    headers: ['Item', 'Value'],
    rows: [
      ['Generated', dateTimeInWords(stats.provenance.generatedAt)],
      ['Tool version', `impact-report ${stats.provenance.toolVersion}`],
      ['Configuration (SHA-256)', stats.provenance.sha256.configuration],
      ['Outcomes export (SHA-256)', stats.provenance.sha256.outcomes],
      ...(dataUpTo ? [['Latest date in the outcomes export', dateInWords(dataUpTo)]] : []),
      ['Referral counts (SHA-256)', stats.provenance.sha256.referrals ?? 'not supplied'],
    ],
  };
  const hidden = [...log.suppressed].map(([where, n]) => `${count(n)} in ${where}`);
  const disclosure = [
    `To protect privacy, counts from 1 to ${rules.minCell - 1} in breakdowns are shown as “<${rules.minCell}” (and left out of charts, or counted in Other), where that would leave one hidden number in a table the next smallest is hidden too (“*”), and percentages of fewer than ${rules.minDenominator} people are shown as “x of n”. Headline totals are shown as they are.`,
  ];
  if (log.suppressedCells + log.secondaryCells + log.smallDenominators === 0) {
    disclosure.push('Nothing in this report needed to be hidden.');
  } else {
    if (log.suppressedCells > 0)
      disclosure.push(
        `In this report ${plural(log.suppressedCells, 'count')} ${log.suppressedCells === 1 ? 'was' : 'were'} shown as “<${rules.minCell}”: ${hidden.join('; ')}.`,
      );
    if (log.secondaryCells > 0)
      disclosure.push(
        `${capitalise(plural(log.secondaryCells, 'other count'))} ${log.secondaryCells === 1 ? 'was' : 'were'} hidden as “*” (${[...log.secondary].map(([where, n]) => `${count(n)} in ${where}`).join('; ')}): where only one number in a table would have been hidden, the next smallest was hidden too, so that the first cannot be worked out by subtracting the others from the total.`,
      );
    if (log.smallDenominators > 0)
      disclosure.push(
        `${capitalise(plural(log.smallDenominators, 'figure'))} ${log.smallDenominators === 1 ? 'was' : 'were'} shown as “x of n” instead of a percentage.`,
      );
  }
  return { definitions, thresholds, measures, dataQuality, disclosure, provenance };
}
