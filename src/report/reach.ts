import type { Grant } from '../domain.js';
import type { Reported } from '../measures/in-force.js';
import type { StatsModel } from '../stats/model.js';
import type { MeasureOutcome } from '../stats/outcomes.js';
import { cellText, type DisclosureLog, foldSmall } from './disclosure.js';
import { capitalise, count, decimal1, plural, spanInWords } from './format.js';
import { referralScope } from './glance.js';
import type { Chart, Figure, ReportModel, Table } from './model.js';
import { SERVICE_NAMES, SERVICE_ORDER, sourceName } from './words.js';

/** The Reach section: referrals, who was seen, sources, the trend, and the services side by side. */
export function reach(
  stats: StatsModel,
  grant: Grant,
  reported: Reported,
  log: DisclosureLog,
  minCell: number,
): ReportModel['reach'] {
  const a = stats.activity;
  const scope = referralScope(grant);
  const sentences: string[] = [];
  // What only the sentences say, for the CSV.
  const figures: Figure[] = [];
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
    const sessions = a.sessionsMedian === null ? undefined : decimal1(a.sessionsMedian).replace(/\.0$/, '');
    figures.push(
      { figure: 'Parents referred in the period', value: count(a.episodesReferred) },
      { figure: 'Parents seen in the period', value: count(a.parentsServed) },
      { figure: 'Parents who finished their work with us', value: count(a.episodesEnded) },
      ...(sessions === undefined
        ? []
        : [{ figure: 'Median sessions, parents who finished', value: sessions }]),
    );
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
  // The services side by side on the grant's first measure, its headline.
  const first = reported.measures[0];
  const servicesTable: Table | undefined =
    services.length > 0
      ? {
          caption: 'Individual therapy and groups',
          headers: [
            'Service',
            'Parents served',
            'Families served',
            'Finished',
            ...(first ? [`Improved (${first.name})`] : []),
          ],
          rows: services.map(([service, s]) => {
            const p = first ? (s?.outcomes[first.id] as MeasureOutcome | undefined) : undefined;
            const where = 'the services table';
            return [
              SERVICE_NAMES[service] ?? capitalise(service),
              log.cell(s?.activity.parentsServed ?? 0, where),
              log.cell(s?.activity.familiesServed ?? 0, where),
              log.cell(s?.activity.episodesEnded ?? 0, where),
              // "1 of 2" beside a "<5" would undo it: a share on fewer than minCell is not shown here.
              ...(first
                ? [p && p.paired >= minCell ? log.share(p.improved, p.paired, p.pctImproved).text : '—']
                : []),
            ];
          }),
          numeric: true,
          notes: first
            ? [
                `Improved: of the parents with before-and-after ${first.name} scores whose work ended, those who ${first.improved}. A dash means fewer than ${minCell} had them: too few to show.`,
              ]
            : undefined,
        }
      : undefined;
  return { sentences, sourcesChart, sourcesTable, trendChart, trendTable, servicesTable, figures };
}
