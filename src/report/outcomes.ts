import type { CompositeDefinition, MeasureDefinition } from '../measures/definition.js';
import type { Reported } from '../measures/in-force.js';
import type { CompositeOutcome } from '../stats/composite.js';
import type { StatsModel } from '../stats/model.js';
import type { MeasureOutcome } from '../stats/outcomes.js';
import { type DisclosureLog, shareSubject } from './disclosure.js';
import { count, decimal1, interval, plural, points } from './format.js';
import type { Chart, MeasureSection, Table } from './model.js';
import {
  averageChange,
  be,
  betterInWords,
  clinicalRange,
  eitherOf,
  everyOf,
  listInWords,
  measureLabel,
  memberNames,
  oneOf,
  parentsWith,
  recordedSentence,
} from './words.js';

export const measureOutcomeOf = (stats: StatsModel, id: string) =>
  stats.outcomes[id] as MeasureOutcome | undefined;
export const compositeOutcomeOf = (stats: StatsModel, id: string) =>
  stats.outcomes[id] as CompositeOutcome | undefined;

const DASH = '—';
const NO_CUTOFF = 'no clinical cut-off';

/** The y axis of a before/after chart: the measure's range, a 1-based scale drawn from 0. */
const axisMin = (m: MeasureDefinition) => (m.min === 1 ? 0 : m.min);

function measureSection(m: MeasureDefinition, o: MeasureOutcome, log: DisclosureLog): MeasureSection {
  const base = { id: m.id, name: m.name, longName: m.longName === m.name ? undefined : m.longName };
  const sentences = [recordedSentence(m.name, o.paired, o.ended)];
  if (o.paired === 0 || o.meanChange === null || o.meanPre === null || o.meanPost === null) {
    return {
      ...base,
      sentences,
      empty: `No chart: without before-and-after ${m.name} scores no change can be shown.`,
    };
  }
  const improved = shareSubject(
    log.share(o.improved, o.paired, o.pctImproved),
    parentsWith(`with before-and-after ${m.name} scores`),
  );
  sentences.push(
    `${improved.text} ${m.improved}; ${averageChange(m.name, { meanChange: o.meanChange, meanPre: o.meanPre, meanPost: o.meanPost })}.`,
  );
  const range = clinicalRange(m);
  if (range === undefined) {
    sentences.push(`The ${m.name} has no clinical cut-off, so this report gives no recovery figure for it.`);
  } else if (o.atCaseness !== null && o.atCaseness > 0 && o.recovered !== null) {
    const recovered = shareSubject(
      log.share(o.recovered, o.atCaseness, o.pctRecovered),
      parentsWith(`who began in the clinical range (${range})`),
    );
    sentences.push(`${recovered.text} ${be(recovered.singular)} out of it at the end.`);
  }
  const ci = o.meanChangeCi95;
  const cutoffNote = m.clinicalCutoff === null ? '' : ' Dashed line: the clinical cut-off.';
  const chart: Chart = {
    data: {
      kind: 'before-after',
      measure: m.id,
      title: `${m.name}: mean score before and after`,
      min: axisMin(m),
      max: m.max,
      meanPre: o.meanPre,
      meanPost: o.meanPost,
      preText: decimal1(o.meanPre),
      postText: decimal1(o.meanPost),
      afterInterval: ci ? [o.meanPre + ci[0], o.meanPre + ci[1]] : null,
      cutoff: m.clinicalCutoff,
      higherIsBetter: m.better === 'higher',
    },
    caption: `Mean ${m.name} score before and after${ci ? ', with the 95% interval of the change' : ''}.${cutoffNote} ${betterInWords(m)}.`,
    description: `Bar chart of the mean ${m.name} score of ${plural(o.paired, 'parent')}: ${decimal1(o.meanPre)} before and ${decimal1(o.meanPost)} after, a change of ${points(o.meanChange)} points${ci ? ` (95% interval ${interval(ci, points)})` : ''}. ${m.better === 'higher' ? 'Higher' : 'Lower'} scores are better; ${range ? `the clinical range is ${range}` : `the ${m.name} has no clinical cut-off`}.`,
  };
  const figures = [
    {
      figure: 'Mean score before',
      measure: m.name,
      value: decimal1(o.meanPre),
      denominator: count(o.paired),
    },
    {
      figure: 'Mean score after',
      measure: m.name,
      value: decimal1(o.meanPost),
      denominator: count(o.paired),
    },
  ];
  return { ...base, sentences, chart, figures };
}

function compositeSection(
  c: CompositeDefinition,
  o: CompositeOutcome,
  names: string[],
  ended: number,
  log: DisclosureLog,
): MeasureSection {
  const base = { id: c.id, name: c.name, longName: c.longName === c.name ? undefined : c.longName };
  const either = eitherOf(names);
  const sentences = [recordedSentence(either, o.paired, ended)];
  if (o.paired === 0) return { ...base, sentences };
  const improved = shareSubject(
    log.share(o.improved, o.paired, o.pctImproved),
    parentsWith(`with before-and-after ${either} scores`),
  );
  sentences.push(
    `${improved.text} ${c.improved}: better on at least one, worse on ${names.length === 2 ? 'neither' : 'none'}.`,
  );
  if (o.atCaseness === null) {
    sentences.push(
      `No recovery figure is given: not every one of ${listNames(names)} has a clinical cut-off.`,
    );
  } else if (o.atCaseness > 0 && o.recovered !== null) {
    const recovered = shareSubject(
      log.share(o.recovered, o.atCaseness, o.pctRecovered),
      parentsWith(
        `with ${everyOf(names)} recorded who began in the clinical range on ${oneOf(names.length)}`,
      ),
    );
    sentences.push(
      `${recovered.text} recovered: they ended out of the clinical range on ${names.length === 2 ? 'both' : 'all of them'}.`,
    );
  }
  return { ...base, sentences };
}

const listNames = (names: readonly string[]) =>
  names.length === 2 ? `the ${names[0]} and the ${names[1]}` : names.join(', ');

/** A section per measure, each composite just before the first of its measures (the headline first). */
export function outcomeSections(stats: StatsModel, reported: Reported, log: DisclosureLog): MeasureSection[] {
  const sections: MeasureSection[] = [];
  for (const m of reported.measures) {
    const o = measureOutcomeOf(stats, m.id);
    if (o) sections.push(measureSection(m, o, log));
  }
  for (const c of reported.composites) {
    const o = compositeOutcomeOf(stats, c.id);
    if (!o) continue;
    const at = sections.findIndex((s) => c.measures.includes(s.id));
    const section = compositeSection(
      c,
      o,
      memberNames(c, reported.measures),
      stats.activity.episodesEnded,
      log,
    );
    sections.splice(at < 0 ? sections.length : at, 0, section);
  }
  return sections;
}

/** One row per measure and composite, as report.md lists: n, % improved, mean change and interval, reliable improvement, recovery. */
export function outcomesSummary(stats: StatsModel, reported: Reported, log: DisclosureLog): Table {
  const rows: string[][] = [];
  // For the CSV: each share's and mean's denominator. "x of n" says its own, so it gets none.
  const denominators: (string | undefined)[][] = [];
  const recovery = (o: {
    atCaseness: number | null;
    recovered: number | null;
    pctRecovered: number | null;
  }) =>
    o.atCaseness === null || o.recovered === null
      ? [NO_CUTOFF, DASH]
      : [
          count(o.atCaseness),
          o.atCaseness === 0 ? DASH : log.share(o.recovered, o.atCaseness, o.pctRecovered).text,
        ];
  for (const m of reported.measures) {
    const o = measureOutcomeOf(stats, m.id);
    if (!o) continue;
    const n = `${count(o.paired)} of ${count(o.ended)}`;
    if (o.paired === 0 || o.meanChange === null) {
      rows.push([
        measureLabel(m),
        n,
        DASH,
        DASH,
        DASH,
        DASH,
        ...recovery(o).map((v) => (v === NO_CUTOFF ? v : DASH)),
      ]);
      continue;
    }
    rows.push([
      measureLabel(m),
      n,
      log.share(o.improved, o.paired, o.pctImproved).text,
      points(o.meanChange),
      o.meanChangeCi95 ? interval(o.meanChangeCi95, points) : DASH,
      log.share(o.reliableImprovement, o.paired, o.pctReliableImprovement).text,
      ...recovery(o),
    ]);
    denominators[rows.length - 1] = [
      undefined,
      undefined,
      ...Array<string>(4).fill(count(o.paired)),
      undefined,
      o.atCaseness ? count(o.atCaseness) : undefined,
    ];
  }
  for (const c of reported.composites) {
    const o = compositeOutcomeOf(stats, c.id);
    if (!o) continue;
    const n = `${count(o.paired)} of ${count(stats.activity.episodesEnded)}`;
    rows.push(
      o.paired === 0
        ? [c.name, n, DASH, DASH, DASH, DASH, ...recovery(o).map((v) => (v === NO_CUTOFF ? v : DASH))]
        : [
            c.name,
            n,
            log.share(o.improved, o.paired, o.pctImproved).text,
            DASH,
            DASH,
            log.share(o.reliableImprovement, o.paired, o.pctReliableImprovement).text,
            ...recovery(o),
          ],
    );
    if (o.paired > 0)
      denominators[rows.length - 1] = [
        undefined,
        undefined,
        count(o.paired),
        undefined,
        undefined,
        count(o.paired),
        undefined,
        o.atCaseness ? count(o.atCaseness) : undefined,
      ];
  }
  const higher = reported.measures.filter((m) => m.better === 'higher').map((m) => `the ${m.name}`);
  const lower = reported.measures.filter((m) => m.better === 'lower').map((m) => `the ${m.name}`);
  const directions = [
    higher.length > 0 ? `a rise is better on ${listInWords(higher)}` : undefined,
    lower.length > 0 ? `a fall on ${listInWords(lower)}` : undefined,
  ]
    .filter(Boolean)
    .join(', ');
  const composites = reported.composites.map((c) => {
    const names = memberNames(c, reported.measures);
    return ` For ${c.name}, only parents with ${everyOf(names)} recorded count, and they recover when they end out of the clinical range on ${names.length === 2 ? 'both' : 'all of them'}.`;
  });
  const notes = [
    `Parents with scores: those with a first and a last score, of the parents whose work ended in the period. Mean change is in points on the measure’s own scale: ${directions}.`,
    `Recovered: of the parents who began in the clinical range, those who ended out of it.${composites.join('')}`,
    `A dash means the figure does not apply${reported.composites.length > 0 ? ' (measures read together have no common scale)' : ''} or too few parents had scores for it.`,
  ];
  return {
    caption: 'Outcomes for parents whose work ended in the period',
    headers: [
      'Measure',
      'Parents with scores',
      'Improved',
      'Mean change',
      '95% interval',
      'Reliable improvement',
      'Began in clinical range',
      'Recovered',
    ],
    rows,
    numeric: true,
    notes,
    measureRows: true,
    denominators: rows.map((row, i) =>
      row.map((cell, j) => (/ of /.test(cell) || cell === DASH ? undefined : denominators[i]?.[j])),
    ),
  };
}
