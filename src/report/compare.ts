import { type Period, periodKind } from '../config/period.js';
import type { StatsModel } from '../stats/model.js';
import type { Share } from './disclosure.js';
import { count, percent, roundHalfUp, spanInWords } from './format.js';
import type { Comparison } from './model.js';

/** The period before, as a tile names it: "2023", "Oct–Dec 2023", "2024–25", "the 90 days before". */
export function previousName(period: Period): string {
  switch (periodKind(period)) {
    case 'year':
      return period.label;
    case 'financialYear':
      return `${period.label.slice(2, 6)}–${period.label.slice(7, 9)}`;
    case 'quarter':
    case 'financialQuarter':
      return spanInWords(period.from, period.to);
    case 'range': {
      const days = Math.round((Date.parse(period.to) - Date.parse(period.from)) / 86_400_000) + 1;
      return `the ${count(days)} ${days === 1 ? 'day' : 'days'} before`;
    }
  }
}

const inThe = (name: string) => (name.startsWith('the ') ? name : `in ${name}`);

/**
 * The period before, for the At a glance tiles (report.md): only where it served anyone, so a
 * first year is not compared with nothing. Null when there is no comparison to make.
 */
export interface Before {
  stats: StatsModel['previous'];
  /** "2023": how the tile names it. */
  name: string;
  minDenominator: number;
}

export function before(stats: StatsModel, minDenominator: number): Before | null {
  const previous = stats.previous;
  if (!previous || previous.activity.parentsServed === 0) return null;
  return { stats: previous, name: previousName(previous.period), minDenominator };
}

/**
 * A headline count beside the period before's: "up from 18 in 2023", "down from 18 in 2023",
 * "the same as in 2023". Never a percentage change: "up 100%" on 1 → 2 would mislead.
 */
export function countComparison(now: number, then: number | null, b: Before): Comparison | undefined {
  if (then === null) return undefined;
  const when = inThe(b.name);
  const text =
    now > then
      ? `up from ${count(then)} ${when}`
      : now < then
        ? `down from ${count(then)} ${when}`
        : `the same as ${when}`;
  return { text, value: count(then), period: b.name };
}

/**
 * A percentage beside the period before's, compared as printed (rounded), and only when both
 * are printed as percentages: where either side has fewer than minDenominator people (shown as
 * "x of n") the percentages are not compared. A tile already showing "x of n" gets no comparison;
 * one whose period before had too few says so.
 */
export function shareComparison(
  now: Share,
  then: { part: number; whole: number; value: number | null } | undefined,
  b: Before,
  who = 'parents',
): Comparison | undefined {
  if (now.small || now.text === '—' || then === undefined) return undefined;
  const when = inThe(b.name);
  if (then.value === null || then.whole < b.minDenominator)
    return { text: `too few ${who} ${when} to compare`, period: b.name };
  const [a, c] = [roundHalfUp(Number.parseFloat(now.text)), roundHalfUp(then.value)];
  const printed = percent(then.value);
  const text =
    a > c ? `up from ${printed} ${when}` : a < c ? `down from ${printed} ${when}` : `the same as ${when}`;
  return { text, value: printed, denominator: count(then.whole), period: b.name };
}
