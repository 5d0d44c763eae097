import { usageError } from '../errors.js';

/** A reporting period: both days inclusive, ISO dates; `label` is used in file names. */
export interface Period {
  label: string;
  from: string;
  to: string;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function isoDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isValidIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** First day of the month `months` after (year, month), month 1-12. */
function addMonths(year: number, month: number, months: number): { year: number; month: number } {
  const index = year * 12 + (month - 1) + months;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** The inclusive range covering `count` months from the first of (year, month). */
export function monthSpan(year: number, month: number, count: number): { from: string; to: string } {
  const last = addMonths(year, month, count - 1);
  return {
    from: isoDate(year, month, 1),
    to: isoDate(last.year, last.month, daysInMonth(last.year, last.month)),
  };
}

export const PERIOD_SYNTAX =
  'a period such as 2024, 2024-Q3, FY2024-25, FY2024-25-Q1 or 2024-04-01..2025-03-31';

/** data.md §3 "Periods": the five syntaxes and their labels. Throws a usage error otherwise. */
export function parsePeriod(text: string, financialYearStart: number): Period {
  const value = text.trim();
  const bad = (why: string) =>
    usageError(`"${text}" is not a valid period: ${why}.`, `Write ${PERIOD_SYNTAX}.`);

  let m = /^(\d{4})$/.exec(value);
  if (m) {
    const year = Number(m[1]);
    return { label: value, ...monthSpan(year, 1, 12) };
  }
  m = /^(\d{4})-Q(\d)$/.exec(value);
  if (m) {
    const q = Number(m[2]);
    if (q < 1 || q > 4) throw bad('a quarter is Q1 to Q4');
    return { label: value, ...monthSpan(Number(m[1]), (q - 1) * 3 + 1, 3) };
  }
  m = /^FY(\d{4})-(\d{2})(?:-Q(\d))?$/.exec(value);
  if (m) {
    const start = Number(m[1]);
    const endShort = Number(m[2]);
    if ((start + 1) % 100 !== endShort) {
      throw bad(
        `a financial year runs into the next year, so FY${start} must be written FY${start}-${pad((start + 1) % 100)}`,
      );
    }
    if (m[3] === undefined) return { label: value, ...monthSpan(start, financialYearStart, 12) };
    const q = Number(m[3]);
    if (q < 1 || q > 4) throw bad('a quarter is Q1 to Q4');
    const first = addMonths(start, financialYearStart, (q - 1) * 3);
    return { label: value, ...monthSpan(first.year, first.month, 3) };
  }
  m = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(value);
  if (m) {
    const [from, to] = [m[1] as string, m[2] as string];
    if (!isValidIsoDate(from)) throw bad(`${from} is not a real date`);
    if (!isValidIsoDate(to)) throw bad(`${to} is not a real date`);
    if (from > to) throw bad('the range ends before it starts');
    return { label: `${from}_${to}`, from, to };
  }
  throw bad('it does not match any period form');
}

/** Month names, January first: the one list the tool's words are made from. */
export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/** "30 June 2025". */
export function dateInWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

/** "1 January – 31 December 2024", "1 April 2024 – 31 March 2025". */
export function periodInWords(period: Pick<Period, 'from' | 'to'>): string {
  const parts = (iso: string) => {
    const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
    return { y, month: MONTHS[m - 1] as string, d };
  };
  const a = parts(period.from);
  const b = parts(period.to);
  const left = a.y === b.y ? `${a.d} ${a.month}` : `${a.d} ${a.month} ${a.y}`;
  return `${left} – ${b.d} ${b.month} ${b.y}`;
}

/** Periods relative to today, for schedulers (resolved to an ordinary label before use). */
export const RELATIVE_PERIODS = ['previous-quarter', 'previous-fy-quarter'] as const;

/**
 * `previous-quarter`: the calendar quarter before the one holding `today`;
 * `previous-fy-quarter`: the financial-year quarter before the one holding `today`.
 * Returns the ordinary period text (`2025-Q2`, `FY2025-26-Q1`), or the text unchanged.
 */
export function resolveRelativePeriod(text: string, today: Date, financialYearStart: number): string {
  const value = text.trim().toLowerCase();
  if (!(RELATIVE_PERIODS as readonly string[]).includes(value)) return text;
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth() + 1;
  if (value === 'previous-quarter') {
    const index = year * 4 + Math.floor((month - 1) / 3) - 1;
    return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
  }
  // Months since the start of the financial year that holds today.
  const offset = (month - financialYearStart + 12) % 12;
  const fyStartYear = month >= financialYearStart ? year : year - 1;
  const index = fyStartYear * 4 + Math.floor(offset / 3) - 1;
  const fy = Math.floor(index / 4);
  return `FY${fy}-${pad((fy + 1) % 100)}-Q${(index % 4) + 1}`;
}

/** What kind of period a label names (data.md §3): the five syntaxes, relative ones resolved. */
export type PeriodKind = 'year' | 'quarter' | 'financialYear' | 'financialQuarter' | 'range';

export function periodKind(period: Pick<Period, 'label'>): PeriodKind {
  if (/^\d{4}$/.test(period.label)) return 'year';
  if (/^\d{4}-Q\d$/.test(period.label)) return 'quarter';
  if (/^FY\d{4}-\d{2}$/.test(period.label)) return 'financialYear';
  if (/^FY\d{4}-\d{2}-Q\d$/.test(period.label)) return 'financialQuarter';
  return 'range';
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / DAY_MS;
};
const isoOfDayNumber = (n: number) => {
  const d = new Date(n * DAY_MS);
  return isoDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
};

/**
 * statistics.md `previous`: the period of the same kind just before this one. The year before a
 * calendar year, the quarter before a quarter (2024-Q1 → 2023-Q4), the financial year before,
 * the financial-year quarter before (FY2024-25-Q1 → FY2023-24-Q4), and for an explicit range of
 * N days the N days just before it. `period` is already resolved (no relative periods).
 */
export function previousPeriod(period: Period, financialYearStart: number): Period {
  const fy = (start: number) => `FY${pad(start, 4)}-${pad((start + 1) % 100)}`;
  const label = period.label;
  switch (periodKind(period)) {
    case 'year':
      return parsePeriod(pad(Number(label) - 1, 4), financialYearStart);
    case 'quarter': {
      const index = Number(label.slice(0, 4)) * 4 + Number(label.slice(6)) - 2;
      return parsePeriod(`${pad(Math.floor(index / 4), 4)}-Q${(index % 4) + 1}`, financialYearStart);
    }
    case 'financialYear':
      return parsePeriod(fy(Number(label.slice(2, 6)) - 1), financialYearStart);
    case 'financialQuarter': {
      const index = Number(label.slice(2, 6)) * 4 + Number(label.slice(-1)) - 2;
      return parsePeriod(`${fy(Math.floor(index / 4))}-Q${(index % 4) + 1}`, financialYearStart);
    }
    case 'range': {
      const from = dayNumber(period.from);
      const days = dayNumber(period.to) - from + 1;
      const previous = { from: isoOfDayNumber(from - days), to: isoOfDayNumber(from - 1) };
      return { label: `${previous.from}_${previous.to}`, ...previous };
    }
  }
}
