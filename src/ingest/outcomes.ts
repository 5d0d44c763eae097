import { createHash } from 'node:crypto';
import { MEASURES, OUTCOME_COLUMNS, OUTCOME_REQUIRED, SERVICES, SHARED_COLUMNS } from '../config/schema.js';
import { type Day, type Episode, postField, preField, SCORE_RANGE, type Service } from '../domain.js';
import type { ProblemList } from '../errors.js';
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

  for await (const row of readCsv(file, hash, problems)) {
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
      continue;
    }
    const personal = scanRow(file, row.line, row.cells, plan, problems);
    const fits = rowFits(file, row.line, row.cells, plan.headers.length, problems);
    const cells = row.cells;
    // A row holding personal data is not checked further: its values must not be echoed.
    if (personal || !fits || !plan.complete) continue;
    const episode = checkEpisode(file, row.line, cells, plan, options.dateFormat, seen, problems);
    if (episode) episodes.push(episode);
  }
  if (!plan && problems.countIn(file) === 0) {
    problems.add({
      file,
      line: 1,
      message: `the file is empty; expected a header row naming the columns (${OUTCOME_REQUIRED.join(', ')}, …)`,
    });
  }
  return { episodes, sha256: hash.digest('hex') };
}

/** One row's values against data.md §1 and §4; the episode, or undefined when any is wrong. */
function checkEpisode(
  file: string,
  line: number,
  cells: string[],
  plan: ColumnPlan,
  format: DateFormat,
  seen: Seen,
  problems: ProblemList,
): Episode | undefined {
  const before = problems.count;
  const cell = (name: string) => {
    const i = plan.index.get(name);
    return i === undefined ? '' : (cells[i] ?? '');
  };
  const report = (name: string, message: string, value?: string) =>
    problems.add({ file, line, ...columnAt(plan, plan.index.get(name) ?? -1), value, message });
  const required = (name: string): string | undefined => {
    const v = cell(name);
    if (v === '') report(name, `a value is required in ${name}, but the cell is blank`);
    return v === '' ? undefined : v;
  };
  const date = (name: string, isRequired: boolean): Day | null => {
    const v = isRequired ? required(name) : cell(name) || undefined;
    if (v === undefined) return null;
    const parsed = parseDateCell(v, format);
    if (!parsed.ok) {
      report(name, `expected ${parsed.expected}`, v);
      return null;
    }
    return parsed.day;
  };
  const integer = (name: string, min: number, max: number, what: string): number | null => {
    const v = cell(name);
    if (v === '') return null;
    const n = INTEGER.test(v) ? Number(v) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      report(name, `expected ${what}`, v);
      return null;
    }
    return n;
  };

  const episodeId = required('episode_id');
  const familyId = required('family_id');
  const serviceCell = required('service');
  const area = required('area');
  const referralDate = date('referral_date', true);
  const startDate = date('start_date', false);
  const endDate = date('end_date', false);
  const sessions = integer('sessions', 0, Number.MAX_SAFE_INTEGER, 'a whole number of sessions, 0 or more');

  const service = serviceCell?.toLowerCase() as Service | undefined;
  if (serviceCell !== undefined && !SERVICES.includes(service as Service))
    report('service', 'expected "individual" or "group" (any case)', serviceCell);
  if (episodeId !== undefined) {
    const earlier = seen.firstLine.get(episodeId);
    if (earlier !== undefined)
      report(
        'episode_id',
        `this episode_id is already used on line ${earlier}; each episode must appear once`,
        episodeId,
      );
    else seen.firstLine.set(episodeId, line);
  }

  const scores = {} as Record<string, number | null>;
  for (const m of MEASURES) {
    const { min, max } = SCORE_RANGE[m];
    scores[preField(m)] = integer(`${m}_pre`, min, max, `a whole-number score from ${min} to ${max}`);
    scores[postField(m)] = integer(`${m}_post`, min, max, `a whole-number score from ${min} to ${max}`);
  }

  if (startDate !== null && endDate !== null && endDate < startDate)
    report('end_date', `the end date is before the start date (${cell('start_date')})`, cell('end_date'));
  if (startDate !== null && referralDate !== null && startDate < referralDate)
    report(
      'start_date',
      `the start date is before the referral date (${cell('referral_date')})`,
      cell('start_date'),
    );
  if (cell('start_date') === '') {
    if (endDate !== null)
      report(
        'end_date',
        'an end date is recorded but the start date is blank; add the start date',
        cell('end_date'),
      );
    for (const m of MEASURES)
      for (const [field, column] of [
        [preField(m), `${m}_pre`],
        [postField(m), `${m}_post`],
      ] as const)
        if (scores[field] !== null && scores[field] !== undefined)
          report(column, 'a score is recorded but the start date is blank; add the start date', cell(column));
  }

  if (problems.count > before) return undefined;
  return {
    episodeId: episodeId as string,
    familyId: familyId as string,
    service: service as Service,
    area: seen.intern.string(area as string),
    funding: seen.intern.codes(cell('funding')),
    referralDate: referralDate as Day,
    referralSource: cell('referral_source') ? seen.intern.string(cell('referral_source')) : null,
    startDate,
    endDate,
    sessions,
    pirgasPre: scores.pirgasPre ?? null,
    pirgasPost: scores.pirgasPost ?? null,
    phq9Pre: scores.phq9Pre ?? null,
    phq9Post: scores.phq9Post ?? null,
    gad7Pre: scores.gad7Pre ?? null,
    gad7Post: scores.gad7Post ?? null,
  };
}
