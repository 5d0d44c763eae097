import type { Problem, ProblemList } from '../errors.js';
import { identifyingHeader, normaliseHeader } from './headers.js';

export interface ColumnSpec {
  /** Canonical names this file knows. */
  known: readonly string[];
  required: readonly string[];
}

export interface ColumnPlan {
  /** Canonical name → index in the row. */
  index: Map<string, number>;
  /** Indexes of every column that is read or scanned for personal data (all but ignoreColumns). */
  scanned: number[];
  headers: string[];
}

/**
 * Matches a header row to the canonical columns (data.md §1): normalised headers, then
 * `input.columns` (canonical → the export's header), dropping `input.ignoreColumns` unread.
 * Missing required columns and identifying headers (data.md §5) are problems.
 */
export function planColumns(
  file: string,
  headerCells: string[],
  spec: ColumnSpec,
  columns: Record<string, string>,
  ignoreColumns: string[],
  problems: ProblemList,
): ColumnPlan {
  const headers = headerCells.map((h) => h.replace(/^\uFEFF/, ''));
  const normalised = headers.map(normaliseHeader);
  const ignored = new Set(ignoreColumns.map(normaliseHeader));
  const renamed = new Map<string, string>();
  for (const [canonical, header] of Object.entries(columns)) {
    if (spec.known.includes(canonical)) renamed.set(normaliseHeader(header), canonical);
  }
  const index = new Map<string, number>();
  const scanned: number[] = [];
  const seen = new Map<string, number>();
  normalised.forEach((name, i) => {
    if (ignored.has(name)) return;
    scanned.push(i);
    const canonical = renamed.get(name) ?? (spec.known.includes(name) ? name : undefined);
    const column = headers[i] ?? '';
    if (canonical === undefined) {
      const looksLike = identifyingHeader(name);
      if (looksLike) {
        problems.add({
          file,
          line: 1,
          column,
          message: `this column looks like ${looksLike}, which is personal data. Remove the column from the export, or, if it is empty or not personal, list it under input.ignoreColumns in the configuration`,
        });
      }
      return;
    }
    if (seen.has(canonical)) {
      problems.add({
        file,
        line: 1,
        column,
        message: `the column "${canonical}" appears twice; keep one of them`,
      });
      return;
    }
    seen.set(canonical, i);
    index.set(canonical, i);
  });
  for (const name of spec.required) {
    if (!index.has(name)) {
      const mapped = columns[name];
      problems.add({
        file,
        line: 1,
        column: mapped ?? name,
        message: mapped
          ? `the required column "${mapped}" (mapped to ${name} by input.columns) is missing from the header`
          : `the required column "${name}" is missing from the header; rename your column, or map it with input.columns in the configuration`,
      } satisfies Problem);
    }
  }
  return { index, scanned, headers };
}
