import { columnLetter, type Problem, type ProblemList, quote } from '../errors.js';
import { suggestHeaders } from './header-suggestions.js';
import { identifyingHeader, normaliseHeader } from './headers.js';
import { personalDataIn, printableHeader } from './privacy.js';

export interface ColumnSpec {
  /** Canonical names this file knows. */
  known: readonly string[];
  required: readonly string[];
  /**
   * Columns both files have (area): input.columns maps them for both, so a file without the
   * mapped header may use the canonical one.
   */
  shared: readonly string[];
}

export interface ColumnPlan {
  /** Canonical name → index in the row. */
  index: Map<string, number>;
  /** Indexes of every column that is read or scanned for personal data (all but ignoreColumns). */
  scanned: number[];
  /** The header of each column as it may be printed (undefined where it is blank or personal data). */
  headers: (string | undefined)[];
  /** Every required column was found, so the rows can be checked value by value. */
  complete: boolean;
}

/** Where a problem in column `i` is: its spreadsheet letter and its header. */
export function columnAt(
  plan: Pick<ColumnPlan, 'headers'>,
  i: number,
): Pick<Problem, 'column' | 'columnLetter'> {
  return { columnLetter: columnLetter(i), column: plan.headers[i] };
}

const DELIMITERS: [string, string, string][] = [
  [
    ';',
    'semicolons',
    " (Excel does this where the computer's region writes decimals with a comma: set the list separator to a comma in the region settings, or save it on a computer set to United Kingdom)",
  ],
  ['\t', 'tabs', ' (what Excel writes for "Text (Tab delimited)" and "Unicode Text")'],
  ['|', 'vertical bars', ''],
];

/**
 * Matches a header row to the canonical columns (data.md §1): normalised headers, then
 * `input.columns` (canonical → the export's header, which wins over a column of the canonical
 * name), dropping `input.ignoreColumns` unread. Missing required columns and identifying
 * headers (data.md §5) are problems.
 */
export function planColumns(
  file: string,
  line: number,
  headerCells: string[],
  spec: ColumnSpec,
  columns: Record<string, string>,
  ignoreColumns: string[],
  problems: ProblemList,
): ColumnPlan {
  const normalised = headerCells.map(normaliseHeader);
  const headers = headerCells.map((h) => printableHeader(h.replace(/^\uFEFF/, '')));
  const ignored = new Set(ignoreColumns.map(normaliseHeader));
  const mapped = new Map<string, string>();
  const mappedCanonical = new Set<string>();
  for (const [canonical, header] of Object.entries(columns)) {
    if (!spec.known.includes(canonical)) continue;
    mapped.set(normaliseHeader(header), canonical);
    // The mapped header wins over a column of the canonical name (a shared column only where
    // this file has the mapped header).
    if (!spec.shared.includes(canonical) || normalised.includes(normaliseHeader(header)))
      mappedCanonical.add(canonical);
  }
  const add = (i: number, message: string, personal = false) =>
    problems.add({ file, line, ...columnAt({ headers }, i), message, personal });

  const first = headerCells[0] ?? '';
  const delimiter = headerCells.length === 1 ? DELIMITERS.find(([d]) => first.includes(d)) : undefined;
  if (delimiter) {
    problems.add({
      file,
      line,
      message: `the values are separated by ${delimiter[1]}, not commas${delimiter[2]}; in Excel choose Save As, "CSV UTF-8 (Comma delimited)"`,
    });
  }

  const index = new Map<string, number>();
  const scanned: number[] = [];
  /** Headers no column uses: what a missing required column might be called here. */
  const unused: number[] = [];
  normalised.forEach((name, i) => {
    if (ignored.has(name)) return;
    scanned.push(i);
    const looksLikeData = personalDataIn(headerCells[i] ?? '');
    if (looksLikeData) {
      add(
        i,
        `this header looks like ${looksLikeData}, which is personal data (the value is not shown); is the header row missing? Remove the personal data from the export`,
        true,
      );
      return;
    }
    const looksLike = identifyingHeader(name);
    if (looksLike) {
      add(
        i,
        `this column looks like ${looksLike}, which is personal data. Remove the column from the export, or, if it is empty or not personal, list its header under input.ignoreColumns in the configuration`,
        true,
      );
      return;
    }
    const canonical =
      mapped.get(name) ?? (spec.known.includes(name) && !mappedCanonical.has(name) ? name : undefined);
    if (canonical === undefined) {
      if (name !== '') unused.push(i);
      return;
    }
    const earlier = index.get(canonical);
    if (earlier !== undefined) {
      add(
        i,
        `the column ${canonical} appears twice (also column ${columnLetter(earlier)}); keep one of them`,
      );
      return;
    }
    index.set(canonical, i);
  });

  // With the wrong separator there is one column: the missing ones follow from that.
  if (delimiter) return { index, scanned, headers, complete: false };
  const missing = spec.required.filter((name) => !index.has(name) && !columns[name]);
  const unusedHeaders = new Map<string, number>();
  for (const i of unused) {
    const header = headers[i];
    if (header !== undefined && !unusedHeaders.has(header)) unusedHeaders.set(header, i);
  }
  const suggested = suggestHeaders(missing, [...unusedHeaders.keys()]);
  const named = missing.filter((name) => (suggested.get(name) ?? []).length > 0).length;
  if (
    spec.required.every((name) => !index.has(name)) &&
    !spec.required.some((n) => columns[n]) &&
    named * 2 < spec.required.length
  ) {
    problems.add({
      file,
      line,
      message: `the header names none of the required columns (${spec.required.join(', ')}); is this the right file, and is its first row the header?`,
    });
    return { index, scanned, headers, complete: false };
  }
  let complete = true;
  for (const name of spec.required) {
    if (index.has(name)) continue;
    complete = false;
    const header = columns[name];
    const wanted = normaliseHeader(header ?? name);
    const position = normalised.indexOf(wanted);
    let message: string;
    if (position >= 0 && ignored.has(wanted))
      message = `the required column ${name} is listed under input.ignoreColumns; remove it from that list`;
    else if (position >= 0)
      continue; // already reported: personal data, or a duplicate
    else if (header)
      message = `the required column ${name} is missing: input.columns maps it to "${header}", but the header has no column "${header}"`;
    else {
      const candidates = suggested.get(name) ?? [];
      const first = candidates[0];
      if (first !== undefined) {
        const which = candidates
          .map((h) => `${quote(h)} (column ${columnLetter(unusedHeaders.get(h) ?? 0)})`)
          .join(' or ');
        problems.add({
          file,
          line,
          column: name,
          message: `the required column ${name} is missing from the header, but it has ${which}, which may be it: map it with input.columns in the configuration (${name}: ${quote(first)}), or rename that column to ${name}`,
          fixedBySetting: true,
        });
        continue;
      }
      message = `the required column ${name} is missing from the header; rename your column to ${name}, or map it with input.columns in the configuration (e.g. ${name}: "Your header")`;
    }
    problems.add({ file, line, column: header ?? name, message });
  }
  for (const [name, header] of Object.entries(columns)) {
    if (!spec.known.includes(name) || spec.required.includes(name)) continue;
    if (normalised.includes(normaliseHeader(header))) continue;
    if (spec.shared.includes(name) && normalised.includes(name)) continue;
    problems.add({
      file,
      line,
      column: header,
      message: `input.columns maps ${name} to "${header}", but the header has no column "${header}"; check the spelling`,
    });
  }
  return { index, scanned, headers, complete };
}
