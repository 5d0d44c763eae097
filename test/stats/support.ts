/** Builders and fast-check arbitraries shared by the statistics tests. */
import fc from 'fast-check';
import type {
  Day,
  Episode,
  ExportSummary,
  GrantMatch,
  ProfileColumn,
  ReferralCount,
} from '../../src/domain.js';
import { BUILT_IN_COMPOSITES, BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import type { CompositeDefinition, MeasureDefinition } from '../../src/measures/definition.js';
import { type CompositeOutcome, compositeOutcome } from '../../src/stats/composite.js';
import { rowsOf } from '../../src/stats/episode-rows.js';
import { type MeasureOutcome, measureOutcome, slotsOf } from '../../src/stats/outcomes.js';

/** The three measures of v1, whose scores these tests write by name (`pirgasPre`, …). */
export type Measure = 'pirgas' | 'phq9' | 'gad7';
export const TEST_MEASURES: Measure[] = ['pirgas', 'phq9', 'gad7'];
/** The export's measures in these tests: the slots of `Episode.scores`. */
export const IN_EXPORT: string[] = [...TEST_MEASURES];
export const SLOTS = slotsOf(IN_EXPORT);

export interface MeasureThresholds {
  reliableChange: number;
  clinicalCutoff: number;
}
export type Thresholds = Record<Measure, MeasureThresholds>;
const builtIn = (id: string) => BUILT_IN_MEASURES.find((m) => m.id === id) as MeasureDefinition;
export const DEFAULT_THRESHOLDS: Thresholds = Object.fromEntries(
  TEST_MEASURES.map((m) => [
    m,
    { reliableChange: builtIn(m).reliableChange, clinicalCutoff: builtIn(m).clinicalCutoff as number },
  ]),
) as Thresholds;

/** The built-in definition of `m` with the thresholds `t`. */
export const definition = (m: Measure, t: MeasureThresholds = DEFAULT_THRESHOLDS[m]): MeasureDefinition => ({
  ...builtIn(m),
  ...t,
});
export const definitions = (
  t: Thresholds = DEFAULT_THRESHOLDS,
  measures: readonly Measure[] = TEST_MEASURES,
) => measures.map((m) => definition(m, t[m]));
export const MENTAL_HEALTH = BUILT_IN_COMPOSITES[0] as CompositeDefinition;

/** `outcomes.<m>` over these episodes, with thresholds `t`. */
export const measureOutcomeFor = (
  episodes: readonly Episode[],
  m: Measure,
  t: MeasureThresholds = DEFAULT_THRESHOLDS[m],
): MeasureOutcome => measureOutcome(rowsOf(episodes), definition(m, t), SLOTS.get(m) as number);

/** `outcomes.mentalHealth` over these episodes, with thresholds `t`. */
export const mentalHealthFor = (
  episodes: readonly Episode[],
  t: Thresholds = DEFAULT_THRESHOLDS,
): CompositeOutcome =>
  compositeOutcome(rowsOf(episodes), MENTAL_HEALTH, definitions(t, ['phq9', 'gad7']), [
    SLOTS.get('phq9') as number,
    SLOTS.get('gad7') as number,
  ]);

/** Scores by name, as the tests write them: `pirgasPre: 30`. */
export type ScoreFields = Partial<Record<`${Measure}${'Pre' | 'Post'}`, number | null>>;

/** An episode's scores by name, read back from its slots. */
export const scoreOf = (e: Episode, m: Measure, when: 'Pre' | 'Post') =>
  e.scores[(SLOTS.get(m) as number) + (when === 'Pre' ? 0 : 1)] ?? null;

let next = 0;

/** The summary of `episodes`, worked out plainly: what ingest builds as it reads, without keeping them. */
export function summarise(episodes: readonly Episode[]): ExportSummary {
  let latest = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  const families = new Set<string>();
  const mix = new Map<string, ExportSummary['mix'][number]>();
  for (const e of episodes) {
    first = Math.min(first, e.referralDate);
    last = Math.max(last, e.referralDate);
    latest = Math.max(latest, e.referralDate, e.startDate ?? 0, e.endDate ?? 0);
    families.add(e.familyId);
    const key = JSON.stringify([e.area, e.service, e.funding]);
    const known = mix.get(key);
    if (known) known.episodes++;
    else mix.set(key, { area: e.area, service: e.service, funding: e.funding, episodes: 1 });
  }
  return {
    episodes: episodes.length,
    families: families.size,
    referred: episodes.length === 0 ? null : { first, last },
    latest: latest === 0 ? null : latest,
    mix: [...mix.values()],
  };
}

/** An episode's values as a plain object (an ingested episode reads them from its store's columns). */
export const plainEpisode = (e: Episode): Episode => ({
  familyId: e.familyId,
  family: e.family,
  service: e.service,
  area: e.area,
  funding: e.funding,
  referralDate: e.referralDate,
  referralSource: e.referralSource,
  startDate: e.startDate,
  endDate: e.endDate,
  sessions: e.sessions,
  endReason: e.endReason,
  profile: e.profile,
  scores: e.scores,
});

/** One episode: referred 2024-01-01, started 2024-01-10, still open, nothing else recorded. */
export function episode(overrides: Partial<Episode> & ScoreFields = {}): Episode {
  next++;
  const { pirgasPre, pirgasPost, phq9Pre, phq9Post, gad7Pre, gad7Post, ...rest } = overrides;
  const named = [pirgasPre, pirgasPost, phq9Pre, phq9Post, gad7Pre, gad7Post].map((v) => v ?? null);
  const values = {
    familyId: `FAM-${next}`,
    service: 'individual',
    area: 'Didcot',
    funding: [],
    referralDate: 20240101,
    referralSource: null,
    startDate: 20240110,
    endDate: null,
    sessions: null,
    endReason: null,
    profile: [],
    scores: named,
    ...rest,
  } as const;
  return { ...values, family: familyNumber(values.familyId) };
}

const familyNumbers = new Map<string, number>();
/** A family id's number (`Episode.family`), as a reader numbers them: the same id, the same number. */
export function familyNumber(id: string): number {
  let n = familyNumbers.get(id);
  if (n === undefined) {
    n = familyNumbers.size;
    familyNumbers.set(id, n);
  }
  return n;
}

/** An episode ended on `endDate` (2024-06-30 unless given) with the given scores. */
export const ended = (overrides: Partial<Episode> & ScoreFields = {}) =>
  episode({ endDate: 20240630, ...overrides });

export const range = (from: Day, to: Day) => ({ from, to });

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
    endReason: fc.constantFrom(null, 'planned', 'planned', 'unplanned', 'other') as fc.Arbitrary<
      Episode['endReason']
    >,
    role: fc.constantFrom(null, 0, 1, 2, 0),
    flag: fc.constantFrom(null, 0, 1, 1),
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
      endReason: end === null ? null : r.endReason,
      profile: [r.role, r.flag],
      scores: [r.pirgas[0], r.pirgas[1], r.phq9[0], r.phq9[1], r.gad7[0], r.gad7[1]].map(s),
    });
  });

/** The profile columns the arbitrary episodes carry: a category column and a flag. */
export const TEST_PROFILE: ProfileColumn[] = [
  {
    column: 'parent_role',
    label: 'Parent or carer',
    kind: 'category',
    categories: ['Mother', 'Father', 'Other carer'],
  },
  { column: 'smi', label: 'Severe mental illness', kind: 'flag' },
];

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

// ---------- any measure: definitions of every shape, and episodes scored on them ----------

/** A measure as a charity might define it: any range, either direction, decimals or not, a cut-off or none. */
export const measureDefinitionArb = (id: string): fc.Arbitrary<MeasureDefinition> =>
  fc
    .record({
      min: fc.integer({ min: -10, max: 20 }),
      width: fc.integer({ min: 4, max: 80 }),
      better: fc.constantFrom<'higher' | 'lower'>('higher', 'lower'),
      decimals: fc.boolean(),
      reliable: fc.integer({ min: 1, max: 40 }),
      cutoffAt: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null, freq: 3 }),
    })
    .map(({ min, width, better, decimals, reliable, cutoffAt }) => {
      const max = min + width;
      const R = decimals ? reliable / 4 + 0.2 : Math.max(1, Math.round((reliable * width) / 80));
      const cutoff =
        cutoffAt === null
          ? null
          : decimals
            ? Math.round((min + cutoffAt * width) * 4) / 4
            : Math.round(min + cutoffAt * width);
      return {
        id,
        name: id.toUpperCase(),
        longName: id,
        min,
        max,
        better,
        decimals,
        reliableChange: R,
        clinicalCutoff: cutoff,
        improved: 'improved',
        source: 'test',
        builtIn: false,
      };
    });

/**
 * A score on `m`, sometimes missing, the post often exactly R from the pre so that the
 * tolerance of statistics.md is exercised (decimal scores in steps of 0.05).
 */
const scorePairOn = (m: MeasureDefinition): fc.Arbitrary<[number | null, number | null]> => {
  const steps = m.decimals ? 20 : 1;
  const lo = Math.ceil(m.min * steps);
  const hi = Math.floor(m.max * steps);
  const at = (k: number) => (m.decimals ? Math.round(k * 5) / 100 : k);
  return fc
    .record({
      pre: fc.integer({ min: lo, max: hi }),
      post: fc.integer({ min: lo, max: hi }),
      exactlyR: fc.constantFrom(0, 0, 1, -1),
      missing: fc.constantFrom('none', 'none', 'none', 'pre', 'post'),
    })
    .map(({ pre, post, exactlyR, missing }) => {
      const a = at(pre);
      let b = at(post);
      if (exactlyR !== 0) {
        const c = a + exactlyR * m.reliableChange;
        if (c >= m.min && c <= m.max) b = m.decimals ? Math.round(c * 100) / 100 : c;
      }
      return [missing === 'pre' ? null : a, missing === 'post' ? null : b];
    });
};

/** Ended episodes scored on the given measures, in their order (two slots each). */
export const scoredEpisodesArb = (measures: readonly MeasureDefinition[]): fc.Arbitrary<Episode[]> =>
  fc.array(
    fc.tuple(...measures.map(scorePairOn)).map((pairs) => ended({ scores: pairs.flat() })),
    { maxLength: 40 },
  );
