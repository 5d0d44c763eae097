import {
  canCountIn,
  type Day,
  END_REASONS,
  type EndReason,
  type Episode,
  type EpisodeColumns,
  type ExportSummary,
  emptyColumns,
  NO_WHOLE_SCORE,
  SERVICES,
  type Service,
} from '../domain.js';
import { StringSet, type StringSetContents } from '../string-set.js';

/** One row's values, as the row checker has them once every check passed. */
export interface EpisodeValues {
  familyId: string;
  service: Service;
  area: string;
  /** The funding cell as written: split into codes once per distinct cell. */
  funding: string;
  referralDate: Day;
  referralSource: string | null;
  startDate: Day | null;
  endDate: Day | null;
  sessions: number | null;
  endReason: EndReason | null;
}

/**
 * A chunk's columns (see `Chunk`): what a part's store sends, without copying them. The
 * statistics' columns, plus the codes of the words they do not read.
 */
interface ChunkColumns extends Omit<EpisodeColumns, 'length'> {
  readonly area: Int32Array;
  readonly source: Int32Array;
  readonly funding: Int32Array;
}

/**
 * What the store of a later part of a file hands to the store of the part before it
 * (ingest/parts.ts): its counts, its codes' strings, and its kept rows' columns.
 */
export interface StorePart {
  count: number;
  firstReferral: number;
  lastReferral: number;
  latest: number;
  /** `[key, episodes, key, episodes, …]`, keys as the store's `mix` has them. */
  mix: number[];
  families: StringSetContents;
  words: string[];
  fundingCells: string[];
  /** The kept rows, a chunk's columns at a time; the last chunk holds `lastRows` rows. */
  chunks: ChunkColumns[];
  lastRows: number;
}

/** Rows a chunk holds: columns grow a chunk at a time, never copied. */
const CHUNK_ROWS = 16_384;

/** What a score column must hold: whole numbers in a small range fit two bytes, others take eight. */
export interface ScoreRange {
  decimals: boolean;
  min: number;
  max: number;
}
const fitsTwoBytes = (m: ScoreRange) => !m.decimals && m.min > NO_WHOLE_SCORE && m.max <= -NO_WHOLE_SCORE - 1;

/**
 * Which episodes to keep for the statistics: all, none (only the export's summary is needed),
 * or those that can count in the days from `from` to `to` (`canCountIn`).
 */
export type Keep = 'all' | 'none' | { from: Day; to: Day };

/**
 * The episodes of one export, a column of typed values per field, and an `Episode` per row
 * that reads its values from them. A million episodes as plain objects (two arrays each,
 * their ids and family ids as strings) held 320 bytes each on the heap; here a row is a
 * small object plus about sixty bytes of columns, and a family's id is held once however
 * many episodes it has. Null is 0 in a date column (no yyyymmdd is 0), NaN in a number
 * column, −32,768 in a whole-number score column and −1 in a code column.
 */
export class EpisodeStore {
  /** The episodes kept (`episodes`), once made. */
  private list: Episode[] | undefined;
  /** How many episodes are kept. */
  private kept = 0;
  private readonly chunks: Chunk[] = [];
  private chunk: Chunk;
  private row = 0;
  /** Every episode's, kept or not: for `summary()`. */
  private count = 0;
  private firstReferral = Number.POSITIVE_INFINITY;
  private lastReferral = 0;
  private latest = 0;
  /** Episodes per (area, service, funding cell), keyed by their codes. */
  private readonly mix = new Map<number, number>();
  readonly families: StringSet;
  /** Family ids as strings, made when a kept episode's is first asked for. */
  private readonly familyIds = new Map<number, string>();
  /** Areas and referral sources: a handful of distinct words, shared. */
  readonly words = new StringSet();
  private readonly wordCodes = new RecentCodes(this.words);
  private readonly fundingCells = new StringSet();
  private readonly fundingCellCodes = new RecentCodes(this.fundingCells);
  readonly fundingLists: (readonly string[])[] = [];

  /** Per score slot: the column holds whole numbers (two bytes each). */
  readonly whole: readonly boolean[];
  /** The kept episodes as columns (`columns()`), once made. */
  private flat: EpisodeColumns | undefined;

  /**
   * `measures`: the measures whose scores the rows have, in slot order (two slots each);
   * `expectedRows`: how many rows will likely be added, so that the families' table need not grow;
   * `allFamilies`: every row's family is counted for the summary (`validate`), not only the kept
   * episodes' (a report, which reads no others: a third of the work in a long export).
   */
  constructor(
    measures: readonly ScoreRange[],
    private readonly profileColumns: number,
    private readonly keep: Keep = 'all',
    expectedRows = 0,
    private readonly allFamilies = true,
  ) {
    this.families = new StringSet(expectedRows);
    this.whole = measures.flatMap((m) => [fitsTwoBytes(m), fitsTwoBytes(m)]);
    this.chunk = new Chunk(this, profileColumns);
    this.chunks.push(this.chunk);
  }

  /** Adds a row: its values, its scores (one a slot, null where blank) and its profile values. */
  add(values: EpisodeValues, scores: readonly (number | null)[], profile: readonly (number | null)[]): void {
    const { referralDate, endDate } = values;
    this.count++;
    if (referralDate < this.firstReferral) this.firstReferral = referralDate;
    if (referralDate > this.lastReferral) this.lastReferral = referralDate;
    this.latest = Math.max(this.latest, referralDate, values.startDate ?? 0, endDate ?? 0);
    const area = this.wordCodes.code(values.area);
    const service = SERVICES.indexOf(values.service);
    const funding = this.fundingCode(values.funding);
    // A code below 2^25 for the area and 2^27 for the funding cell: a key below 2^53.
    const key = funding * 67_108_864 + 2 * area + service;
    this.mix.set(key, (this.mix.get(key) ?? 0) + 1);
    const keep = this.keep;
    if (keep === 'none' || (keep !== 'all' && !canCountIn(referralDate, endDate, keep))) {
      if (this.allFamilies) this.families.add(values.familyId);
      return;
    }
    const family = this.families.add(values.familyId);

    if (this.row === CHUNK_ROWS) {
      this.chunk = new Chunk(this, this.profileColumns);
      this.chunks.push(this.chunk);
      this.row = 0;
    }
    const c = this.chunk;
    const i = this.row++;
    c.referral[i] = referralDate;
    c.start[i] = values.startDate ?? 0;
    c.end[i] = endDate ?? 0;
    c.sessions[i] = values.sessions ?? Number.NaN;
    c.endReason[i] = values.endReason === null ? -1 : END_REASONS.indexOf(values.endReason);
    c.service[i] = service;
    c.family[i] = family;
    c.area[i] = area;
    c.source[i] = values.referralSource === null ? -1 : this.wordCodes.code(values.referralSource);
    c.funding[i] = funding;
    for (let s = 0; s < c.scores.length; s++)
      (c.scores[s] as Int16Array | Float64Array)[i] =
        scores[s] ?? (this.whole[s] ? NO_WHOLE_SCORE : Number.NaN);
    for (let p = 0; p < c.profile.length; p++) (c.profile[p] as Int32Array)[i] = profile[p] ?? -1;
    c.rows = this.row;
    this.kept++;
    this.list = undefined;
  }

  /**
   * The episodes kept (see `Keep`), an `Episode` a row, in the order they were added: made on
   * first ask, when every row has been added. The statistics read the columns (`columns()`), and
   * a report on a grant without conditions never asks for these: a third of a million objects
   * in a large export not made, on either thread.
   */
  get episodes(): readonly Episode[] {
    if (!this.list) {
      const list: Episode[] = [];
      for (const c of this.chunks) for (let i = 0; i < c.rows; i++) list.push(new StoredEpisode(c, i));
      this.list = list;
    }
    return this.list;
  }

  /**
   * The kept episodes as columns, row for row as `episodes` lists them: what the statistics read.
   * Made once, on first ask, when every row has been added: a copy of each chunk's columns.
   * A third of a million episodes take about 12 MB.
   */
  columns(): EpisodeColumns {
    this.flat ??= this.flatten();
    return this.flat;
  }

  private flatten(): EpisodeColumns {
    const flat = emptyColumns(this.kept, this.whole, this.profileColumns);
    let at = 0;
    for (const c of this.chunks) {
      const rows = c.rows;
      flat.referral.set(c.referral.subarray(0, rows), at);
      flat.start.set(c.start.subarray(0, rows), at);
      flat.end.set(c.end.subarray(0, rows), at);
      flat.sessions.set(c.sessions.subarray(0, rows), at);
      flat.endReason.set(c.endReason.subarray(0, rows), at);
      flat.service.set(c.service.subarray(0, rows), at);
      flat.family.set(c.family.subarray(0, rows), at);
      c.profile.forEach((column, p) => {
        (flat.profile[p] as Int32Array).set(column.subarray(0, rows), at);
      });
      c.scores.forEach((column, s) => {
        // A column's type is the same in every chunk (`whole`).
        (flat.scores[s] as Int16Array | Float64Array).set(column.subarray(0, rows), at);
      });
      at += rows;
    }
    return flat;
  }

  /** The id of family number `family`, made once and then shared by its episodes. */
  familyId(family: number): string {
    let id = this.familyIds.get(family);
    if (id === undefined) {
      id = this.families.at(family);
      this.familyIds.set(family, id);
    }
    return id;
  }

  /** This store as a later part of a file, to be absorbed by the store of the part before it. */
  part(): StorePart {
    const strings = (set: StringSet) => Array.from({ length: set.size }, (_, i) => set.at(i));
    return {
      count: this.count,
      firstReferral: this.firstReferral,
      lastReferral: this.lastReferral,
      latest: this.latest,
      mix: [...this.mix].flat(),
      families: this.families.contents(),
      words: strings(this.words),
      fundingCells: strings(this.fundingCells),
      chunks: this.chunks.map((c) => c.columns()),
      lastRows: this.row,
    };
  }

  /**
   * Takes in the store of the part of the file after this one's (`part()`): its counts and
   * its kept episodes, after this store's, their codes turned into this store's.
   */
  absorb(part: StorePart): void {
    this.count += part.count;
    this.firstReferral = Math.min(this.firstReferral, part.firstReferral);
    this.lastReferral = Math.max(this.lastReferral, part.lastReferral);
    this.latest = Math.max(this.latest, part.latest);
    const families = this.families.addAll(part.families);
    const words = Int32Array.from(part.words, (word) => this.words.add(word));
    const funding = Int32Array.from(part.fundingCells, (cell) => this.fundingCode(cell));
    for (let i = 0; i < part.mix.length; i += 2) {
      const key = part.mix[i] as number;
      const area = words[Math.floor((key % 67_108_864) / 2)] as number;
      const mine = (funding[Math.floor(key / 67_108_864)] as number) * 67_108_864 + 2 * area + (key % 2);
      this.mix.set(mine, (this.mix.get(mine) ?? 0) + (part.mix[i + 1] as number));
    }
    part.chunks.forEach((columns, n) => {
      const c = new Chunk(this, this.profileColumns, columns);
      const rows = n === part.chunks.length - 1 ? part.lastRows : CHUNK_ROWS;
      c.rows = rows;
      for (let i = 0; i < rows; i++) {
        c.family[i] = families[c.family[i] as number] as number;
        c.area[i] = words[c.area[i] as number] as number;
        const source = c.source[i] as number;
        if (source >= 0) c.source[i] = words[source] as number;
        c.funding[i] = funding[c.funding[i] as number] as number;
      }
      this.kept += rows;
      this.chunks.push(c);
    });
    this.list = undefined;
    // A row added after these starts a chunk of its own.
    this.row = CHUNK_ROWS;
  }

  /** What the whole export holds, every episode counted, kept or not. */
  summary(): ExportSummary {
    const none = this.count === 0;
    return {
      episodes: this.count,
      families: this.allFamilies ? this.families.size : null,
      referred: none ? null : { first: this.firstReferral, last: this.lastReferral },
      latest: none ? null : this.latest,
      mix: [...this.mix].map(([key, episodes]) => ({
        area: this.words.at(Math.floor((key % 67_108_864) / 2)),
        service: SERVICES[key % 2] as Service,
        funding: this.fundingLists[Math.floor(key / 67_108_864)] as readonly string[],
        episodes,
      })),
    };
  }

  private fundingCode(cell: string): number {
    const known = this.fundingCells.size;
    const code = this.fundingCellCodes.code(cell);
    if (code === known) {
      const codes = [
        ...new Set(
          cell
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ];
      this.fundingLists.push(Object.freeze(codes));
    }
    return code;
  }
}

/**
 * A set's codes for the strings it is most often asked for: a column of a few distinct values
 * (areas, sources, funding cells) asks a Map, several times quicker than the set, which still
 * holds every string. The Map keeps the first 1,024 distinct ones, so a column of a million
 * distinct values costs it no more.
 */
class RecentCodes {
  private readonly known = new Map<string, number>();
  constructor(private readonly set: StringSet) {}

  code(s: string): number {
    let code = this.known.get(s);
    if (code === undefined) {
      code = this.set.add(s);
      if (this.known.size < 1024) this.known.set(s, code);
    }
    return code;
  }
}

/** The columns of `CHUNK_ROWS` rows. */
class Chunk implements ChunkColumns {
  readonly referral: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly sessions: Float64Array;
  readonly endReason: Int8Array;
  readonly service: Int8Array;
  readonly family: Int32Array;
  readonly area: Int32Array;
  readonly source: Int32Array;
  readonly funding: Int32Array;
  /** Per score slot (`Inputs.measures`, two a measure). */
  readonly scores: readonly (Int16Array | Float64Array)[];
  /** Per declared profile column. */
  readonly profile: readonly Int32Array[];
  /** How many of its rows hold an episode. */
  rows = 0;

  /** `columns`: another store's chunk's (`absorb`); new, empty columns without. */
  constructor(
    readonly store: EpisodeStore,
    profileColumns: number,
    columns?: ChunkColumns,
  ) {
    this.referral = columns?.referral ?? new Int32Array(CHUNK_ROWS);
    this.start = columns?.start ?? new Int32Array(CHUNK_ROWS);
    this.end = columns?.end ?? new Int32Array(CHUNK_ROWS);
    this.sessions = columns?.sessions ?? new Float64Array(CHUNK_ROWS);
    this.endReason = columns?.endReason ?? new Int8Array(CHUNK_ROWS);
    this.service = columns?.service ?? new Int8Array(CHUNK_ROWS);
    this.family = columns?.family ?? new Int32Array(CHUNK_ROWS);
    this.area = columns?.area ?? new Int32Array(CHUNK_ROWS);
    this.source = columns?.source ?? new Int32Array(CHUNK_ROWS);
    this.funding = columns?.funding ?? new Int32Array(CHUNK_ROWS);
    this.scores =
      columns?.scores ??
      store.whole.map((whole) => (whole ? new Int16Array(CHUNK_ROWS) : new Float64Array(CHUNK_ROWS)));
    this.profile =
      columns?.profile ?? Array.from({ length: profileColumns }, () => new Int32Array(CHUNK_ROWS));
  }

  /** The columns alone, to send to another thread. */
  columns(): ChunkColumns {
    const { referral, start, end, sessions, endReason, service, family, area, source, funding } = this;
    return {
      referral,
      start,
      end,
      sessions,
      endReason,
      service,
      family,
      area,
      source,
      funding,
      scores: this.scores,
      profile: this.profile,
    };
  }
}

const orNull = (n: number): number | null => (Number.isNaN(n) ? null : n);
const dayOrNull = (day: number): Day | null => (day === 0 ? null : day);

/** One row of an `EpisodeStore`, read where it is asked for. */
class StoredEpisode implements Episode {
  constructor(
    private readonly chunk: Chunk,
    private readonly row: number,
  ) {}
  get familyId(): string {
    return this.chunk.store.familyId(this.chunk.family[this.row] as number);
  }
  get family(): number {
    return this.chunk.family[this.row] as number;
  }
  get service(): Service {
    return SERVICES[this.chunk.service[this.row] as number] as Service;
  }
  get area(): string {
    return this.chunk.store.words.at(this.chunk.area[this.row] as number);
  }
  get funding(): readonly string[] {
    return this.chunk.store.fundingLists[this.chunk.funding[this.row] as number] as readonly string[];
  }
  get referralDate(): Day {
    return this.chunk.referral[this.row] as number;
  }
  get referralSource(): string | null {
    const code = this.chunk.source[this.row] as number;
    return code < 0 ? null : this.chunk.store.words.at(code);
  }
  get startDate(): Day | null {
    return dayOrNull(this.chunk.start[this.row] as number);
  }
  get endDate(): Day | null {
    return dayOrNull(this.chunk.end[this.row] as number);
  }
  get sessions(): number | null {
    return orNull(this.chunk.sessions[this.row] as number);
  }
  get endReason(): EndReason | null {
    const code = this.chunk.endReason[this.row] as number;
    return code < 0 ? null : (END_REASONS[code] as EndReason);
  }
  get profile(): readonly (number | null)[] {
    return this.chunk.profile.map((column) => {
      const v = column[this.row] as number;
      return v < 0 ? null : v;
    });
  }
  get scores(): readonly (number | null)[] {
    return this.chunk.scores.map((column) => {
      const v = column[this.row] as number;
      return v === NO_WHOLE_SCORE && column instanceof Int16Array ? null : orNull(v);
    });
  }
}
