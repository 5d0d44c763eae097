import { createHash } from 'node:crypto';
import { REFERRAL_COLUMNS, REFERRAL_REQUIRED, SHARED_COLUMNS } from '../config/columns.js';
import type { ReferralCount } from '../domain.js';
import type { ProblemList } from '../errors.js';
import { type ColumnPlan, columnAt, planColumns } from './columns.js';
import { parseMonthCell } from './dates.js';
import { Interner } from './interner.js';
import type { InputOptions } from './outcomes.js';
import { readCsv } from './read-csv.js';
import { rowFits, scanRow } from './rows.js';

/** The source of a row whose source cell is blank. */
export const UNRECORDED_SOURCE = 'not recorded';

/** What readReferrals gives: the counts and the file's SHA-256. */
export interface ReferralsRead {
  referrals: ReferralCount[];
  sha256: string;
}

/**
 * Reads referrals.csv (data.md §2) into counts; problems go to `problems`. Returns its SHA-256.
 * Streams: holds one row at a time and the counts.
 */
export async function readReferrals(
  file: string,
  options: InputOptions,
  problems: ProblemList,
): Promise<ReferralsRead> {
  const hash = createHash('sha256');
  const referrals: ReferralCount[] = [];
  const intern = new Interner();
  let plan: ColumnPlan | undefined;
  await readCsv(file, hash, problems, (row) => {
    if (!plan) {
      plan = planColumns(
        file,
        row.line,
        row.cells,
        { known: REFERRAL_COLUMNS, required: REFERRAL_REQUIRED, shared: SHARED_COLUMNS },
        options.columns,
        options.ignoreColumns,
        problems,
      );
      return;
    }
    const personal = scanRow(file, row.line, row.cells, plan, problems);
    const fits = rowFits(file, row.line, row.cells, plan.headers.length, problems);
    const cells = row.cells;
    if (personal || !fits || !plan.complete) return;

    const p = plan;
    const line = row.line;
    const before = problems.count;
    const cell = (name: string) => cells[p.index.get(name) ?? -1] ?? '';
    const report = (name: string, message: string, value?: string) =>
      problems.add({ file, line, ...columnAt(p, p.index.get(name) ?? -1), value, message });
    for (const name of REFERRAL_REQUIRED)
      if (cell(name) === '') report(name, `a value is required in ${name}, but the cell is blank`);

    const month = cell('month') ? parseMonthCell(cell('month')) : undefined;
    if (month && !month.ok) report('month', `expected ${month.expected}`, cell('month'));
    const countCell = cell('count');
    const count = /^\+?\d+$/.test(countCell) ? Number(countCell) : Number.NaN;
    if (countCell && !Number.isSafeInteger(count))
      report('count', 'expected a whole number of referrals, 0 or more', countCell);
    if (problems.count > before || !month?.ok) return;
    referrals.push({
      month: month.day,
      area: intern.string(cell('area')),
      source: intern.string(cell('source') || UNRECORDED_SOURCE),
      count,
    });
  });

  if (!plan && problems.countIn(file) === 0)
    problems.add({
      file,
      line: 1,
      message: 'the file is empty; expected a header row: month, area, source, count',
    });
  return { referrals, sha256: hash.digest('hex') };
}
