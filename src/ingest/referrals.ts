import { createHash } from 'node:crypto';
import type { ReferralCount } from '../domain.js';
import type { ProblemList } from '../errors.js';
import { planColumns } from './columns.js';
import { parseMonthCell } from './dates.js';
import type { InputOptions } from './outcomes.js';
import { personalDataIn } from './privacy.js';
import { readCsv } from './read-csv.js';

const COLUMNS = ['month', 'area', 'source', 'count'] as const;
const REQUIRED = ['month', 'area', 'count'] as const;
/** The source of a row whose source cell is blank. */
export const UNRECORDED_SOURCE = 'not recorded';

/** Reads referrals.csv (data.md §2) into counts; problems go to `problems`. Returns its SHA-256. */
export async function readReferrals(
  file: string,
  options: InputOptions,
  problems: ProblemList,
): Promise<{ referrals: ReferralCount[]; sha256: string }> {
  const hash = createHash('sha256');
  const referrals: ReferralCount[] = [];
  let plan: ReturnType<typeof planColumns> | undefined;
  for await (const { line, cells } of readCsv(file, hash)) {
    if (!plan) {
      plan = planColumns(
        file,
        cells,
        { known: COLUMNS, required: REQUIRED },
        options.columns,
        options.ignoreColumns,
        problems,
      );
      continue;
    }
    const p = plan;
    if (cells.length !== p.headers.length) {
      problems.add({
        file,
        line,
        message: `this row has ${cells.length} values but the header has ${p.headers.length} columns; check for a stray or missing comma`,
      });
      continue;
    }
    const before = problems.count;
    for (const i of p.scanned) {
      const looksLike = personalDataIn(cells[i] ?? '');
      if (looksLike)
        problems.add({
          file,
          line,
          column: p.headers[i],
          message: `this cell looks like ${looksLike}, which is personal data (the value is not shown). Remove it from the export`,
        });
    }
    if (problems.count > before) continue;
    const cell = (name: string) => cells[p.index.get(name) ?? -1] ?? '';
    const report = (name: string, message: string, value?: string) =>
      problems.add({ file, line, column: p.headers[p.index.get(name) ?? -1] ?? name, value, message });
    for (const name of REQUIRED)
      if (p.index.has(name) && cell(name) === '')
        report(name, 'a value is required here, but the cell is blank');

    const month = cell('month') ? parseMonthCell(cell('month')) : undefined;
    if (cell('month') && month === undefined)
      report('month', 'expected a month written YYYY-MM, e.g. 2024-04', cell('month'));
    const countCell = cell('count');
    const count = /^\+?\d+$/.test(countCell) ? Number(countCell) : Number.NaN;
    if (countCell && !Number.isSafeInteger(count))
      report('count', 'expected a whole number of referrals, 0 or more', countCell);
    if (problems.count > before) continue;
    referrals.push({
      month: month as number,
      area: cell('area'),
      source: cell('source') || UNRECORDED_SOURCE,
      count,
    });
  }
  if (!plan)
    problems.add({
      file,
      line: 1,
      message: 'the file is empty; expected a header row: month, area, source, count',
    });
  return { referrals, sha256: hash.digest('hex') };
}
