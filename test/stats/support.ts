/** Builders and fast-check arbitraries shared by the statistics tests. */
import fc from 'fast-check';
import {
  type Day,
  DEFAULT_THRESHOLDS,
  type Episode,
  type GrantMatch,
  type Measure,
  type ReferralCount,
  type Thresholds,
} from '../../src/domain.js';

let next = 0;

/** One episode: referred 2024-01-01, started 2024-01-10, still open, nothing else recorded. */
export function episode(overrides: Partial<Episode> = {}): Episode {
  next++;
  return {
    episodeId: `EP-${next}`,
    familyId: `FAM-${next}`,
    service: 'individual',
    area: 'Didcot',
    funding: [],
    referralDate: 20240101,
    referralSource: null,
    startDate: 20240110,
    endDate: null,
    sessions: null,
    pirgasPre: null,
    pirgasPost: null,
    phq9Pre: null,
    phq9Post: null,
    gad7Pre: null,
    gad7Post: null,
    ...overrides,
  };
}

/** An episode ended on `endDate` (2024-06-30 unless given) with the given scores. */
export const ended = (overrides: Partial<Episode> = {}) => episode({ endDate: 20240630, ...overrides });

export const range = (from: Day, to: Day) => ({ from, to });

export const DEFAULTS: Thresholds = DEFAULT_THRESHOLDS;

// ---------- arbitraries: small vocabularies, dates around 2023-2025 so periods catch their edges ----------

const DAY = 86_400_000;
const BASE = Date.UTC(2023, 9, 1); // 2023-10-01
/** The day `n` days after 2023-10-01, as yyyymmdd. */
export function dayAt(n: number): Day {
  const d = new Date(BASE + n * DAY);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}
export const SPAN = 640; // to mid-2025

const AREAS = ['Didcot', 'Reading', 'Oxford City'];
const FUNDING = ['powerhouse', 'lottery', 'council'];
const SOURCES = ['gp', 'midwife', 'health_visitor', 'self'];

/**
 * A pre and post score, each sometimes missing; the post is often a small step from the pre, so that
 * changes of 0, ±1 and exactly the reliable-change thresholds turn up.
 */
const scores = (min: number, max: number): fc.Arbitrary<[number | null, number | null]> =>
  fc
    .record({
      pre: fc.integer({ min, max }),
      post: fc.integer({ min, max }),
      step: fc.option(fc.integer({ min: -12, max: 12 }), { nil: null, freq: 2 }),
      missing: fc.constantFrom('none', 'none', 'none', 'pre', 'post', 'both'),
    })
    .map(({ pre, post, step, missing }) => {
      const after = step === null ? post : Math.min(max, Math.max(min, pre + step));
      return [
        missing === 'pre' || missing === 'both' ? null : pre,
        missing === 'post' || missing === 'both' ? null : after,
      ];
    });

export const episodeArb: fc.Arbitrary<Episode> = fc
  .record({
    family: fc.integer({ min: 1, max: 12 }),
    service: fc.constantFrom('individual', 'group') as fc.Arbitrary<Episode['service']>,
    area: fc.constantFrom(...AREAS),
    funding: fc.subarray(FUNDING),
    referral: fc.integer({ min: 0, max: SPAN }),
    source: fc.option(fc.constantFrom(...SOURCES), { nil: null }),
    startAfter: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null, freq: 6 }),
    endAfter: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null, freq: 3 }),
    sessions: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null, freq: 4 }),
    pirgas: scores(1, 100),
    phq9: scores(0, 27),
    gad7: scores(0, 21),
  })
  .map((r) => {
    // The shape ingest lets through: a start on or after the referral, an end and scores only once started.
    const started = r.startAfter !== null;
    const start = started ? r.referral + (r.startAfter as number) : null;
    const end = start !== null && r.endAfter !== null ? start + r.endAfter : null;
    const s = <T>(v: T) => (started ? v : null);
    return episode({
      familyId: `FAM-${r.family}`,
      service: r.service,
      area: r.area,
      funding: r.funding,
      referralDate: dayAt(r.referral),
      referralSource: r.source,
      startDate: start === null ? null : dayAt(start),
      endDate: end === null ? null : dayAt(end),
      sessions: s(r.sessions),
      pirgasPre: s(r.pirgas[0]),
      pirgasPost: s(r.pirgas[1]),
      phq9Pre: s(r.phq9[0]),
      phq9Post: s(r.phq9[1]),
      gad7Pre: s(r.gad7[0]),
      gad7Post: s(r.gad7[1]),
    });
  });

/** Episodes that have all ended within 2024 (for outcome properties): every one counts. */
export const endedEpisodeArb: fc.Arbitrary<Episode> = episodeArb.map((e) => ({
  ...e,
  startDate: e.startDate ?? 20240101,
  endDate: 20240630,
}));

export const referralsArb: fc.Arbitrary<ReferralCount[] | null> = fc.option(
  fc.array(
    fc.record({
      month: fc.integer({ min: 0, max: 20 }).map((k) => {
        const index = 2023 * 12 + 9 + k; // from 2023-10
        return Math.floor(index / 12) * 10000 + ((index % 12) + 1) * 100 + 1;
      }),
      area: fc.constantFrom(...AREAS),
      source: fc.constantFrom(...SOURCES),
      count: fc.integer({ min: 0, max: 9 }),
    }),
    { maxLength: 30 },
  ),
  { nil: null, freq: 4 },
);

export const matchArb: fc.Arbitrary<GrantMatch | undefined> = fc.option(
  fc.record(
    {
      funding: fc.subarray(FUNDING, { minLength: 1 }),
      area: fc.subarray(AREAS, { minLength: 1 }),
      service: fc.subarray(['individual', 'group'] as Episode['service'][], { minLength: 1 }),
    },
    { requiredKeys: [] },
  ),
  { nil: undefined },
);

export const measuresArb: fc.Arbitrary<Measure[]> = fc.subarray(['pirgas', 'phq9', 'gad7'] as Measure[], {
  minLength: 1,
});

export const thresholdsArb: fc.Arbitrary<Thresholds> = fc.oneof(
  fc.constant(DEFAULT_THRESHOLDS),
  fc.record({
    pirgas: fc.record({
      reliableChange: fc.integer({ min: 1, max: 20 }),
      clinicalCutoff: fc.integer({ min: 20, max: 60 }),
    }),
    phq9: fc.record({
      reliableChange: fc.integer({ min: 1, max: 8 }),
      clinicalCutoff: fc.integer({ min: 5, max: 15 }),
    }),
    gad7: fc.record({
      reliableChange: fc.integer({ min: 1, max: 6 }),
      clinicalCutoff: fc.integer({ min: 4, max: 12 }),
    }),
  }),
);

/** A period inside the data's span: an explicit range of 1 to 500 days. */
export const periodArb = fc
  .tuple(fc.integer({ min: 0, max: SPAN }), fc.integer({ min: 0, max: 500 }))
  .map(([start, length]) => {
    const iso = (d: Day) => {
      const s = String(d);
      return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
    };
    const from = iso(dayAt(start));
    const to = iso(dayAt(start + length));
    return { label: `${from}_${to}`, from, to };
  });

/** Bounded runs keep the suite fast on two shared cores. */
export const RUNS = { numRuns: 200 } as const;
