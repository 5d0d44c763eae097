import { createHash } from 'node:crypto';
import { MEASURES, OUTCOME_COLUMNS, OUTCOME_REQUIRED, SERVICES, SHARED_COLUMNS } from '../config/schema.js';
import {
  type Day,
  type Episode,
  type Measure,
  postField,
  preField,
  SCORE_RANGE,
  type Service,
} from '../domain.js';
import type { Cause, ProblemList } from '../errors.js';
import { type ColumnPlan, columnAt, planColumns } from './columns.js';
import { type DateFormat, parseDateCell } from './dates.js';
import { Interner } from './interner.js';
import { readCsv } from './read-csv.js';
import { rowFits, scanRow } from './rows.js';

export { OUTCOME_COLUMNS };

export interface InputOptions {
  dateFormat: DateFormat;
  columns: Record<string, string>;
  ignoreColumns: string[];
}

const INTEGER = /^[+-]?\d+$/;

/** What `readOutcomes` keeps across rows, besides the episodes: one entry per episode id. */
interface Seen {
  firstLine: Map<string, number>;
  intern: Interner;
}

/**
 * Reads outcomes.csv (data.md §1, §4, §5) into episodes, adding every problem to `problems`.
 * Returns the file's SHA-256. Streams: it holds one row at a time, plus per episode the
 * episode itself and its id's first line (for duplicates), never the file's text.
 */
export async function readOutcomes(
  file: string,
  options: InputOptions,
  problems: ProblemList,
): Promise<{ episodes: Episode[]; sha256: string }> {
  const hash = createHash('sha256');
  const episodes: Episode[] = [];
  const seen: Seen = { firstLine: new Map(), intern: new Interner() };
  let plan: ColumnPlan | undefined;
  let checker: EpisodeChecker | undefined;

  await readCsv(file, hash, problems, (row) => {
    if (!plan) {
      plan = planColumns(
        file,
        row.line,
        row.cells,
        { known: OUTCOME_COLUMNS, required: OUTCOME_REQUIRED, shared: SHARED_COLUMNS },
        options.columns,
        options.ignoreColumns,
        problems,
      );
      return;
    }
    const personal = scanRow(file, row.line, row.cells, plan, problems);
    const fits = rowFits(file, row.line, row.cells, plan.headers.length, problems);
    const cells = row.cells;
    // A row holding personal data is not checked further: its values must not be echoed.
    if (personal || !fits || !plan.complete) return;
    checker ??= new EpisodeChecker(file, plan, options.dateFormat, seen, problems);
    const episode = checker.check(row.line, cells);
    if (episode) episodes.push(episode);
  });

  if (!plan && problems.countIn(file) === 0) {
    problems.add({
      file,
      line: 1,
      message: `the file is empty; expected a header row naming the columns (${OUTCOME_REQUIRED.join(', ')}, …)`,
    });
  }
  return { episodes, sha256: hash.digest('hex') };
}

/**
 * One row's values against data.md §1 and §4. One checker per file, reused for every row
 * (a million rows should not mean a million sets of closures).
 */
class EpisodeChecker {
  private line = 0;
  private cells: string[] = [];
  private readonly at: Record<string, number>;

  constructor(
    private readonly file: string,
    private readonly plan: ColumnPlan,
    private readonly format: DateFormat,
    private readonly seen: Seen,
    private readonly problems: ProblemList,
  ) {
    this.at = Object.fromEntries(OUTCOME_COLUMNS.map((name) => [name, plan.index.get(name) ?? -1]));
  }

  private cell(name: string): string {
    const i = this.at[name] ?? -1;
    return i < 0 ? '' : (this.cells[i] ?? '');
  }

  private report(name: string, message: string, value?: string, cause?: Cause): void {
    this.problems.add({
      file: this.file,
      line: this.line,
      ...columnAt(this.plan, this.at[name] ?? -1),
      value,
      message,
      cause,
    });
  }

  private required(name: string): string | undefined {
    const v = this.cell(name);
    if (v === '') this.report(name, `a value is required in ${name}, but the cell is blank`);
    return v === '' ? undefined : v;
  }

  private date(name: string, isRequired: boolean): Day | null {
    const v = isRequired ? this.required(name) : this.cell(name) || undefined;
    if (v === undefined) return null;
    const parsed = parseDateCell(v, this.format);
    if (!parsed.ok) {
      this.report(name, `expected ${parsed.expected}`, v, parsed.cause);
      return null;
    }
    return parsed.day;
  }

  private integer(name: string, min: number, max: number, what: string): number | null {
    const v = this.cell(name);
    if (v === '') return null;
    const n = INTEGER.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      this.report(name, `expected ${what}`, v);
      return null;
    }
    return n;
  }

  private score(measure: Measure, when: 'pre' | 'post'): number | null {
    const { min, max } = SCORE_RANGE[measure];
    return this.integer(`${measure}_${when}`, min, max, `a whole-number score from ${min} to ${max}`);
  }

  /** The episode, or undefined when any value is wrong (each problem added). */
  check(line: number, cells: string[]): Episode | undefined {
    this.line = line;
    this.cells = cells;
    const before = this.problems.count;
    const episodeId = this.required('episode_id');
    const familyId = this.required('family_id');
    const serviceCell = this.required('service');
    const area = this.required('area');
    const referralDate = this.date('referral_date', true);
    const startDate = this.date('start_date', false);
    const endDate = this.date('end_date', false);
    const sessions = this.integer(
      'sessions',
      0,
      Number.MAX_SAFE_INTEGER,
      'a whole number of sessions, 0 or more',
    );

    const service = serviceCell?.toLowerCase() as Service | undefined;
    if (serviceCell !== undefined && !SERVICES.includes(service as Service))
      this.report('service', 'expected "individual" or "group" (any case)', serviceCell);
    if (episodeId !== undefined) {
      const earlier = this.seen.firstLine.get(episodeId);
      if (earlier !== undefined)
        this.report(
          'episode_id',
          `this episode_id is already used on line ${earlier}; each episode must appear once`,
          episodeId,
        );
      else this.seen.firstLine.set(episodeId, line);
    }

    const pirgasPre = this.score('pirgas', 'pre');
    const pirgasPost = this.score('pirgas', 'post');
    const phq9Pre = this.score('phq9', 'pre');
    const phq9Post = this.score('phq9', 'post');
    const gad7Pre = this.score('gad7', 'pre');
    const gad7Post = this.score('gad7', 'post');

    if (startDate !== null && endDate !== null && endDate < startDate)
      this.report(
        'end_date',
        `the end date is before the start date (${this.cell('start_date')})`,
        this.cell('end_date'),
      );
    if (startDate !== null && referralDate !== null && startDate < referralDate)
      this.report(
        'start_date',
        `the start date is before the referral date (${this.cell('referral_date')})`,
        this.cell('start_date'),
      );
    if (this.cell('start_date') === '') {
      if (endDate !== null)
        this.report(
          'end_date',
          'an end date is recorded but the start date is blank; add the start date',
          this.cell('end_date'),
        );
      const scores = { pirgasPre, pirgasPost, phq9Pre, phq9Post, gad7Pre, gad7Post };
      for (const m of MEASURES)
        for (const [field, column] of [
          [preField(m), `${m}_pre`],
          [postField(m), `${m}_post`],
        ] as const)
          if (scores[field] !== null)
            this.report(
              column,
              'a score is recorded but the start date is blank; add the start date',
              this.cell(column),
            );
    }

    if (this.problems.count > before) return undefined;
    const source = this.cell('referral_source');
    return {
      episodeId: episodeId as string,
      familyId: familyId as string,
      service: service as Service,
      area: this.seen.intern.string(area as string),
      funding: this.seen.intern.codes(this.cell('funding')),
      referralDate: referralDate as Day,
      referralSource: source ? this.seen.intern.string(source) : null,
      startDate,
      endDate,
      sessions,
      pirgasPre,
      pirgasPost,
      phq9Pre,
      phq9Post,
      gad7Pre,
      gad7Post,
    };
  }
}
