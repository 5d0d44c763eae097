import { daysInMonth } from '../config/period.js';
import { type Day, fromDay } from '../domain.js';

export interface SubPeriod {
  label: string;
  from: Day;
  to: Day;
}

const parts = (day: Day) => ({ y: Math.floor(day / 10000), m: Math.floor(day / 100) % 100, d: day % 100 });

/** `day` moved on by `months`, the day clamped to the month's length (31 Jan + 1 month → 29 Feb). */
function addMonths(day: Day, months: number): Day {
  const { y, m, d } = parts(day);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return year * 10000 + month * 100 + Math.min(d, daysInMonth(year, month));
}

function previousDay(day: Day): Day {
  const { y, m, d } = parts(day);
  if (d > 1) return day - 1;
  const index = y * 12 + (m - 1) - 1;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return year * 10000 + month * 100 + daysInMonth(year, month);
}

/**
 * A sub-period's label: `2024-07` for a whole calendar month; a whole quarter's period label (data.md §3),
 * `FY2024-25-Q2` in a financial year and `2024-Q3` otherwise; else the range, `2024-01-15_2024-02-14`.
 */
function label(from: Day, to: Day, financialYearStart: number, inFinancialYear: boolean): string {
  const a = parts(from);
  const b = parts(to);
  const wholeMonths = a.d === 1 && b.d === daysInMonth(b.y, b.m);
  const span = b.y * 12 + b.m - (a.y * 12 + a.m) + 1;
  if (wholeMonths && span === 1) return fromDay(from).slice(0, 7);
  if (wholeMonths && span === 3) {
    if (inFinancialYear) {
      const offset = (a.m - financialYearStart + 12) % 12;
      if (offset % 3 === 0) {
        const fy = a.m >= financialYearStart ? a.y : a.y - 1;
        return `FY${fy}-${String((fy + 1) % 100).padStart(2, '0')}-Q${offset / 3 + 1}`;
      }
    } else if ((a.m - 1) % 3 === 0) {
      return `${a.y}-Q${(a.m - 1) / 3 + 1}`;
    }
  }
  return `${fromDay(from)}_${fromDay(to)}`;
}

/**
 * statistics.md `trend`: months for a period of three months or less, otherwise quarters,
 * counted from the period's first day; the last is cut at the period's end.
 */
export function subPeriods(from: Day, to: Day, financialYearStart: number, periodLabel: string): SubPeriod[] {
  const months = addMonths(from, 3) > to ? 1 : 3;
  const inFinancialYear = periodLabel.startsWith('FY');
  const result: SubPeriod[] = [];
  for (let k = 0; ; k++) {
    const start = addMonths(from, k * months);
    if (start > to) break;
    const next = addMonths(from, (k + 1) * months);
    const end = Math.min(previousDay(next), to);
    result.push({
      from: start,
      to: end,
      label: label(start, end, financialYearStart, inFinancialYear),
    });
  }
  return result;
}
