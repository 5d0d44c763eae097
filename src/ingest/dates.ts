import { daysInMonth } from '../config/period.js';
import type { Day } from '../domain.js';

export type DateFormat = 'YYYY-MM-DD' | 'DD/MM/YYYY';

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const UK = /^(\d{2})\/(\d{2})\/(\d{4})$/;

export type DateResult = { ok: true; day: Day } | { ok: false; expected: string };

/** Reads a date cell in the configured form (data.md §1); the other form is reported as mixing. */
export function parseDateCell(cell: string, format: DateFormat): DateResult {
  const iso = ISO.exec(cell);
  const uk = UK.exec(cell);
  if (format === 'YYYY-MM-DD' && uk) {
    return {
      ok: false,
      expected:
        'a date written YYYY-MM-DD, as the configuration says (input.dateFormat); this file mixes date forms',
    };
  }
  if (format === 'DD/MM/YYYY' && iso) {
    return {
      ok: false,
      expected:
        'a date written DD/MM/YYYY, as the configuration says (input.dateFormat); this file mixes date forms',
    };
  }
  const parts = format === 'YYYY-MM-DD' ? iso && [iso[1], iso[2], iso[3]] : uk && [uk[3], uk[2], uk[1]];
  if (!parts) return { ok: false, expected: `a date written ${format}` };
  const [y, m, d] = parts.map(Number) as [number, number, number];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1900) {
    return { ok: false, expected: 'a real calendar date (this date does not exist)' };
  }
  return { ok: true, day: y * 10000 + m * 100 + d };
}

/** referrals.csv `month`: always YYYY-MM; returns the month's first day. */
export function parseMonthCell(cell: string): Day | undefined {
  const m = /^(\d{4})-(\d{2})$/.exec(cell);
  if (!m) return undefined;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(m[1]) * 10000 + month * 100 + 1;
}
