import type { Disclosure } from './disclosure.js';
import type { Figure, ReportModel, Table, Tile } from './model.js';

/** report.md "CSV output": the columns, in order. */
export const CSV_COLUMNS = ['section', 'figure', 'measure', 'value', 'denominator', 'note'] as const;
export type CsvRow = [string, string, string, string, string, string];

/**
 * The PDF's heading for each part of the report model; a part added later is named from its key
 * ("whoWeReached" → "Who we reached") until it is given one here.
 */
const SECTION_TITLES: Record<string, string> = {
  reachTiles: 'At a glance',
  outcomeTiles: 'At a glance',
  targets: 'Promised and delivered',
  outcomes: 'Outcomes',
  reach: 'Reach',
  who: 'Who we reached',
};

/** Parts of the model that hold no figure of the report: words, definitions and provenance. */
const NOT_FIGURES = new Set(['method', 'organisation', 'colours', 'keywords', 'narrative', 'stories']);

const humanise = (key: string) => {
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const isTile = (x: Record<string, unknown>): x is Tile & Record<string, unknown> =>
  typeof x.value === 'string' && typeof x.label === 'string';
const isTable = (x: Record<string, unknown>): x is Table & Record<string, unknown> =>
  typeof x.caption === 'string' && Array.isArray(x.headers) && Array.isArray(x.rows);
const isFigure = (x: Record<string, unknown>): x is Figure & Record<string, unknown> =>
  typeof x.figure === 'string' && typeof x.value === 'string';

/** What a printed value hides or abbreviates, so nobody pastes "<5" into a form as a number. */
function disclosureNote(value: string, rules: Disclosure): string | undefined {
  if (value === `<${rules.minCell}`)
    return `a count from 1 to ${rules.minCell - 1}, not shown exactly to protect privacy`;
  if (value === '*') return 'hidden so that a count shown as “<” cannot be worked out by subtraction';
  const share = /^[\d,]+ of ([\d,]+)$/.exec(value);
  if (share && Number((share[1] ?? '').replaceAll(',', '')) < rules.minDenominator)
    return `fewer than ${rules.minDenominator} people, so shown as “x of n”, not as a percentage`;
  return undefined;
}

const joinNotes = (...notes: (string | undefined)[]) => notes.filter(Boolean).join('; ');

/**
 * report.md "CSV output": every figure exactly as the PDF prints it, after disclosure control,
 * one row a figure. Built by walking the report model for its tiles, tables and the figures its
 * sentences state, so a section added to the model reaches the CSV without code here. Pure.
 */
export function csvRows(model: ReportModel, rules: Disclosure): CsvRow[] {
  const rows: CsvRow[] = [];
  const add = (
    section: string,
    figure: string,
    measure: string,
    value: string,
    denominator = '',
    note = '',
  ) =>
    rows.push([section, figure, measure, value, denominator, joinNotes(note, disclosureNote(value, rules))]);
  add('Report', 'Funder', '', model.funder);
  add('Report', 'Grant', '', model.grantTitle);
  add('Report', 'Period', '', model.periodWords, '', `label ${model.periodLabel}`);

  const tile = (section: string, t: Tile) => {
    add(section, t.label, t.measure ?? '', t.value, t.denominator, joinNotes(t.note, t.previous?.text));
    const p = t.previous;
    if (p?.value !== undefined)
      add(section, `${t.label}, ${p.period}`, t.measure ?? '', p.value, p.denominator, 'the period before');
  };
  const table = (section: string, t: Table) => {
    const several = t.headers.length > 2;
    for (const [i, row] of t.rows.entries()) {
      const [name = '', ...cells] = row;
      for (const [j, value] of cells.entries()) {
        const header = t.headers[j + 1] ?? '';
        const within = t.caption === section ? name : `${t.caption}: ${name}`;
        const figure = t.measureRows ? header : `${within}${several ? ` — ${header}` : ''}`;
        add(section, figure, t.measureRows ? name : '', value, t.denominators?.[i]?.[j + 1]);
      }
    }
  };
  const walk = (node: unknown, section: string) => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item, section);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const x = node as Record<string, unknown>;
    if (isTable(x)) return table(section, x);
    if (isTile(x)) return tile(section, x);
    if (isFigure(x)) return add(section, x.figure, x.measure ?? '', x.value, x.denominator, x.note);
    // A chart draws figures that its table or text already states, with small counts folded away.
    if ('data' in x && 'description' in x) return;
    for (const value of Object.values(x)) walk(value, section);
  };
  for (const [key, value] of Object.entries(model)) {
    if (NOT_FIGURES.has(key)) continue;
    walk(value, SECTION_TITLES[key] ?? humanise(key));
  }
  return rows;
}
