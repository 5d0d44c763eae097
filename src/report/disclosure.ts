import { count, percent } from './format.js';

export interface Disclosure {
  minCell: number;
  minDenominator: number;
}

/** A share as printed: "85%" or, on a small denominator, "7 of 9". */
export interface Share {
  text: string;
  /** Printed as "x of n" because the denominator is below minDenominator. */
  small: boolean;
  part: number;
  whole: number;
}

/** statistics.md: in a breakdown, a count from 1 to minCell − 1 is printed as "<minCell". */
export function cellText(n: number, minCell: number): string {
  return n >= 1 && n < minCell ? `<${minCell}` : count(n);
}

/** Applies disclosure control and tallies what it hid, for the method section. */
export class DisclosureLog {
  /** Counts printed as "<minCell", by the table they were in, in order of first use. */
  readonly suppressed = new Map<string, number>();
  private readonly small = new Set<string>();
  constructor(readonly rules: Disclosure) {}

  /** A breakdown count (statistics.md), suppressed when small; `where` names its table. */
  cell(n: number, where: string): string {
    const text = cellText(n, this.rules.minCell);
    if (text !== count(n)) this.suppressed.set(where, (this.suppressed.get(where) ?? 0) + 1);
    return text;
  }

  get suppressedCells(): number {
    let total = 0;
    for (const n of this.suppressed.values()) total += n;
    return total;
  }

  /** Distinct percentages shown as "x of n". */
  get smallDenominators(): number {
    return this.small.size;
  }

  /** statistics.md: a percentage on a denominator below minDenominator is printed as "x of n". */
  share(part: number, whole: number, value: number | null): Share {
    if (value === null || whole === 0) return { text: '—', small: false, part, whole };
    if (whole < this.rules.minDenominator) {
      this.small.add(`${part}/${whole}`);
      return { text: `${count(part)} of ${count(whole)}`, small: true, part, whole };
    }
    return { text: percent(value), small: false, part, whole };
  }
}

/**
 * The subject of a sentence about a share, saying its denominator:
 * "Of the 20 parents with scores, 85%", "7 of the 9 parents with scores", "None of the 12 …".
 * `people(n)` names the denominator ("20 parents with scores"). `singular` is true when the
 * verb that follows should be singular ("1 of the 6 parents … was").
 */
export function shareSubject(
  share: Share,
  people: (n: number) => string,
): { text: string; singular: boolean } {
  const whole = share.whole;
  if (share.part === 0 && whole > 1) return { text: `None of the ${people(whole)}`, singular: false };
  if (share.small || whole === 1) {
    const of = whole === 1 ? people(1) : `the ${people(whole)}`;
    return { text: `${count(share.part)} of ${of}`, singular: share.part === 1 };
  }
  return { text: `Of the ${people(whole)}, ${share.text}`, singular: false };
}

/** Folds breakdown entries below minCell into "Other" for charts (statistics.md). */
export function foldSmall(entries: [string, number][], minCell: number): [string, number][] {
  const kept = entries.filter(([, n]) => n >= minCell);
  const other = entries.filter(([, n]) => n > 0 && n < minCell).reduce((s, [, n]) => s + n, 0);
  if (other === 0) return kept;
  const existing = kept.findIndex(([label]) => label.toLowerCase() === 'other');
  if (existing >= 0) {
    const [label, n] = kept[existing] as [string, number];
    kept[existing] = [label, n + other];
    return kept;
  }
  // The folded total is itself a count: if it is still small it is not drawn at all.
  return other >= minCell ? [...kept, ['Other', other]] : kept;
}
