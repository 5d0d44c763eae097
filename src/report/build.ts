import { periodInWords } from '../config/period.js';
import {
  type Grant,
  MEASURE_NAMES,
  type Measure,
  type MeasureThresholds,
  type Organisation,
  SCORE_RANGE,
} from '../domain.js';
import type { Activity } from '../stats/activity.js';
import type { MentalHealthOutcome } from '../stats/mental-health.js';
import type { StatsModel } from '../stats/model.js';
import type { MeasureOutcome } from '../stats/outcomes.js';
import {
  cellText,
  type Disclosure,
  DisclosureLog,
  foldSmall,
  type Share,
  shareSubject,
} from './disclosure.js';
import {
  capitalise,
  count,
  dateTimeInWords,
  decimal1,
  interval,
  plural,
  points,
  spanInWords,
} from './format.js';
import type { Chart, MeasureSection, ReportModel, Table, Tile } from './model.js';

export interface ReportContext {
  stats: StatsModel;
  grant: Grant;
  organisation: Organisation;
  disclosure: Disclosure;
}

/** What an improvement means on each measure, in a funder's words. */
const IMPROVED: Record<Measure, string> = {
  pirgas: 'showed an improved relationship with their baby',
  phq9: 'showed fewer symptoms of depression',
  gad7: 'showed fewer symptoms of anxiety',
};

const SOURCE_NAMES: Record<string, string> = {
  health_visitor: 'Health visitor',
  midwife: 'Midwife',
  gp: 'GP',
  childrens_centre: "Children's centre",
  social_worker: 'Social worker',
  perinatal_mh: 'Perinatal mental health team',
  self: 'Self-referral',
  other: 'Other',
};
/** Referral sources as people say them; unknown codes are shown as written, first letter raised. */
export const sourceName = (code: string) => SOURCE_NAMES[code] ?? capitalise(code.replaceAll('_', ' '));

const SERVICE_NAMES: Record<string, string> = { individual: 'Individual therapy', group: 'Groups' };
const SERVICE_ORDER = ['individual', 'group'];

/** "20 parents with before-and-after PIRGAS scores". */
const parentsWith = (what: string) => (n: number) => `${plural(n, 'parent')} ${what}`;
const be = (singular: boolean) => (singular ? 'was' : 'were');

/** The clinical range in words: "a PIRGAS score of 40 or below". */
function clinicalRange(m: Measure, t: MeasureThresholds): string {
  return `a ${MEASURE_NAMES[m].short} score of ${t.clinicalCutoff} or ${m === 'pirgas' ? 'below' : 'more'}`;
}

/** "Before-and-after PIRGAS scores were recorded for 20 of the 22 parents whose work with us ended in this period." */
function recordedSentence(what: string, paired: number, ended: number): string {
  const whose = ended === 1 ? 'parent whose work with us ended' : 'parents whose work with us ended';
  if (paired === 0)
    return `No before-and-after ${what} scores were recorded for the ${count(ended)} ${whose} in this period.`;
  if (paired === ended)
    return ended === 1
      ? `Before-and-after ${what} scores were recorded for the 1 ${whose} in this period.`
      : `Before-and-after ${what} scores were recorded for all ${count(ended)} ${whose} in this period.`;
  return `Before-and-after ${what} scores were recorded for ${count(paired)} of the ${count(ended)} ${whose} in this period.`;
}

/** "on average, their PIRGAS scores rose by 10.5 points, from 39.9 to 50.4". */
function averageChange(m: Measure, o: { meanChange: number; meanPre: number; meanPost: number }): string {
  const size = decimal1(Math.abs(o.meanChange));
  const scores = `their ${MEASURE_NAMES[m].short} scores`;
  if (size === '0.0') return `on average, ${scores} did not change (${decimal1(o.meanPre)} before and after)`;
  const verb = o.meanChange > 0 ? 'rose' : 'fell';
  return `on average, ${scores} ${verb} by ${size} points, from ${decimal1(o.meanPre)} to ${decimal1(o.meanPost)}`;
}

function measureSection(
  m: Measure,
  o: MeasureOutcome,
  t: MeasureThresholds,
  log: DisclosureLog,
): MeasureSection {
  const names = MEASURE_NAMES[m];
  const base = { id: m, name: names.short, longName: names.long };
  const sentences = [recordedSentence(names.short, o.paired, o.ended)];
  if (o.paired === 0 || o.meanChange === null || o.meanPre === null || o.meanPost === null) {
    return {
      ...base,
      sentences,
      empty: `No chart: without before-and-after ${names.short} scores no change can be shown.`,
    };
  }
  const improved = shareSubject(
    log.share(o.improved, o.paired, o.pctImproved),
    parentsWith(`with before-and-after ${names.short} scores`),
  );
  sentences.push(
    `${improved.text} ${IMPROVED[m]}; ${averageChange(m, { meanChange: o.meanChange, meanPre: o.meanPre, meanPost: o.meanPost })}.`,
  );
  if (o.atCaseness > 0) {
    const recovered = shareSubject(
      log.share(o.recovered, o.atCaseness, o.pctRecovered),
      parentsWith(`who began in the clinical range (${clinicalRange(m, t)})`),
    );
    sentences.push(`${recovered.text} ${be(recovered.singular)} out of it at the end.`);
  }
  const ci = o.meanChangeCi95;
  const chart: Chart = {
    data: {
      kind: 'before-after',
      measure: m,
      title: `${names.short}: mean score before and after`,
      min: m === 'pirgas' ? 0 : SCORE_RANGE[m].min,
      max: SCORE_RANGE[m].max,
      meanPre: o.meanPre,
      meanPost: o.meanPost,
      preText: decimal1(o.meanPre),
      postText: decimal1(o.meanPost),
      afterInterval: ci ? [o.meanPre + ci[0], o.meanPre + ci[1]] : null,
      cutoff: t.clinicalCutoff,
      higherIsBetter: m === 'pirgas',
    },
    caption: `Mean ${names.short} score before and after${ci ? ', with the 95% interval of the change' : ''}. Dashed line: the clinical cut-off. ${m === 'pirgas' ? 'Higher' : 'Lower'} is better.`,
    description: `Bar chart of the mean ${names.short} score of ${plural(o.paired, 'parent')}: ${decimal1(o.meanPre)} before and ${decimal1(o.meanPost)} after, a change of ${points(o.meanChange)} points${ci ? ` (95% interval ${interval(ci, points)})` : ''}. ${m === 'pirgas' ? 'Higher' : 'Lower'} scores are better; the clinical range is ${clinicalRange(m, t)}.`,
  };
  return { ...base, sentences, chart };
}

function mentalHealthSection(mh: MentalHealthOutcome, ended: number, log: DisclosureLog): MeasureSection {
  const base = {
    id: 'mentalHealth' as const,
    name: 'PHQ-9 and/or GAD-7',
    longName: 'Mental health: depression or anxiety',
  };
  const sentences = [recordedSentence('PHQ-9 or GAD-7', mh.paired, ended)];
  if (mh.paired === 0) return { ...base, sentences };
  const improved = shareSubject(
    log.share(mh.improved, mh.paired, mh.pctImproved),
    parentsWith('with before-and-after PHQ-9 or GAD-7 scores'),
  );
  sentences.push(
    `${improved.text} showed improved mental health as measured by the PHQ-9 and/or GAD-7: better on at least one, worse on neither.`,
  );
  if (mh.atCaseness > 0) {
    const recovered = shareSubject(
      log.share(mh.recovered, mh.atCaseness, mh.pctRecovered),
      parentsWith('with both measures recorded who began in the clinical range for depression or anxiety'),
    );
    sentences.push(`${recovered.text} recovered: they ended below the clinical cut-off on both.`);
  }
  return { ...base, sentences };
}

const TABLE_NAMES: Record<Measure, string> = {
  pirgas: 'PIRGAS (relationship)',
  phq9: 'PHQ-9 (depression)',
  gad7: 'GAD-7 (anxiety)',
};

/** One row per measure, as report.md lists: n, % improved, mean change and interval, reliable improvement, recovery. */
function outcomesSummary(stats: StatsModel, grant: Grant, log: DisclosureLog): Table {
  const dash = '—';
  const rows: string[][] = [];
  for (const m of grant.measures) {
    const o = stats.outcomes[m];
    if (!o) continue;
    const n = `${count(o.paired)} of ${count(o.ended)}`;
    if (o.paired === 0 || o.meanChange === null) {
      rows.push([TABLE_NAMES[m], n, dash, dash, dash, dash, dash, dash]);
      continue;
    }
    rows.push([
      TABLE_NAMES[m],
      n,
      log.share(o.improved, o.paired, o.pctImproved).text,
      points(o.meanChange),
      o.meanChangeCi95 ? interval(o.meanChangeCi95, points) : dash,
      log.share(o.reliableImprovement, o.paired, o.pctReliableImprovement).text,
      count(o.atCaseness),
      o.atCaseness === 0 ? dash : log.share(o.recovered, o.atCaseness, o.pctRecovered).text,
    ]);
  }
  const mh = stats.outcomes.mentalHealth;
  if (mh) {
    const n = `${count(mh.paired)} of ${count(stats.activity.episodesEnded)}`;
    rows.push(
      mh.paired === 0
        ? ['PHQ-9 and/or GAD-7', n, dash, dash, dash, dash, dash, dash]
        : [
            'PHQ-9 and/or GAD-7',
            n,
            log.share(mh.improved, mh.paired, mh.pctImproved).text,
            dash,
            dash,
            log.share(mh.reliableImprovement, mh.paired, mh.pctReliableImprovement).text,
            count(mh.atCaseness),
            mh.atCaseness === 0 ? dash : log.share(mh.recovered, mh.atCaseness, mh.pctRecovered).text,
          ],
    );
  }
  const notes = [
    'Parents with scores: those with a first and a last score, of the parents whose work ended in the period. Mean change is in points on the measure’s own scale: a rise is better on the PIRGAS, a fall on the PHQ-9 and GAD-7.',
    `Recovered: of the parents who began in the clinical range, those who ended out of it.${mh ? ' For PHQ-9 and/or GAD-7, only parents with both measures recorded count, and they recover when they end below the cut-off on both.' : ''}`,
    `A dash means the figure does not apply${mh ? ' (the two mental health measures have no common scale)' : ''} or too few parents had scores for it.`,
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
  };
}

/** Where the referral counts come from, which is not always the grant's own scope. */
function referralScope(grant: Grant): string | undefined {
  const areas = grant.match?.area;
  if (areas && areas.length > 0) return `all referrals from ${areas.join(', ')}`;
  if (grant.match) return 'all referrals to the service';
  return undefined;
}

function reachTiles(a: Activity, grant: Grant): Tile[] {
  return [
    {
      value: count(a.familiesServed),
      label: a.familiesServed === 1 ? 'family served' : 'families served',
      note: a.parentsServed === 0 ? undefined : `${plural(a.parentsServed, 'parent')} with their babies`,
    },
    {
      value: a.referrals === null ? '—' : count(a.referrals),
      label: a.referrals === 1 ? 'referral received' : 'referrals received',
      note: a.referrals === null ? 'no referral counts supplied' : referralScope(grant),
    },
  ];
}

function outcomeTiles(stats: StatsModel, log: DisclosureLog): Tile[] {
  const result: Tile[] = [];
  // A tile showing "6 of 8" says its denominator already; one showing "85%" says it in the note.
  const of = (share: Share, who: string) =>
    share.small ? `parents ${who}` : `of ${plural(share.whole, 'parent')} ${who}`;
  const pirgas = stats.outcomes.pirgas;
  if (pirgas) {
    const share = log.share(pirgas.improved, pirgas.paired, pirgas.pctImproved);
    result.push({
      value: pirgas.paired === 0 ? '—' : share.text,
      label: 'improved parent–infant relationship (PIRGAS)',
      note:
        pirgas.meanChange === null
          ? 'no before-and-after scores'
          : `${share.small ? '' : `${of(share, 'with scores')}; `}average change ${points(pirgas.meanChange)} points`,
    });
  }
  const mh = stats.outcomes.mentalHealth;
  if (mh) {
    const improved = log.share(mh.improved, mh.paired, mh.pctImproved);
    result.push({
      value: mh.paired === 0 ? '—' : improved.text,
      label: 'improved mental health (PHQ-9 and/or GAD-7)',
      note: mh.paired === 0 ? 'no before-and-after scores' : of(improved, 'with scores'),
    });
    const recovered = log.share(mh.recovered, mh.atCaseness, mh.pctRecovered);
    result.push({
      value: mh.atCaseness === 0 ? '—' : recovered.text,
      label: 'recovered from depression or anxiety',
      note:
        mh.atCaseness === 0
          ? 'no parent began in the clinical range'
          : of(recovered, 'who began in the clinical range'),
    });
  }
  return result;
}

function headline(stats: StatsModel, empty: boolean, periodWords: string, log: DisclosureLog): string[] {
  const a = stats.activity;
  if (empty) {
    return [
      `No work with parents under this grant was recorded for ${periodWords}, so this report has no outcomes to show.`,
    ];
  }
  const lines = [
    `In this period the grant supported ${plural(a.familiesServed, 'local family', 'local families')} (${plural(a.parentsServed, 'parent')}).`,
  ];
  const pirgas = stats.outcomes.pirgas;
  if (pirgas && pirgas.paired > 0 && pirgas.meanChange !== null) {
    const who = shareSubject(
      log.share(pirgas.improved, pirgas.paired, pirgas.pctImproved),
      parentsWith('with before-and-after PIRGAS scores'),
    );
    const change = decimal1(Math.abs(pirgas.meanChange));
    const average =
      change === '0.0'
        ? 'the average score did not change'
        : `the average score ${pirgas.meanChange > 0 ? 'rose' : 'fell'} by ${change} points`;
    lines.push(`${who.text} ${IMPROVED.pirgas}, and ${average}.`);
  }
  const mh = stats.outcomes.mentalHealth;
  if (mh && mh.paired > 0) {
    const who = shareSubject(
      log.share(mh.improved, mh.paired, mh.pctImproved),
      parentsWith('with before-and-after PHQ-9 or GAD-7 scores'),
    );
    lines.push(`${who.text} showed improved mental health as measured by the PHQ-9 and/or GAD-7.`);
    if (mh.atCaseness > 0) {
      const recovered = shareSubject(
        log.share(mh.recovered, mh.atCaseness, mh.pctRecovered),
        parentsWith('who began in the clinical range for depression or anxiety'),
      );
      lines.push(`${recovered.text} recovered.`);
    }
  }
  if (a.episodesEnded === 0) {
    lines.push(
      'No parent’s work with us ended in this period, so there are no outcomes yet: they are measured when work ends.',
    );
  }
  return lines;
}

function reach(stats: StatsModel, grant: Grant, log: DisclosureLog, minCell: number): ReportModel['reach'] {
  const a = stats.activity;
  const scope = referralScope(grant);
  const sentences: string[] = [];
  const counted = scope ? ` (${scope}, however funded)` : '';
  if (a.referrals === null) sentences.push('No referral counts were supplied for this report.');
  else if (a.referrals === 0) sentences.push(`No referrals were recorded for the period${counted}.`);
  else
    sentences.push(
      `${capitalise(plural(a.referrals, 'referral'))} ${a.referrals === 1 ? 'was' : 'were'} received in the period${counted}.`,
    );
  if (a.episodesReferred === 0 && a.parentsServed === 0 && a.episodesEnded === 0) {
    sentences.push(
      'No parents were referred to, seen by or finished work with this grant’s service in the period.',
    );
  } else {
    sentences.push(
      `Of the parents in this report, ${count(a.episodesReferred)} ${a.episodesReferred === 1 ? 'was' : 'were'} referred in the period, ${count(a.parentsServed)} ${a.parentsServed === 1 ? 'was' : 'were'} seen and ${count(a.episodesEnded)} finished their work with us${a.sessionsMedian === null ? '' : `, after a median of ${decimal1(a.sessionsMedian).replace(/\.0$/, '')} sessions`}.`,
    );
  }

  // Sources with no referrals are left out: a row of "0" tells the funder nothing.
  const sources = Object.entries(a.referralsBySource)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => [sourceName(s), n] as [string, number])
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  let sourcesTable: Table | undefined;
  let sourcesChart: Chart | undefined;
  if (sources.length > 0) {
    sourcesTable = {
      caption: 'Referrals by source',
      headers: ['Source', 'Referrals'],
      rows: sources.map(([s, n]) => [s, log.cell(n, 'the referrals-by-source table')]),
      numeric: true,
    };
    const folded = foldSmall(sources, minCell).sort(
      (x, y) =>
        Number(x[0] === 'Other') - Number(y[0] === 'Other') || y[1] - x[1] || x[0].localeCompare(y[0]),
    );
    if (folded.length > 0) {
      sourcesChart = {
        data: {
          kind: 'bars',
          title: 'Referrals by source',
          labels: folded.map(([l]) => l),
          values: folded.map(([, n]) => n),
          valueTexts: folded.map(([, n]) => count(n)),
          valueLabel: 'Referrals',
        },
        caption:
          folded.length < sources.length
            ? `Sources with fewer than ${minCell} referrals are counted in Other.`
            : undefined,
        description: `Bar chart of referrals by source: ${folded.map(([l, n]) => `${l} ${count(n)}`).join(', ')}.${folded.length < sources.length ? ` Sources with fewer than ${minCell} referrals are counted in Other, or left out if still fewer than ${minCell}.` : ''}`,
      };
    }
  }

  const active = stats.trend.some(
    (t) => t.familiesServed > 0 || t.parentsServed > 0 || (t.referrals !== null && t.referrals > 0),
  );
  const withReferrals = a.referrals !== null;
  const suppressed = (n: number | null) => (n === null || (n > 0 && n < minCell) ? null : n);
  const monthly = stats.trend.every((t) => t.from.slice(0, 7) === t.to.slice(0, 7));
  const labels = stats.trend.map((t) => spanInWords(t.from, t.to));
  const trendWhere = monthly ? 'the month-by-month table' : 'the quarter-by-quarter table';
  const trendTable: Table | undefined = active
    ? {
        caption: monthly ? 'Month by month' : 'Quarter by quarter',
        headers: [
          monthly ? 'Month' : 'Quarter',
          ...(withReferrals ? ['Referrals'] : []),
          'Parents served',
          'Families served',
        ],
        rows: stats.trend.map((t, i) => [
          labels[i] as string,
          ...(withReferrals ? [log.cell(t.referrals ?? 0, trendWhere)] : []),
          log.cell(t.parentsServed, trendWhere),
          log.cell(t.familiesServed, trendWhere),
        ]),
        numeric: true,
      }
    : undefined;
  const cell = (n: number) => cellText(n, minCell);
  const small = (n: number | null) => n !== null && n > 0 && n < minCell;
  const hidden = stats.trend.some((t) => small(t.familiesServed) || (withReferrals && small(t.referrals)));
  const trendChart: Chart | undefined = active
    ? {
        data: {
          kind: 'trend',
          title: 'Referrals and families served over the period',
          labels,
          referrals: withReferrals ? stats.trend.map((t) => suppressed(t.referrals)) : null,
          families: stats.trend.map((t) => suppressed(t.familiesServed)),
        },
        // The legend names the series; a caption is needed only to explain a gap.
        caption: hidden ? `Counts from 1 to ${minCell - 1} are not drawn, to protect privacy.` : undefined,
        description: `Chart of ${withReferrals ? 'referrals and ' : ''}families served ${monthly ? 'in each month' : 'in each quarter'}: ${stats.trend
          .map(
            (t, i) =>
              `${labels[i]}: ${withReferrals ? `${cell(t.referrals ?? 0)} referrals, ` : ''}${cell(t.familiesServed)} ${t.familiesServed === 1 ? 'family' : 'families'}`,
          )
          .join('; ')}.${hidden ? ` Counts from 1 to ${minCell - 1} are not drawn.` : ''}`,
      }
    : undefined;

  const services = Object.entries(stats.byService)
    .filter(([, s]) => s && (s.activity.parentsServed > 0 || s.activity.episodesEnded > 0))
    .sort(
      ([x], [y]) =>
        (SERVICE_ORDER.indexOf(x) + 1 || 99) - (SERVICE_ORDER.indexOf(y) + 1 || 99) || x.localeCompare(y),
    );
  const withPirgas = grant.measures.includes('pirgas');
  const servicesTable: Table | undefined =
    services.length > 0
      ? {
          caption: 'Individual therapy and groups',
          headers: [
            'Service',
            'Parents served',
            'Families served',
            'Finished',
            ...(withPirgas ? ['Improved relationship (PIRGAS)'] : []),
          ],
          rows: services.map(([service, s]) => {
            const p = s?.outcomes.pirgas;
            const where = 'the services table';
            return [
              SERVICE_NAMES[service] ?? capitalise(service),
              log.cell(s?.activity.parentsServed ?? 0, where),
              log.cell(s?.activity.familiesServed ?? 0, where),
              log.cell(s?.activity.episodesEnded ?? 0, where),
              // "1 of 2" beside a "<5" would undo it: a share on fewer than minCell is not shown here.
              ...(withPirgas
                ? [p && p.paired >= minCell ? log.share(p.improved, p.paired, p.pctImproved).text : '—']
                : []),
            ];
          }),
          numeric: true,
          notes: withPirgas
            ? [
                `Improved relationship: of the parents with before-and-after PIRGAS scores whose work ended. A dash means fewer than ${minCell} had them: too few to show.`,
              ]
            : undefined,
        }
      : undefined;
  return { sentences, sourcesChart, sourcesTable, trendChart, trendTable, servicesTable };
}

function method(
  stats: StatsModel,
  grant: Grant,
  log: DisclosureLog,
  rules: Disclosure,
): ReportModel['method'] {
  const t = stats.thresholds;
  const definitions = [
    'Parents served are episodes of work (one parent or carer with one infant) active at any time in the period; families served counts distinct families among them.',
    'Outcomes are measured on episodes that ended in the period and have both a first and a last score. Change is the last score minus the first.',
    'Improved means any change in the better direction (higher on the PIRGAS, lower on the PHQ-9 and GAD-7). Reliable improvement means a change in the better direction of at least the reliable-change threshold below, larger than the measure’s usual error.',
    'Recovery means a parent who began in the clinical range finished outside it. For mental health, a parent recovers when, with both PHQ-9 and GAD-7 recorded, they began in the clinical range on either and ended below the cut-off on both (NHS Talking Therapies conventions).',
    'The 95% interval of a mean change is computed with the t distribution: the range in which the true average change plausibly lies, given how much parents’ changes varied.',
    'Percentages are rounded to whole numbers and point changes to one decimal place, halves rounded up.',
  ];
  const thresholds: Table = {
    caption: 'Thresholds used in this report',
    headers: ['Measure', 'Reliable change (points)', 'Clinical range'],
    rows: grant.measures.map((m) => [
      MEASURE_NAMES[m].short,
      count(t[m].reliableChange),
      m === 'pirgas' ? `${t[m].clinicalCutoff} or below` : `${t[m].clinicalCutoff} or above`,
    ]),
    numeric: true,
  };
  const dataQuality: string[] = [];
  for (const m of grant.measures) {
    const o = stats.outcomes[m];
    if (!o || o.ended === 0) continue;
    const missing = o.ended - o.paired;
    dataQuality.push(
      missing === 0
        ? `${MEASURE_NAMES[m].short}: all ${plural(o.ended, 'episode')} that ended had before and after scores.`
        : `${MEASURE_NAMES[m].short}: ${count(missing)} of the ${plural(o.ended, 'episode')} that ended lacked a before or after score (${count(o.paired)} had both) and ${missing === 1 ? 'is' : 'are'} not in the results.`,
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
      ['Referral counts (SHA-256)', stats.provenance.sha256.referrals ?? 'not supplied'],
    ],
  };
  const hidden = [...log.suppressed].map(([where, n]) => `${count(n)} in ${where}`);
  const disclosure = [
    `To protect privacy, counts from 1 to ${rules.minCell - 1} in breakdowns are shown as “<${rules.minCell}” (and left out of charts, or counted in Other), and percentages of fewer than ${rules.minDenominator} people are shown as “x of n”. Headline totals are shown as they are.`,
  ];
  if (log.suppressedCells + log.smallDenominators === 0) {
    disclosure.push('Nothing in this report needed to be hidden.');
  } else {
    if (log.suppressedCells > 0)
      disclosure.push(
        `In this report ${plural(log.suppressedCells, 'count')} ${log.suppressedCells === 1 ? 'was' : 'were'} shown as “<${rules.minCell}”: ${hidden.join('; ')}.`,
      );
    if (log.smallDenominators > 0)
      disclosure.push(
        `${capitalise(plural(log.smallDenominators, 'figure'))} ${log.smallDenominators === 1 ? 'was' : 'were'} shown as “x of n” instead of a percentage.`,
      );
  }
  return { definitions, thresholds, dataQuality, disclosure, provenance };
}

const listInWords = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** What the report covers, so a reader knows whose figures these are. */
function scopeOf(grant: Grant, organisation: Organisation, a: Activity, periodWords: string): string {
  const match = grant.match;
  const work = match?.funding
    ? `${organisation.name}’s work with parents funded by this grant`
    : `all of ${organisation.name}’s work with parents`;
  const where = match?.area ? ` in ${listInWords(match.area)}` : '';
  const services = match?.service?.map((s) => (SERVICE_NAMES[s] ?? s).toLowerCase());
  const which = services ? ` (${listInWords(services)} only)` : '';
  const outcomes =
    a.episodesEnded === 0
      ? 'No parent’s work ended in the period, so it has no outcomes yet.'
      : `Its outcomes are for the ${plural(a.episodesEnded, 'parent')} whose work ended in the period.`;
  return `This report covers ${work}${where}${which} at any time in the period ${periodWords}. ${outcomes}`;
}

/** The grant's narrative as paragraphs (blank lines separate them); none when it is blank. */
function paragraphs(text: string | undefined): string[] | undefined {
  const result = (text ?? '')
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  return result.length > 0 ? result : undefined;
}

/** StatsModel → ReportModel: sentences, tiles, tables, disclosure control. Pure. */
export function buildReportModel({ stats, grant, organisation, disclosure }: ReportContext): ReportModel {
  const log = new DisclosureLog(disclosure);
  const periodWords = periodInWords(stats.period);
  const a = stats.activity;
  const empty = a.parentsServed === 0 && a.episodesEnded === 0;
  const anyEnded = a.episodesEnded > 0;

  const sections: MeasureSection[] = [];
  if (anyEnded) {
    for (const m of grant.measures) {
      const o = stats.outcomes[m];
      if (o) sections.push(measureSection(m, o, stats.thresholds[m], log));
    }
    const mh = stats.outcomes.mentalHealth;
    if (mh) {
      // PHQ-9 and GAD-7 together go before either alone: it is the mental health headline.
      const at = sections.findIndex((s) => s.id === 'phq9' || s.id === 'gad7');
      sections.splice(at < 0 ? sections.length : at, 0, mentalHealthSection(mh, a.episodesEnded, log));
    }
  }
  const glance = headline(stats, empty, periodWords, log);
  const outcomes: ReportModel['outcomes'] = anyEnded
    ? { summary: outcomesSummary(stats, grant, log), sections }
    : {
        empty: empty
          ? 'No work with parents was recorded in this period, so there are no outcomes to report.'
          : 'No parent’s work with us ended in this period, so there are no outcomes to report yet: outcomes are measured when work ends.',
        sections: [],
      };
  const model: Omit<ReportModel, 'method' | 'smallNumbersNote'> = {
    lang: 'en-GB',
    documentTitle: `${grant.funder}: ${grant.title} — impact report, ${periodWords}`,
    subject: `Outcomes of ${grant.title} for ${grant.funder}, ${periodWords}`,
    keywords: [
      'impact report',
      grant.funder,
      organisation.name,
      stats.period.label,
      ...grant.measures.map((m) => MEASURE_NAMES[m].short),
    ],
    organisation: {
      name: organisation.name,
      shortName: organisation.shortName,
      charityNumber: organisation.charityNumber,
      logo: organisation.logo,
    },
    funder: grant.funder,
    grantTitle: grant.title,
    grantId: grant.id,
    periodLabel: stats.period.label,
    periodWords,
    theme: grant.theme,
    colours: {
      primary: grant.colours.primary,
      accent: grant.colours.accent,
      organisation: organisation.colours.primary,
    },
    funderLogo: grant.logo,
    empty,
    headline: glance,
    scope: scopeOf(grant, organisation, a, periodWords),
    reachTiles: reachTiles(a, grant),
    outcomeTiles: anyEnded ? outcomeTiles(stats, log) : [],
    outcomes,
    reach: reach(stats, grant, log, disclosure.minCell),
    narrative: paragraphs(grant.narrative),
  };
  return {
    ...model,
    method: method(stats, grant, log, disclosure),
    smallNumbersNote: log.smallDenominators > 0,
  };
}
