/**
 * A second, deliberately naive implementation of statistics.md, written from the spec alone and
 * sharing no code with src/stats: dates are ISO strings, every figure is its own filter, and the
 * t quantile comes from the same library by its own import. The property tests and the end-to-end
 * JSON test hold the real engine to it, the way the independent checker of the spec will.
 */
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { Episode, GrantMatch, ReferralCount } from '../../src/domain.js';

/** A measure as statistics.md uses it: direction, R and the cut-off (null: none). */
export interface ReferenceMeasure {
  id: string;
  better: 'higher' | 'lower';
  reliableChange: number;
  clinicalCutoff: number | null;
}
export interface ReferenceComposite {
  id: string;
  measures: string[];
  /** mentalHealth carries `bothPaired` as well as `allPaired`. */
  bothPaired?: boolean;
}

/** A declared profile column: categories in order, or a flag. */
export type ReferenceProfileColumn = { column: string; label: string; categories?: string[] };

export interface ReferenceInput {
  grant: { id: string; funder: string; title: string; match?: GrantMatch };
  /** The export has an end_reason column. */
  hasEndReason?: boolean;
  /** Declared profile columns, in the order of `Episode.profile`. */
  profile?: ReferenceProfileColumn[];
  /** The measures the grant reports, in order, and the composites after them. */
  measures: ReferenceMeasure[];
  composites: ReferenceComposite[];
  /** The measures the export has, in the order of `Episode.scores` (two slots each). */
  inExport: string[];
  period: { label: string; from: string; to: string };
  /** The month the financial year starts (data.md §3), for the period before; April by default. */
  financialYearStart?: number;
  episodes: readonly Episode[];
  referrals: readonly ReferralCount[] | null;
}

const iso = (day: number | null): string | null => {
  if (day === null) return null;
  const s = String(day);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

const percent = (part: number, whole: number) => (whole === 0 ? null : (part / whole) * 100);
const average = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
function sd(xs: number[]): number | null {
  if (xs.length < 2) return null;
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, x) => a + (x - m) * (x - m), 0) / (xs.length - 1));
}
function middle(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? (s[(n - 1) / 2] as number) : ((s[n / 2 - 1] as number) + (s[n / 2] as number)) / 2;
}
/** Wilson score interval written the other common way: (2np + z² ± z√(z² + 4np(1 − p))) / 2(n + z²). */
function wilson(k: number, n: number): [number, number] | null {
  if (n === 0) return null;
  const z = 1.959963984540054;
  const p = k / n;
  const root = z * Math.sqrt(z * z + 4 * n * p * (1 - p));
  const lo = (2 * n * p + z * z - root) / (2 * (n + z * z));
  const hi = (2 * n * p + z * z + root) / (2 * (n + z * z));
  return [100 * lo, 100 * hi];
}

const TOLERANCE = 1e-9;
const dir = (m: ReferenceMeasure) => (m.better === 'higher' ? 1 : -1);
function clinical(m: ReferenceMeasure, score: number): boolean {
  if (m.clinicalCutoff === null) return false;
  return m.better === 'higher' ? score <= m.clinicalCutoff : score >= m.clinicalCutoff;
}
function scores(input: ReferenceInput, e: Episode, m: ReferenceMeasure): [number, number] | null {
  const at = input.inExport.indexOf(m.id);
  if (at < 0) return null;
  const pre = e.scores[2 * at] ?? null;
  const post = e.scores[2 * at + 1] ?? null;
  return pre === null || post === null ? null : [pre, post];
}

function inScope(e: Episode, match: GrantMatch | undefined): boolean {
  if (match === undefined) return true;
  const funding = match.funding === undefined || e.funding.some((c) => match.funding?.includes(c));
  const area = match.area === undefined || match.area.includes(e.area);
  const service = match.service === undefined || match.service.includes(e.service);
  return funding && area && service;
}
const isActive = (e: Episode, from: string, to: string) => {
  const start = iso(e.startDate);
  const end = iso(e.endDate);
  return start !== null && start <= to && (end === null || end >= from);
};
const isEnded = (e: Episode, from: string, to: string) => {
  const end = iso(e.endDate);
  return end !== null && end >= from && end <= to;
};

function referralsIn(input: ReferenceInput, from: string, to: string) {
  if (input.referrals === null) return { total: null, bySource: {} as Record<string, number> };
  const areas = input.grant.match?.area;
  const rows = input.referrals.filter((r) => {
    const first = iso(r.month) as string;
    return first >= from && first <= to && (areas === undefined || areas.includes(r.area));
  });
  const bySource: Record<string, number> = {};
  for (const r of rows) bySource[r.source] = (bySource[r.source] ?? 0) + r.count;
  return { total: rows.reduce((a, r) => a + r.count, 0), bySource };
}

function activity(input: ReferenceInput, eps: Episode[], withReferrals: boolean) {
  const { from, to } = input.period;
  const active = eps.filter((e) => isActive(e, from, to));
  const ended = eps.filter((e) => isEnded(e, from, to));
  const refs = withReferrals ? referralsIn(input, from, to) : { total: null, bySource: {} };
  return {
    referrals: refs.total,
    referralsBySource: refs.bySource,
    episodesReferred: eps.filter((e) => {
      const r = iso(e.referralDate) as string;
      return r >= from && r <= to;
    }).length,
    parentsServed: active.length,
    familiesServed: new Set(active.map((e) => e.familyId)).size,
    episodesEnded: ended.length,
    sessionsMedian: middle(ended.flatMap((e) => (e.sessions === null ? [] : [e.sessions]))),
  };
}

export function measure(input: ReferenceInput, ended: Episode[], m: ReferenceMeasure) {
  const d = dir(m);
  const R = m.reliableChange;
  const pairs = ended.flatMap((e) => {
    const s = scores(input, e, m);
    return s ? [s] : [];
  });
  const n = pairs.length;
  const change = pairs.map(([pre, post]) => post - pre);
  const pres = pairs.map(([pre]) => pre);
  const posts = pairs.map(([, post]) => post);
  const improved = change.filter((c) => d * c > 0).length;
  const reliable = ([pre, post]: [number, number]) => d * (post - pre) >= R - TOLERANCE;
  const noCutoff = m.clinicalCutoff === null;
  const caseness = pairs.filter(([pre]) => clinical(m, pre));
  const recovered = caseness.filter(([, post]) => !clinical(m, post));
  const meanChange = average(change);
  const sdChange = sd(change);
  const sdPre = sd(pres);
  const meanPre = average(pres);
  const meanPost = average(posts);
  const half = n < 2 ? null : (tQuantile(0.975, n - 1) * (sdChange as number)) / Math.sqrt(n);
  return {
    ended: ended.length,
    paired: n,
    pctPaired: percent(n, ended.length),
    improved,
    unchanged: change.filter((c) => c === 0).length,
    deteriorated: change.filter((c) => d * c < 0).length,
    pctImproved: percent(improved, n),
    pctImprovedCi95: wilson(improved, n),
    meanPre,
    meanPost,
    meanChange,
    sdChange,
    meanChangeCi95: half === null ? null : [(meanChange as number) - half, (meanChange as number) + half],
    effectSize:
      n < 2 || sdPre === 0 ? null : (d * ((meanPost as number) - (meanPre as number))) / (sdPre as number),
    reliableImprovement: pairs.filter(reliable).length,
    reliableDeterioration: change.filter((c) => -d * c >= R - TOLERANCE).length,
    pctReliableImprovement: percent(pairs.filter(reliable).length, n),
    atCaseness: noCutoff ? null : caseness.length,
    recovered: noCutoff ? null : recovered.length,
    pctRecovered: noCutoff ? null : percent(recovered.length, caseness.length),
    reliableRecovery: noCutoff ? null : recovered.filter(reliable).length,
    pctReliableRecovery: noCutoff ? null : percent(recovered.filter(reliable).length, caseness.length),
  };
}

export function composite(input: ReferenceInput, ended: Episode[], c: ReferenceComposite) {
  const members = c.measures.map((id) => input.measures.find((m) => m.id === id) as ReferenceMeasure);
  const better = (m: ReferenceMeasure, s: [number, number]) => dir(m) * (s[1] - s[0]);
  const rows = ended.map((e) =>
    members.flatMap((m) => {
      const s = scores(input, e, m);
      return s ? [{ m, s }] : [];
    }),
  );
  const paired = rows.filter((r) => r.length > 0);
  const isImproved = (r: (typeof rows)[number]) =>
    r.some(({ m, s }) => better(m, s) > 0) && !r.some(({ m, s }) => better(m, s) < 0);
  const isReliable = (r: (typeof rows)[number]) =>
    r.some(({ m, s }) => better(m, s) >= m.reliableChange - TOLERANCE) &&
    !r.some(({ m, s }) => -better(m, s) >= m.reliableChange - TOLERANCE);
  const all = paired.filter((r) => r.length === members.length);
  const noCutoff = members.some((m) => m.clinicalCutoff === null);
  const caseness = all.filter((r) => r.some(({ m, s }) => clinical(m, s[0])));
  const recovered = caseness.filter((r) => r.every(({ m, s }) => !clinical(m, s[1])));
  const improved = paired.filter(isImproved).length;
  const reliableImprovement = paired.filter(isReliable).length;
  const reliableRecovery = recovered.filter(isReliable).length;
  return {
    paired: paired.length,
    improved,
    pctImproved: percent(improved, paired.length),
    reliableImprovement,
    pctReliableImprovement: percent(reliableImprovement, paired.length),
    allPaired: all.length,
    ...(c.bothPaired ? { bothPaired: all.length } : {}),
    atCaseness: noCutoff ? null : caseness.length,
    recovered: noCutoff ? null : recovered.length,
    pctRecovered: noCutoff ? null : percent(recovered.length, caseness.length),
    reliableRecovery: noCutoff ? null : reliableRecovery,
    pctReliableRecovery: noCutoff ? null : percent(reliableRecovery, caseness.length),
  };
}

const dayMs = (day: number) => Date.parse(`${iso(day)}T00:00:00Z`);

function access(input: ReferenceInput, eps: Episode[]) {
  const { from, to } = input.period;
  const started = eps.filter((e) => {
    const s = iso(e.startDate);
    return s !== null && s >= from && s <= to;
  });
  const waits = started.map((e) =>
    Math.round((dayMs(e.startDate as number) - dayMs(e.referralDate)) / 86_400_000),
  );
  const within = (days: number) => waits.filter((w) => w <= days).length;
  return {
    started: started.length,
    waitDaysMedian: middle(waits),
    within6Weeks: within(42),
    pctWithin6Weeks: percent(within(42), waits.length),
    within18Weeks: within(126),
    pctWithin18Weeks: percent(within(126), waits.length),
  };
}

function engagement(input: ReferenceInput, eps: Episode[]) {
  const { from, to } = input.period;
  const ended = eps.filter((e) => isEnded(e, from, to));
  const recorded = ended.filter((e) => e.sessions !== null);
  const finished = recorded.filter((e) => (e.sessions as number) >= 2).length;
  const count = (r: Episode['endReason']) => ended.filter((e) => e.endReason === r).length;
  const reasons = {
    planned: count('planned'),
    unplanned: count('unplanned'),
    other: count('other'),
    notRecorded: count(null),
  };
  return {
    ended: ended.length,
    sessionsRecorded: recorded.length,
    finishedCourse: finished,
    pctFinishedCourse: percent(finished, recorded.length),
    endReasons: input.hasEndReason ? reasons : null,
    pctPlanned: input.hasEndReason
      ? percent(reasons.planned, reasons.planned + reasons.unplanned + reasons.other)
      : null,
  };
}

function profile(input: ReferenceInput, eps: Episode[]) {
  const { from, to } = input.period;
  const active = eps.filter((e) => isActive(e, from, to));
  const result: Record<string, unknown> = {};
  (input.profile ?? []).forEach((c, i) => {
    const values = active.map((e) => e.profile[i] ?? null);
    const recorded = values.filter((v) => v !== null).length;
    if (c.categories)
      result[c.column] = {
        label: c.label,
        recorded,
        notRecorded: values.length - recorded,
        counts: Object.fromEntries(
          c.categories.map((name, k) => [name, values.filter((v) => v === k).length]),
        ),
      };
    else {
      const yes = values.filter((v) => v === 1).length;
      result[c.column] = {
        label: c.label,
        recorded,
        notRecorded: values.length - recorded,
        yes,
        pctYes: percent(yes, recorded),
      };
    }
  });
  return result;
}

function outcomes(input: ReferenceInput, eps: Episode[]) {
  const { from, to } = input.period;
  const ended = eps.filter((e) => isEnded(e, from, to));
  const result: Record<string, unknown> = {};
  for (const m of input.measures) result[m.id] = measure(input, ended, m);
  for (const c of input.composites) result[c.id] = composite(input, ended, c);
  return result;
}

const DAY = 86_400_000;
const utc = (text: string) => Date.parse(`${text}T00:00:00Z`);
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** The period's first day moved on by k months, the day of month cut to the month's length. */
function monthsOn(from: string, k: number): string {
  const [y, m, d] = from.split('-').map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y, m - 1 + k + 1, 0)).getUTCDate();
  return isoOf(Date.UTC(y, m - 1 + k, Math.min(d, last)));
}

/** `trend` sub-periods: months when the period is three months or less, otherwise quarters. */
export function referenceSubPeriods(from: string, to: string): { from: string; to: string }[] {
  const step = monthsOn(from, 3) > to ? 1 : 3;
  const parts: { from: string; to: string }[] = [];
  for (let k = 0; monthsOn(from, k * step) <= to; k++) {
    const next = isoOf(utc(monthsOn(from, (k + 1) * step)) - DAY);
    parts.push({ from: monthsOn(from, k * step), to: next < to ? next : to });
  }
  return parts;
}

/** The N days just before an explicit range of N days (statistics.md `previous`), by calendar arithmetic. */
export function referencePreviousRange(
  from: string,
  to: string,
): { label: string; from: string; to: string } {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  const days = Math.round((day(to).getTime() - day(from).getTime()) / 86_400_000) + 1;
  const end = day(from);
  end.setUTCDate(end.getUTCDate() - 1);
  const start = day(from);
  start.setUTCDate(start.getUTCDate() - days);
  const text = (d: Date) => d.toISOString().slice(0, 10);
  return { label: `${text(start)}_${text(end)}`, from: text(start), to: text(end) };
}

/** A target (statistics.md `targets`): a dotted path, a direction and the promised number. */
export interface ReferenceTarget {
  field: string;
  label: string | null;
  direction: 'atLeast' | 'atMost';
  target: number;
}

/**
 * statistics.md `previous` for every kind of period, from its label, by calendar arithmetic:
 * the year, quarter, financial year or financial-year quarter before; the N days before a range.
 */
export function referencePreviousPeriod(
  period: { label: string; from: string; to: string },
  financialYearStart = 4,
): { label: string; from: string; to: string } {
  const text = (d: Date) => d.toISOString().slice(0, 10);
  // Months counted from year 0; the first day of month index k, and the last day of k + n − 1.
  const span = (k: number, n: number) => ({
    from: text(new Date(Date.UTC(Math.floor(k / 12), k % 12, 1))),
    to: text(new Date(Date.UTC(Math.floor((k + n) / 12), (k + n) % 12, 0))),
  });
  const two = (n: number) => String(n % 100).padStart(2, '0');
  let m = /^(\d{4})$/.exec(period.label);
  if (m) {
    const y = Number(m[1]) - 1;
    return { label: String(y), ...span(y * 12, 12) };
  }
  m = /^(\d{4})-Q(\d)$/.exec(period.label);
  if (m) {
    const q = Number(m[1]) * 4 + Number(m[2]) - 2;
    return { label: `${Math.floor(q / 4)}-Q${(q % 4) + 1}`, ...span(q * 3, 3) };
  }
  m = /^FY(\d{4})-\d{2}$/.exec(period.label);
  if (m) {
    const y = Number(m[1]) - 1;
    return { label: `FY${y}-${two(y + 1)}`, ...span(y * 12 + financialYearStart - 1, 12) };
  }
  m = /^FY(\d{4})-\d{2}-Q(\d)$/.exec(period.label);
  if (m) {
    const q = Number(m[1]) * 4 + Number(m[2]) - 2;
    const y = Math.floor(q / 4);
    return {
      label: `FY${y}-${two(y + 1)}-Q${(q % 4) + 1}`,
      ...span(y * 12 + financialYearStart - 1 + (q % 4) * 3, 3),
    };
  }
  return referencePreviousRange(period.from, period.to);
}

/** The model of statistics.md, less `provenance`, `measures` and the trend labels. */
export function referenceModel(input: ReferenceInput, targets: ReferenceTarget[] = []) {
  const own = referencePeriodModel(input);
  const period = referencePreviousPeriod(input.period, input.financialYearStart);
  const before = referencePeriodModel({ ...input, period });
  const at = (path: string) =>
    path
      .split('.')
      .reduce<unknown>(
        (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
        own,
      );
  return {
    ...own,
    previous: {
      period,
      activity: before.activity,
      outcomes: before.outcomes,
      access: before.access,
      engagement: before.engagement,
    },
    targets: targets.map((t) => {
      const value = at(t.field);
      const actual = typeof value === 'number' ? value : null;
      return {
        ...t,
        actual,
        met: actual === null ? null : t.direction === 'atLeast' ? actual >= t.target : actual <= t.target,
      };
    }),
  };
}

function referencePeriodModel(input: ReferenceInput) {
  const scoped = input.episodes.filter((e) => inScope(e, input.grant.match));
  const byService: Record<string, unknown> = {};
  for (const service of [...new Set(scoped.map((e) => e.service.toLowerCase()))]) {
    const own = scoped.filter((e) => e.service === service);
    byService[service] = {
      activity: activity(input, own, false),
      outcomes: outcomes(input, own),
      access: access(input, own),
      engagement: engagement(input, own),
    };
  }
  return {
    grant: { id: input.grant.id, funder: input.grant.funder, title: input.grant.title },
    period: input.period,
    activity: activity(input, scoped, true),
    outcomes: outcomes(input, scoped),
    access: access(input, scoped),
    engagement: engagement(input, scoped),
    profile: profile(input, scoped),
    byService,
    trend: referenceSubPeriods(input.period.from, input.period.to).map((sub) => {
      const active = scoped.filter((e) => isActive(e, sub.from, sub.to));
      return {
        from: sub.from,
        to: sub.to,
        referrals: referralsIn(input, sub.from, sub.to).total,
        parentsServed: active.length,
        familiesServed: new Set(active.map((e) => e.familyId)).size,
      };
    }),
  };
}

/**
 * Deep comparison that allows floating-point noise (1e-9 relative) in numbers and nothing else:
 * same keys, same nulls, same integers. Returns the first difference as a path, or null.
 */
export function difference(actual: unknown, expected: unknown, path = '$'): string | null {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
    return Math.abs(actual - expected) <= tolerance ? null : `${path}: ${actual} ≠ ${expected}`;
  }
  if (expected === null || typeof expected !== 'object' || actual === null || typeof actual !== 'object')
    return Object.is(actual, expected) || actual === expected
      ? null
      : `${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`;
  if (Array.isArray(expected) !== Array.isArray(actual)) return `${path}: array vs object`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) => Object.keys(o).sort().join(',');
  if (keys(a) !== keys(e)) return `${path}: keys ${keys(a)} ≠ ${keys(e)}`;
  for (const k of Object.keys(e)) {
    const d = difference(a[k], e[k], `${path}.${k}`);
    if (d) return d;
  }
  return null;
}
