import { MONTHS } from '../config/period.js';
/**
 * Rounds half away from zero at `decimals` places ("half-up" for the magnitude, so +12.45 and
 * −12.45 both round to 12.5 points), robust to binary fractions like 12.45 = 12.4499999….
 */
export function roundHalfUp(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-9 * Math.max(1, scaled));
  return rounded === 0 ? 0 : (Math.sign(value) * rounded) / factor;
}

const MINUS = '\u2212';

/** "85%": percentages are rounded half-up to whole numbers in the PDF (statistics.md). */
export const percent = (value: number) => `${roundHalfUp(value)}%`;

/** "+12.5", "−3.0": point changes to one decimal place, always signed. */
export function points(value: number): string {
  const r = roundHalfUp(value, 1);
  if (r === 0) return '0.0';
  return `${r > 0 ? '+' : MINUS}${Math.abs(r).toFixed(1)}`;
}

/** "12.5" unsigned, one decimal; a true minus sign when negative. */
export function decimal1(value: number): string {
  const r = roundHalfUp(value, 1);
  return r < 0 ? `${MINUS}${Math.abs(r).toFixed(1)}` : r.toFixed(1);
}

/**
 * "1,234": counts with the British thousands separator, as `toLocaleString('en-GB')` writes
 * them. A whole number is grouped here: the first call of `toLocaleString` loads the locale's
 * data, a fiftieth of a second of every cold report.
 */
export const count = (value: number) =>
  Number.isSafeInteger(value)
    ? String(value).replace(/\B(?=(\d{3})+$)/g, ',')
    : value.toLocaleString('en-GB');

/** "1 parent", "2 parents". */
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** "+6.4 to +14.6". */
export const interval = (range: [number, number], format: (v: number) => string) =>
  `${format(range[0])} to ${format(range[1])}`;

const SHORT_MONTHS = MONTHS.map((m) => m.slice(0, 3));

const ymd = (iso: string) => iso.split('-').map(Number) as [number, number, number];

/**
 * A sub-period in words for tables and chart axes: "Apr 2025" for a month, "Apr–Jun 2025" for
 * months within a year, "Dec 2024–Feb 2025" across years; days are given when not whole months.
 */
export function spanInWords(from: string, to: string): string {
  const [fy, fm, fd] = ymd(from);
  const [ty, tm, td] = ymd(to);
  const lastDay = new Date(Date.UTC(ty, tm, 0)).getUTCDate();
  const month = (m: number) => SHORT_MONTHS[m - 1] as string;
  if (fd !== 1 || td !== lastDay) {
    const day = (y: number, m: number, d: number) => `${d} ${month(m)} ${y}`;
    return from === to ? day(fy, fm, fd) : `${day(fy, fm, fd)}–${day(ty, tm, td)}`;
  }
  if (fy === ty && fm === tm) return `${month(fm)} ${fy}`;
  if (fy === ty) return `${month(fm)}–${month(tm)} ${ty}`;
  return `${month(fm)} ${fy}–${month(tm)} ${ty}`;
}

/** "1 January 2025 at 00:00 UTC", for the generation time in the provenance. */
export function dateTimeInWords(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} at ${hh}:${mm} UTC`;
}

/** Upper-cases the first letter, for a phrase that starts a sentence. */
export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
