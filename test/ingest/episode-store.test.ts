import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  blankScore,
  canCountIn,
  END_REASONS,
  type Episode,
  type EpisodeColumns,
  type ExportSummary,
  isBlankScore,
  SERVICES,
} from '../../src/domain.js';
import { EpisodeStore, type EpisodeValues, type Keep } from '../../src/ingest/episode-store.js';
import { columnsOf } from '../../src/stats/episode-rows.js';
import { plainEpisode, summarise } from '../stats/support.js';

interface Row {
  values: EpisodeValues;
  scores: (number | null)[];
  profile: (number | null)[];
}

/** A whole-number measure (two-byte columns), one with decimals, one whole but too wide for two bytes. */
const MEASURES = [
  { decimals: false, min: -32_767, max: 32_767 },
  { decimals: true, min: -1e9, max: 1e9 },
  { decimals: false, min: 0, max: 100_000 },
];
const PROFILE = 2;

const row: fc.Arbitrary<Row> = fc.record({
  values: fc.record({
    familyId: fc.constantFrom('FAM-1', 'FAM-2', 'F-ü', 'FAM-10', ''),
    service: fc.constantFrom(...SERVICES),
    area: fc.constantFrom('Didcot', 'Reading', 'Oxford City'),
    funding: fc.constantFrom('', 'powerhouse', ' powerhouse ; lottery ', 'lottery;lottery'),
    referralDate: fc.integer({ min: 19000101, max: 20991231 }),
    referralSource: fc.option(fc.constantFrom('gp', 'midwife', 'Didcot'), { nil: null }),
    startDate: fc.option(fc.integer({ min: 19000101, max: 20991231 }), { nil: null }),
    endDate: fc.option(fc.integer({ min: 19000101, max: 20991231 }), { nil: null }),
    sessions: fc.option(fc.oneof(fc.nat(40), fc.constant(Number.MAX_SAFE_INTEGER)), { nil: null }),
    endReason: fc.option(fc.constantFrom(...END_REASONS), { nil: null }),
  }),
  // Each measure's edge values: a two-byte column's null is −32,768, which only a wider column may hold.
  scores: fc.tuple(
    ...[
      fc.oneof(fc.integer({ min: -32_767, max: 32_767 }), fc.constantFrom(-32_767, 32_767, 0)),
      fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(-32_768, -0, 6.5)),
      fc.constantFrom(0, 32_767, 32_768, 65_535, 100_000),
    ].flatMap((score) => {
      const slot = fc.option(score, { nil: null });
      return [slot, slot];
    }),
  ),
  profile: fc.array(fc.option(fc.nat(5), { nil: null }), { minLength: PROFILE, maxLength: PROFILE }),
});

/**
 * What an episode read back from the store must be: the row's values, its funding split into
 * codes, and `family`, its family's number.
 */
const expected = (r: Row, family: number): Episode => ({
  ...r.values,
  family,
  funding: [
    ...new Set(
      r.values.funding
        .split(';')
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ],
  scores: r.scores,
  profile: r.profile,
});

/** Every row read back: families numbered from 0 in the order they first appear. */
const expectedAll = (rows: readonly Row[]): Episode[] => {
  const numbers = new Map<string, number>();
  return rows.map((r) => {
    const id = r.values.familyId;
    if (!numbers.has(id)) numbers.set(id, numbers.size);
    return expected(r, numbers.get(id) as number);
  });
};

/** Columns as plain rows of numbers, a blank score as null: stored and plain columns compared by value. */
const rowsOfColumns = (c: EpisodeColumns) =>
  Array.from({ length: c.length }, (_, row) => [
    c.referral[row],
    c.start[row],
    c.end[row],
    c.sessions[row],
    c.endReason[row],
    c.service[row],
    c.family[row],
    ...c.scores.map((column) => {
      const v = column[row] as number;
      return isBlankScore(v, blankScore(column)) ? null : v;
    }),
    ...c.profile.map((column) => column[row]),
  ]);

describe('EpisodeStore', () => {
  it('gives back every value it was given, nulls included, exactly', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), (rows) => {
        const store = new EpisodeStore(MEASURES, PROFILE);
        for (const r of rows) store.add(r.values, r.scores, r.profile);
        expect(store.episodes.map(plainEpisode)).toEqual(expectedAll(rows));
      }),
    );
  });

  it('keeps every row across chunks (tens of thousands of rows), and each family id once', () => {
    const store = new EpisodeStore([{ decimals: true, min: -1e9, max: 1e9 }], 0);
    const n = 50_000;
    const rowAt = (i: number): Row => ({
      values: {
        familyId: `F${i % 7919}`,
        service: SERVICES[i % 2] as EpisodeValues['service'],
        area: `A${i % 3}`,
        funding: `c${i % 5}`,
        referralDate: 20000101 + i,
        referralSource: i % 4 === 0 ? null : 'gp',
        startDate: i % 3 === 0 ? null : 20000101 + i,
        endDate: null,
        sessions: i,
        endReason: null,
      },
      scores: [i % 11 === 0 ? null : i / 4, -i],
      profile: [],
    });
    for (let i = 0; i < n; i++) {
      const r = rowAt(i);
      store.add(r.values, r.scores, r.profile);
    }
    expect(store.episodes).toHaveLength(n);
    for (const i of [0, 16_383, 16_384, 16_385, 32_768, n - 1])
      expect(plainEpisode(store.episodes[i] as Episode)).toEqual(expected(rowAt(i), i % 7919));
    expect(store.families.size).toBe(7919);
    // Episodes of one family share one string, and of one funding cell one list.
    expect(store.episodes[7919]?.familyId).toBe(store.episodes[0]?.familyId);
    expect(store.episodes[5]?.funding).toBe(store.episodes[0]?.funding);
  });

  it('keeps the episodes asked for, and summarises every one, kept or not', () => {
    const keepArb: fc.Arbitrary<Keep> = fc.oneof(
      fc.constantFrom<Keep>('all', 'none'),
      fc
        .tuple(fc.integer({ min: 19000101, max: 20991231 }), fc.integer({ min: 19000101, max: 20991231 }))
        .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) })),
    );
    /** A summary's mix as counts by what a match reads, whatever the order and however funding was written. */
    const mixOf = (summary: ExportSummary) => {
      const counts = new Map<string, number>();
      for (const m of summary.mix) {
        const key = JSON.stringify([m.area, m.service, [...m.funding].sort()]);
        counts.set(key, (counts.get(key) ?? 0) + m.episodes);
      }
      return [...counts].sort();
    };
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), keepArb, (rows, keep) => {
        const store = new EpisodeStore(MEASURES, PROFILE, keep);
        for (const r of rows) store.add(r.values, r.scores, r.profile);
        const all = expectedAll(rows);
        const kept =
          keep === 'all'
            ? all
            : keep === 'none'
              ? []
              : all.filter((e) => canCountIn(e.referralDate, e.endDate, keep));
        expect(store.episodes.map(plainEpisode)).toEqual(kept);
        const { mix, ...summary } = store.summary();
        const { mix: expectedMix, ...expectedSummary } = summarise(all);
        expect(summary).toEqual(expectedSummary);
        expect(mixOf({ ...summary, mix })).toEqual(mixOf({ ...expectedSummary, mix: expectedMix }));
      }),
    );
  });

  it("tells apart only the kept episodes' families when not asked to count every row's, also across parts", () => {
    const range = fc
      .tuple(fc.integer({ min: 19000101, max: 20991231 }), fc.integer({ min: 19000101, max: 20991231 }))
      .map(([a, b]) => ({ from: Math.min(a, b), to: Math.max(a, b) }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), range, fc.nat(60), (rows, keep, cut) => {
        const store = new EpisodeStore(MEASURES, PROFILE, keep, 0, false);
        const later = new EpisodeStore(MEASURES, PROFILE, keep, 0, false);
        rows.forEach((r, i) => {
          (i < cut ? store : later).add(r.values, r.scores, r.profile);
        });
        store.absorb(later.part());
        const kept = expectedAll(rows).filter((e) => canCountIn(e.referralDate, e.endDate, keep));
        const episodes = store.episodes.map(plainEpisode);
        // The same episodes but for the families' numbers, which are their own: one a family id.
        const withoutNumber = ({ family: _, ...e }: Episode) => e;
        expect(episodes.map(withoutNumber)).toEqual(kept.map(withoutNumber));
        const numbers = new Map(episodes.map((e) => [e.familyId, e.family]));
        for (const e of episodes) expect(e.family).toBe(numbers.get(e.familyId));
        expect(new Set(numbers.values()).size).toBe(numbers.size);
        expect(store.families.size).toBe(numbers.size);
        const { families, ...summary } = store.summary();
        expect(families).toBeNull();
        const { families: _, ...expected } = summarise(expectedAll(rows));
        expect({ ...summary, mix: summary.mix.length }).toEqual({ ...expected, mix: expected.mix.length });
      }),
    );
  });

  it('gives its kept episodes as columns, row for row, also after taking in a later part', () => {
    fc.assert(
      fc.property(fc.array(row, { maxLength: 60 }), fc.nat(60), (rows, cut) => {
        const store = new EpisodeStore(MEASURES, PROFILE);
        const later = new EpisodeStore(MEASURES, PROFILE);
        rows.forEach((r, i) => {
          (i < cut ? store : later).add(r.values, r.scores, r.profile);
        });
        store.absorb(later.part());
        expect(rowsOfColumns(store.columns())).toEqual(rowsOfColumns(columnsOf(store.episodes)));
      }),
    );
  });

  it('makes its episodes when first asked for them, once, and again after more rows come', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 40 }), fc.nat(40), (rows, cut) => {
        const store = new EpisodeStore(MEASURES, PROFILE);
        const later = new EpisodeStore(MEASURES, PROFILE);
        const first = rows.slice(0, Math.min(cut, rows.length));
        for (const r of first) store.add(r.values, r.scores, r.profile);
        const early = store.episodes;
        expect(early.map(plainEpisode)).toEqual(expectedAll(first));
        expect(store.episodes).toBe(early);
        for (const r of rows.slice(first.length)) later.add(r.values, r.scores, r.profile);
        store.absorb(later.part());
        expect(store.episodes.map(plainEpisode)).toEqual(expectedAll(rows));
        expect(store.columns().length).toBe(rows.length);
      }),
    );
  });

  it('gives its columns across chunks, a part ending inside one', () => {
    const store = new EpisodeStore(MEASURES, 0);
    const later = new EpisodeStore(MEASURES, 0);
    const scores = (i: number) => [i % 7 === 0 ? null : i % 1000, -i % 1000, i / 8, null, i % 5, 65_535];
    const values = (i: number): EpisodeValues => ({
      familyId: `F${i % 101}`,
      service: SERVICES[i % 2] as EpisodeValues['service'],
      area: 'Didcot',
      funding: '',
      referralDate: 20000101 + i,
      referralSource: null,
      startDate: i % 3 === 0 ? null : 20000101 + i,
      endDate: i % 5 === 0 ? null : 20010101 + i,
      sessions: i % 9 === 0 ? null : i % 30,
      endReason: i % 4 === 0 ? null : (END_REASONS[i % 3] as EpisodeValues['endReason']),
    });
    for (let i = 0; i < 20_000; i++) store.add(values(i), scores(i), []);
    for (let i = 20_000; i < 40_000; i++) later.add(values(i), scores(i), []);
    store.absorb(later.part());
    const columns = store.columns();
    expect(columns.length).toBe(40_000);
    expect(rowsOfColumns(columns)).toEqual(rowsOfColumns(columnsOf(store.episodes)));
  });
});
