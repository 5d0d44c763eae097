import { MONTHS } from '../config/period.js';
import type { Day } from '../domain.js';
import type { Cause } from '../errors.js';

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{2})\/(\d{2})\/(\d{4})$/;
const LOOSE_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const LOOSE_UK = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/;
const WITH_TIME = /^(\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})[ T]\d{1,2}:\d{2}/;

export type DateResult = { ok: true; day: Day } | { ok: false; expected: string; cause?: Cause };

/**
 * What a wrongly written date may say about the whole file. Stated once when most of the
 * file's problems share it (ProblemList.statedCause), so a file of UK dates gets one line
 * saying so, not a line per cell.
 */
const CAUSES = {
  ukDates: {
    key: 'dates-dd/mm/yyyy',
    statement: 'the dates are written DD/MM/YYYY',
    fix: 'set input.dateFormat: DD/MM/YYYY in the configuration (a setting: the export can stay as it is)',
    setting: true,
  },
  isoDates: {
    key: 'dates-yyyy-mm-dd',
    statement: 'the dates are written YYYY-MM-DD, but input.dateFormat in the configuration says DD/MM/YYYY',
    fix: 'remove input.dateFormat from the configuration, or set it to YYYY-MM-DD (a setting: the export can stay as it is)',
    setting: true,
  },
  noLeadingZeros: {
    key: 'dates-no-leading-zeros',
    statement: 'the dates are written without leading zeros (5/4/2024 rather than 05/04/2024)',
    fix: 'in the spreadsheet, format the date columns as DD/MM/YYYY (or YYYY-MM-DD) and save the file again as CSV; set input.dateFormat to match',
    setting: false,
  },
  otherSeparators: {
    key: 'dates-dots-or-dashes',
    statement: 'the dates are written day, month and year with dots or dashes (05.04.2024)',
    fix: 'in the spreadsheet, format the date columns as DD/MM/YYYY (then set input.dateFormat: DD/MM/YYYY) or as YYYY-MM-DD, and save the file again as CSV',
    setting: false,
  },
  twoDigitYears: {
    key: 'dates-two-digit-years',
    statement: 'the dates have two-digit years',
    fix: 'in the spreadsheet, format the date columns with four-digit years (DD/MM/YYYY or YYYY-MM-DD) and save the file again as CSV',
    setting: false,
  },
  withTime: {
    key: 'dates-with-time',
    statement: 'the dates carry a time of day',
    fix: 'in the spreadsheet, format the date columns as dates only (DD/MM/YYYY or YYYY-MM-DD) and save the file again as CSV',
    setting: false,
  },
} as const satisfies Record<string, Cause>;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
/** Days in a month (1-12) of the Gregorian calendar; arithmetic, as this runs for every date cell. */
const daysInMonth = (y: number, m: number) => (m === 2 && isLeap(y) ? 29 : (DAYS[m - 1] ?? 0));

const EXAMPLE: Record<DateFormat, string> = { 'YYYY-MM-DD': '2024-04-05', 'DD/MM/YYYY': '05/04/2024' };
const pad = (n: number) => String(n).padStart(2, '0');

/** The number written by `length` digits from `start`, or −1 if any is not a digit. */
function digitsAt(text: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** A real calendar date, or what is wrong with it. */
function calendarDay(y: number, m: number, d: number): DateResult {
  if (m < 1 || m > 12) return { ok: false, expected: `a real date (there is no month ${m})` };
  if (d < 1 || d > daysInMonth(y, m))
    return { ok: false, expected: `a real date (there is no ${d} ${MONTHS[m - 1]} ${y})` };
  if (y < 1900) return { ok: false, expected: 'a date after 1900' };
  return { ok: true, day: y * 10000 + m * 100 + d };
}

/**
 * Reads a date cell in the configured form (data.md §1): ISO, or DD/MM/YYYY zero-padded where
 * input.dateFormat says so. The other form in the same file is an error (a file must not mix
 * forms); the message says what was expected and, where it can, how to write this date.
 */
export function parseDateCell(cell: string, format: DateFormat): DateResult {
  // The common case, read without a regular expression: a well-formed ISO date.
  if (
    format === 'YYYY-MM-DD' &&
    cell.length === 10 &&
    cell.charCodeAt(4) === 45 &&
    cell.charCodeAt(7) === 45
  ) {
    const y = digitsAt(cell, 0, 4);
    const m = digitsAt(cell, 5, 2);
    const d = digitsAt(cell, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return calendarDay(y, m, d);
  }
  const iso = ISO.exec(cell);
  const uk = UK.exec(cell);
  if (format === 'YYYY-MM-DD' && iso) return calendarDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  if (format === 'DD/MM/YYYY' && uk) return calendarDay(Number(uk[3]), Number(uk[2]), Number(uk[1]));
  if (format === 'YYYY-MM-DD' && uk) {
    return {
      ok: false,
      expected:
        'a date written YYYY-MM-DD (e.g. 2024-04-05); this one is written DD/MM/YYYY. If the whole file writes dates that way, set input.dateFormat: DD/MM/YYYY in the configuration; a file must not mix the two',
      cause: CAUSES.ukDates,
    };
  }
  if (format === 'DD/MM/YYYY' && iso) {
    return {
      ok: false,
      expected:
        'a date written DD/MM/YYYY, as input.dateFormat says (e.g. 05/04/2024); this one is written YYYY-MM-DD, and a file must not mix the two',
      cause: CAUSES.isoDates,
    };
  }
  if (WITH_TIME.test(cell))
    return {
      ok: false,
      expected: `a date without a time of day, written ${format} (e.g. ${EXAMPLE[format]})`,
      cause: CAUSES.withTime,
    };
  const looseIso = LOOSE_ISO.exec(cell);
  if (format === 'YYYY-MM-DD' && looseIso) {
    const [y, m, d] = [looseIso[1], looseIso[2], looseIso[3]].map(Number) as [number, number, number];
    return {
      ok: false,
      expected: `a date written YYYY-MM-DD with leading zeros, e.g. ${y}-${pad(m)}-${pad(d)}`,
      cause: CAUSES.noLeadingZeros,
    };
  }
  const looseUk = LOOSE_UK.exec(cell);
  if (looseUk) {
    const [d, m, y] = [looseUk[1], looseUk[2], looseUk[3]] as [string, string, string];
    const cause = d.length === 1 || m.length === 1 ? CAUSES.noLeadingZeros : CAUSES.otherSeparators;
    if (y.length === 2)
      return {
        ok: false,
        expected: `a date with a four-digit year, written ${format} (e.g. ${EXAMPLE[format]})`,
        cause: CAUSES.twoDigitYears,
      };
    if (format === 'DD/MM/YYYY')
      return {
        ok: false,
        expected: `a date written DD/MM/YYYY with leading zeros and slashes, e.g. ${pad(Number(d))}/${pad(Number(m))}/${y}`,
        cause,
      };
    return {
      ok: false,
      expected:
        'a date written YYYY-MM-DD (e.g. 2024-04-05); this one looks like day/month/year. Write dates as YYYY-MM-DD, or, if every date in the file is written DD/MM/YYYY with leading zeros, set input.dateFormat: DD/MM/YYYY',
      cause,
    };
  }
  const serial = excelSerial(cell);
  if (serial)
    return {
      ok: false,
      expected: `a date written ${format}; this is an Excel date number (${cell} is Excel's number for ${serial}), which means the column is formatted as a number in the spreadsheet. Format the column as a date (Format Cells, Custom, ${format === 'DD/MM/YYYY' ? 'dd/mm/yyyy' : 'yyyy-mm-dd'}), save as "CSV UTF-8 (comma delimited)" again, and re-run`,
    };
  return { ok: false, expected: `a date written ${format}, e.g. ${EXAMPLE[format]}` };
}

/**
 * The ISO date an Excel date number stands for (45292 → 2024-01-01), if the cell is one:
 * five digits, optionally with a time of day as a fraction, from 1927 to 2173. Day 1 is
 * 1 January 1900 and Excel counts a 29 February 1900 that never was, so from day 61 on the
 * date is 30 December 1899 plus the number.
 */
export function excelSerial(cell: string): string | undefined {
  if (!/^\d{5}(\.\d+)?$/.test(cell)) return undefined;
  const days = Math.floor(Number(cell));
  return new Date(Date.UTC(1899, 11, 30) + days * 86_400_000).toISOString().slice(0, 10);
}

export type MonthResult = { ok: true; day: Day } | { ok: false; expected: string };

/** referrals.csv `month`: always YYYY-MM, whatever input.dateFormat says; the month's first day. */
export function parseMonthCell(cell: string): MonthResult {
  const m = /^(\d{4})-(\d{2})$/.exec(cell);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return { ok: false, expected: `a real month: there is no month ${month}` };
    if (Number(m[1]) < 1900) return { ok: false, expected: 'a month after 1900' };
    return { ok: true, day: Number(m[1]) * 10000 + month * 100 + 1 };
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(cell) || /^\d{2}\/\d{2}\/\d{4}$/.test(cell))
    return { ok: false, expected: 'a month written YYYY-MM (e.g. 2024-04), not a whole date' };
  const loose = /^(\d{4})-(\d)$/.exec(cell);
  if (loose)
    return {
      ok: false,
      expected: `a month written YYYY-MM with a leading zero, e.g. ${loose[1]}-0${loose[2]}`,
    };
  const uk = /^(\d{1,2})[/.-](\d{4})$/.exec(cell);
  if (uk)
    return {
      ok: false,
      expected: `a month written YYYY-MM, e.g. ${uk[2]}-${pad(Number(uk[1]))} (the month column is always written this way, whatever input.dateFormat says)`,
    };
  const serial = excelSerial(cell);
  if (serial)
    return {
      ok: false,
      expected: `a month written YYYY-MM; this is an Excel date number (${cell} is Excel's number for ${serial}), which means the column is formatted as a number in the spreadsheet. Format the column as Custom, yyyy-mm, save as "CSV UTF-8 (comma delimited)" again, and re-run`,
    };
  return { ok: false, expected: 'a month written YYYY-MM, e.g. 2024-04' };
}
