import type { Reported } from '../measures/in-force.js';
import type { StatsModel } from '../stats/model.js';
import type { TargetResult } from '../stats/targets.js';
import type { DisclosureLog } from './disclosure.js';
import { capitalise, count, decimal1, percent, points } from './format.js';
import type { Table } from './model.js';
import { SERVICE_NAMES, scoreText, sourceName } from './words.js';

/**
 * The denominator of each percentage in the model (statistics.md), so a result on few people is
 * printed as "x of n" like every other share. A percentage not listed here is read from its
 * count beside it (`pctX` over `x`).
 */
const SHARES: Record<string, { part: string; whole: string }> = {
  pctPaired: { part: 'paired', whole: 'ended' },
  pctImproved: { part: 'improved', whole: 'paired' },
  pctReliableImprovement: { part: 'reliableImprovement', whole: 'paired' },
  pctRecovered: { part: 'recovered', whole: 'atCaseness' },
  pctReliableRecovery: { part: 'reliableRecovery', whole: 'atCaseness' },
  pctWithin6Weeks: { part: 'within6Weeks', whole: 'started' },
  pctWithin18Weeks: { part: 'within18Weeks', whole: 'started' },
  pctFinishedCourse: { part: 'finishedCourse', whole: 'sessionsRecorded' },
  pctYes: { part: 'yes', whole: 'recorded' },
};

/** Sections whose counts are breakdowns under disclosure control (statistics.md), not headline totals. */
const BREAKDOWNS = ['referralsBySource', 'byService', 'profile'];

/** Why a figure could not be computed, from the figures beside it: said instead of "not met". */
function whyNull(path: string[], parent: Record<string, unknown>): string {
  const field = path.at(-1) ?? '';
  const zero = (k: string) => parent[k] === 0;
  const share = SHARES[field];
  if (field === 'referrals')
    return path[0] === 'byService'
      ? 'the referral counts do not say which service a referral was for'
      : 'no referral counts were supplied';
  const onCaseness = share?.whole === 'atCaseness' || field === 'atCaseness';
  if (onCaseness && parent.atCaseness === null) return 'the measure has no clinical cut-off';
  if ('paired' in parent && (zero('paired') || share?.whole === 'paired'))
    return zero('ended') ? 'no parent’s work ended in the period' : 'no parents with scores yet';
  if (onCaseness) return 'no parent with scores began in the clinical range';
  if ('paired' in parent && parent.paired === 1) return 'too few parents with scores (1)';
  if (share && zero(share.whole)) {
    if (share.whole === 'ended') return 'no parent’s work ended in the period';
    if (share.whole === 'started') return 'no parent started in the period';
    if (share.whole === 'sessionsRecorded') return 'no sessions were recorded';
  }
  if (field === 'sessionsMedian') return 'no sessions were recorded for parents whose work ended';
  if (field === 'waitDaysMedian') return 'no parent started in the period';
  return 'not enough data in this period';
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** A number of the model as the report prints it: "85%", "+10.5", "23", "11.5". */
export function figureText(field: string, value: number): string {
  if (field.startsWith('pct')) return percent(value);
  if (field === 'meanChange') return points(value);
  return Number.isInteger(value) ? count(value) : decimal1(value);
}

/** The promised number as written, with its unit: "75%", "25", "−3 points". */
function promisedText(field: string, target: number): string {
  if (field.startsWith('pct')) return `${scoreText(target)}%`;
  return target < 0 ? `−${scoreText(-target)}` : scoreText(target);
}

const GROUPS = ['activity', 'outcomes', 'access', 'engagement', 'byService', 'referralsBySource', 'profile'];

/** "Families served", "PIRGAS: % improved", "Groups: referrals": a target without a label. */
export function fieldName(field: string, reported: Reported): string {
  const names = new Map<string, string>(
    [...reported.measures, ...reported.composites].map((m) => [m.id, m.name] as [string, string]),
  );
  const words = (key: string) =>
    key
      .replace(/^pct/, '% ')
      .replace(/([a-z])([A-Z0-9])/g, '$1 $2')
      .replaceAll('_', ' ')
      .toLowerCase()
      .trim();
  const parts = field.split('.');
  const out: string[] = [];
  for (const [i, key] of parts.entries()) {
    const previous = parts[i - 1];
    if (previous === 'outcomes') out.push(names.get(key) ?? key);
    else if (previous === 'byService') out.push(SERVICE_NAMES[key] ?? capitalise(key));
    else if (previous === 'referralsBySource') out.push(`referrals from ${sourceName(key)}`);
    // The model's sections and groups are named by what follows them.
    else if (i === 0 || (i < parts.length - 1 && GROUPS.includes(key))) continue;
    else out.push(words(key));
  }
  const [head = field, ...rest] = out;
  return capitalise(rest.length > 0 ? `${head}: ${rest.join(', ')}` : head);
}

/** The object holding the field at `path` in the model. */
function parentOf(stats: StatsModel, path: string[]): Record<string, unknown> {
  let node: unknown = stats;
  for (const key of path.slice(0, -1))
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node && typeof node === 'object' ? (node as Record<string, unknown>) : {};
}

/** What was delivered, as printed: small shares as "x of n", small breakdown counts as "<5". */
function deliveredText(
  t: TargetResult,
  stats: StatsModel,
  log: DisclosureLog,
): { text: string; denominator?: string } {
  const path = t.field.split('.');
  const field = path.at(-1) ?? '';
  const parent = parentOf(stats, path);
  if (t.actual === null) return { text: '—' };
  if (field.startsWith('pct')) {
    const names = SHARES[field] ?? { part: lowerFirst(field.slice(3)), whole: '' };
    const part = parent[names.part];
    let whole = parent[names.whole];
    // A percentage with only its count beside it: its denominator is count ÷ share.
    if (typeof whole !== 'number' && typeof part === 'number' && t.actual > 0)
      whole = Math.round((part * 100) / t.actual);
    if (typeof part === 'number' && typeof whole === 'number') {
      const share = log.share(part, whole, t.actual);
      return { text: share.text, denominator: share.small ? undefined : count(whole) };
    }
    return { text: percent(t.actual) };
  }
  if (Number.isInteger(t.actual) && path.some((k) => BREAKDOWNS.includes(k)))
    return { text: log.cell(t.actual, 'the Promised and delivered table') };
  return { text: figureText(field, t.actual) };
}

/**
 * report.md "Promised and delivered": each target, its result, and met / not met in words and
 * a symbol (never colour alone); a result that cannot be computed says why instead.
 */
export function promisedAndDelivered(
  stats: StatsModel,
  reported: Reported,
  log: DisclosureLog,
): Table | undefined {
  if (stats.targets.length === 0) return undefined;
  const rows: string[][] = [];
  const denominators: (string | undefined)[][] = [];
  const rowClasses: string[] = [];
  for (const t of stats.targets) {
    const path = t.field.split('.');
    const field = path.at(-1) ?? '';
    const delivered = deliveredText(t, stats, log);
    const parent = parentOf(stats, path);
    // A count of outcomes with nobody measured (0 parents got worse, of none) meets an "at most"
    // promise in the JSON, as statistics.md says; the PDF says how little that means.
    const vacuous = parent.paired === 0 ? ' (no parents with scores yet)' : '';
    const result =
      t.met === null
        ? `○ Not measured: ${whyNull(path, parent)}`
        : t.met
          ? `✓ Met${vacuous}`
          : `✗ Not met${vacuous}`;
    rows.push([
      t.label ?? fieldName(t.field, reported),
      `${t.direction === 'atLeast' ? 'at least' : 'at most'} ${promisedText(field, t.target)}`,
      delivered.text,
      result,
    ]);
    denominators.push([undefined, undefined, delivered.denominator, undefined]);
    rowClasses.push(t.met === null ? 'target-unmeasured' : t.met ? 'target-met' : 'target-not-met');
  }
  return {
    caption: 'Promised and delivered',
    headers: ['Target', 'Promised', 'Delivered', 'Result'],
    rows,
    denominators,
    rowClasses,
  };
}
