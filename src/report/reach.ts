import type { Grant } from '../domain.js';
import type { Reported } from '../measures/in-force.js';
import type { StatsModel } from '../stats/model.js';
import type { MeasureOutcome } from '../stats/outcomes.js';
import { cellText, type DisclosureLog, foldHidden, secondaryNote, shareSubject } from './disclosure.js';
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
    const shown = log.breakdown(
      sources.map(([, n]) => n),
      'the referrals-by-source table',
    );
    sourcesTable = {
      caption: 'Referrals by source',
      headers: ['Source', 'Referrals'],
      rows: sources.map(([s], i) => [s, shown.texts[i] as string]),
      numeric: true,
      notes: shown.secondary ? [secondaryNote(minCell)] : undefined,
    };
    const folded = foldHidden(sources, shown.hidden, minCell).sort(
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
        caption: shown.hidden.some(Boolean)
          ? `Sources whose counts are hidden in the table are counted in Other.`
          : undefined,
        description: `Bar chart of referrals by source: ${folded.map(([l, n]) => `${l} ${count(n)}`).join(', ')}.${shown.hidden.some(Boolean) ? ` Sources whose counts are hidden are counted in Other, or left out if that is still fewer than ${minCell}.` : ''}`,
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
  // Referrals in the parts add up to the period's total: a breakdown beside its total. (Parents
  // and families do not: one seen in several parts is counted in each.)
  const referralCells = withReferrals
    ? log.breakdown(
        stats.trend.map((t) => t.referrals ?? 0),
        trendWhere,
      )
    : undefined;
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
          ...(referralCells ? [referralCells.texts[i] as string] : []),
          log.cell(t.parentsServed, trendWhere),
          log.cell(t.familiesServed, trendWhere),
        ]),
        numeric: true,
        notes: [
          ...(referralCells?.secondary ? [secondaryNote(minCell)] : []),
          'A parent seen in several parts of the period is counted in each, so these add up to more than the period’s total.',
        ],
      }
    : undefined;
  const cell = (n: number) => cellText(n, minCell);
  const small = (n: number | null) => n !== null && n > 0 && n < minCell;
  const hidden =
    stats.trend.some((t) => small(t.familiesServed)) || (referralCells?.hidden.some(Boolean) ?? false);
  const trendChart: Chart | undefined = active
    ? {
        data: {
          kind: 'trend',
          title: 'Referrals and families served over the period',
          labels,
          referrals: referralCells
            ? stats.trend.map((t, i) => (referralCells.hidden[i] ? null : t.referrals))
            : null,
          families: stats.trend.map((t) => suppressed(t.familiesServed)),
        },
        // The legend names the series; a caption is needed only to explain a gap.
        caption: hidden ? 'Counts hidden in the table are not drawn, to protect privacy.' : undefined,
        description: `Chart of ${withReferrals ? 'referrals and ' : ''}families served ${monthly ? 'in each month' : 'in each quarter'}: ${stats.trend
          .map(
            (t, i) =>
              `${labels[i]}: ${referralCells ? `${referralCells.texts[i]} referrals, ` : ''}${cell(t.familiesServed)} ${t.familiesServed === 1 ? 'family' : 'families'}`,
          )
          .join('; ')}.${hidden ? ' Hidden counts are not drawn.' : ''}`,
      }
    : undefined;

  const services = Object.entries(stats.byService)
    .filter(([, s]) => s && (s.activity.parentsServed > 0 || s.activity.episodesEnded > 0))
    .sort(
      ([x], [y]) =>
        (SERVICE_ORDER.indexOf(x) + 1 || 99) - (SERVICE_ORDER.indexOf(y) + 1 || 99) || x.localeCompare(y),
    );
  // The services side by side on the grant's first measure, its headline. Each count column is a
  // breakdown of the grant's total.
  const first = reported.measures[0];
  const where = 'the services table';
  const column = (f: (s: ServiceStats) => number) =>
    log.breakdown(
      services.map(([, s]) => (s ? f(s) : 0)),
      where,
    );
  const parents = column((s) => s.activity.parentsServed);
  const families = column((s) => s.activity.familiesServed);
  const finished = column((s) => s.activity.episodesEnded);
  const anySecondary = parents.secondary || families.secondary || finished.secondary;
  const servicesTable: Table | undefined =
    services.length > 0
      ? {
          caption: 'Individual therapy and groups',
          headers: [
            'Service',
            'Parents served',
            'Families served',
            'Finished',
            'Median wait (days)',
            ...(first ? [`Improved (${first.name})`] : []),
          ],
          rows: services.map(([service, s], i) => {
            const p = first ? (s?.outcomes[first.id] as MeasureOutcome | undefined) : undefined;
            const wait = s?.access.waitDaysMedian ?? null;
            return [
              SERVICE_NAMES[service] ?? capitalise(service),
              parents.texts[i] as string,
              families.texts[i] as string,
              finished.texts[i] as string,
              // A median of fewer than minCell waits is close to one family's own wait.
              wait !== null && (s?.access.started ?? 0) >= minCell ? decimal1(wait).replace(/\.0$/, '') : '—',
              // "1 of 2" beside a "<5" would undo it: a share on fewer than minCell is not shown here.
              ...(first
                ? [p && p.paired >= minCell ? log.share(p.improved, p.paired, p.pctImproved).text : '—']
                : []),
            ];
          }),
          numeric: true,
          notes: [
            ...(anySecondary ? [secondaryNote(minCell)] : []),
            `Median wait: from referral to first session, for the parents who started in the period.${first ? ` Improved: of the parents with before-and-after ${first.name} scores whose work ended, those who ${first.improved}.` : ''} A dash means fewer than ${minCell} parents: too few to show.`,
          ],
        }
      : undefined;
  return {
    sentences,
    access: accessSentences(stats, log, figures),
    engagement: engagementSentences(stats, log, figures),
    sourcesChart,
    sourcesTable,
    trendChart,
    trendTable,
    servicesTable,
    figures,
  };
}

type ServiceStats = NonNullable<StatsModel['byService'][keyof StatsModel['byService']]>;

/** statistics.md `access`, in words: the median wait and the share starting within 6 and 18 weeks. */
function accessSentences(stats: StatsModel, log: DisclosureLog, figures: Figure[]): string[] {
  const a = stats.access;
  if (a.started === 0 || a.waitDaysMedian === null)
    return ['No parent had a first session in this period, so there are no waiting times to report.'];
  const days = decimal1(a.waitDaysMedian).replace(/\.0$/, '');
  const six = log.share(a.within6Weeks, a.started, a.pctWithin6Weeks);
  const eighteen = log.share(a.within18Weeks, a.started, a.pctWithin18Weeks);
  const started = count(a.started);
  figures.push(
    { figure: 'Median wait from referral to first session (days)', value: days, denominator: started },
    { figure: 'Started within 6 weeks of referral', value: six.text, denominator: started },
    { figure: 'Started within 18 weeks of referral', value: eighteen.text, denominator: started },
  );
  return [
    `${capitalise(plural(a.started, 'parent'))} had a first session in the period; ${a.started === 1 ? 'their wait' : 'half of them waited'} ${a.started === 1 ? `from referral was ${days} ${days === '1' ? 'day' : 'days'}` : `${days} days or less from referral`} (the median).`,
    `${six.text} started within 6 weeks of referral and ${eighteen.text} within 18 weeks; the NHS Talking Therapies standards are 75% and 95%.`,
  ];
}

/** statistics.md `engagement`, in words: courses finished and planned endings. */
function engagementSentences(stats: StatsModel, log: DisclosureLog, figures: Figure[]): string[] {
  const e = stats.engagement;
  if (e.ended === 0) return [];
  const sentences: string[] = [];
  if (e.sessionsRecorded > 0) {
    const share = log.share(e.finishedCourse, e.sessionsRecorded, e.pctFinishedCourse);
    figures.push({
      figure: 'Finished a course of two or more sessions',
      value: share.text,
      denominator: count(e.sessionsRecorded),
    });
    const finished = shareSubject(
      share,
      (n) => `${plural(n, 'parent')} whose work ended with their sessions recorded`,
    );
    sentences.push(`${finished.text} finished a course of two or more sessions.`);
  }
  const r = e.endReasons;
  if (r) {
    const known = r.planned + r.unplanned + r.other;
    if (known > 0) {
      const share = log.share(r.planned, known, e.pctPlanned);
      figures.push({ figure: 'Planned endings', value: share.text, denominator: count(known) });
      const planned = shareSubject(share, (n) =>
        n === 1 ? 'ending with a recorded reason' : `${count(n)} endings with a recorded reason`,
      );
      sentences.push(
        `${planned.text} ${planned.singular || known === 1 ? 'was' : 'were'} planned, agreed between the parent and the service${r.notRecorded > 0 ? `; no reason was recorded for ${plural(r.notRecorded, 'ending')}` : ''}.`,
      );
    } else sentences.push('No reason for ending was recorded for the parents whose work ended.');
  }
  return sentences;
}
