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

/** A breakdown's counts as printed (statistics.md, Disclosure control). */
export interface Breakdown {
  /** Each count as printed: the number, "<minCell", or "*". */
  texts: string[];
  /** Which counts are hidden, either way. */
  hidden: boolean[];
  /** A count was hidden only so that another cannot be worked out ("*"): its table needs the note. */
  secondary: boolean;
}

/**
 * statistics.md: in a breakdown printed beside its total, a count from 1 to minCell − 1 is
 * printed as "<minCell"; where exactly one is hidden, the smallest other non-zero count (the
 * first in order on a tie) is hidden too, as "*", so that no hidden count is the total minus the
 * counts shown.
 */
export function suppressBreakdown(counts: readonly number[], minCell: number): Breakdown {
  const hidden = counts.map((n) => n >= 1 && n < minCell);
  const texts = counts.map((n) => cellText(n, minCell));
  let secondary = false;
  if (hidden.filter(Boolean).length === 1) {
    let pick = -1;
    counts.forEach((n, i) => {
      if (hidden[i] || n === 0) return;
      if (pick < 0 || n < (counts[pick] as number)) pick = i;
    });
    if (pick >= 0) {
      hidden[pick] = true;
      texts[pick] = '*';
      secondary = true;
    }
  }
  return { texts, hidden, secondary };
}

/** The note under a table in which a count is shown as "*". */
export const secondaryNote = (minCell: number) =>
  `* Also hidden: where only one number in a table would be shown as “<${minCell}”, the next smallest is hidden too, so that the hidden number cannot be worked out by subtracting the others from the total.`;

/** Applies disclosure control and tallies what it hid, for the method section. */
export class DisclosureLog {
  /** Counts printed as "<minCell", by the table they were in, in order of first use. */
  readonly suppressed = new Map<string, number>();
  /** Counts printed as "*" (secondary suppression), by table. */
  readonly secondary = new Map<string, number>();
  private readonly small = new Set<string>();
  constructor(readonly rules: Disclosure) {}

  /** A breakdown count (statistics.md), suppressed when small; `where` names its table. */
  cell(n: number, where: string): string {
    const text = cellText(n, this.rules.minCell);
    if (text !== count(n)) this.suppressed.set(where, (this.suppressed.get(where) ?? 0) + 1);
    return text;
  }

  /** A breakdown beside its total (statistics.md): small counts and, where needed, a second one hidden. */
  breakdown(counts: readonly number[], where: string): Breakdown {
    const result = suppressBreakdown(counts, this.rules.minCell);
    result.texts.forEach((text, i) => {
      if (text === '*') this.secondary.set(where, (this.secondary.get(where) ?? 0) + 1);
      else if (result.hidden[i]) this.suppressed.set(where, (this.suppressed.get(where) ?? 0) + 1);
    });
    return result;
  }

  get secondaryCells(): number {
    let total = 0;
    for (const n of this.secondary.values()) total += n;
    return total;
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

/**
 * Folds the hidden entries of a breakdown into "Other" for a chart (statistics.md); an Other
 * still below minCell is not drawn.
 */
export function foldHidden(
  entries: [string, number][],
  hidden: readonly boolean[],
  minCell: number,
): [string, number][] {
  const kept = entries.filter(([, n], i) => !hidden[i] && n > 0);
  const other = entries.filter((_, i) => hidden[i]).reduce((s, [, n]) => s + n, 0);
  if (other === 0) return kept;
  const existing = kept.findIndex(([label]) => label.toLowerCase() === 'other');
  if (existing >= 0) {
    const [label, n] = kept[existing] as [string, number];
    kept[existing] = [label, n + other];
    return kept;
  }
  return other >= minCell ? [...kept, ['Other', other]] : kept;
}

/** Folds breakdown entries below minCell into "Other" for charts (statistics.md). */
export const foldSmall = (entries: [string, number][], minCell: number): [string, number][] =>
  foldHidden(
    entries,
    entries.map(([, n]) => n > 0 && n < minCell),
    minCell,
  );
