import { periodInWords } from '../config/period.js';
import { type Grant, MEASURE_NAMES, type Measure, type Organisation, SCORE_RANGE } from '../domain.js';
import type { MentalHealthOutcome } from '../stats/mental-health.js';
import type { StatsModel } from '../stats/model.js';
import type { MeasureOutcome } from '../stats/outcomes.js';
import { type Disclosure, DisclosureLog, foldSmall } from './disclosure.js';
import { count, decimal1, interval, plural, points } from './format.js';
import type { Chart, MeasureSection, ReportModel, Table, Tile } from './model.js';

export interface ReportContext {
  stats: StatsModel;
  grant: Grant;
  organisation: Organisation;
  disclosure: Disclosure;
}

/** What an improvement means on each measure, in a funder's words. */
const IMPROVED: Record<Measure, { improved: string; change: string }> = {
  pirgas: { improved: 'showed an improved relationship with their baby', change: 'points on the PIRGAS' },
  phq9: { improved: 'showed fewer symptoms of depression (PHQ-9)', change: 'points on the PHQ-9' },
  gad7: { improved: 'showed fewer symptoms of anxiety (GAD-7)', change: 'points on the GAD-7' },
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
/** Referral sources as people say them; unknown codes are shown as written. */
export const sourceName = (code: string) => SOURCE_NAMES[code] ?? code.replaceAll('_', ' ');

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function measureSection(m: Measure, o: MeasureOutcome, log: DisclosureLog): MeasureSection {
  const names = MEASURE_NAMES[m];
  const base = { id: m, name: names.short, longName: names.long };
  if (o.ended === 0) {
    return {
      ...base,
      sentences: [],
      empty: `No episodes ended in this period, so there are no ${names.short} results to report.`,
    };
  }
  const recorded = `Before-and-after ${names.short} scores were recorded for ${count(o.paired)} of the ${plural(o.ended, 'parent')} whose work with us ended in this period.`;
  if (o.paired === 0 || o.meanChange === null || o.meanPre === null || o.meanPost === null) {
    return {
      ...base,
      sentences: [recorded],
      empty: `Without paired ${names.short} scores no change can be reported, so there is no chart for this measure.`,
    };
  }
  const improved = log.share(o.improved, o.paired, o.pctImproved);
  const phrase = IMPROVED[m];
  const direction =
    m === 'pirgas' ? (o.meanChange >= 0 ? 'rose' : 'fell') : o.meanChange <= 0 ? 'fell' : 'rose';
  const sentences = [
    recorded,
    `${capitalise(improved.text)} ${phrase.improved}; on average, scores ${direction} by ${decimal1(Math.abs(o.meanChange))} ${phrase.change} (from ${decimal1(o.meanPre)} to ${decimal1(o.meanPost)}).`,
  ];
  if (o.atCaseness > 0) {
    const recovered = log.share(o.recovered, o.atCaseness, o.pctRecovered);
    sentences.push(
      `Of the ${plural(o.atCaseness, 'parent')} who began in the clinical range, ${recovered.text} ${o.recovered === 1 && recovered.small ? 'was' : 'were'} out of it at the end.`,
    );
  }
  const ci = o.meanChangeCi95;
  const table: Table = {
    caption: `${names.short}: results for parents whose work ended in the period`,
    headers: ['Measure', 'Result'],
    rows: [
      ['Parents with before and after scores (n)', `${count(o.paired)} of ${count(o.ended)}`],
      ['Improved', improved.text],
      ['Unchanged / deteriorated', `${count(o.unchanged)} / ${count(o.deteriorated)}`],
      ['Mean score before → after', `${decimal1(o.meanPre)} → ${decimal1(o.meanPost)}`],
      [
        'Mean change (95% interval)',
        ci
          ? `${points(o.meanChange)} (${interval(ci, points)})`
          : `${points(o.meanChange)} (too few for an interval)`,
      ],
      ['Reliable improvement', log.share(o.reliableImprovement, o.paired, o.pctReliableImprovement).text],
      [
        'Recovery (of those who began in the clinical range)',
        o.atCaseness === 0
          ? 'none began in the clinical range'
          : log.share(o.recovered, o.atCaseness, o.pctRecovered).text,
      ],
    ],
  };
  const range = SCORE_RANGE[m];
  const chart: Chart = {
    data: {
      kind: 'before-after',
      measure: m,
      title: `${names.short}: mean score before and after`,
      min: m === 'pirgas' ? 0 : range.min,
      max: range.max,
      meanPre: o.meanPre,
      meanPost: o.meanPost,
      afterInterval: ci ? [o.meanPre + ci[0], o.meanPre + ci[1]] : null,
      higherIsBetter: m === 'pirgas',
    },
    description: `Bar chart of the mean ${names.short} score for ${plural(o.paired, 'parent')}: ${decimal1(o.meanPre)} before and ${decimal1(o.meanPost)} after, a change of ${points(o.meanChange)} points${ci ? ` (95% interval ${interval(ci, points)})` : ''}. ${m === 'pirgas' ? 'Higher' : 'Lower'} scores are better.`,
  };
  return { ...base, sentences, table, chart };
}

function mentalHealthSection(
  mh: MentalHealthOutcome,
  log: DisclosureLog,
): NonNullable<ReportModel['mentalHealth']> {
  if (mh.paired === 0) {
    return {
      sentences: [],
      empty: 'No parent whose work ended in this period had before-and-after PHQ-9 or GAD-7 scores.',
    };
  }
  const improved = log.share(mh.improved, mh.paired, mh.pctImproved);
  const sentences = [
    `${capitalise(improved.text)} of the ${plural(mh.paired, 'parent')} with before-and-after PHQ-9 or GAD-7 scores showed improved mental health as measured by the PHQ-9 and/or GAD-7 (better on at least one, worse on neither).`,
  ];
  if (mh.atCaseness > 0) {
    sentences.push(
      `Of the ${plural(mh.atCaseness, 'parent')} who began in the clinical range for depression or anxiety, ${log.share(mh.recovered, mh.atCaseness, mh.pctRecovered).text} recovered (below the clinical cut-off on both at the end).`,
    );
  }
  return {
    sentences,
    table: {
      caption: 'Mental health: PHQ-9 and/or GAD-7 together',
      headers: ['Measure', 'Result'],
      rows: [
        ['Parents with before and after scores on either', count(mh.paired)],
        ['Improved', improved.text],
        [
          'Reliable improvement',
          log.share(mh.reliableImprovement, mh.paired, mh.pctReliableImprovement).text,
        ],
        ['Began in the clinical range (both measures recorded)', count(mh.atCaseness)],
        [
          'Recovered',
          mh.atCaseness === 0
            ? 'none began in the clinical range'
            : log.share(mh.recovered, mh.atCaseness, mh.pctRecovered).text,
        ],
        [
          'Reliable recovery',
          mh.atCaseness === 0
            ? '—'
            : log.share(mh.reliableRecovery, mh.atCaseness, mh.pctReliableRecovery).text,
        ],
      ],
    },
  };
}

function tiles(stats: StatsModel, log: DisclosureLog): Tile[] {
  const a = stats.activity;
  const result: Tile[] = [
    {
      value: count(a.familiesServed),
      label: a.familiesServed === 1 ? 'family served' : 'families served',
      note: `${plural(a.parentsServed, 'parent')} and infants`,
    },
    {
      value: a.referrals === null ? '—' : count(a.referrals),
      label: 'referrals received',
      note: a.referrals === null ? 'no referral counts supplied' : undefined,
    },
  ];
  const pirgas = stats.outcomes.pirgas;
  if (pirgas) {
    const share = log.share(pirgas.improved, pirgas.paired, pirgas.pctImproved);
    result.push({
      value: pirgas.paired === 0 ? '—' : share.text,
      label: 'improved parent–infant relationship (PIRGAS)',
      note:
        pirgas.meanChange === null ? 'no paired scores' : `mean change ${points(pirgas.meanChange)} points`,
    });
  }
  const mh = stats.outcomes.mentalHealth;
  if (mh) {
    result.push({
      value: mh.paired === 0 ? '—' : log.share(mh.improved, mh.paired, mh.pctImproved).text,
      label: 'improved mental health (PHQ-9 and/or GAD-7)',
      note: mh.paired === 0 ? 'no paired scores' : `of ${plural(mh.paired, 'parent')} with scores`,
    });
    result.push({
      value: mh.atCaseness === 0 ? '—' : log.share(mh.recovered, mh.atCaseness, mh.pctRecovered).text,
      label: 'recovery rate',
      note:
        mh.atCaseness === 0
          ? 'no parent began in the clinical range'
          : `of ${plural(mh.atCaseness, 'parent')} in the clinical range`,
    });
  }
  return result;
}

function headline(stats: StatsModel, log: DisclosureLog): string[] {
  const a = stats.activity;
  if (a.parentsServed === 0 && a.episodesEnded === 0) {
    return [
      `No episodes matched this grant in ${periodInWords(stats.period)}, so this report has no outcomes to show.`,
    ];
  }
  const lines = [
    `In this period the grant supported ${plural(a.familiesServed, 'local family', 'local families')} (${plural(a.parentsServed, 'parent')}).`,
  ];
  const pirgas = stats.outcomes.pirgas;
  if (pirgas && pirgas.paired > 0 && pirgas.meanChange !== null) {
    lines.push(
      `${capitalise(log.share(pirgas.improved, pirgas.paired, pirgas.pctImproved).text)} showed an improved relationship with their baby, by an average of ${decimal1(pirgas.meanChange)} points.`,
    );
  }
  const mh = stats.outcomes.mentalHealth;
  if (mh && mh.paired > 0) {
    lines.push(
      `${capitalise(log.share(mh.improved, mh.paired, mh.pctImproved).text)} of parents showed improved mental health on the PHQ-9 and/or GAD-7.`,
    );
  }
  return lines;
}

function reach(stats: StatsModel, log: DisclosureLog, minCell: number): ReportModel['reach'] {
  const a = stats.activity;
  const sentences: string[] = [];
  if (a.referrals === null) sentences.push('No referral counts were supplied for this report.');
  else sentences.push(`${count(a.referrals)} referrals were received in the period.`);
  sentences.push(
    `${plural(a.episodesReferred, 'new episode')} began with a referral in the period; ${plural(a.episodesEnded, 'episode')} ended.`,
  );

  const sources = Object.entries(a.referralsBySource).sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]));
  let sourcesTable: Table | undefined;
  let sourcesChart: Chart | undefined;
  if (sources.length > 0) {
    sourcesTable = {
      caption: 'Referrals by source',
      headers: ['Source', 'Referrals'],
      rows: sources.map(([s, n]) => [sourceName(s), log.cell(n)]),
      numeric: true,
    };
    const folded = foldSmall(
      sources.map(([s, n]) => [sourceName(s), n]),
      minCell,
    ).filter(([, n]) => n > 0);
    if (folded.length > 0) {
      sourcesChart = {
        data: {
          kind: 'bars',
          title: 'Referrals by source',
          labels: folded.map(([l]) => l),
          values: folded.map(([, n]) => n),
          horizontal: true,
          valueLabel: 'Referrals',
        },
        description: `Bar chart of referrals by source: ${folded.map(([l, n]) => `${l} ${count(n)}`).join(', ')}. Sources with fewer than ${minCell} referrals are counted in Other or left out.`,
      };
    }
  }

  const suppressed = (n: number | null) => (n === null ? null : n > 0 && n < minCell ? null : n);
  const trendTable: Table = {
    caption: 'Over the period',
    headers: ['Period', 'Referrals', 'Parents served', 'Families served'],
    rows: stats.trend.map((t) => [
      t.label,
      t.referrals === null ? '—' : log.cell(t.referrals),
      log.cell(t.parentsServed),
      log.cell(t.familiesServed),
    ]),
    numeric: true,
  };
  const any = stats.trend.some((t) => t.familiesServed > 0 || (t.referrals ?? 0) > 0);
  const trendChart: Chart | undefined = any
    ? {
        data: {
          kind: 'trend',
          title: 'Referrals and families served over the period',
          labels: stats.trend.map((t) => t.label),
          referrals: a.referrals === null ? null : stats.trend.map((t) => suppressed(t.referrals)),
          families: stats.trend.map((t) => suppressed(t.familiesServed)),
        },
        description: `Chart of ${a.referrals === null ? '' : 'referrals and '}families served in each part of the period: ${stats.trend
          .map(
            (t) =>
              `${t.label}: ${a.referrals === null ? '' : `${log.cell(t.referrals ?? 0)} referrals, `}${log.cell(t.familiesServed)} families`,
          )
          .join('; ')}. Counts below ${minCell} are not drawn.`,
      }
    : undefined;

  const services = Object.entries(stats.byService);
  const servicesTable: Table | undefined =
    services.length > 0
      ? {
          caption: 'Individual therapy and groups',
          headers: ['Service', 'Parents served', 'Families served', 'Episodes ended', 'Improved (PIRGAS)'],
          rows: services.map(([service, s]) => {
            const p = s.outcomes.pirgas;
            return [
              service === 'individual' ? 'Individual therapy' : service === 'group' ? 'Groups' : service,
              log.cell(s.activity.parentsServed),
              log.cell(s.activity.familiesServed),
              log.cell(s.activity.episodesEnded),
              p ? log.share(p.improved, p.paired, p.pctImproved).text : '—',
            ];
          }),
          numeric: true,
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
    'Improved means any change in the better direction (higher on the PIRGAS, lower on the PHQ-9 and GAD-7). Reliable improvement means a change of at least the reliable-change threshold below.',
    'Recovery means a parent who began in the clinical range finished outside it. For mental health, a parent recovers when, with both PHQ-9 and GAD-7 recorded, one began in the clinical range and both ended below the cut-off (NHS Talking Therapies conventions).',
    'The 95% interval of a percentage is the Wilson score interval; that of a mean change uses the t distribution.',
  ];
  const thresholds: Table = {
    caption: 'Thresholds used in this report',
    headers: ['Measure', 'Reliable change (points)', 'Clinical range'],
    rows: grant.measures.map((m) => [
      MEASURE_NAMES[m].short,
      String(t[m].reliableChange),
      m === 'pirgas' ? `${t[m].clinicalCutoff} or below` : `${t[m].clinicalCutoff} or above`,
    ]),
  };
  const dataQuality: string[] = [];
  for (const m of grant.measures) {
    const o = stats.outcomes[m];
    if (!o || o.ended === 0) continue;
    const missing = o.ended - o.paired;
    dataQuality.push(
      missing === 0
        ? `${MEASURE_NAMES[m].short}: every one of the ${plural(o.ended, 'episode')} that ended had before and after scores.`
        : `${MEASURE_NAMES[m].short}: ${plural(missing, 'episode')} of ${count(o.ended)} that ended lacked a before or after score and ${missing === 1 ? 'is' : 'are'} not in the results.`,
    );
  }
  if (dataQuality.length === 0)
    dataQuality.push('No episodes ended in this period, so no scores were needed.');
  const provenance: Table = {
    caption: 'Provenance',
    headers: ['Item', 'Value'],
    rows: [
      ['Generated', stats.provenance.generatedAt],
      ['Tool version', `impact-report ${stats.provenance.toolVersion}`],
      ['Configuration SHA-256', stats.provenance.sha256.configuration],
      ['Outcomes export SHA-256', stats.provenance.sha256.outcomes],
      ['Referral counts SHA-256', stats.provenance.sha256.referrals ?? 'not supplied'],
    ],
  };
  return {
    definitions,
    thresholds,
    dataQuality,
    disclosure: [
      `To protect privacy, counts from 1 to ${rules.minCell - 1} in breakdowns are shown as "<${rules.minCell}", and percentages of fewer than ${rules.minDenominator} people are shown as "x of n".`,
      log.suppressedCells + log.smallDenominators === 0
        ? 'Nothing in this report needed to be hidden.'
        : `In this report ${plural(log.suppressedCells, 'count')} ${log.suppressedCells === 1 ? 'was' : 'were'} shown as "<${rules.minCell}" and ${plural(log.smallDenominators, 'percentage')} ${log.smallDenominators === 1 ? 'was' : 'were'} shown as "x of n".`,
    ],
    provenance,
  };
}

/** StatsModel → ReportModel: sentences, tiles, tables, disclosure control. Pure. */
export function buildReportModel({ stats, grant, organisation, disclosure }: ReportContext): ReportModel {
  const log = new DisclosureLog(disclosure);
  const periodWords = periodInWords(stats.period);
  const measures = grant.measures.flatMap((m) => {
    const o = stats.outcomes[m];
    return o ? [measureSection(m, o, log)] : [];
  });
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
    headline: headline(stats, log),
    tiles: tiles(stats, log),
    measures,
    mentalHealth: stats.outcomes.mentalHealth
      ? mentalHealthSection(stats.outcomes.mentalHealth, log)
      : undefined,
    reach: reach(stats, log, disclosure.minCell),
    narrative: grant.narrative
      ? grant.narrative.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, ' ').trim())
      : undefined,
  };
  return {
    ...model,
    method: method(stats, grant, log, disclosure),
    smallNumbersNote: log.smallDenominators > 0,
  };
}
