import { count, percent } from './format.js';

export interface Disclosure {
  minCell: number;
  minDenominator: number;
}

/** Tallies what disclosure control hid, for the method section. */
export class DisclosureLog {
  suppressedCells = 0;
  private readonly small = new Set<string>();
  constructor(readonly rules: Disclosure) {}

  /** statistics.md: in a breakdown, a count from 1 to minCell − 1 is printed as "<minCell". */
  cell(n: number): string {
    if (n >= 1 && n < this.rules.minCell) {
      this.suppressedCells++;
      return `<${this.rules.minCell}`;
    }
    return count(n);
  }

  /** Distinct percentages shown as "x of n". */
  get smallDenominators(): number {
    return this.small.size;
  }

  /** statistics.md: a percentage on a denominator below minDenominator is printed as "x of n". */
  share(part: number, whole: number, value: number | null): { text: string; small: boolean } {
    if (value === null || whole === 0) return { text: 'no data', small: false };
    if (whole < this.rules.minDenominator) {
      this.small.add(`${part}/${whole}`);
      return { text: `${count(part)} of ${count(whole)}`, small: true };
    }
    return { text: percent(value), small: false };
  }
}

/** Folds breakdown entries below minCell into "Other" for charts (statistics.md). */
export function foldSmall(entries: [string, number][], minCell: number): [string, number][] {
  const kept = entries.filter(([, n]) => n === 0 || n >= minCell);
  const other = entries.filter(([, n]) => n > 0 && n < minCell).reduce((s, [, n]) => s + n, 0);
  if (other === 0) return kept;
  // The folded total is itself a count: if it is still small it is not drawn as a number.
  const existing = kept.findIndex(([label]) => label.toLowerCase() === 'other');
  if (existing >= 0) {
    const [label, n] = kept[existing] as [string, number];
    kept[existing] = [label, n + other];
    return kept;
  }
  return other >= minCell ? [...kept, ['Other', other]] : kept;
}
