import type { ProfileColumn } from '../domain.js';
import type { StatsModel } from '../stats/model.js';
import type { CategoryProfile, FlagProfile } from '../stats/profile.js';
import { type Disclosure, type DisclosureLog, secondaryNote } from './disclosure.js';
import { capitalise, count, plural } from './format.js';
import type { Chart, Figure, ReportModel, Table } from './model.js';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/**
 * One sentence for a yes/no column (report.md): the share of the parents whose records say, with
 * its denominator, or, where disclosure control hides a count, only what can be said safely.
 */
function flagSentence(
  column: ProfileColumn,
  p: FlagProfile,
  log: DisclosureLog,
  minCell: number,
  figures: Figure[],
): string {
  const phrase = column.kind === 'flag' ? column.phrase : undefined;
  if (p.recorded === 0) return `${column.label}: not recorded for any of the parents served.`;
  const where = `the ${lowerFirst(column.label)} figures`;
  const [yes, no, notRecorded] = log.breakdown([p.yes, p.recorded - p.yes, p.notRecorded], where).texts as [
    string,
    string,
    string,
  ];
  const withPhrase = (subject: string) =>
    phrase ? `${subject} ${phrase}` : `${column.label}: yes for ${lowerFirst(subject)}`;
  // For the CSV: what the sentence states, no more.
  const figure = (value: string, denominator?: string) =>
    figures.push({
      figure: `${column.label}: yes`,
      value,
      denominator,
      note: 'of the parents whose records say',
    });
  if (yes === `<${minCell}`) {
    figure(yes);
    return `${withPhrase(`Fewer than ${minCell} of the parents whose records say`)}; the exact number is not shown, to protect privacy.`;
  }
  if (yes === '*') {
    figure(yes);
    return phrase
      ? `How many of the parents ${phrase} is not shown, so that a smaller number hidden beside it cannot be worked out.`
      : `${column.label}: how many were yes is not shown, so that a smaller number hidden beside it cannot be worked out.`;
  }
  if (no !== count(p.recorded - p.yes) || notRecorded !== count(p.notRecorded)) {
    figure(count(p.yes));
    return phrase
      ? `Records say ${plural(p.yes, 'parent')} ${phrase}; how many did not, or were not recorded, is hidden to protect privacy.`
      : `${column.label}: yes for ${plural(p.yes, 'parent')}; how many were no, or not recorded, is hidden to protect privacy.`;
  }
  const share = log.share(p.yes, p.recorded, p.pctYes);
  const subject = share.small
    ? `${share.text} parents whose records say`
    : `${share.text} of the ${plural(p.recorded, 'parent')} whose records say`;
  const tail = share.small ? '' : ` (${count(p.yes)} of ${count(p.recorded)})`;
  figure(share.text, count(p.recorded));
  const missing = p.notRecorded > 0 ? ` It was not recorded for ${plural(p.notRecorded, 'parent')}.` : '';
  return `${capitalise(withPhrase(subject))}${tail}.${missing}`;
}

/** A table for a category column: each category, parents, % of those recorded, and "Not recorded". */
function categoryTable(
  column: ProfileColumn,
  p: CategoryProfile,
  log: DisclosureLog,
  rules: Disclosure,
): Table {
  const names = Object.keys(p.counts);
  const counts = [...names.map((n) => p.counts[n] as number), p.notRecorded];
  const shown = log.breakdown(counts, `the ${lowerFirst(column.label)} table`);
  // With the "not recorded" count hidden, a percentage of those recorded would give it away.
  const percentages = !shown.hidden[names.length];
  const rows = names.map((name, i) => {
    const n = counts[i] as number;
    const pct =
      !percentages || shown.hidden[i] || p.recorded === 0
        ? '—'
        : log.share(n, p.recorded, (100 * n) / p.recorded).text;
    return [name, shown.texts[i] as string, pct];
  });
  rows.push(['Not recorded', shown.texts[names.length] as string, '—']);
  const notes: string[] = [];
  if (shown.secondary) notes.push(secondaryNote(rules.minCell));
  if (!percentages)
    notes.push('Percentages are not shown: with the number not recorded hidden, they would reveal it.');
  return {
    caption: `Parents served by ${lowerFirst(column.label)}`,
    headers: [column.label, 'Parents', '% of those recorded'],
    rows,
    numeric: true,
    notes: notes.length > 0 ? notes : undefined,
  };
}

/** The category column with the most categories, five or more (deprivation deciles), as a chart. */
function chartOf(
  columns: readonly ProfileColumn[],
  tables: Table[],
  stats: StatsModel,
): { chart: Chart; table: Table } | undefined {
  let best: { column: ProfileColumn; table: Table } | undefined;
  columns
    .filter((c) => c.kind === 'category')
    .forEach((column, i) => {
      const table = tables[i] as Table;
      if (column.kind !== 'category' || column.categories.length < 5) return;
      if (
        !best ||
        (best.column.kind === 'category' && column.categories.length > best.column.categories.length)
      )
        best = { column, table };
    });
  if (!best) return undefined;
  const { column, table } = best;
  const p = stats.profile[column.column] as CategoryProfile;
  const rows = table.rows.slice(0, -1);
  const visible = rows.map(([, text]) => /^[\d,]+$/.test(text ?? ''));
  const labels = rows.map(([label]) => label as string);
  const values = labels.map((l, i) => (visible[i] ? (p.counts[l] as number) : 0));
  const hidden = visible.some((v) => !v);
  // A chart of mostly hidden bars says nothing: draw it only when two thirds or more are shown.
  if (visible.filter(Boolean).length * 3 < visible.length * 2) return undefined;
  const chart: Chart = {
    data: {
      kind: 'bars',
      title: column.label,
      labels,
      values,
      valueTexts: rows.map(([, text]) => (text === '0' ? '0' : (text as string))),
      valueLabel: 'Parents',
    },
    caption: `Parents served by ${lowerFirst(column.label)}.${hidden ? ' Counts hidden in the table are not drawn, to protect privacy.' : ''}`,
    description: `Bar chart of parents served by ${lowerFirst(column.label)}: ${rows.map(([l, t]) => `${l} ${t}`).join(', ')}.`,
  };
  return { chart, table };
}

/** report.md "Who we reached": a sentence per yes/no column, a table per category column. */
export function whoWeReached(
  stats: StatsModel,
  columns: readonly ProfileColumn[],
  log: DisclosureLog,
  rules: Disclosure,
): ReportModel['who'] {
  if (columns.length === 0) return undefined;
  const served = stats.activity.parentsServed;
  if (served === 0)
    return {
      sentences: ['No parents were served in the period, so there is no one to describe.'],
      figures: [],
      tables: [],
    };
  const sentences = [
    `These figures describe the ${plural(served, 'parent')} served in the period, as their records say; a question left blank in a record is counted as not recorded.`,
  ];
  const tables: Table[] = [];
  const figures: Figure[] = [];
  for (const column of columns) {
    const p = stats.profile[column.column];
    if (!p) continue;
    if ('yes' in p) sentences.push(flagSentence(column, p, log, rules.minCell, figures));
    else tables.push(categoryTable(column, p, log, rules));
  }
  const figure = chartOf(columns, tables, stats);
  return { sentences, figures, figure, tables: tables.filter((t) => t !== figure?.table) };
}
