import type { ProblemList } from '../errors.js';
import { type ColumnPlan, columnAt } from './columns.js';
import { personalDataIn } from './privacy.js';

/**
 * data.md §5: every cell that is read or scanned (all but input.ignoreColumns, plus any beyond
 * the header) must not hold an email, a UK postcode or an NHS number. The value is never kept.
 * Returns whether any did.
 */
export function scanRow(
  file: string,
  line: number,
  cells: string[],
  plan: ColumnPlan,
  problems: ProblemList,
): boolean {
  let found = false;
  for (const i of plan.scanned)
    if (i < cells.length) found = scanCell(file, line, cells, i, plan, problems) || found;
  for (let i = plan.headers.length; i < cells.length; i++)
    found = scanCell(file, line, cells, i, plan, problems) || found;
  return found;
}

/** Whether cell `i` looks like personal data (adding the problem when it does). */
function scanCell(
  file: string,
  line: number,
  cells: string[],
  i: number,
  plan: ColumnPlan,
  problems: ProblemList,
): boolean {
  const looksLike = personalDataIn(cells[i] ?? '');
  if (!looksLike) return false;
  problems.add({
    file,
    line,
    ...columnAt(plan, i),
    personal: true,
    message: `this cell looks like ${looksLike}, which is personal data (the value is not shown). Remove it from the export; the input must be anonymised`,
  });
  return true;
}

/**
 * A row must have as many values as the header has columns: a stray or missing comma shifts
 * every value after it, so guessing would put numbers in the wrong columns. Returns whether
 * the row fits (adding a problem when not).
 */
export function rowFits(
  file: string,
  line: number,
  cells: string[],
  width: number,
  problems: ProblemList,
): boolean {
  const n = cells.length;
  if (n === width) return true;
  problems.add({
    file,
    line,
    message: `this row has ${n} value${n === 1 ? '' : 's'} but the header has ${width} columns; check the row for a ${n > width ? 'stray' : 'missing'} comma (a value containing a comma must be in "quotes")`,
  });
  return false;
}
