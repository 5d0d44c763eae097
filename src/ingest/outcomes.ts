import { createHash } from 'node:crypto';
import { MEASURES, SERVICES } from '../config/schema.js';
import { type Day, type Episode, postField, preField, SCORE_RANGE, type Service } from '../domain.js';
import type { ProblemList } from '../errors.js';
import { planColumns } from './columns.js';
import { type DateFormat, parseDateCell } from './dates.js';
import { personalDataIn } from './privacy.js';
import { readCsv } from './read-csv.js';

export const OUTCOME_COLUMNS = [
  'episode_id',
  'family_id',
  'service',
  'area',
  'funding',
  'referral_date',
  'referral_source',
  'start_date',
  'end_date',
  'sessions',
  'pirgas_pre',
  'pirgas_post',
  'phq9_pre',
  'phq9_post',
  'gad7_pre',
  'gad7_post',
] as const;
const REQUIRED = ['episode_id', 'family_id', 'service', 'area', 'referral_date'] as const;

export interface InputOptions {
  dateFormat: DateFormat;
  columns: Record<string, string>;
  ignoreColumns: string[];
}

const INTEGER = /^[+-]?\d+$/;

/** Shares one string or array per distinct value: a large export repeats a handful of areas and codes. */
class Interner {
  private readonly strings = new Map<string, string>();
  private readonly lists = new Map<string, readonly string[]>();
  string(value: string): string {
    const known = this.strings.get(value);
    if (known !== undefined) return known;
    this.strings.set(value, value);
    return value;
  }
  codes(cell: string): readonly string[] {
    const known = this.lists.get(cell);
    if (known) return known;
    const codes = Object.freeze(
      [
        ...new Set(
          cell
            .split(';')
            .map((c) => c.trim())
            .filter(Boolean),
        ),
      ].map((c) => this.string(c)),
    );
    this.lists.set(cell, codes);
    return codes;
  }
}

/**
 * Reads outcomes.csv (data.md §1, §4, §5) into episodes, adding every problem to `problems`.
 * Returns the file's SHA-256. Streams: memory grows with the episodes kept, not the file.
 */
export async function readOutcomes(
  file: string,
  options: InputOptions,
  problems: ProblemList,
): Promise<{ episodes: Episode[]; sha256: string }> {
  const hash = createHash('sha256');
  const episodes: Episode[] = [];
  const firstLine = new Map<string, number>();
  const intern = new Interner();
  let plan: ReturnType<typeof planColumns> | undefined;

  for await (const { line, cells } of readCsv(file, hash)) {
    if (!plan) {
      plan = planColumns(
        file,
        cells,
        { known: OUTCOME_COLUMNS, required: REQUIRED },
        options.columns,
        options.ignoreColumns,
        problems,
      );
      continue;
    }
    const p = plan;
    const before = problems.count;
    const report = (column: string, message: string, value?: string) =>
      problems.add({ file, line, column: p.headers[p.index.get(column) ?? -1] ?? column, value, message });

    if (cells.length !== p.headers.length) {
      problems.add({
        file,
        line,
        message: `this row has ${cells.length} value${cells.length === 1 ? '' : 's'} but the header has ${p.headers.length} columns; check for a stray or missing comma`,
      });
      continue;
    }
    let personal = false;
    for (const i of p.scanned) {
      const looksLike = personalDataIn(cells[i] ?? '');
      if (looksLike) {
        personal = true;
        problems.add({
          file,
          line,
          column: p.headers[i],
          message: `this cell looks like ${looksLike}, which is personal data (the value is not shown). Remove it from the export`,
        });
      }
    }
    if (personal) continue;

    const cell = (name: string) => {
      const i = p.index.get(name);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const required = (name: string): string | undefined => {
      const v = cell(name);
      if (v === '' && p.index.has(name)) report(name, 'a value is required here, but the cell is blank');
      return v === '' ? undefined : v;
    };
    const date = (name: string, isRequired: boolean): Day | null => {
      const v = isRequired ? required(name) : cell(name) || undefined;
      if (v === undefined) return null;
      const parsed = parseDateCell(v, options.dateFormat);
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
      if (!Number.isInteger(n) || n < min || n > max) {
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
    if (serviceCell !== undefined && !SERVICES.includes(service as Service)) {
      report('service', 'expected "individual" or "group"', serviceCell);
    }
    if (episodeId !== undefined) {
      const earlier = firstLine.get(episodeId);
      if (earlier !== undefined)
        report(
          'episode_id',
          `this episode_id is already used on line ${earlier}; each episode must appear once`,
          episodeId,
        );
      else firstLine.set(episodeId, line);
    }

    const scores = {} as Record<string, number | null>;
    for (const m of MEASURES) {
      const { min, max } = SCORE_RANGE[m];
      for (const [field, column] of [
        [preField(m), `${m}_pre`],
        [postField(m), `${m}_post`],
      ] as const) {
        scores[field] = integer(column, min, max, `a whole-number score from ${min} to ${max}`);
      }
    }

    if (startDate !== null && endDate !== null && endDate < startDate) {
      report('end_date', `the end date is before the start date (${cell('start_date')})`, cell('end_date'));
    }
    if (startDate !== null && referralDate !== null && startDate < referralDate) {
      report(
        'start_date',
        `the start date is before the referral date (${cell('referral_date')})`,
        cell('start_date'),
      );
    }
    if (startDate === null && cell('start_date') === '') {
      if (endDate !== null)
        report(
          'end_date',
          'an end date is recorded but the start date is blank; add the start date',
          cell('end_date'),
        );
      for (const m of MEASURES) {
        for (const column of [`${m}_pre`, `${m}_post`]) {
          if (cell(column) !== '')
            report(
              column,
              'a score is recorded but the start date is blank; add the start date',
              cell(column),
            );
        }
      }
    }

    if (problems.count > before) continue;
    episodes.push({
      episodeId: episodeId as string,
      familyId: familyId as string,
      service: service as Service,
      area: intern.string(area as string),
      funding: intern.codes(cell('funding')),
      referralDate: referralDate as Day,
      referralSource: cell('referral_source') ? intern.string(cell('referral_source')) : null,
      startDate,
      endDate,
      sessions,
      pirgasPre: scores.pirgasPre ?? null,
      pirgasPost: scores.pirgasPost ?? null,
      phq9Pre: scores.phq9Pre ?? null,
      phq9Post: scores.phq9Post ?? null,
      gad7Pre: scores.gad7Pre ?? null,
      gad7Post: scores.gad7Post ?? null,
    });
  }
  if (!plan) {
    problems.add({
      file,
      line: 1,
      message: `the file is empty; expected a header row naming the columns (${REQUIRED.join(', ')}, …)`,
    });
  }
  return { episodes, sha256: hash.digest('hex') };
}
