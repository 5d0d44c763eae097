import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { OUTCOME_COLUMNS, OUTCOME_REQUIRED, SHARED_COLUMNS, scoreColumns } from '../config/columns.js';
import {
  type Day,
  END_REASONS,
  type EndReason,
  type Episode,
  type EpisodeColumns,
  type ExportSummary,
  type ProfileColumn,
  SERVICES,
  type Service,
} from '../domain.js';
import type { Cause, ProblemList } from '../errors.js';
import type { MeasureDefinition } from '../measures/definition.js';
import { FirstLines, IdKeys } from '../string-set.js';
import { type ColumnPlan, columnAt, planColumns } from './columns.js';
import { type DateFormat, parseDateCell } from './dates.js';
import { EpisodeStore, type Keep } from './episode-store.js';
import { type CsvSlice, readCsv } from './read-csv.js';
import type { ReferralsRead } from './referrals.js';
import { rowFits, scanRow } from './rows.js';

export { OUTCOME_COLUMNS };

export interface InputOptions {
  dateFormat: DateFormat;
  columns: Record<string, string>;
  ignoreColumns: string[];
}

const INTEGER = /^[+-]?\d+$/;
/**
 * The number a cell writes as a whole number (`12`, `-3`, `+4`, `007`), or NaN: what
 * `INTEGER.test(v) ? Number(v) : NaN` gives, without a regular expression for the short ones.
 */
export function wholeNumber(v: string): number {
  const first = v.charCodeAt(0);
  const from = first === 0x2d || first === 0x2b ? 1 : 0;
  if (v.length === from || v.length - from > 15) return INTEGER.test(v) ? Number(v) : Number.NaN;
  let n = 0;
  for (let i = from; i < v.length; i++) {
    const digit = v.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    n = 10 * n + digit;
  }
  return first === 0x2d ? -n : n;
}

/** The fewest bytes a row takes (its required values), for judging how many rows a file has. */
const MIN_ROW_BYTES = 32;
/** A number written with a point for decimals, as data.md §6 asks: `23.5`, `-2`, `.5`. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d+)?|\.\d+)$/;
/** A flag column's accepted values (data.md §7), lower-cased: 1 is yes, 0 is no. */
const FLAG_VALUES: ReadonlyMap<string, number> = new Map([
  ['yes', 1],
  ['y', 1],
  ['true', 1],
  ['1', 1],
  ['no', 0],
  ['n', 0],
  ['false', 0],
  ['0', 0],
]);
/** Every episode's profile when no profile column is declared: one shared empty list. */
const NO_PROFILE: readonly (number | null)[] = Object.freeze([]);

/** What spreadsheets write for "no score": a blank cell is what the export should hold. */
const MISSING_WORDS = new Set([
  'n/a',
  'na',
  'n.a.',
  '-',
  '--',
  '—',
  '–',
  'none',
  'null',
  'missing',
  '?',
  'nil',
  'not recorded',
  'not known',
  'unknown',
  '.',
  'x',
]);

/** What `readOutcomes` keeps across rows: the episodes, and the line each episode id was first used on. */
interface Seen {
  /**
   * The line each episode id was first used on, to report an id used again; absent when
   * reading a part of the file (ingest/parts.ts), which keeps `ids` instead: any id used twice
   * has the file read whole again, and then reported.
   */
  firstLine?: FirstLines;
  store: EpisodeStore;
  ids?: IdKeys;
}

/** What readOutcomes returns: the episodes kept, the export's summary, the measures their scores are of, the file's hash. */
export interface Outcomes {
  episodes: readonly Episode[];
  /** The same episodes as columns, made on first ask (the store's `columns()`). */
  columns: () => EpisodeColumns;
  summary: ExportSummary;
  /** Ids of the measures whose `_pre` or `_post` column the export has: the slots of `Episode.scores`. */
  measures: string[];
  /** The export has an `end_reason` column (statistics.md: `endReasons` is null without one). */
  hasEndReason: boolean;
  /** Declared profile columns the export lacks, by the header they were looked for under (data.md §7). */
  missingProfile: { column: string; header: string }[];
  /**
   * The file's SHA-256, hex. A promise: read in parts, the file is hashed on the worker thread
   * while this one makes the figures (ingest/parts.ts). Never rejected for a file read whole.
   */
  sha256: Promise<string>;
  /** How many parts the file was read in at once (ingest/parts.ts): 1, or 2 on two cores. */
  parts: 1 | 2;
  /**
   * Read in parts, when asked: the referrals file as the worker read it once its part was sent,
   * or undefined when that cannot be used (it had any problem, or the worker stopped): then the
   * file is read here, and its problems are reported as ever (ingest/parts.ts).
   */
  referralsRead?: Promise<ReferralsRead | undefined>;
  /**
   * Reading a part of the file (`slice`): its episode ids' keys, its store (whose episodes
   * are `episodes`) and its rows. A part is not hashed: `sha256` is then empty.
   */
  part?: { ids: IdKeys; store: EpisodeStore; rows: number };
}

/**
 * Reads outcomes.csv (data.md §1, §4, §5) into episodes, adding every problem to `problems`.
 * `measures` are the measures in force (data.md §6): their columns are read where present.
 * Every row is checked and summarised; only the episodes `keep` asks for are kept. The
 * summary counts every row's family when `allFamilies`, only the kept episodes' otherwise
 * (`ExportSummary.families` is then null). Returns the file's SHA-256. Streams: it holds one row at a time, plus per episode its
 * values (in columns) and its id's first line (for duplicates), never the file's text.
 */
export async function readOutcomes(
  file: string,
  options: InputOptions,
  measures: readonly MeasureDefinition[],
  problems: ProblemList,
  profile: readonly ProfileColumn[] = [],
  keep: Keep = 'all',
  slice?: CsvSlice,
  allFamilies = true,
): Promise<Outcomes> {
  const hash = slice ? undefined : createHash('sha256');
  const ids = slice ? new IdKeys() : undefined;
  let rows = 0;
  let store: EpisodeStore | undefined;
  let plan: ColumnPlan | undefined;
  let checker: EpisodeChecker | undefined;
  let present: MeasureDefinition[] = [];
  let missingProfile: Outcomes['missingProfile'] = [];
  const known = [
    ...OUTCOME_COLUMNS,
    ...measures.flatMap((m) => scoreColumns(m.id)),
    ...profile.map((p) => p.column),
  ];

  // How many rows the file (or the part) likely has, judged from its first row's length, so
  // that the tables of ids need not grow as they fill (a fifth of a second in a million rows).
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const bytes = (slice?.end ?? size) - (slice?.start ?? 0);
  // The first part's store takes in the later part's families (ingest/parts.ts): its table of
  // them is sized for the whole file's, so that it need not grow then.
  const storeBytes = slice?.start === 0 ? size : bytes;
  await readCsv(
    file,
    hash,
    problems,
    (row) => {
      if (!plan) {
        plan = planColumns(
          file,
          row.line,
          row.cells,
          { known, required: OUTCOME_REQUIRED, shared: SHARED_COLUMNS },
          options.columns,
          options.ignoreColumns,
          problems,
        );
        const found = plan.index;
        present = measures.filter((m) => scoreColumns(m.id).some((c) => found.has(c)));
        missingProfile = profile
          .filter((p) => !found.has(p.column))
          .map((p) => ({ column: p.column, header: options.columns[p.column] ?? p.column }));
        return;
      }
      rows++;
      const personal = scanRow(file, row.line, row.cells, plan, problems);
      const fits = rowFits(file, row.line, row.cells, plan.headers.length, problems);
      const cells = row.cells;
      // A row holding personal data is not checked further: its values must not be echoed.
      if (personal || !fits || !plan.complete) return;
      if (!checker) {
        const rowBytes = Math.max(
          cells.reduce((sum, cell) => sum + cell.length + 1, 0),
          MIN_ROW_BYTES,
        );
        const expected = Math.floor(bytes / rowBytes);
        // An eighth more, should later rows be shorter than the first.
        ids?.reserve(expected + (expected >> 3));
        const families = Math.floor(storeBytes / rowBytes);
        store = new EpisodeStore(present, profile.length, keep, families, allFamilies);
        const seen = { firstLine: ids ? undefined : new FirstLines(expected), store, ids };
        checker = new EpisodeChecker(file, plan, options.dateFormat, present, profile, seen, problems);
      }
      checker.check(row.line, cells);
    },
    slice,
  );

  if (!plan && problems.countIn(file) === 0) {
    problems.add({
      file,
      line: 1,
      message: `the file is empty; expected a header row naming the columns (${OUTCOME_REQUIRED.join(', ')}, …)`,
    });
  }
  const kept = store ?? new EpisodeStore(present, profile.length, keep, 0, allFamilies);
  return {
    // Made only if asked for (EpisodeStore.episodes).
    get episodes() {
      return kept.episodes;
    },
    columns: () => kept.columns(),
    summary: kept.summary(),
    measures: present.map((m) => m.id),
    hasEndReason: plan?.index.has('end_reason') ?? false,
    missingProfile,
    sha256: Promise.resolve(hash?.digest('hex') ?? ''),
    parts: 1,
    part: ids && { ids, store: kept, rows },
  };
}

type OutcomeColumn = (typeof OUTCOME_COLUMNS)[number];

/** A column the checks read: its name (for messages), and where it is in a row (−1: not in the export). */
interface Column {
  readonly name: string;
  readonly at: number;
}

/**
 * One row's values against data.md §1 and §4. One checker per file, reused for every row
 * (a million rows should not mean a million sets of closures).
 */
class EpisodeChecker {
  private line = 0;
  private cells: string[] = [];
  /** Each column the checks read, by name: its name and where it is in the row (−1 where the export lacks it). */
  private readonly c: Readonly<Record<OutcomeColumn, Column>>;
  /** The declared profile columns', in order. */
  private readonly profileColumns: readonly Column[];
  /** Each profile column's values (lower-cased) → what is stored: a category's index, or 1/0 for a flag. */
  private readonly categories: ReadonlyMap<string, number>[];
  /** Each measure's columns, in slot order: `[pre₀, post₀, pre₁, post₁, …]`. */
  private readonly scoreColumns: { measure: MeasureDefinition; column: Column }[];

  constructor(
    private readonly file: string,
    private readonly plan: ColumnPlan,
    private readonly format: DateFormat,
    measures: readonly MeasureDefinition[],
    private readonly profile: readonly ProfileColumn[],
    private readonly seen: Seen,
    private readonly problems: ProblemList,
  ) {
    this.categories = profile.map((p) =>
      p.kind === 'category' ? new Map(p.categories.map((c, i) => [c.trim().toLowerCase(), i])) : FLAG_VALUES,
    );
    const column = (name: string): Column => ({ name, at: plan.index.get(name) ?? -1 });
    this.scoreColumns = measures.flatMap((measure) =>
      scoreColumns(measure.id).map((name) => ({ measure, column: column(name) })),
    );
    this.c = Object.fromEntries(OUTCOME_COLUMNS.map((name) => [name, column(name)])) as Record<
      OutcomeColumn,
      Column
    >;
    this.profileColumns = profile.map((p) => column(p.column));
  }

  /** The row's value in `column`: '' where the export lacks the column. */
  private cell(column: Column): string {
    return column.at < 0 ? '' : (this.cells[column.at] ?? '');
  }

  private report(column: Column, message: string, value?: string, cause?: Cause): void {
    this.problems.add({
      file: this.file,
      line: this.line,
      ...columnAt(this.plan, column.at),
      value,
      message,
      cause,
    });
  }

  private required(column: Column): string | undefined {
    const v = this.cell(column);
    if (v === '') this.report(column, `a value is required in ${column.name}, but the cell is blank`);
    return v === '' ? undefined : v;
  }

  private date(column: Column, isRequired: boolean): Day | null {
    const v = isRequired ? this.required(column) : this.cell(column) || undefined;
    if (v === undefined) return null;
    const parsed = parseDateCell(v, this.format);
    if (!parsed.ok) {
      this.report(column, `expected ${parsed.expected}`, v, parsed.cause);
      return null;
    }
    return parsed.day;
  }

  private integer(column: Column, min: number, max: number, what: string): number | null {
    const v = this.cell(column);
    if (v === '') return null;
    const n = wholeNumber(v);
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.report(column, `expected ${what}`, v);
      return null;
    }
    return n;
  }

  /** A score on `measure` (data.md §6): within its range, a whole number unless it allows decimals. */
  private score(measure: MeasureDefinition, column: Column): number | null {
    const v = this.cell(column);
    if (v === '') return null;
    const { min, max } = measure;
    const n = measure.decimals ? (DECIMAL.test(v) ? Number(v) : Number.NaN) : wholeNumber(v);
    if (Number.isFinite(n) && n >= min && n <= max) return n;
    this.report(column, scoreProblem(measure, v), v);
    return null;
  }

  /** data.md §1 `end_reason`: planned, unplanned or other, any case; only with an end date. */
  private endReason(endDate: Day | null): EndReason | null {
    const v = this.cell(this.c.end_reason);
    if (v === '') return null;
    const reason = v.toLowerCase() as EndReason;
    if (!END_REASONS.includes(reason)) {
      this.report(
        this.c.end_reason,
        'expected "planned", "unplanned" or "other" (any case), or a blank cell',
        v,
      );
      return null;
    }
    if (endDate === null && this.cell(this.c.end_date) === '')
      this.report(
        this.c.end_reason,
        'an end reason is recorded but the end date is blank; add the end date, or clear the end reason if the work has not ended',
        v,
      );
    return reason;
  }

  /** data.md §7: each declared profile column's value, checked against its categories or yes/no. */
  private profileValues(): readonly (number | null)[] {
    if (this.profile.length === 0) return NO_PROFILE;
    return this.profile.map((p, i) => {
      const column = this.profileColumns[i] as Column;
      const v = this.cell(column);
      if (v === '') return null;
      const value = this.categories[i]?.get(v.toLowerCase());
      if (value !== undefined) return value;
      this.report(
        column,
        p.kind === 'category'
          ? `expected one of the categories of ${p.label}: ${p.categories.join(', ')} (any case), or a blank cell`
          : `expected yes or no (also y/n, true/false, 1/0) for ${p.label}, or a blank cell`,
        v,
      );
      return null;
    });
  }

  /** Stores the row's episode, or adds each problem with its values. */
  check(line: number, cells: string[]): void {
    this.line = line;
    this.cells = cells;
    const before = this.problems.count;
    const episodeId = this.required(this.c.episode_id);
    const familyId = this.required(this.c.family_id);
    const serviceCell = this.required(this.c.service);
    const area = this.required(this.c.area);
    const referralDate = this.date(this.c.referral_date, true);
    const startDate = this.date(this.c.start_date, false);
    const endDate = this.date(this.c.end_date, false);
    const sessions = this.integer(
      this.c.sessions,
      0,
      Number.MAX_SAFE_INTEGER,
      'a whole number of sessions, 0 or more',
    );

    const service = serviceCell?.toLowerCase() as Service | undefined;
    if (serviceCell !== undefined && !SERVICES.includes(service as Service))
      this.report(this.c.service, 'expected "individual" or "group" (any case)', serviceCell);
    if (episodeId !== undefined) {
      this.seen.ids?.add(episodeId);
      const earlier = this.seen.firstLine?.earlier(episodeId, line);
      if (earlier !== undefined)
        this.report(
          this.c.episode_id,
          `this episode_id is already used on line ${earlier}; each episode must appear once`,
          episodeId,
        );
    }

    const scores: (number | null)[] = new Array(this.scoreColumns.length);
    for (let i = 0; i < scores.length; i++) {
      const { measure, column } = this.scoreColumns[i] as { measure: MeasureDefinition; column: Column };
      scores[i] = this.score(measure, column);
    }
    const endReason = this.endReason(endDate);
    const profile = this.profileValues();

    if (startDate !== null && endDate !== null && endDate < startDate)
      this.report(
        this.c.end_date,
        `the end date is before the start date (${this.cell(this.c.start_date)})`,
        this.cell(this.c.end_date),
      );
    if (startDate !== null && referralDate !== null && startDate < referralDate)
      this.report(
        this.c.start_date,
        `the start date is before the referral date (${this.cell(this.c.referral_date)})`,
        this.cell(this.c.start_date),
      );
    if (this.cell(this.c.start_date) === '') {
      if (endDate !== null)
        this.report(
          this.c.end_date,
          'an end date is recorded but the start date is blank; add the start date',
          this.cell(this.c.end_date),
        );
      for (const [i, { column }] of this.scoreColumns.entries())
        if (scores[i] !== null && scores[i] !== undefined)
          this.report(
            column,
            'a score is recorded but the start date is blank; add the start date',
            this.cell(column),
          );
    }

    if (this.problems.count > before) return;
    this.seen.store.add(
      {
        familyId: familyId as string,
        service: service as Service,
        area: area as string,
        funding: this.cell(this.c.funding),
        referralDate: referralDate as Day,
        referralSource: this.cell(this.c.referral_source) || null,
        startDate,
        endDate,
        sessions,
        endReason,
      },
      scores,
      profile,
    );
  }
}

/** Why a score cell is not a score on `measure`, in words that say what to write instead. */
export function scoreProblem(measure: MeasureDefinition, value: string): string {
  const { min, max, name } = measure;
  const expected = measure.decimals
    ? `expected a ${name} score from ${min} to ${max} (decimals allowed, written with a point, e.g. 6.5)`
    : `expected a whole-number score from ${min} to ${max}`;
  const v = value.trim();
  if (MISSING_WORDS.has(v.toLowerCase()))
    return `${expected}; for a score that was not recorded, leave the cell blank`;
  if (/^[+-]?\d+,\d+$/.test(v))
    return measure.decimals
      ? `${expected}: write the decimal with a point, not a comma (${v.replace(',', '.')})`
      : `${expected}: ${name} scores are whole numbers (and a decimal is written with a point, not a comma)`;
  if (/^[+-]?\d+(\.\d+)?\s*%$/.test(v)) return `${expected}, without a % sign`;
  if (/^[+-]?\d+(\.\d+)?\s*[A-Za-z]+\.?$/.test(v) || /^[A-Za-z]+\.?\s*[+-]?\d+(\.\d+)?$/.test(v))
    return `${expected}, the number alone without a unit or words`;
  // A whole number out of range is told the range alone, not that scores are whole numbers.
  if (!measure.decimals && DECIMAL.test(v) && !INTEGER.test(v)) {
    const whole = /^[+-]?\d+\.0+$/.test(v);
    return `${expected}: ${name} scores are whole numbers${whole ? ` (if the spreadsheet shows ${v}, format the column as a number with 0 decimal places and save again)` : ''}`;
  }
  return expected;
}
