import {
  canCountIn,
  type Day,
  END_REASONS,
  type EndReason,
  type Episode,
  type ExportSummary,
  SERVICES,
  type Service,
} from '../domain.js';
import { StringSet } from '../string-set.js';

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

/** Rows a chunk holds: columns grow a chunk at a time, never copied. */
const CHUNK_ROWS = 16_384;
/** Null in a whole-number score column; such a column holds scores from −32,767 to 32,767. */
const NO_WHOLE_SCORE = -32_768;

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
  /** The episodes kept (see `Keep`). */
  readonly episodes: Episode[] = [];
  private chunk: Chunk;
  private row = 0;
  /** Every episode's, kept or not: for `summary()`. */
  private count = 0;
  private firstReferral = Number.POSITIVE_INFINITY;
  private lastReferral = 0;
  private latest = 0;
  /** Episodes per (area, service, funding cell), keyed by their codes. */
  private readonly mix = new Map<number, number>();
  readonly families = new StringSet();
  /** Family ids as strings, made when a kept episode's is first asked for. */
  private readonly familyIds = new Map<number, string>();
  /** Areas and referral sources: a handful of distinct words, shared. */
  readonly words = new StringSet();
  private readonly fundingCells = new StringSet();
  readonly fundingLists: (readonly string[])[] = [];

  /** Per score slot: the column holds whole numbers (two bytes each). */
  readonly whole: readonly boolean[];

  /** `measures`: the measures whose scores the rows have, in slot order (two slots each). */
  constructor(
    measures: readonly ScoreRange[],
    private readonly profileColumns: number,
    private readonly keep: Keep = 'all',
  ) {
    this.whole = measures.flatMap((m) => [fitsTwoBytes(m), fitsTwoBytes(m)]);
    this.chunk = new Chunk(this, profileColumns);
  }

  /** Adds a row: its values, its scores (one a slot, null where blank) and its profile values. */
  add(values: EpisodeValues, scores: readonly (number | null)[], profile: readonly (number | null)[]): void {
    const { referralDate, endDate } = values;
    this.count++;
    if (referralDate < this.firstReferral) this.firstReferral = referralDate;
    if (referralDate > this.lastReferral) this.lastReferral = referralDate;
    this.latest = Math.max(this.latest, referralDate, values.startDate ?? 0, endDate ?? 0);
    const family = this.families.add(values.familyId);
    const area = this.words.add(values.area);
    const service = SERVICES.indexOf(values.service);
    const funding = this.fundingCode(values.funding);
    // A code below 2^25 for the area and 2^27 for the funding cell: a key below 2^53.
    const key = funding * 67_108_864 + 2 * area + service;
    this.mix.set(key, (this.mix.get(key) ?? 0) + 1);
    const keep = this.keep;
    if (keep === 'none') return;
    if (keep !== 'all' && !canCountIn(referralDate, endDate, keep)) return;

    if (this.row === CHUNK_ROWS) {
      this.chunk = new Chunk(this, this.profileColumns);
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
    c.source[i] = values.referralSource === null ? -1 : this.words.add(values.referralSource);
    c.funding[i] = funding;
    for (let s = 0; s < c.scores.length; s++)
      (c.scores[s] as Int16Array | Float64Array)[i] =
        scores[s] ?? (this.whole[s] ? NO_WHOLE_SCORE : Number.NaN);
    for (let p = 0; p < c.profile.length; p++) (c.profile[p] as Int32Array)[i] = profile[p] ?? -1;
    this.episodes.push(new StoredEpisode(c, i));
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

  /** What the whole export holds, every episode counted, kept or not. */
  summary(): ExportSummary {
    const none = this.count === 0;
    return {
      episodes: this.count,
      families: this.families.size,
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
    const code = this.fundingCells.add(cell);
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

/** The columns of `CHUNK_ROWS` rows. */
class Chunk {
  readonly referral = new Int32Array(CHUNK_ROWS);
  readonly start = new Int32Array(CHUNK_ROWS);
  readonly end = new Int32Array(CHUNK_ROWS);
  readonly sessions = new Float64Array(CHUNK_ROWS);
  readonly endReason = new Int8Array(CHUNK_ROWS);
  readonly service = new Int8Array(CHUNK_ROWS);
  readonly family = new Int32Array(CHUNK_ROWS);
  readonly area = new Int32Array(CHUNK_ROWS);
  readonly source = new Int32Array(CHUNK_ROWS);
  readonly funding = new Int32Array(CHUNK_ROWS);
  /** Per score slot (`Inputs.measures`, two a measure). */
  readonly scores: (Int16Array | Float64Array)[];
  /** Per declared profile column. */
  readonly profile: Int32Array[];

  constructor(
    readonly store: EpisodeStore,
    profileColumns: number,
  ) {
    this.scores = store.whole.map((whole) =>
      whole ? new Int16Array(CHUNK_ROWS) : new Float64Array(CHUNK_ROWS),
    );
    this.profile = Array.from({ length: profileColumns }, () => new Int32Array(CHUNK_ROWS));
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
